"""report-builder new: start this year's report folder, from last year's or as a skeleton."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from report_builder.console import Console, handles_problems


def _default_year() -> int:
    """Return the year ending of the last complete reporting year (reports are written after 31 March)."""
    today = date.today()
    return today.year if today.month >= 4 else today.year - 1


def _called(name: str):  # type: ignore[no-untyped-def]
    """Return a decorator naming the step in messages ("… stopped the new report")."""
    def rename(function):  # type: ignore[no-untyped-def]
        function.__name__ = name
        return function

    return rename


@click.command("new")
@click.argument("report_dir", type=click.Path(path_type=Path))
@click.option("--from", "last_year", type=click.Path(path_type=Path),
              help="Last year's report folder: copy it, move the dates on a year and carry its priorities forward.")
@click.option("--council", "council_profile", type=click.Path(path_type=Path),
              help="For a first report: the council profile YAML to use.")
@click.option("--year", "year_ending", type=int, help="For a first report: the year the reporting year ends "
              "(2025 for 2024/25). Default: the last complete year.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but problems.")
@handles_problems
@_called("new report")
def command(report_dir: Path, last_year: Path | None, council_profile: Path | None, year_ending: int | None,
            quiet: bool) -> None:
    """Start this year's report in REPORT_DIR (a new folder).

    With --from, last year's folder is copied: the council profile and sections kept, the dates moved on a
    year, last year's priorities carried into this year's progress section (each with an empty progress to
    write), and a folder made for the new SSDA903 export. Without it, every standard section is written
    with guidance on what to put in it.

    Examples: report-builder new content/2026 --from content/2025;
    report-builder new content/first --council northbridge.yaml --year 2025
    """
    from report_builder.yearly.new_year import start_from, start_skeleton

    console = Console(quiet)
    if last_year is not None:
        result = start_from(last_year, report_dir)
    else:
        result = start_skeleton(report_dir, year_ending or _default_year(), council_profile)
    console.say(f"made {report_dir}")
    for note in result.notes:
        console.say(f"  next: {note}")
    console.say(f"then run: report-builder check {report_dir}")
