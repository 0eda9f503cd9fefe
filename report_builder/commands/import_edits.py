"""report-builder import-edits: carry edits made in Word back into the report's YAML."""

from __future__ import annotations

from pathlib import Path

import click

from report_builder.console import Console, handles_problems


@click.command("import-edits")
@click.argument("edited", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.argument("report_dir", type=click.Path(path_type=Path), default=".")
@click.option("--write", is_flag=True, help="Write the changes into the YAML files (without it, only show them).")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but the changes and problems.")
@handles_problems
def import_edits(edited: Path, report_dir: Path, write: bool, quiet: bool) -> None:
    """Read EDITED.docx (the annual report as a director edited it in Word) and show, as a diff of the
    YAML in REPORT_DIR, the changes that keep those edits; --write writes them.

    Tracked changes are taken as accepted and comments are listed. A figure whose value still appears
    keeps its placeholder. Edits to narrative and progress tables are kept. What cannot be kept (figures
    from the data, the cover, the notes on the figures, headers, footers, text boxes, paragraphs that
    cannot be placed) is listed with what to change instead, never dropped.

    Example: report-builder import-edits "edited annual report.docx" content/example --write
    """
    from report_builder.import_edits import import_edits as read_edits
    from report_builder.import_edits import write_imported
    from report_builder.load import load_report
    from report_builder.statistics.sources import compute_statistics

    console = Console(quiet)
    report = load_report(report_dir)
    stats, _warnings = compute_statistics(report)
    imported = read_edits(edited, report, stats)
    diff = imported.diff()
    click.echo(diff if diff else "No changes to the text.", nl=not diff)
    for comment in imported.comments:
        console.say(f"comment: {comment}")
    if imported.unplaced:
        console.problems(imported.unplaced, f"{len(imported.unplaced)} edit(s) could not be kept:")
    if write and imported.files:
        for path in write_imported(imported, report_dir):
            console.say(f"wrote {path}")
    elif imported.files:
        console.say("Nothing written: run again with --write to keep these changes.")


command = import_edits
