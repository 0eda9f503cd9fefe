"""Building the papers from the page: a warm worker process, a progress bar, and page thumbnails.

The worker is a separate Python process started once with the server (spawned, so that it starts
clean and single-threaded: the chart workers it forks are safe). It keeps python-docx, the templates
and the chart style loaded between builds, so a build after an edit costs only the work itself. It
runs the same `build` function as `report-builder build`, with the same options.
"""

from __future__ import annotations

import multiprocessing
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from report_builder.errors import Problem

STEPS = ("reading the content", "working out the figures", "drawing the charts", "composing the papers",
         "laying out the annual report", "laying out the covering report", "making the agenda pack")
"""The steps a build reports, in order, for the progress bar (steps a build skips are passed over)."""


@dataclass
class BuildState:
    """What the page shows about the latest build."""

    running: bool = False
    step: str = ""
    fraction: float = 0.0
    started: float = 0.0
    seconds: float = 0.0
    written: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    thumbnails: list[Path] = field(default_factory=list)
    finished: bool = False


def progress_fraction(step: str, pdf: bool) -> float:
    """Return how far along a build is when it starts a step."""
    steps = [s for s in STEPS if pdf or s not in ("laying out the covering report", "making the agenda pack")]
    for index, name in enumerate(steps):
        if step.startswith(name):
            return index / len(steps)
    return 0.0


def _worker_main(connection: Any) -> None:
    """Run each build sent over the connection and send back its progress and result (worker process)."""
    from report_builder.build import build
    from report_builder.errors import ReportError
    from report_builder.outputs import PublishOptions

    import report_builder.compose.documents  # noqa: F401  (loaded once, kept for every build)

    while True:
        try:
            request = connection.recv()
        except EOFError:
            return
        kind, folder, options = request
        if kind == "charts":
            try:
                connection.send(("done", _draw_all(Path(folder), Path(options["out_dir"]))))
            except Exception:  # the panel then shows chart names without pictures  # noqa: BLE001
                connection.send(("done", {"charts": {}}))
            continue
        publish = PublishOptions(**options, progress=lambda step: connection.send(("step", step)))
        try:
            result = build(Path(folder), publish)
            connection.send(("done", {"written": result.written, "warnings": result.warnings,
                                      "notes": result.notes}))
        except ReportError as error:
            connection.send(("problems", error.problems))
        except Exception as error:  # a fault in the tool: said plainly, never a traceback or data
            from report_builder.console import unexpected_message

            connection.send(("fault", unexpected_message(error)))


def _draw_all(folder: Path, out_dir: Path) -> dict[str, Any]:
    """Draw every chart of the catalogue for the figures panel; return the PNG of each and the reasons for the rest."""
    from report_builder.charts.build import draw_charts
    from report_builder.draw import chart_style
    from report_builder.errors import ReportError
    from report_builder.load import load_report
    from report_builder.statistics.sources import compute_statistics

    try:
        report = load_report(folder)
        stats, _ = compute_statistics(report, out_dir / ".cache" / "statistics")
        charts = draw_charts(stats, None, chart_style(report), out_dir / ".cache" / "page-charts",
                             out_dir / ".cache" / "charts")
    except ReportError as error:
        return {"charts": {}, "problems": error.problems}
    return {"charts": {name: chart.png for name, chart in charts.items()}, "skipped": charts.skipped}


class BuildWorker:
    """The warm worker process, and the one build (or chart drawing) it runs at a time."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("spawn")
        self._connection, theirs = context.Pipe()
        self._process = context.Process(target=_worker_main, args=(theirs,), name="report-builder-build")
        self._process.start()
        theirs.close()
        self._lock = threading.Lock()
        self.state = BuildState()
        self.charts: dict[str, Path] = {}
        self.skipped: dict[str, str] = {}

    def draw_charts(self, folder: Path, out_dir: Path) -> None:
        """Draw every chart for the figures panel (blocking; run it in a thread)."""
        with self._lock:
            self._connection.send(("charts", str(folder), {"out_dir": str(out_dir)}))
            _kind, result = self._connection.recv()
        self.charts = dict(result.get("charts", {}))
        self.skipped = dict(result.get("skipped", {}))

    def start_build(self, folder: Path, options: dict[str, Any]) -> bool:
        """Start a build in the background; return False when one is already running."""
        if self.state.running:
            return False
        self.state = BuildState(running=True, started=time.monotonic(), step="starting")
        threading.Thread(target=self._run, args=(folder, options), daemon=True).start()
        return True

    def _run(self, folder: Path, options: dict[str, Any]) -> None:
        state = self.state
        pdf = bool(options.get("pdf") or options.get("pack"))
        with self._lock:
            self._connection.send(("build", str(folder), options))
            while True:
                kind, payload = self._connection.recv()
                if kind == "step":
                    state.step, state.fraction = payload, max(state.fraction, progress_fraction(payload, pdf))
                    continue
                break
        if kind == "done":
            state.written, state.warnings, state.notes = payload["written"], payload["warnings"], payload["notes"]
            state.thumbnails = page_thumbnails(state.written, Path(options["out_dir"]) / ".cache" / "thumbnails")
        elif kind == "problems":
            state.problems = payload
        else:
            state.problems = [Problem(payload)]
        state.seconds = time.monotonic() - state.started
        state.fraction, state.running, state.finished = 1.0, False, True

    def close(self) -> None:
        """End the worker process."""
        self._connection.close()
        self._process.join(timeout=5)
        if self._process.is_alive():
            self._process.terminate()


def page_thumbnails(written: list[Path], folder: Path, limit: int = 40) -> list[Path]:
    """Return small PNGs of the annual report PDF's pages (none without a PDF or poppler's pdftoppm)."""
    pdfs = [p for p in written if p.suffix == ".pdf" and "covering" not in p.name and "agenda pack" not in p.name]
    if not pdfs or shutil.which("pdftoppm") is None:
        return []
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    subprocess.run(["pdftoppm", "-png", "-r", "24", "-l", str(limit), str(pdfs[0]), str(folder / "page")],
                   check=False, capture_output=True, timeout=120)
    return sorted(folder.glob("page-*.png"))
