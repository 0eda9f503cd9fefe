"""Tests for the statistical tables: rows, totals, percentages and suppression, worked out by hand."""

from __future__ import annotations

from typing import Any

import pytest
from cp_figures import cp_figures

from report_builder.errors import ContentError
from report_builder.exhibits import DataTable
from report_builder.statistics.model import Period, Statistics
from report_builder.statistics.tables import TABLE_NAMES, build_table


def small_council(**changes: Any) -> Statistics:
    """Return a small council's figures, easy to check by hand."""
    data: dict[str, Any] = {
        "council": "Eastshire",
        "period": {"year_ending": 2025},
        "source": "ssda903",
        "cp": cp_figures(),
        "cla": {"at_start": 90, "at_end": 100, "population_0_17": 20_000},
        "started": {"total": 40},
        "ceased": {
            "total": 30,
            "by_reason": {"counts": {"returned_home": 20, "adopted": 7, "other": 3}},
        },
        "profile": {
            "legal_status": {
                "counts": {
                    "interim_care_orders": 10,
                    "full_care_orders": 60,
                    "section_20": 27,
                    "placement_orders": 3,
                }
            },
            "age_band_by_sex": {
                "male": {
                    "counts": {
                        "under_1": 4,
                        "age_1_to_4": 10,
                        "age_5_to_9": 12,
                        "age_10_to_15": 20,
                        "age_16_plus": 14,
                    }
                },
                "female": {
                    "counts": {
                        "under_1": 6,
                        "age_1_to_4": 8,
                        "age_5_to_9": 10,
                        "age_10_to_15": 9,
                        "age_16_plus": 7,
                    }
                },
            },
        },
        "reviews": {
            "held": 200,
            "on_time": 180,
            "first": {"held": 30, "on_time": 27},
            "second": {"held": 25, "on_time": 20},
            "subsequent": {"held": 145, "on_time": 133},
        },
        "participation": {"codes": {"PN0": 20, "PN1": 100, "PN2": 0, "PN3": 0, "PN4": 0, "PN5": 0, "PN6": 50, "PN7": 30}},
        "disputes": {
            "informal": {"Care planning": 12, "Delay": 8},
            "formal": {"Care planning": 4, "Delay": 0},
        },
        "iro": {"fte": 2.0, "children_allocated": 100},
        "trend": [
            {
                "year_ending": 2024,
                "cla_at_end": 90,
                "population_0_17": 20_000,
                "started": 35,
                "ceased": 25,
            }
        ],
        "comparators": [
            {"measure": "cla.rate_per_10k", "area": "england", "year_ending": 2024, "value": 70},
            {
                "measure": "profile.legal_status.full_care_orders_pct",
                "area": "england",
                "year_ending": 2024,
                "value": 60.0,
            },
        ],
    }
    return Statistics.model_validate({**data, **changes})


def texts(table: DataTable) -> list[list[str]]:
    """Return the table's cells as a reader sees them."""
    return [[cell.text for cell in row] for row in table.rows]


def test_legal_status_counts_shares_totals_and_comparators() -> None:
    table = build_table(small_council(), "legal_status")
    assert table.columns == ["Legal status", "Number", "%", "England %"]
    assert texts(table) == [
        ["Interim care orders", "c", "c", ":"],
        ["Full care orders", "60", "60%", "60%"],
        ["Voluntary agreements under section 20", "27", "27%", ":"],
        ["Placement orders", "c", "c", ":"],
        ["Other (remand, police protection, emergency orders)", "0", "0%", ":"],
        ["Total", "100", "100%", ":"],
    ]
    assert table.has_total_row
    assert table.source == "Source: SSDA903 return, 2024/25; DfE (England), 31 March 2024"
    assert "Comparator figures are for 31 March 2024, the latest published." in table.footnotes


def test_secondary_suppression_hides_the_next_smallest_count() -> None:
    table = build_table(small_council(), "ceased_reasons")
    shown = {row[0].text: row[1].text for row in table.rows}
    assert shown["Other reasons"] == "c"
    assert shown["Adopted"] == "c", (
        "7 is hidden so that 3 cannot be worked out from the total of 30"
    )
    assert shown["Returned home to parents or relatives"] == "20"
    assert shown["Total"] == "30"
    assert table.has_suppressed


def test_suppression_off_for_internal_papers_shows_every_count() -> None:
    table = build_table(small_council(suppress_small_counts=False), "legal_status")
    assert texts(table)[0] == ["Interim care orders", "10", "10%", ":"]
    assert texts(table)[3] == ["Placement orders", "3", "3%", ":"]
    assert not table.has_suppressed


