"""Tests for the chart catalogue: every chart plans from realistic figures and edge cases; alt text."""

from __future__ import annotations

import pytest
from chart_fixtures import EDGE_CASES, LONG_REASON, nothing_optional, one_year, realistic_statistics

from report_builder.charts import CHART_NAMES, ChartUnavailable, plan_chart
from report_builder.charts.catalogue import relabelled
from report_builder.errors import ContentError

ALWAYS_AVAILABLE = set(CHART_NAMES)


@pytest.mark.parametrize("case", EDGE_CASES)
@pytest.mark.parametrize("name", CHART_NAMES)
def test_every_chart_plans_from_every_case(case: str, name: str) -> None:
    plan = plan_chart(EDGE_CASES[case](), name)
    assert plan.name == name and plan.title and plan.alt_text.startswith("Bar chart. ")
    assert plan.table is not None and plan.table.source.startswith("Source: ")
    assert all(len(s.values) == len(plan.data.categories) for s in plan.data.series)


def test_rate_alt_text_reads_like_a_sentence_with_the_values() -> None:
    plan = plan_chart(one_year(), "rate_per_10k")
    assert plan.alt_text == (
        "Bar chart. Children in care per 10,000 children at 31 March 2025: "
        "Northbridge 78, statistical neighbours 84, England 70."
    )
    assert plan.table.source == plan.source == (
        "Source: SSDA903 return, 2024/25; DfE (statistical neighbours and England), 31 March 2025")


def test_a_chart_cites_only_what_it_shows() -> None:
    plan = plan_chart(one_year(), "cla_trend")  # the council's numbers only, from a table with comparators
    assert plan.source == "Source: SSDA903 return, 2024/25"
    assert "DfE" in plan.table.source


@pytest.mark.parametrize(
    ("name", "phrases"),
    [
        ("cla_trend", ["2020/21: 496", "2024/25: 551"]),
        (
            "rate_per_10k",
            ["2024/25: Northbridge 78, statistical neighbours 84, England not available"],
        ),
        (
            "legal_status",
            [
                "Full care orders: Northbridge 60%, statistical neighbours 58%, England 60%",
                "Placement orders: Northbridge not shown (small number)",
            ],
        ),
        (
            "participation",
            ["Attended and spoke for themselves: 54%", "took part in 93.1% of their reviews"],
        ),
        (
            "review_timeliness",
            ["2024/25: On time 1,363, Late 106", "92.8% of reviews were on time"],
        ),
        ("age_sex", ["16 and over: Male 70, Female not shown (small number)"]),  # the council may say Boys
        ("iro_caseload", ["64.1", "suggested caseload of 50 to 70"]),
        ("disputes", ["Care planning: Informal 60, Formal 20"]),
    ],
)
def test_alt_text_contains_the_values(name: str, phrases: list[str]) -> None:
    alt = plan_chart(realistic_statistics(), name).alt_text
    for phrase in phrases:
        assert phrase in alt


def test_participation_is_in_plain_words_not_codes() -> None:
    plan = plan_chart(realistic_statistics(), "participation")
    assert "PN" not in plan.alt_text and not any("PN" in c for c in plan.data.categories)


def test_suppressed_values_are_c_in_the_table_and_words_in_alt_text() -> None:
    plan = plan_chart(EDGE_CASES["all suppressed"](), "legal_status")
    council = plan.data.series[0]
    assert council.hidden[:3] == (True, True, True) and council.values[:3] == (None, None, None)
    assert [row[1].text for row in plan.table.rows[:3]] == ["c", "c", "c"]
    assert plan.alt_text.count("not shown (small number)") == 3
    assert plan.table.has_suppressed  # the page explains c beneath any table that hides a cell


def test_zeros_are_values_not_gaps() -> None:
    plan = plan_chart(EDGE_CASES["zeros"](), "review_timeliness_by_sequence")
    late = plan.data.series[1]
    assert late.values == (0.0, 0.0, 0.0) and "Late 0" in plan.alt_text


def test_long_labels_and_twenty_groups_are_kept_whole() -> None:
    assert LONG_REASON in plan_chart(EDGE_CASES["long labels"](), "disputes").data.categories
    assert (
        len(plan_chart(EDGE_CASES["20 ethnic groups"](), "ethnicity_detailed").data.categories)
        == 20
    )


def test_ethnicity_is_compared_with_the_local_child_population() -> None:
    plan = plan_chart(realistic_statistics(), "ethnicity")
    assert [s.name for s in plan.data.series] == ["Northbridge", "All local children"]
    assert "Asian or Asian British: Northbridge 4%, all local children 8%" in plan.alt_text


@pytest.mark.parametrize(
    "name", ["disputes", "iro_caseload", "participation", "legal_status", "rate_per_10k"]
)
def test_a_chart_without_data_is_unavailable_with_a_reason(name: str) -> None:
    with pytest.raises(ChartUnavailable, match=r"\w"):
        plan_chart(nothing_optional(), name)


def test_unknown_chart_lists_the_names() -> None:
    with pytest.raises(ContentError, match="did you mean 'rate_per_10k'.*cla_trend, rate_per_10k"):
        plan_chart(realistic_statistics(), "rate_per_10")


def test_the_council_words_relabel_chart_table_and_alt_text_alike() -> None:
    plan = relabelled(plan_chart(one_year(), "age_sex"), {"Male": "Boys", "Female": "Girls"})
    assert [s.name for s in plan.data.series][:2] == ["Boys", "Girls"]
    assert plan.table.columns[1:3] == ["Boys", "Girls"]
    assert "Boys" in plan.alt_text and "Male" not in plan.alt_text
