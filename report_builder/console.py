"""Printing for a person: results, problems grouped by file, and the never-a-traceback rule."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import Any

import click

from report_builder.errors import Problem, ReportError

EXIT_PROBLEMS = 1
EXIT_FAULT = 2
"""Exit status when the tool itself failed (a bug), as opposed to a problem with the input."""


class Console:
    """Prints for a person: results to stdout, problems to stderr, quiet or verbose as asked."""

    def __init__(self, quiet: bool = False, verbose: bool = False):
        self.quiet, self.verbose = quiet, verbose
        self.started = time.perf_counter()

    def say(self, text: str) -> None:
        """Print a line unless --quiet."""
        if not self.quiet:
            click.echo(text)

    def step(self, text: str) -> None:
        """Show a step of a long job on standard error (unless --quiet), timed with --verbose."""
        if self.quiet:
            return
        now = time.perf_counter()
        took = f" ({now - self.started:.1f} s so far)" if self.verbose else ""
        click.echo(f"{text[0].upper()}{text[1:]}…{took}", err=True)

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


class Between(click.IntRange):
    """A whole number between two limits, refused in words: "2027 is not in the range 2010 to 2026"."""

    def _describe_range(self) -> str:
        """Return the limits as a person writes them (years without a comma, 1,000,000 with)."""
        return " to ".join(f"{limit:,}" if limit >= 10_000 else str(limit) for limit in (self.min, self.max))


class CommandGroup(click.Group):
    """The command line's group: a mistake in how a command is typed exits 1 like any problem in the
    user's input, leaving exit status 2 to faults in the tool."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        try:
            return super().main(*args, **kwargs)
        except click.ClickException as error:  # usage errors included: a mistyped command exits 1
            error.show()
            sys.exit(EXIT_PROBLEMS)
        except click.Abort:
            click.echo("Stopped.", err=True)
            sys.exit(130)


class Stopped(KeyboardInterrupt):
    """Raised when the command is asked to stop by a signal (SIGTERM, SIGHUP), as Ctrl+C raises KeyboardInterrupt,
    so that what is running is ended and temporary files removed on the way out."""


def _stop(_number: int, _frame: object) -> None:
    raise Stopped


@contextmanager
def signals_stop() -> Iterator[None]:
    """Within the block, SIGTERM and SIGHUP stop the command as Ctrl+C does (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    numbers = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    previous = {number: signal.signal(number, _stop) for number in numbers}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def handles_problems(command: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a command so that ReportErrors print as a list of problems and exit 1, never a traceback."""
    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            with signals_stop():
                return command(*args, **kwargs)
        except ReportError as error:
            count = len(error.problems)
            step = command.__name__.replace("_", "-")  # import_edits is the import-edits the user typed
            Console().problems(error.problems, f"{count} problem{'s' if count != 1 else ''} stopped the {step}:")
            sys.exit(EXIT_PROBLEMS)
        except KeyboardInterrupt:
            click.echo("Stopped. Earlier outputs are untouched.", err=True)
            sys.exit(130)
        except MemoryError:
            click.echo("The input is too large to handle on this machine. Check that the right files were given.",
                       err=True)
            sys.exit(EXIT_PROBLEMS)
        except Exception as error:  # a fault in the tool: say so plainly, without data values or a traceback
            if os.environ.get("REPORT_BUILDER_DEBUG"):
                raise
            click.echo(unexpected_message(error), err=True)
            sys.exit(EXIT_FAULT)

    return wrapper


def unexpected_message(error: BaseException) -> str:
    """Return what to tell a user when the tool itself fails: where, never the data that was involved."""
    return (f"report_builder stopped because of a fault in the tool ({fault_place(error)}), "
            "not in your files. Earlier outputs are untouched. Please report it with the command you ran; "
            "set REPORT_BUILDER_DEBUG=1 to see the details.")


def fault_place(error: BaseException) -> str:
    """Return the kind of fault and the tool's line it happened on ('KeyError at build.py:40'), no values."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if "report_builder" in f.filename] or frames
    where = f"{Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else "unknown place"
    return f"{type(error).__name__} at {where}"
