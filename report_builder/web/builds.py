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
STOPPED = Problem("the build stopped before it finished (the process building the papers ended)",
                  hint="build again; if it stops again, close other programs to free memory and try once more")
CLOSE_SECONDS = 20.0
"""How long the worker has to finish a build and shut LibreOffice down when the server stops."""


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
    import signal
    import sys

    from report_builder.publish.listening import start_listening, stop_listening

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C stops the server, which ends this worker
    signal.signal(signal.SIGTERM, lambda _signal, _frame: sys.exit(0))  # ended: LibreOffice too, below
    start_listening()  # LibreOffice starts now, while the page is in use, and stays for every build
    try:
        _serve_builds(connection)
    finally:
        stop_listening()


def _serve_builds(connection: Any) -> None:
    """Run each request sent over the connection until it closes."""
    import report_builder.compose.documents  # noqa: F401  (loaded once, kept for every build)
    from report_builder.build import build
    from report_builder.errors import ReportError
    from report_builder.outputs import PublishOptions

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
        except Exception as error:  # noqa: BLE001 (a fault in the tool: said plainly, never a traceback or data)
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
    """The warm worker process, and the one build (or chart drawing) it runs at a time.

    A worker that ended unexpectedly (killed, out of memory) is reported as a build that stopped,
    and a new one is started for the next build.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.state = BuildState()
        self.charts: dict[str, Path] = {}
        self.skipped: dict[str, str] = {}
        self._start()

    def _start(self) -> None:
        context = multiprocessing.get_context("spawn")
        self._connection, theirs = context.Pipe()
        self._process = context.Process(target=_worker_main, args=(theirs,), name="report-builder-build")
        self._process.start()
        theirs.close()

    def _exchange(self, request: tuple[str, str, dict[str, Any]], on_step: Any = None) -> tuple[str, Any]:
        """Return the worker's answer to one request, telling on_step of each step on the way."""
        with self._lock:
            if not self._process.is_alive():
                self._connection.close()
                self._start()
            try:
                self._connection.send(request)
                while True:
                    kind, payload = self._connection.recv()
                    if kind != "step":
                        return kind, payload
                    if on_step is not None:
                        on_step(payload)
            except (EOFError, OSError):
                return "fault", STOPPED

    def draw_charts(self, folder: Path, out_dir: Path) -> None:
        """Draw every chart for the figures panel (blocking; run it in a thread)."""
        kind, result = self._exchange(("charts", str(folder), {"out_dir": str(out_dir)}))
        if kind == "done":
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

        def step(name: str) -> None:
            state.step, state.fraction = name, max(state.fraction, progress_fraction(name, pdf))

        kind, payload = self._exchange(("build", str(folder), options), step)
        if kind == "done":
            state.written, state.warnings, state.notes = payload["written"], payload["warnings"], payload["notes"]
            state.thumbnails = page_thumbnails(state.written, Path(options["out_dir"]) / ".cache" / "thumbnails")
        elif kind == "problems":
            state.problems = payload
        else:
            state.problems = [payload if isinstance(payload, Problem) else Problem(payload)]
        state.seconds = time.monotonic() - state.started
        state.fraction, state.running, state.finished = 1.0, False, True

    def close(self) -> None:
        """End the worker process, and the LibreOffice it keeps listening."""
        self._connection.close()
        self._process.join(timeout=CLOSE_SECONDS)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join(timeout=CLOSE_SECONDS)


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
