"""statistics.yaml as a form: every figure its reader takes, optional, read and written without loss."""

from __future__ import annotations

import shutil
import types
import typing
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from report_builder.statistics.aggregates import Aggregates, read_aggregates
from report_builder.web.aggregate_form import (
    aggregate_fields,
    aggregate_groups,
    figure_values,
    validated_aggregates,
    with_new_reason,
    write_figures,
)
from report_builder.web.roundtrip import YamlFile

WESTMOOR = Path(__file__).parents[2] / "content" / "example-aggregates" / "statistics.yaml"
NORTHBRIDGE = Path(__file__).parents[2] / "content" / "example" / "statistics.yaml"


@pytest.fixture
def westmoor(tmp_path: Path) -> Path:
    """Return a copy of the aggregates example's statistics.yaml (every figure from the council's own report)."""
    return Path(shutil.copy(WESTMOOR, tmp_path / "statistics.yaml"))


def posted(path: Path, **changes: str) -> tuple[YamlFile, list[Any], dict[str, str]]:
    """Return the file read for the form, its fields, and the form as posted with the values shown, changed."""
    document = YamlFile.read(path)
    fields = aggregate_fields(document.data, 2026)
    form = {name: str(value) for name, value in figure_values(document.data, fields).items()}
    return document, fields, form | changes


