"""report-builder check: every check on a report folder, one list grouped by file, errors first."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from report_builder.console import EXIT_PROBLEMS, Console, handles_problems


@click.command("check")
@click.argument("report_dir", type=click.Path(path_type=Path), default=".")
@click.option("--no-documents", is_flag=True, help="Skip building the papers to check their accessibility (faster).")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but the findings.")
@click.option("--verbose", "-v", is_flag=True, help="Say what each step is doing.")
@handles_problems
def command(report_dir: Path, no_documents: bool, quiet: bool, verbose: bool) -> None:
    """Check REPORT_DIR before sending: content, figures, placeholders, the IRO Handbook's matters,
    last year's priorities, hand-typed numbers, small numbers, readability and accessibility.

    Exits 1 when there is any error (warnings alone exit 0).

    Example: report-builder check content/example
    """
    from report_builder.checks.run import CheckOptions, format_findings, has_errors, run_checks

    console = Console(quiet, verbose)
    findings = run_checks(report_dir, CheckOptions(documents=not no_documents, progress=console.detail))
    for line in format_findings(findings):
        click.echo(line)
    errors = sum(1 for p in findings if p.severity == "error")
    warnings = len(findings) - errors
    console.say(f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
                if findings else "No problems found.")
    if has_errors(findings):
        sys.exit(EXIT_PROBLEMS)
