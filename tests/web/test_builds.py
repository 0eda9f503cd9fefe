"""The build worker: progress through the steps, and a worker that ended is reported and replaced."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from report_builder.web.builds import STEPS, STOPPED, BuildWorker, progress_fraction


@pytest.mark.parametrize(("step", "pdf", "fraction"), [
    ("reading the content", False, 0.0),
    ("composing the papers", False, 3 / 5),
    ("laying out the annual report with LibreOffice to number the contents page", False, 4 / 5),
    ("laying out the annual report with LibreOffice to number the contents page and make its PDF", True, 4 / 7),
    ("making the agenda pack", True, 6 / 7),
    ("something new", True, 0.0),
], ids=["first", "composing", "contents", "contents and PDF", "pack", "unknown"])
def test_progress_follows_the_steps(step: str, pdf: bool, fraction: float) -> None:
    assert progress_fraction(step, pdf) == pytest.approx(fraction)
    assert len(STEPS) == 7


def finished(worker: BuildWorker, seconds: float = 120.0) -> None:
    deadline = time.monotonic() + seconds
    while worker.state.running:
        assert time.monotonic() < deadline, "the build did not finish"
        time.sleep(0.05)


@pytest.fixture
def draft(small_report: Path) -> dict[str, object]:
    """Return the options of a draft build of the small report."""
    out = small_report / "out"
    return {"out_dir": out, "figures_dir": out / "figures", "cache_dir": out / ".cache" / "charts",
            "draft": True, "pdf": False, "pack": False}


@pytest.fixture
def worker() -> Iterator[BuildWorker]:
    worker = BuildWorker()
    yield worker
    worker.close()


def test_a_worker_that_ended_between_builds_is_replaced(worker, small_report: Path, draft) -> None:  # type: ignore[no-untyped-def]
    worker._process.kill()
    worker._process.join()
    assert worker.start_build(small_report, draft)
    finished(worker)
    assert not worker.state.problems and any(p.suffix == ".docx" for p in worker.state.written)


def test_a_worker_that_ends_during_a_build_is_reported_as_a_stopped_build(worker, small_report: Path,  # type: ignore[no-untyped-def]
                                                                          draft) -> None:
    assert worker.start_build(small_report, draft)
    deadline = time.monotonic() + 60
    while worker.state.step == "starting":
        assert time.monotonic() < deadline
        time.sleep(0.005)
    worker._process.kill()
    finished(worker)
    assert worker.state.problems == [STOPPED] and worker.state.finished
    assert worker.start_build(small_report, draft)
    finished(worker)
    assert not worker.state.problems
