"""report-builder watch: rebuild the papers on every saved change and print problems as they appear."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import click

from report_builder.console import Console, fault_place, handles_problems
from report_builder.errors import Problem, ReportError

WATCHED_SUFFIXES = (".yaml", ".yml", ".csv", ".docx")


@dataclass(frozen=True)
class Rebuild:
    """What one rebuild gave: the files written, or the problems that stopped it, and its warnings."""

    changed: list[Path]
    written: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Return whether the papers were built."""
        return not any(p.severity == "error" for p in self.problems)


def rebuild_once(folder: Path, options, changed: Iterable[Path] = ()) -> Rebuild:  # type: ignore[no-untyped-def]
    """Return the result of building the papers once after the given files changed.

    A fault in the tool comes back as a problem like any other, so that watching carries on.
    """
    from report_builder.build import build

    changes = sorted(Path(p) for p in changed)
    try:
        result = build(folder, options)
    except ReportError as error:
        return Rebuild(changes, problems=error.problems)
    except Exception as error:  # a fault in the tool on this rebuild: said, and the watching goes on
        if os.environ.get("REPORT_BUILDER_DEBUG"):
            raise
        return Rebuild(changes, problems=[Problem(
            f"this rebuild stopped because of a fault in the tool ({fault_place(error)}), not in your files; "
            "earlier outputs are untouched", hint="still watching: save again to retry, and please report it "
            "with REPORT_BUILDER_DEBUG=1 set to see the details")])
    return Rebuild(changes, result.written, result.warnings)


def watched(folder: Path, outputs: list[Path]) -> Callable[[object, str], bool]:
    """Return a watchfiles filter: the report's content and data files, never the build's own outputs."""
    ignored = [p.resolve() for p in outputs]

    def keep(_change: object, path: str) -> bool:
        resolved = Path(path).resolve()
        if any(resolved == root or root in resolved.parents for root in ignored):
            return False
        name = resolved.name
        return resolved.suffix.lower() in WATCHED_SUFFIXES and not name.startswith((".", "~$"))

    return keep


def watch_and_rebuild(folder: Path, options, report: Callable[[Rebuild], None],  # type: ignore[no-untyped-def]
                      stop: threading.Event | None = None) -> None:
    """Build once, then rebuild after every saved change in folder until stop is set (or Ctrl+C)."""
    from watchfiles import watch

    report(rebuild_once(folder, options))
    outputs = [options.out_dir, options.figures_dir, options.cache_dir]
    for changes in watch(folder, watch_filter=watched(folder, outputs), stop_event=stop, rust_timeout=500,
                         yield_on_timeout=False):
        report(rebuild_once(folder, options, [Path(path) for _change, path in changes]))


@click.command("watch")
@click.argument("report_dir", type=click.Path(path_type=Path, exists=True, file_okay=False), default=".")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("out"), show_default=True,
              help="Folder for the papers.")
@click.option("--figures", "figures_dir", type=click.Path(path_type=Path), default=Path("figures"),
              show_default=True, help="Folder for the charts.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but problems.")
@click.option("--verbose", "-v", is_flag=True, help="Also list the files each rebuild wrote.")
@handles_problems
def watch(report_dir: Path, out_dir: Path, figures_dir: Path, quiet: bool, verbose: bool) -> None:
    """Rebuild REPORT_DIR's papers (draft) every time a YAML or data file is saved, printing problems as
    they appear. Stop with Ctrl+C.

    Example: report-builder watch content/example --out out
    """
    from report_builder.outputs import PublishOptions

    console = Console(quiet, verbose)
    options = PublishOptions(out_dir=out_dir, figures_dir=figures_dir, cache_dir=out_dir / ".cache" / "charts",
                             draft=True)

    def show(result: Rebuild) -> None:
        changed = ", ".join(p.name for p in result.changed)
        if result.problems:
            errors = sum(p.severity == "error" for p in result.problems)
            heading = "problems stopped the build:" if errors else "built, with warnings:"
            console.problems(result.problems, f"{changed + ': ' if changed else ''}{heading}")
        if result.ok:
            console.say(f"{changed + ': ' if changed else ''}built {len(result.written)} papers")
        for path in result.written:
            console.detail(f"  wrote {path}")
        console.say(f"watching {report_dir} for changes (Ctrl+C to stop)")

    watch_and_rebuild(report_dir, options, show)


command = watch
