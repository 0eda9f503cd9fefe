"""Benchmark whole builds of the example report, each in a fresh process, as a user runs them.

    python benchmarks/bench_build.py [--repeat 3]

Reports the bare cost of importing the libraries, a cold build (empty caches), a rebuild after a
narrative-only change (cached figures and charts), and a full build with LibreOffice (contents page
numbers). Targets: cold build under 2.5 times the bare import cost; narrative-only rebuild under 0.5 s
of work beyond starting Python.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EXAMPLE = Path(__file__).parents[1] / "content" / "example"
IMPORTS = "import matplotlib.pyplot, docx, docxtpl, pandas"


def timed(command: list[str]) -> float:
    """Return the seconds a command takes; raise if it fails."""
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - started


def best(repeat: int, run) -> float:  # type: ignore[no-untyped-def]
    """Return the fastest of repeated runs (the least disturbed by other work on the machine)."""
    return min(run() for _ in range(repeat))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    repeat = parser.parse_args().repeat
    builder = [sys.executable, "-m", "report_builder.cli", "build"]
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        report = work / "report"
        shutil.copytree(EXAMPLE, report)
        out = ["--out", str(work / "out"), "--figures", str(work / "figures")]

        def cold() -> float:
            shutil.rmtree(work / "out", ignore_errors=True)
            return timed([*builder, str(report), "--draft", *out])

        def narrative_only() -> float:
            section = report / "sections" / "purpose.yaml"
            section.write_text(section.read_text() + "\n", encoding="utf-8")
            return timed([*builder, str(report), "--draft", *out])

        results = {
            "python start-up alone": best(repeat, lambda: timed([sys.executable, "-c", "pass"])),
            "bare import of matplotlib, docx, docxtpl, pandas": best(repeat, lambda: timed([sys.executable, "-c",
                                                                                             IMPORTS])),
            "cold build (--draft, empty caches)": best(repeat, cold),
            "rebuild after a narrative-only change (--draft)": best(repeat, narrative_only),
        }
        if shutil.which("soffice"):
            results["full build with LibreOffice contents page"] = best(
                1, lambda: timed([*builder, str(report), *out]))
    imports = results["bare import of matplotlib, docx, docxtpl, pandas"]
    start = results["python start-up alone"]
    print(f"{'measurement':<52} seconds")
    for name, seconds in results.items():
        print(f"{name:<52} {seconds:7.2f}")
    print(f"cold build / bare import: {results['cold build (--draft, empty caches)'] / imports:.2f} (target < 2.5)")
    print(f"narrative-only rebuild beyond start-up: "
          f"{results['rebuild after a narrative-only change (--draft)'] - start:.2f} s (target < 0.5)")


if __name__ == "__main__":
    main()
