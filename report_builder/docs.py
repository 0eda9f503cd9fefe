"""Generated documentation: the statistics vocabulary table in the README, kept in step by a test.

Run `python -m report_builder.docs` to rewrite the README's vocabulary section after changing names.
"""

from __future__ import annotations

import re
from pathlib import Path

from report_builder.statistics.vocabulary import entries

START, END = "<!-- vocabulary:start -->", "<!-- vocabulary:end -->"
README = Path(__file__).parents[1] / "README.md"


def vocabulary_markdown() -> str:
    """Return the vocabulary as a Markdown table: name, unit, meaning."""
    rows = ["| name | unit | meaning |", "|---|---|---|"]
    rows += [f"| `{e.name}` | {e.unit} | {e.description} |" for e in entries()]
    return "\n".join(rows)


def update_readme(path: Path = README) -> bool:
    """Rewrite the README's vocabulary section; return True if it changed."""
    text = path.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.DOTALL)
    updated = pattern.sub(f"{START}\n{vocabulary_markdown()}\n{END}", text)
    if updated != text:
        path.write_text(updated, encoding="utf-8")
    return updated != text


if __name__ == "__main__":
    print("README updated" if update_readme() else "README already up to date")