def scalar_paths(model: type[BaseModel], path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Return the path of every single figure (not a breakdown or list) the reader's model takes."""
    found = []
    for name, info in model.model_fields.items():
        union = typing.get_origin(info.annotation) in (typing.Union, types.UnionType)
        kinds = typing.get_args(info.annotation) if union else (info.annotation,)
        nested = [kind for kind in kinds if isinstance(kind, type) and issubclass(kind, BaseModel)]
        if nested:
            found += scalar_paths(nested[0], (*path, name))
        elif not any(typing.get_origin(kind) in (dict, list) for kind in kinds) and name != "population_0_17":
            found.append((*path, name))
    return found


def test_every_single_figure_the_reader_takes_is_a_field() -> None:
    names = {field.path for field in aggregate_fields({}, 2026)}
    assert set(scalar_paths(Aggregates)) <= names, set(scalar_paths(Aggregates)) - names


def test_every_field_is_a_figure_the_reader_takes(tmp_path: Path) -> None:
    data = YamlFile.read(WESTMOOR).data
    fields = aggregate_fields(data, 2026)
    path = tmp_path / "statistics.yaml"
    path.write_text("previous_years: [{year_ending: 2025}]\n", encoding="utf-8")
    document = YamlFile.read(path)
    text = write_figures(document, [f for f in fields if f.path[0] != "disputes"], {f.name: "2026" if f.name == "year_ending" else "0" for f in fields})
    path.write_text(text, encoding="utf-8")
    read_aggregates(path, tmp_path)  # raises on a key the reader does not take


def test_the_groups_follow_the_reader_children_beside_reviews() -> None:
    groups = {group.title: [field.label for field in group.fields] for group in aggregate_groups({}, 2026)}
    assert groups["Children whose reviews were all on time (the old NI 66)"] == [
        "Children whose reviews were all on time", "Children counted"]
    assert groups["Children who took part in their reviews (PAF C63)"] == [
        "Children who took part in every review they had", "Children counted"]
    assert groups["Reviews the child took part in"][:3] == [
        "Reviews the child took part in", "Reviews counted", "PN0: Child aged under 4 at the time of the review"]
    assert groups["Children aged 0 to 17 living in the area"] == ["2025/26"]
    assert groups["IRO challenge"] == []  # no reasons yet: the table has only its row for a new one
    ages = next(group for group in aggregate_groups({}, 2026) if group.title == "At 31 March: ages of boys and girls")
    assert ages.columns == ("Boys", "Girls")
    assert [(field.label, field.path[-2:]) for field in ages.fields[:3]] == [
        ("Under 1", ("male", "under_1")), ("Under 1", ("female", "under_1")), ("1 to 4", ("male", "age_1_to_4"))]


def test_earlier_years_are_one_table_a_column_for_each_year() -> None:
    group = next(g for g in aggregate_groups(YamlFile.read(WESTMOOR).data, 2026) if g.title.startswith("Earlier"))
    assert group.columns == ("2021/22", "2022/23", "2023/24", "2024/25")
    assert [field.name for field in group.fields[:5]] == [
        "previous_years.0.cla_at_end", "previous_years.1.cla_at_end", "previous_years.2.cla_at_end",
        "previous_years.3.cla_at_end", "previous_years.0.population_0_17"]


def test_a_report_read_from_the_903_shows_only_what_the_return_cannot_give() -> None:
    data = YamlFile.read(NORTHBRIDGE).data
    groups = [group.title for group in aggregate_groups(data, 2026, from_903=True)]
    assert groups == ["Children aged 0 to 17 living in the area", "IRO challenge", "IRO challenge: how it ended",
                      "The IRO team"]
    labels = [field.label for field in aggregate_fields(data, 2026, from_903=True)]
    assert "2020/21" in labels


def test_challenge_is_a_table_of_the_councils_reasons_informal_beside_formal() -> None:
    challenge = aggregate_groups(YamlFile.read(WESTMOOR).data, 2026)[-4]
    assert challenge.title == "IRO challenge" and challenge.columns == ("Informal", "Formal")
    assert [field.name for field in challenge.fields[:2]] == [
        "disputes.informal.Care plan not updated", "disputes.formal.Care plan not updated"]
    assert [field.label for field in challenge.fields[::2]] == [
        "Care plan not updated", "Delay in permanence planning", "Family time arrangements",
        "Reports not shared before the review"]


def test_a_formal_count_for_a_reason_given_only_as_informal_is_added_to_formal(westmoor: Path) -> None:
    document, fields, form = posted(westmoor, **{"disputes.formal.Family time arrangements": "2"})
    text = write_figures(document, fields, form)
    assert "  formal:\n    Care plan not updated: 6\n    Delay in permanence planning: 8\n" \
           "    Family time arrangements: 2\n  resolved_informally_pct: 86" in text


def test_the_example_is_read_and_written_back_byte_for_byte(westmoor: Path) -> None:
    document, fields, form = posted(westmoor)
    assert form["reviews.held"] == "468" and form["iro_service.fte"] == "3.0"
    assert form["reviews.on_time"] == "" and form["previous_years.0.reviews_held"] == "421"
    assert write_figures(document, fields, form) == westmoor.read_text(encoding="utf-8")


@pytest.mark.parametrize("source", [NORTHBRIDGE, Path(__file__).parents[1] / "fixtures" / "small_report" /
                                    "statistics.yaml"], ids=["northbridge-beside-its-903", "small-report"])
def test_every_statistics_file_the_tool_ships_is_written_back_unchanged(source: Path, tmp_path: Path) -> None:
    path = Path(shutil.copy(source, tmp_path / "statistics.yaml"))
    document, fields, form = posted(path)
    assert write_figures(document, fields, form) == source.read_text(encoding="utf-8")


def test_an_emptied_field_takes_the_figure_out_never_0(westmoor: Path) -> None:
    document, fields, form = posted(westmoor, **{"reviews.held": "", "iro_service.headcount": " "})
    text = write_figures(document, fields, form)
    assert "held: 468" not in text and "held: 0" not in text and "headcount" not in text
    assert "  children_all_on_time: 152   # children looked after for 28 days or more" in text  # comments kept
    aggregates, _ = read_aggregates(_written(westmoor, text), westmoor.parent)
    assert aggregates.reviews.held is None and aggregates.iro_service.headcount is None


def test_emptying_every_figure_of_a_part_takes_the_part_out(westmoor: Path) -> None:
    document, fields, form = posted(westmoor, **{"children_looked_after.at_start": "", "children_looked_after.at_end": ""})
    assert "children_looked_after" not in write_figures(document, fields, form)


def test_a_new_figure_goes_where_the_reader_lists_it_and_nothing_else_changes(westmoor: Path) -> None:
    document, fields, form = posted(westmoor, **{"reviews.on_time": "1,198", "reviews.first.held": "40"})
    text = write_figures(document, fields, form)
    assert "reviews:\n  held: 468               # reviews held in the year\n  on_time: 1198\n  children_all_on_time: 152" \
           in text
    assert "whose reviews were all on time: the old NI 66\n  first:\n    held: 40\nparticipation:\n" in text
    old, new = westmoor.read_text(encoding="utf-8").splitlines(), text.splitlines()
    assert [line for line in new if line not in old] == ["  on_time: 1198", "  first:", "    held: 40"]


def test_a_new_reason_typed_in_the_last_row_is_added_with_its_counts(westmoor: Path) -> None:
    document, fields, form = posted(westmoor, **{"disputes.new_reason": "  Health plans  not in place ",
                                                 "disputes.new_reason.formal": "3"})
    fields, values, problems = with_new_reason(fields, form)
    text = write_figures(document, fields, values)
    assert problems == {} and "    Delay in permanence planning: 8\n    Health plans not in place: 3\n" in text
    assert "Health plans not in place" not in text.split("  formal:")[0]  # no informal count was given


@pytest.mark.parametrize(("typed", "said"), [
    ({"disputes.new_reason.informal": "4"}, "the new reason has a count but no words"),
    ({"disputes.new_reason": "Health plans"}, "the new reason 'Health plans' has no count"),
], ids=["count-without-words", "words-without-a-count"])
def test_a_half_filled_new_reason_is_a_problem_on_its_row(typed: dict[str, str], said: str) -> None:
    problems = with_new_reason([], typed)[2]
    assert [p.message for p in problems["disputes.new_reason"]] == [said]


@pytest.mark.parametrize(("name", "value", "line"), [
    ("population_0_17.2026", "41300", "  2026: 41300"),
    ("at_31_march.age_band_by_sex.male.under_1", "6",
     "    male:   {under_1: 6, age_1_to_4: 13, age_5_to_9: 15, age_10_to_15: 33, age_16_plus: 37}"),
    ("disputes.informal.Family time arrangements", "10", "    Family time arrangements: 10"),
    ("previous_years.0.reviews_held", "420",
     "  - {year_ending: 2022, cla_at_end: 158, population_0_17: 40600, started: 70, ceased: 64, reviews_held: 420}"),
], ids=["year-key-stays-a-number", "flow-map-stays-aligned", "reason-in-the-councils-words", "earlier-year"])
def test_a_changed_figure_is_written_in_the_files_own_style(westmoor: Path, name: str, value: str, line: str) -> None:
    document, fields, form = posted(westmoor, **{name: value})
    text = write_figures(document, fields, form)
    assert line in text.splitlines()
    assert len([a for a, b in zip(text.splitlines(), westmoor.read_text(encoding="utf-8").splitlines(), strict=True)
                if a != b]) == 1


def _written(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


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


def test_the_page_saves_a_figure_and_refuses_one_that_is_not_a_count(page) -> None:  # type: ignore[no-untyped-def]
    path = page.folder / "statistics.yaml"
    before = path.read_text(encoding="utf-8")
    shown = page.get("/data").text
    version = shown.split('name="figures_version" value="', 1)[1].split('"', 1)[0]
    assert 'name="participation.children_participated"' in shown and 'placeholder="not available"' in shown
    form = posted(path)[2]
    answer = page.post("/data/figures", data={**form, "figures_version": version, "reviews.overdue": "five"})
    assert "Not saved" in answer.text and path.read_text(encoding="utf-8") == before
    answer = page.post("/data/figures", data={**form, "figures_version": version, "reviews.overdue": "7"})
    assert "Saved." in answer.text
    assert path.read_text(encoding="utf-8") == before.replace("  overdue: 6\n", "  overdue: 7\n")
    version = answer.text.split('name="figures_version" value="', 1)[1].split('"', 1)[0]
    answer = page.post("/data/figures", data={**form, "reviews.overdue": "7", "figures_version": version,
                                              "disputes.new_reason": "Health plans"})
    assert "the new reason &#39;Health plans&#39; has no count" in answer.text
    assert 'name="disputes.new_reason" value="Health plans"' in answer.text  # kept as typed
    assert "Health plans" not in path.read_text(encoding="utf-8")
