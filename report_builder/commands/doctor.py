"""report-builder doctor: what the tool uses on this computer, and how to install what is missing."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import click

from report_builder.console import EXIT_PROBLEMS, handles_problems

LABEL_WIDTH = 14
INDENT = " " * (2 + 12 + LABEL_WIDTH)


@click.command("doctor")
@click.argument("report_dir", type=click.Path(path_type=Path), required=False)
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("out"), show_default=True,
              help="The folder build writes the papers to.")
@click.option("--figures", "figures_dir", type=click.Path(path_type=Path), default=Path("figures"),
              show_default=True, help="The folder build writes the charts to.")
@handles_problems
def command(report_dir: Path | None, out_dir: Path, figures_dir: Path) -> None:
    """Check what report-builder uses on this computer: Python, LibreOffice and its version, its UNO
    bridge, poppler, the fonts of the templates (REPORT_DIR's, else the default ones; the current
    folder's when it holds a report.yaml) and the output folders. Each missing piece is shown with the
    command that installs it here. Exits with status 1 when something needed is missing.

    Example: report-builder doctor content/example
    """
    from report_builder.doctor.checks import MISSING, examine, system_name
    from report_builder.doctor.remedies import system_kind
    from report_builder.publish.soffice import this_system

    if report_dir is None and Path("report.yaml").is_file():
        report_dir = Path(".")
    system = this_system()
    click.echo(f"What report-builder uses on this computer ({system_name(system_kind(system))}):\n")
    findings = examine(report_dir, out_dir, figures_dir, system)
    for finding in findings:
        click.echo(_wrapped(f"  {finding.status:<12}{finding.name:<{LABEL_WIDTH - 1}} {finding.found}"))
        if finding.needed_for:
            click.echo(_wrapped(f"{INDENT}needed for {finding.needed_for}"))
        if finding.install:  # a command, left whole to be copied
            click.echo(f"{INDENT}to install: {finding.install}")
        if finding.fix:
            click.echo(_wrapped(f"{INDENT}to fix: {finding.fix}"))
    missing = [finding for finding in findings if finding.status == MISSING]
    if not missing:
        click.echo("\nEverything report-builder needs is here.")
        return
    things = "1 thing is" if len(missing) == 1 else f"{len(missing)} things are"
    click.echo(f"\n{things} missing ({', '.join(f.name for f in missing)}): see above, then run "
               "report-builder doctor again.")
    raise SystemExit(EXIT_PROBLEMS)


def _wrapped(line: str) -> str:
    """Return the line wrapped to the terminal's width, continued under the text column."""
    width = max(72, shutil.get_terminal_size((101, 24)).columns - 1)
    return textwrap.fill(line, width=width, subsequent_indent=INDENT, break_on_hyphens=False, break_long_words=False)
