"""Benchmark the chart catalogue: bare library imports, a cold build of every chart, a cached rebuild.

Run from the repository root:  python benchmarks/bench_charts.py [--repeat 3]

Each measurement is a fresh Python process, timed from outside, so that the cold build and the
bare import are compared on the same terms. Targets: cold build under 2.5 times the bare import
cost; cached rebuild well under 0.5 s.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMPORTS = "import matplotlib.pyplot, docx, docxtpl, pandas"
BUILD = """
import sys, time
sys.path.insert(0, {fixtures!r})
from pathlib import Path
from chart_fixtures import realistic_statistics
from report_builder.charts import CHART_NAMES, ChartStyle, draw_charts
started = time.perf_counter()
charts = draw_charts(realistic_statistics(), CHART_NAMES, ChartStyle(), Path({out!r}), Path({cache!r}))
print(len(charts.drawn), len(charts), round(time.perf_counter() - started, 3), 'matplotlib' in sys.modules)
"""


def run(code: str) -> tuple[float, str]:
    """Return the wall time of a fresh Python process running code, and what it printed."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return time.perf_counter() - started, done.stdout.strip()


def best(times: list[float]) -> str:
    """Return the best and median of the times, for printing."""
    return f"best {min(times):.2f} s, median {statistics.median(times):.2f} s"


def main() -> None:
    """Print the three measurements and how they compare with the targets."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    repeat = parser.parse_args().repeat
    fixtures = str(ROOT / "tests" / "charts")
    startup = [run("pass")[0] for _ in range(repeat)]
    imports = [run(IMPORTS)[0] for _ in range(repeat)]
    cold, warm, warm_inside = [], [], []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as folder:
            code = BUILD.format(fixtures=fixtures, out=f"{folder}/figures", cache=f"{folder}/cache")
            seconds, printed = run(code)
            cold.append(seconds)
            seconds, printed = run(code)
            warm.append(seconds)
            drawn, total, inside, matplotlib_loaded = printed.split()
            assert drawn == "0" and matplotlib_loaded == "False", printed
            warm_inside.append(float(inside))
    print(f"python startup alone:            {best(startup)}")
    print(f"bare import ({IMPORTS[7:]}): {best(imports)}")
    print(
        f"cold build of {total} charts (process): {best(cold)}  = {min(cold) / min(imports):.2f} x bare import"
    )
    print(f"cached rebuild (process):        {best(warm)}")
    print(f"cached rebuild (draw_charts):    {best(warm_inside)}; matplotlib imported: no")


if __name__ == "__main__":
    main()
