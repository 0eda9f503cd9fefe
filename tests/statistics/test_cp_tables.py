"""Child protection tables: small counts hidden in public papers, comparators and targets, no census no table."""

from __future__ import annotations

import pytest

from cp_figures import cp_figures
from report_builder.errors import ContentError
from report_builder.statistics.model import Statistics
from report_builder.statistics.tables import build_table


def council(public: bool = True, comparators: list | None = None, **cp_changes) -> Statistics:
    return Statistics.model_validate({
        "council": "Eastshire", "period": {"year_ending": 2025}, "source": "ssda903",
        "cla": {"at_start": 90, "at_end": 100, "population_0_17": 20_000}, "started": {"total": 40},
        "ceased": {"total": 30}, "reviews": {"held": 200, "on_time": 180}, "suppress_small_counts": public,
        "cp": {**cp_figures(), **cp_changes}, "comparators": comparators or [],
    })


def texts(table) -> list[list[str]]:
    return [[cell.text for cell in row] for row in table.rows]


def comparator(measure: str, area: str, year: int, value: float, source: str = "DfE") -> dict:
    return {"measure": measure, "area": area, "year_ending": year, "value": value, "source": source}


def test_category_hides_counts_from_1_to_5_in_public_papers() -> None:
    rows = dict((row[0], row[1:]) for row in texts(build_table(council(), "cp_category")))
    assert rows["Sexual abuse"] == ["c", "c"]  # 4 children
    assert rows["Total"] == ["240", "100.0%"]
    assert sum(1 for cells in rows.values() if cells[0] == "c") >= 2  # secondary suppression
    internal = dict((row[0], row[1:]) for row in texts(build_table(council(public=False), "cp_category")))
    assert internal["Sexual abuse"] == ["4", "1.7%"]
    assert "Not recorded" not in internal  # a zero 'not recorded' row is left out


def test_trend_beside_comparators_and_the_source_names_them() -> None:
    stats = council(comparators=[comparator("cp.plans.rate_per_10k", "statistical_neighbours", 2024, 42, "SN average"),
                                 comparator("cp.plans.rate_per_10k", "england", 2024, 41.6, "DfE, Children in need")])
    table = build_table(stats, "cp_trend")
    assert table.columns == ["Year", "Children subject to a plan at 31 March", "Rate per 10,000 children",
                             "Statistical neighbours rate per 10,000", "England rate per 10,000"]
    assert texts(table)[-2] == ["2023/24", "229", "39.5", "42.0", "41.6"]  # one decimal place, as the DfE does
    assert texts(table)[-1][:3] == ["2024/25", "240", "41.1"]
    assert table.source == "Source: CIN census, 2024/25; SN average; DfE, Children in need"


def test_timeliness_tables_name_the_council_target() -> None:
    stats = council(comparators=[comparator("cp.icpc.on_time_pct", "target", 2021, 85, "Partnership target")])
    table = build_table(stats, "icpc_timeliness")
    assert texts(table)[-1] == ["2024/25", "364", "309", "55", "84.9%"]
    assert "The council's target for initial conferences on time is 85%." in table.footnotes
    assert table.source == "Source: CIN census, 2024/25; Partnership target"


def test_activity_beside_last_year() -> None:
    rows = dict((row[0], row[1:]) for row in texts(build_table(council(), "cp_activity")))
    assert rows["Initial child protection conferences held"] == ["367", "370"]
    assert rows["Conferences chaired"] == ["987", "970"]


def test_no_census_no_child_protection_table() -> None:
    stats = council().model_copy(update={"cp": None})
    with pytest.raises(ContentError, match="no child protection figures: report.yaml names no CIN census"):
        build_table(stats, "cp_trend")
