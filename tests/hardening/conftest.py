"""Hardening: the CLI run in-process, fuzz settings, and the checks every outcome must pass.

Fuzz tests run a few hundred examples each by default; set REPORT_BUILDER_FUZZ_EXAMPLES=20000 for a
long run (each fuzz test then runs that many).
"""

from __future__ import annotations

import os
import resource
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, settings

from report_builder.cli import main

FIXTURES = Path(__file__).parents[1] / "fixtures"
EXAMPLE = Path(__file__).parents[2] / "content" / "example"
LONG_RUN = int(os.environ.get("REPORT_BUILDER_FUZZ_EXAMPLES", "0"))
"""Examples per fuzz test in a long run; 0 for the CI defaults."""
SECONDS_PER_RUN = 10.0
"""No single in-process command may take longer than this, whatever its input."""
MEMORY_LIMIT_MB = 2048
"""The test process's peak resident memory after fuzzing must stay below this."""

settings.register_profile(
    "hardening",
    deadline=timedelta(seconds=SECONDS_PER_RUN),
    database=None,  # nothing written to the working folder
    derandomize=not LONG_RUN,  # CI runs the same examples every time; long runs explore
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
    print_blob=True,
)


def fuzz(examples: int) -> settings:
    """Return the hardening settings with `examples` examples (or the long run's number)."""
    return settings(settings.get_profile("hardening"), max_examples=LONG_RUN or examples)


@dataclass(frozen=True)
class Outcome:
    """How one in-process command ended."""

    exit_code: int
    stdout: str
    stderr: str
    seconds: float

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run_cli(*args: str | Path, seconds: float = SECONDS_PER_RUN) -> Outcome:
    """Run report-builder in-process and check it ended well: exit 0 or 1, no traceback, in time.

    Fails the test on an uncaught exception (shown with its traceback), another exit code, or a
    'Traceback' in the output.
    """
    runner = CliRunner()
    start = time.perf_counter()
    result = runner.invoke(main, [str(a) for a in args], catch_exceptions=True)
    took = time.perf_counter() - start
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"report-builder {' '.join(map(str, args))} raised "
                             f"{type(result.exception).__name__}: {result.exception}") from result.exception
    outcome = Outcome(result.exit_code, result.stdout, result.stderr, took)
    assert outcome.exit_code in (0, 1), outcome.output[-2000:]
    assert "Traceback" not in outcome.output, outcome.output[-2000:]
    assert took < seconds, f"took {took:.1f} s"
    return outcome


def clear_message(outcome: Outcome) -> None:
    """Check a failed command said what stopped it, as a list of problems on stderr."""
    assert outcome.exit_code == 1
    assert "error:" in outcome.stderr, outcome.output[-2000:]


def peak_memory_mb() -> float:
    """Return this process's peak resident memory in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def tree_state(root: Path, outputs: tuple[Path, ...] = ()) -> dict[str, tuple[object, ...]]:
    """Return every entry under root outside the output folders: its kind, mode, size and content hash.

    Links are recorded as links (never followed), so replacing a link, a FIFO or a device shows.
    """
    import hashlib
    import stat

    skipped = [p.resolve() for p in outputs]
    found: dict[str, tuple[object, ...]] = {}
    for folder, subfolders, files in os.walk(root):
        here = Path(folder)
        subfolders[:] = [s for s in subfolders if (here / s).resolve() not in skipped or (here / s).is_symlink()]
        for name in [*subfolders, *files]:
            path = here / name
            info = path.lstat()
            digest = hashlib.sha256(path.read_bytes()).hexdigest() if stat.S_ISREG(info.st_mode) else ""
            target = os.readlink(path) if stat.S_ISLNK(info.st_mode) else ""
            found[str(path.relative_to(root))] = (stat.S_IFMT(info.st_mode), info.st_mode & 0o7777, info.st_size,
                                                  digest, target)
    return found


class Unchanged:
    """Asserts on leaving the block that nothing under root changed outside the output folders."""

    def __init__(self, root: Path, *outputs: Path):
        self.root, self.outputs = root, outputs

    def __enter__(self) -> Unchanged:
        self.before = tree_state(self.root, self.outputs)
        return self

    def __exit__(self, *_exc: object) -> None:
        after = tree_state(self.root, self.outputs)
        changed = sorted(k for k in set(self.before) | set(after) if self.before.get(k) != after.get(k))
        assert not changed, f"changed outside the output folder: {changed}"


def papers_in(folder: Path) -> list[Path]:
    """Return the papers (.docx and .pdf) written in folder (none when it does not exist)."""
    return sorted(p for p in folder.glob("*") if p.suffix in (".docx", ".pdf")) if folder.is_dir() else []


EXPORT_YEAR = 2025
"""The last collection year of the synthetic exports the SSDA903 tests make."""


def synthetic_export(factory: object, seed: int, children: int = 200) -> Path:
    """Return a fresh synthetic SSDA903 export of two years ending EXPORT_YEAR (made once per test module)."""
    from report_builder.ssda903.synth import write_synthetic

    folder = factory.mktemp(f"export-{seed}") / "903"  # type: ignore[attr-defined]
    write_synthetic(folder, children=children, years=2, seed=seed, year_ending=EXPORT_YEAR)
    return folder


def export_figures(folder: Path) -> dict[str, object]:
    """Return the figures `stats` gives for an SSDA903 folder, without the notes on rows left out."""
    import json

    outcome = run_cli("stats", "--ssda903", folder, "--year", str(EXPORT_YEAR), "--format", "json", seconds=120)
    assert outcome.exit_code == 0, outcome.output
    return {name: value for name, value in json.loads(outcome.stdout).items() if name not in ("source", "data_notes")}
