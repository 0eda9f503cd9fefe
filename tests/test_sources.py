"""Where the figures come from: SSDA903 data wins over typed aggregates, and a difference is a warning."""

from __future__ import annotations

import shutil
from pathlib import Path

from report_builder.load import load_report
from report_builder.statistics.sources import compute_statistics
from report_edits import EXAMPLE


def test_ssda903_figure_wins_over_a_typed_one_with_a_warning(tmp_path: Path) -> None:
    folder = tmp_path / "report"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("out"))
    at_start = compute_statistics(load_report(folder))[0].cla.at_start  # the same: no warning
    with (folder / "statistics.yaml").open("a", encoding="utf-8") as stream:
        stream.write(f"children_looked_after:\n  at_start: {at_start}\n  at_end: 450\n")
    stats, warnings = compute_statistics(load_report(folder))
    assert stats.cla.at_end != 450
    assert [str(w) for w in warnings] == [
        f"report/statistics.yaml: children_looked_after.at_end is 450 in statistics.yaml but "
        f"{stats.cla.at_end:,} from the SSDA903 data; the SSDA903 figure is used — remove the figure from "
        "statistics.yaml, or check the export"
    ]


def test_inputs_the_903_cannot_give_come_from_statistics_yaml() -> None:
    stats, warnings = compute_statistics(load_report(EXAMPLE))
    assert warnings == []
    assert stats.source == "ssda903"
    assert stats.disputes.formal_total == 18 and stats.iro.fte == 6.0
    assert stats.iro.children_allocated == stats.cla.at_end
    assert stats.comparator("cla.rate_per_10k", "england") is not None


def test_an_ssda903_folder_without_files_points_to_statistics_yaml(tmp_path: Path) -> None:
    import pytest

    from report_builder.errors import DataError

    folder = tmp_path / "report"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("out", "20*"))
    with pytest.raises(DataError) as raised:
        compute_statistics(load_report(folder))
    assert [str(p) for p in raised.value.problems] == [
        "report/report.yaml:20:12: the SSDA903 folder data/ssda903 (named in report.yaml) holds no SSDA903 files — "
        "put the SSDA903 export there (header.csv, episodes.csv and reviews.csv, one folder per year), or, to build "
        "from the figures in statistics.yaml alone, remove 'ssda903:' from data: in report.yaml"
    ]


def test_a_statistics_file_named_but_missing_beside_an_export_is_a_warning(tmp_path: Path) -> None:
    folder = tmp_path / "report"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("out"))
    (folder / "statistics.yaml").unlink()
    stats, warnings = compute_statistics(load_report(folder))
    assert stats.iro.fte is None and stats.cla.rate_per_10k is None
    assert [(w.severity, w.message) for w in warnings] == [
        ("warning", "statistics.yaml (named in report.yaml) does not exist, so the population, disputes and IRO "
                    "staffing are not available")]
