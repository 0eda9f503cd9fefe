"""Printing for a person: results, problems grouped by file, and the never-a-traceback rule."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
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
