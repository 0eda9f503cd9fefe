"""watch: one rebuild per set of changes, and a bounded run of the watcher itself."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from report_edits import replace_in

from report_builder.commands.watch import rebuild_once, watch_and_rebuild, watched
from report_builder.outputs import PublishOptions


def options(tmp: Path) -> PublishOptions:
    return PublishOptions(out_dir=tmp / "out", figures_dir=tmp / "figures", cache_dir=tmp / "cache", draft=True)


def test_rebuild_once_reports_problems_then_builds(small_report: Path, tmp_path: Path) -> None:
    purpose = small_report / "sections" / "purpose.yaml"
    replace_in(purpose, "{{ period.long_label }}", "{{ period.long_labl }}")
    failed = rebuild_once(small_report, options(tmp_path), [purpose])
    assert not failed.ok and failed.written == [] and failed.changed == [purpose]
    assert "unknown statistic 'period.long_labl'" in [p.message for p in failed.problems]
    replace_in(purpose, "{{ period.long_labl }}", "{{ period.long_label }}")
    built = rebuild_once(small_report, options(tmp_path), [purpose])
    assert built.ok and len(built.written) == 2


def test_outputs_and_editor_files_are_not_watched(tmp_path: Path) -> None:
    keep = watched(tmp_path, [tmp_path / "out"])
    assert keep(None, str(tmp_path / "sections" / "purpose.yaml"))
    assert not keep(None, str(tmp_path / "out" / "paper.docx"))
    assert not keep(None, str(tmp_path / "sections" / ".purpose.yaml.swp"))
    assert not keep(None, str(tmp_path / "~$paper.docx"))


def test_watcher_rebuilds_after_a_save(small_report: Path, tmp_path: Path) -> None:
    results = []
    stop = threading.Event()

    def record(result) -> None:  # type: ignore[no-untyped-def]
        results.append(result)
        if len(results) == 2:
            stop.set()

    def save_later() -> None:
        deadline = time.monotonic() + 20
        while not results and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.3)
        replace_in(small_report / "sections" / "purpose.yaml", "Purpose of the report", "Why we report")

    threading.Thread(target=save_later, daemon=True).start()
    timer = threading.Timer(30, stop.set)
    timer.start()
    try:
        watch_and_rebuild(small_report, options(tmp_path), record, stop)
    finally:
        timer.cancel()
    assert len(results) == 2 and results[1].ok
    assert [p.name for p in results[1].changed] == ["purpose.yaml"]
