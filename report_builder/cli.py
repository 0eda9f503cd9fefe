"""The command line: translates commands into library calls and problems into plain English."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click

from report_builder.errors import Problem, ReportError

EXIT_PROBLEMS = 1


class Console:
    """Prints for a person: results to stdout, problems to stderr, quiet or verbose as asked."""

    def __init__(self, quiet: bool = False, verbose: bool = False):
        self.quiet, self.verbose = quiet, verbose

    def say(self, text: str) -> None:
        """Print a line unless --quiet."""
        if not self.quiet:
            click.echo(text)

    def detail(self, text: str) -> None:
        """Print a line only with --verbose."""
        if self.verbose:
            click.echo(text)

    def problems(self, problems: list[Problem], heading: str | None = None) -> None:
        """Print problems grouped by file, errors first."""
        if heading:
            click.echo(heading, err=True)
        ordered = sorted(problems, key=lambda p: (p.severity != "error", p.file or "", p.line or 0, p.column or 0))
        for problem in ordered:
            label = "error" if problem.severity == "error" else "warning"
            click.echo(f"  {label}: {problem}", err=True)


def handles_problems(command: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a command so that ReportErrors print as a list of problems and exit 1, never a traceback."""
    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except ReportError as error:
            count = len(error.problems)
            Console().problems(error.problems, f"{count} problem{'s' if count != 1 else ''} stopped the {command.__name__}:")
            sys.exit(EXIT_PROBLEMS)
        except KeyboardInterrupt:
            click.echo("Stopped. Earlier outputs are untouched.", err=True)
            sys.exit(130)
        except MemoryError:
            click.echo("The input is too large to handle on this machine. Check that the right files were given.",
                       err=True)
            sys.exit(EXIT_PROBLEMS)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="report_builder")
def main() -> None:
    """Build the IRO annual report and its covering committee report as Word papers.

    Example: report-builder build content/example
    """


@main.command()
@click.argument("report_dir", type=click.Path(path_type=Path), default=".")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("out"), show_default=True,
              help="Folder for the papers.")
@click.option("--figures", "figures_dir", type=click.Path(path_type=Path), default=Path("figures"),
              show_default=True, help="Folder for the charts as PNG and SVG (for slides).")
@click.option("--pdf", is_flag=True, help="Also write each paper as a tagged PDF (needs LibreOffice).")
@click.option("--pack", is_flag=True, help="Also write the PDF agenda pack (needs LibreOffice).")
@click.option("--draft", is_flag=True, help="Skip LibreOffice: faster; Word fills in the contents page on opening.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but problems.")
@click.option("--verbose", "-v", is_flag=True, help="Print more about each step.")
@handles_problems
def build(report_dir: Path, out_dir: Path, figures_dir: Path, pdf: bool, pack: bool, draft: bool,
          quiet: bool, verbose: bool) -> None:
    """Build the committee papers for REPORT_DIR (default: this folder).

    Example: report-builder build content/example --out out --pdf
    """
    from report_builder.build import build as run_build
    from report_builder.outputs import PublishOptions

    console = Console(quiet, verbose)
    options = PublishOptions(out_dir=out_dir, figures_dir=figures_dir, cache_dir=out_dir / ".cache" / "charts",
                             pdf=pdf, pack=pack, draft=draft)
    result = run_build(report_dir, options)
    if result.warnings:
        console.problems(result.warnings, f"{len(result.warnings)} warning(s):")
    for path in result.written:
        console.say(f"wrote {path}")
    for note in result.notes:
        console.say(note)


if __name__ == "__main__":  # pragma: no cover
    main()
