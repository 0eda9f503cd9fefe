"""Write the default Word templates into this folder: python templates/build_templates.py"""

from pathlib import Path

from report_builder.templates_default import write_default_templates

if __name__ == "__main__":
    for path in write_default_templates(Path(__file__).parent):
        print(f"wrote {path}")
