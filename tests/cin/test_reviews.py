"""Review child protection conferences: the 3-then-6-month chain, overdue reviews and NI 67."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("start", "review", "year", "on_time"),
    [
        ("2022-11-30", "2023-02-28", 2023, True),  # no 30 February: due the last day, 28 February
        ("2022-11-30", "2023-03-01", 2023, False),
        ("2023-11-30", "2024-02-29", 2024, True),  # leap year: due 29 February
        ("2023-11-30", "2024-03-01", 2024, False),
    ],
    ids=["non-leap-last-day", "non-leap-a-day-late", "leap-last-day", "leap-a-day-late"],
)
def test_plan_started_30_november_first_review_due_end_of_february(census, start, review, year, on_time):
    census.child().episode(start).plan(start, reviews=[review])
    rcpc = census.figures(year).rcpc
    assert (rcpc.held, rcpc.on_time, rcpc.late) == (1, int(on_time), int(not on_time))


def test_later_reviews_are_due_six_months_after_the_previous_one(census):
    # First review (before the year) on 1 March 2024; the next is due 1 September 2024.
    census.child().episode("2023-12-01").plan("2023-12-01", reviews=["2024-03-01", "2024-09-01", "2025-03-03"])
    rcpc = census.figures().rcpc
    assert (rcpc.held, rcpc.on_time, rcpc.late) == (2, 1, 1)


def test_review_dates_are_deduplicated_and_both_layouts_read(census):
    census.child().episode("2024-06-03").plan("2024-06-03", reviews=["2024-09-02", "2024-09-02"])
    census.child().episode("2024-06-03").plan("2024-06-03", reviews=["2024-09-02", "2025-02-28"], reviews_in_one=False)
    assert census.figures().rcpc.held == 3


def test_review_on_the_start_date_is_held_but_not_judged(census):
    census.child().episode("2024-06-03").plan("2024-06-03", reviews=["2024-06-03", "2024-09-02"])
    cp = census.figures()
    assert (cp.rcpc.held, cp.rcpc.on_time, cp.rcpc.not_judged) == (2, 1, 1)
    assert any("DfE rule 8841" in str(p) for p in census.read().returns[2025].problems)


def test_review_due_on_31_march_and_not_held_is_overdue(census):
    census.child().episode("2024-12-31").plan("2024-12-31")  # due 31 March 2025
    rcpc = census.figures().rcpc
    assert (rcpc.held, rcpc.overdue) == (0, 1)
    # the plan had lasted exactly 3 months at 31 March: eligible for NI 67, and not all on time
    assert (rcpc.children_eligible, rcpc.children_all_on_time) == (1, 0)


def test_review_due_after_31_march_is_not_overdue(census):
    census.child().episode("2025-01-01").plan("2025-01-01")  # due 1 April 2025
    rcpc = census.figures().rcpc
    assert (rcpc.overdue, rcpc.children_eligible) == (0, 0)


@pytest.mark.parametrize(
    ("end", "overdue"),
    [("2024-10-01", 1), ("2024-08-10", 0)],
    ids=["ended-later-without-the-review", "ended-on-the-due-date"],
)
def test_plan_ended_in_the_year_without_its_review(census, end, overdue):
    census.child().episode("2024-05-10").plan("2024-05-10", end)  # due 10 August 2024
    assert census.figures().rcpc.overdue == overdue


def test_review_due_before_the_year_and_never_held_is_noted_not_counted(census):
    census.child().episode("2023-10-02").plan("2023-10-02")  # due 2 January 2024
    cp = census.figures()
    assert cp.rcpc.overdue == 0
    assert any("review conference due before 1 April 2024" in note for note in cp.data_notes)


def test_ni67_all_on_time(census):
    census.child().episode("2024-06-03").plan("2024-06-03", reviews=["2024-09-02", "2025-02-28"])
    census.child().episode("2024-06-03").plan("2024-06-03", reviews=["2024-09-10"])  # late
    rcpc = census.figures().rcpc
    assert (rcpc.children_eligible, rcpc.children_all_on_time, rcpc.all_on_time_pct) == (2, 1, 50.0)


def test_conferences_chaired_are_icpcs_and_rcpcs(census):
    episode = census.child().episode("2024-06-03").s47("2024-06-03", "2024-06-20")
    episode.plan("2024-06-20", reviews=["2024-09-19"])
    assert census.figures().conferences.chaired == 2
