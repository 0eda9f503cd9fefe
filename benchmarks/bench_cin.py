"""Time reading and computing every child protection figure for a CIN census of 60,000 children.

    python benchmarks/bench_cin.py [--children 60000] [--data /tmp/report_builder_bench_cin]

The synthetic census (one year's XML file, 2024-25) is written once and reused. Targets: under
5 seconds and under 1 GiB peak memory, reading the XML and computing the figures.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from pathlib import Path

TARGET_SECONDS = 5.0
TARGET_BYTES = 1024**3
YEAR = 2025


def census_file(folder: Path, children: int) -> Path:
    """Return the census file, writing it first unless it is already there."""
    path = folder / f"{children}" / f"cin_census_{YEAR}.xml"
    if not path.exists():
        from report_builder.cin.synth import write_synthetic_cin

        print(f"writing a census of {children:,} children to {path.parent} (once) …", flush=True)
        # children whose every episode closed before the year are not in its census: draw more
        write_synthetic_cin(path.parent, children=int(children * 1.5), years=1, seed=1, year_ending=YEAR)
    return path


def peak_bytes() -> int:
    """Return this process's peak resident memory (ru_maxrss is in KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def measured(path: Path) -> None:
    """Time read_cin and compute_child_protection, then print the table."""
    started, cpu = time.perf_counter(), time.process_time()
    from report_builder.cin import compute_child_protection, read_cin

    census = read_cin(path, YEAR)
    read_done = time.perf_counter()
    figures = compute_child_protection(census, YEAR, population=1_500_000)
    finished, cpu = time.perf_counter(), time.process_time() - cpu
    peak = peak_bytes()
    this = census.returns[YEAR]
    rows = [
        ("file", f"{path.stat().st_size / 1024**2:,.0f} MB"),
        ("children in the census", f"{len(this.children):,}"),
        ("child protection plans", f"{len(this.plans):,}"),
        ("review conference dates", f"{len(this.reviews):,}"),
        ("read_cin (incl. imports)", f"{read_done - started:.2f} s"),
        ("compute_child_protection", f"{finished - read_done:.2f} s"),
        ("total", f"{finished - started:.2f} s (target {TARGET_SECONDS:.0f} s)"),
        ("processor time (this process alone)", f"{cpu:.2f} s"),
        ("peak memory (maxrss)", f"{peak / 1024**2:,.0f} MiB (target {TARGET_BYTES / 1024**3:.0f} GiB)"),
        ("ICPCs held in 2024/25", f"{figures.icpc.held:,}"),
        ("children subject to a plan at 31 March 2025", f"{figures.plans.at_end:,}"),
        ("RCPCs held in 2024/25", f"{figures.rcpc.held:,}"),
        ("problems found", f"{len(this.problems):,}"),
    ]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    ok = finished - started < TARGET_SECONDS and peak < TARGET_BYTES
    print("targets met" if ok else "TARGETS MISSED")


def main() -> None:
    """Write the census once, then measure in a fresh process."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=60_000)
    parser.add_argument("--data", type=Path, default=Path("/tmp/report_builder_bench_cin"))
    parser.add_argument("--measured", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measured:
        measured(args.measured)
        return
    path = census_file(args.data, args.children)
    subprocess.run([sys.executable, __file__, "--measured", str(path)], check=True)


if __name__ == "__main__":
    main()