def test_age_sex_has_totals_row_and_share_column() -> None:
    table = build_table(small_council(), "age_sex")
    assert table.columns == ["Age band", "Male", "Female", "Total", "%"]
    assert texts(table) == [
        ["Under 1", "c", "c", "10", "10%"],
        ["1 to 4", "c", "c", "18", "18%"],
        ["5 to 9", "12", "10", "22", "22%"],
        ["10 to 15", "20", "9", "29", "29%"],
        ["16 and over", "c", "c", "21", "21%"],
        ["Total", "60", "40", "100", "100%"],
    ], "4 boys under 1 hidden; then enough others that no row or column gives it away"


def test_review_timeliness_by_first_second_and_later_reviews() -> None:
    rows = texts(build_table(small_council(), "review_timeliness"))
    assert rows[0] == ["First review (within 20 working days)", "30", "c", "c", "c"]
    assert rows[1] == ["Second review (within 3 months)", "25", "c", "c", "c"]
    assert rows[2] == ["Later reviews (every 6 months)", "145", "133", "12", "91.7%"]
    assert rows[3] == ["All reviews", "200", "180", "20", "90.0%"]


def test_participation_in_plain_words_leaves_out_under_fours() -> None:
    table = build_table(small_council(), "participation")
    rows = texts(table)
    assert rows[0] == ["Attended and spoke for themselves", "100", "56%"]
    assert rows[5] == ["Did not attend but sent their views another way", "50", "28%"]
    assert rows[6] == ["Did not attend and their views were not given", "30", "17%"]
    assert rows[-1] == ["All reviews of children aged 4 and over", "180", "100%"]
    assert "Not counted: 20 reviews of children aged under 4." in table.footnotes
    assert not any("PN" in row[0] for row in rows)


def test_disputes_keep_headline_totals_and_hide_small_reasons() -> None:
    table = build_table(small_council(), "disputes")
    assert table.source == "Source: service records, 2024/25"
    assert texts(table) == [
        ["Care planning", "c", "c", "16"],
        ["Delay", "c", "c", "8"],
        ["Total", "20", "4", "24"],
    ], "the headline 4 formal disputes would give away the 0 beside 'Delay', so both rows hide"


def test_trend_tables_use_exact_comparator_years() -> None:
    rows = texts(build_table(small_council(), "cla_trend"))
    assert rows == [["2023/24", "90", "45", "70"], ["2024/25", "100", "50", ":"]]
    assert texts(build_table(small_council(), "starters_leavers")) == [
        ["2023/24", "35", "25"],
        ["2024/25", "40", "30"],
    ]


def test_iro_staffing_shows_caseload_and_handbook_range() -> None:
    rows = dict(map(tuple, texts(build_table(small_council(), "iro_staffing"))))
    assert rows["Children per full-time IRO"] == "50"
    assert rows["IRO Handbook's suggested caseload"] == "50 to 70"
    assert "Agency IROs (full-time equivalent)" not in rows


@pytest.mark.parametrize("name", TABLE_NAMES)
def test_every_table_builds(name: str) -> None:
    table = build_table(small_council(), name)
    assert table.name == name and table.rows and table.source.startswith("Source: ")
    assert all(len(row) == len(table.columns) for row in table.rows)


def test_unknown_table_lists_the_names() -> None:
    with pytest.raises(
        ContentError, match="did you mean 'legal_status'.*expected one of: cla_trend"
    ):
        build_table(small_council(), "legal_stats")


def test_disputes_not_given_read_not_available_not_zero() -> None:
    stats = Statistics(council="Testshire", period=Period(year_ending=2012), source="aggregates")
    table = build_table(stats, "disputes")
    assert [[cell.text for cell in row] for row in table.rows] == [["Total", ":", ":", ":"]]


def test_review_timeliness_says_the_children_measure_apart_from_the_reviews() -> None:
    from report_builder.statistics.model import Reviews

    stats = Statistics(council="Testshire", period=Period(year_ending=2012), source="aggregates",
                       reviews=Reviews(held=590, children_all_on_time=194, children_eligible=199))
    table = build_table(stats, "review_timeliness")
    assert [[cell.text for cell in row] for row in table.rows] == [["All reviews", "590", ":", ":", ":"]]
    assert table.footnotes == ["Counting children rather than reviews, 97.5% of children (194 of 199 children looked "
                           "after for 28 days or more at 31 March) had all their reviews on time."]
