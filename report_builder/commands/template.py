"""`report-builder template`: check a council's Word template, or write the default templates."""

from __future__ import annotations

from pathlib import Path

import click

from report_builder.console import Console, handles_problems
from report_builder.errors import ReportError


@click.group(name="template")
def command() -> None:
    """Work with the council's Word templates.

    Example: report-builder template check templates/annual_report.docx
    """


@command.command(name="check")
@click.argument("file", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@handles_problems
def check(file: Path) -> None:
    """List missing styles, syntax errors and unknown placeholders in a Word template.

    Example: report-builder template check my_council_annual_report.docx
    """
    from report_builder.template_check import check_template

    problems = check_template(file)
    if any(p.severity == "error" for p in problems):
        raise ReportError(problems)
    if problems:
        Console().problems(problems, f"{file}: no problems, {len(problems)} warning(s):")
    else:
        Console().say(f"{file}: no problems found")


@command.command(name="defaults")
@click.argument("out_dir", type=click.Path(path_type=Path), default=Path("templates"))
@handles_problems
def defaults(out_dir: Path) -> None:
    """Write the default templates (a starting point for a council's own).

    Example: report-builder template defaults my_templates
    """
    from report_builder.templates_default import write_default_templates

    for path in write_default_templates(out_dir):
        Console().say(f"wrote {path}")
