"""Time reading and computing every figure for 100,000 children over five years of SSDA903 returns.

    python benchmarks/bench_ssda903.py [--children 100000] [--data /tmp/report_builder_bench_903]

The synthetic returns are written once and reused. Targets: under 5 seconds, under 2 GiB peak.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

TARGET_SECONDS = 5.0
TARGET_BYTES = 2 * 1024**3


def ensure_data(folder: Path, children: int) -> None:
    """Write the synthetic returns unless they are already there."""
    from report_builder.ssda903.synth import write_synthetic

    if not (folder / "2025" / "reviews.csv").exists():
        print(f"writing {children:,} children to {folder} (once) …", flush=True)
        write_synthetic(folder, children=children, years=5, seed=1, year_ending=2025)


def peak_bytes() -> int:
    """Return this process's peak resident memory (ru_maxrss is in KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def count_rows(folder: Path, name: str) -> int:
    """Return the data rows of one file across every year's return."""
    return sum(sum(1 for _ in path.open()) - 1 for path in sorted(folder.glob(f"*/{name}.csv")))


def main() -> None:
    """Run the benchmark in a fresh process and print a results table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=100_000)
    parser.add_argument("--data", type=Path, default=Path("/tmp/report_builder_bench_903"))
    args = parser.parse_args()
    ensure_data(args.data, args.children)
    if "--measured" not in sys.argv:
        import subprocess

        subprocess.run(
            [
                sys.executable,
                __file__,
                "--children",
                str(args.children),
                "--data",
                str(args.data),
                "--measured",
            ],
            check=True,
        )
        return


def measured(folder: Path) -> None:
    """Time read_ssda903 and compute_statistics, then print the table."""
    started = time.perf_counter()
    from report_builder.ssda903 import compute_statistics, read_ssda903

    data = read_ssda903(folder)
    read_done = time.perf_counter()
    stats = compute_statistics(
        data, 2025, "Benchmark", population={y: 1_000_000 for y in range(2021, 2026)}
    )
    finished = time.perf_counter()
    peak = peak_bytes()
    rows = [
        ("children", f"{data.header['CHILD'].nunique():,}"),
        ("episode rows read (all returns)", f"{count_rows(folder, 'episodes'):,}"),
        ("episodes after de-duplication", f"{len(data.episodes):,}"),
        ("review rows", f"{len(data.reviews):,}"),
        ("read_ssda903 (incl. imports)", f"{read_done - started:.2f} s"),
        ("compute_statistics (5 years)", f"{finished - read_done:.2f} s"),
        ("total", f"{finished - started:.2f} s (target {TARGET_SECONDS:.0f} s)"),
        (
            "peak memory (maxrss)",
            f"{peak / 1024**2:,.0f} MiB (target {TARGET_BYTES / 1024**3:.0f} GiB)",
        ),
        ("children looked after at 31 March 2025", f"{stats.cla.at_end:,}"),
        ("reviews held in 2024/25", f"{stats.reviews.held:,}"),
    ]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    ok = finished - started < TARGET_SECONDS and peak < TARGET_BYTES
    print("targets met" if ok else "TARGETS MISSED")


if __name__ == "__main__":
    if "--measured" in sys.argv:
        measured(Path(sys.argv[sys.argv.index("--data") + 1]))
    else:
        main()
