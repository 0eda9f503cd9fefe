"""Tests for drawing a report's charts: files, cache, no matplotlib when cached, identical bytes."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from chart_fixtures import nothing_optional, realistic_statistics

from report_builder.charts import CHART_NAMES, ChartStyle, draw_charts
from report_builder.charts.build import worker_count
from report_builder.errors import ContentError

SUBSET = ["rate_per_10k", "legal_status", "iro_caseload"]


@pytest.fixture(scope="module")
def cold(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """Return the folder of a cold build of every chart, and its result."""
    root = tmp_path_factory.mktemp("cold")
    charts = draw_charts(
        realistic_statistics(), CHART_NAMES, ChartStyle(), root / "figures", root / "cache"
    )
    return root, charts


def test_cold_build_draws_and_writes_every_chart(cold: tuple[Path, dict]) -> None:
    root, charts = cold
    assert (
        list(charts) == list(CHART_NAMES)
        and charts.drawn == list(CHART_NAMES)
        and not charts.skipped
    )
    chart = charts["rate_per_10k"]
    assert chart.png == root / "figures" / "rate_per_10k_2024-25.png" and chart.png.is_file()
    assert chart.svg == root / "figures" / "rate_per_10k_2024-25.svg" and chart.svg.is_file()
    assert (
        chart.table.name == "cla_trend"
        and chart.source == "Source: SSDA903 returns, 2020/21 to 2024/25; DfE (statistical neighbours and "
        "England), 31 March 2021 to 2025"
    )
    assert chart.width_mm == 160 and chart.height_mm > 50
    assert not [p for p in (root / "figures").iterdir() if p.suffix == ".tmp"]


def test_cached_rebuild_draws_nothing(cold: tuple[Path, dict], tmp_path: Path) -> None:
    root, first = cold
    again = draw_charts(realistic_statistics(), CHART_NAMES, ChartStyle(), tmp_path, root / "cache")
    assert again.drawn == []
    assert all(again[n].png.read_bytes() == first[n].png.read_bytes() for n in CHART_NAMES)


def test_changed_figures_redraw_only_their_chart(cold: tuple[Path, dict], tmp_path: Path) -> None:
    root, _ = cold
    stats = realistic_statistics(iro={"fte": 9.0, "children_allocated": 551})
    assert draw_charts(stats, CHART_NAMES, ChartStyle(), tmp_path, root / "cache").drawn == [
        "iro_caseload"
    ]


def test_changed_style_redraws(cold: tuple[Path, dict], tmp_path: Path) -> None:
    root, _ = cold
    style = ChartStyle(accent="#5E2750")
    assert draw_charts(
        realistic_statistics(), ["cla_trend"], style, tmp_path, root / "cache"
    ).drawn == ["cla_trend"]


def test_cached_rebuild_imports_no_matplotlib(cold: tuple[Path, dict], tmp_path: Path) -> None:
    root, _ = cold
    pickled = tmp_path / "stats.pickle"
    pickled.write_bytes(pickle.dumps(realistic_statistics()))
    script = (
        "import pickle, sys\n"
        "from pathlib import Path\n"
        "from report_builder.charts import CHART_NAMES, ChartStyle, draw_charts\n"
        f"stats = pickle.loads(Path({str(pickled)!r}).read_bytes())\n"
        f"charts = draw_charts(stats, CHART_NAMES, ChartStyle(), Path({str(tmp_path / 'out')!r}), "
        f"Path({str(root / 'cache')!r}))\n"
        "assert charts.drawn == [], charts.drawn\n"
        "assert 'matplotlib' not in sys.modules\n"
        "print(len(charts))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(len(CHART_NAMES))


def test_two_cold_builds_give_identical_files(cold: tuple[Path, dict], tmp_path: Path) -> None:
    _, first = cold
    second = draw_charts(
        realistic_statistics(), SUBSET, ChartStyle(), tmp_path / "figures", tmp_path / "cache"
    )
    assert second.drawn == SUBSET
    for name in SUBSET:
        assert second[name].png.read_bytes() == first[name].png.read_bytes()
        assert second[name].svg.read_bytes() == first[name].svg.read_bytes()


def test_charts_without_data_are_skipped_with_reasons(tmp_path: Path) -> None:
    charts = draw_charts(
        nothing_optional(), ["disputes", "iro_caseload"], ChartStyle(), tmp_path, tmp_path / "c"
    )
    assert dict(charts) == {} and set(charts.skipped) == {"disputes", "iro_caseload"}
    assert charts.skipped["iro_caseload"] == ("it needs the IROs in post, full-time equivalent (iro_service: fte:), "
                                              "which statistics.yaml does not give")
    assert charts.skipped["disputes"].startswith("none of the figures it draws have a value (challenges raised")


def test_unknown_chart_name_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="unknown chart 'rate'"):
        draw_charts(realistic_statistics(), ["rate"], ChartStyle(), tmp_path, tmp_path / "c")


def test_workers_never_exceed_jobs_or_processors() -> None:
    assert worker_count(1) == 1
    assert 1 <= worker_count(50) <= 50
