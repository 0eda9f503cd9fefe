"""report-builder minute: a draft minute of the report's item for committee services."""

from __future__ import annotations

from pathlib import Path

import click

from report_builder.console import Console, handles_problems


@click.command("minute")
@click.argument("report_dir", type=click.Path(path_type=Path), default=".")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("out"), show_default=True,
              help="Folder for the minute (.docx and .txt).")
@click.option("--print", "show", is_flag=True, help="Also print the minute.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but problems.")
@handles_problems
def minute(report_dir: Path, out_dir: Path, show: bool, quiet: bool) -> None:
    """Write a draft minute for REPORT_DIR's committee item: the areas the report covered, the key figures
    with last year's beside them, space for the discussion, and the resolution. Every figure comes from
    the statistics.

    Example: report-builder minute content/example --out out
    """
    from report_builder.load import load_report
    from report_builder.minute import draft_minute, write_minute
    from report_builder.outputs import paper_names
    from report_builder.statistics.sources import compute_statistics

    console = Console(quiet)
    report = load_report(report_dir)
    stats, _warnings = compute_statistics(report)
    drafted = draft_minute(report, stats)
    for path in write_minute(drafted, report, out_dir, paper_names(report, stats)["annual_report"]):
        console.say(f"wrote {path}")
    if show:
        click.echo(drafted.as_text())


command = minute
