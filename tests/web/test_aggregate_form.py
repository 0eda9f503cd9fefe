"""statistics.yaml as a form: its figures in groups, named in words, checked by the aggregates reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from report_builder.web.aggregate_form import (
    aggregate_fields,
    aggregate_groups,
    validated_aggregates,
)
from report_builder.web.roundtrip import YamlFile, plain

DATA = {
    "year_ending": 2026,
    "population_0_17": {"2025": 58400, "2026": 58500},
    "disputes": {"informal": {"Care plan not updated": 61}, "resolved_informally_pct": 80.0},
    "iro_service": {"fte": 6.0, "headcount": 8, "team_name": "not a number"},
    "new_block": {"some_count": 3},
}


def test_each_part_of_the_file_is_a_group_named_in_words() -> None:
    groups = {group.title: [(field.label, field.name) for field in group.fields] for group in aggregate_groups(DATA)}
    assert groups == {
        "Year ending": [("Year ending", "year_ending")],
        "Children aged 0 to 17 living in the area": [("2024/25", "population_0_17.2025"),
                                                     ("2025/26", "population_0_17.2026")],
        "IRO challenge": [("Informal: Care plan not updated", "disputes.informal.Care plan not updated"),
                          ("Challenges resolved informally (%)", "disputes.resolved_informally_pct")],
        "The IRO team": [("IROs in post (full-time equivalent)", "iro_service.fte"),
                         ("IROs in post (people)", "iro_service.headcount")],
        "New block": [("Some count", "new_block.some_count")],
    }


def test_only_numbers_become_fields() -> None:
    assert all(field.kind == "number" for field in aggregate_fields(DATA))
    assert "iro_service.team_name" not in {field.name for field in aggregate_fields(DATA)}


@pytest.fixture
def statistics(small_report: Path) -> Path:
    return small_report / "statistics.yaml"


def test_figures_the_reader_accepts_give_no_problems(statistics: Path, tmp_path: Path) -> None:
    assert validated_aggregates(statistics.read_text(encoding="utf-8"), statistics, tmp_path) == {}


def test_a_part_that_does_not_add_up_is_shown_on_its_field(statistics: Path, tmp_path: Path) -> None:
    text = statistics.read_text(encoding="utf-8").replace("  total: 147", "  total: 999")
    found = validated_aggregates(text, statistics, tmp_path)
    assert any(name.startswith("ceased.") for name in found), found
    assert statistics.read_text(encoding="utf-8") != text  # nothing written to the file itself
    fields = {field.name for field in aggregate_fields(plain(YamlFile.parse(statistics, text).data))}
    assert set(found) - {""} <= fields
