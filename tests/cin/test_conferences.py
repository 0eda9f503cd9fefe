"""Initial child protection conferences: held once per child and date, judged on the 15th working day."""

from __future__ import annotations

import pytest

from report_builder.cin.conferences import held_in_year


@pytest.mark.parametrize(
    ("start", "held", "on_time"),
    [
        # Thursday 17 April 2025, the working day before Good Friday: Good Friday, Easter Monday and
        # the early May bank holiday are not working days, so the 15th working day is 13 May.
        ("2025-04-17", "2025-05-13", True),
        ("2025-04-17", "2025-05-14", False),
        # Monday 2 December 2024: day 1 is Tuesday 3 December, day 15 Monday 23 December.
        ("2024-12-02", "2024-12-23", True),
        ("2024-12-02", "2024-12-24", False),
        # A Saturday start is day 0; its working day 1 is the Monday; Christmas and Boxing Day skipped.
        ("2024-12-07", "2024-12-31", True),
        ("2024-12-07", "2025-01-02", False),
        # An ICPC on the day the enquiry started is on time.
        ("2024-06-03", "2024-06-03", True),
    ],
    ids=["good-friday-15th-day", "good-friday-a-day-late", "15th-working-day", "a-day-late",
         "saturday-start-15th-day", "saturday-start-late", "same-day"],
)
def test_icpc_on_time_on_the_15th_working_day(census, start, held, on_time):
    year = 2026 if start.startswith("2025-04") else 2025
    census.child().episode(start).s47(start, held)
    icpc = census.figures(year).icpc
    assert (icpc.held, icpc.on_time, icpc.late, icpc.not_judged) == (1, int(on_time), int(not on_time), 0)


def test_icpc_recorded_at_both_levels_is_counted_once_with_a_note(census):
    census.child().episode("2024-09-02", icpc="2024-09-20").s47("2024-09-02", "2024-09-20")
    cp = census.figures()
    assert cp.icpc.held == 1 and cp.icpc.on_time == 1
    assert (
        "1 initial conference in 2024/25 was recorded both in a Section47 module and at CINdetails "
        "level; it was counted once." in cp.data_notes
    )
    problems = [str(p) for p in census.read().returns[2025].problems]
    assert len(problems) == 1
    assert "DateOfInitialCPC: the initial conference on 2024-09-20 is also recorded in a Section47 module" in problems[0]
    assert "DfE rule 2884" in problems[0]


def test_icpc_at_cindetails_level_only_is_held_but_not_judged(census):
    census.child().episode("2024-09-02", icpc="2024-09-20")
    icpc = census.figures().icpc
    assert (icpc.held, icpc.on_time, icpc.late, icpc.not_judged) == (1, 0, 0, 1)
    assert icpc.on_time_pct is None  # nothing judged: no value, not 0


@pytest.mark.parametrize(
    ("start", "why"),
    [("", "no start"), ("2024-13-01", "not a date"), ("2024-09-21", "after the ICPC")],
    ids=["no-start", "start-not-a-date", "start-after-icpc"],
)
def test_icpc_without_a_usable_s47_start_is_not_judged(census, start, why):
    census.child().episode("2024-09-02").s47(start, "2024-09-20")
    icpc = census.figures().icpc
    assert (icpc.held, icpc.not_judged) == (1, 1), why


def test_icpc_is_judged_against_the_earliest_s47_start_recording_it(census):
    # Two enquiries record the same conference: the earlier start (2 September) makes it late.
    episode = census.child().episode("2024-09-02")
    episode.s47("2024-09-02", "2024-09-27").s47("2024-09-16", "2024-09-27")
    icpc = census.figures().icpc
    assert (icpc.held, icpc.on_time, icpc.late) == (1, 0, 1)


def test_icpc_not_required_but_dated_still_counts(census):
    census.child().episode("2024-09-02").s47("2024-09-02", "2024-09-10", not_required="true")
    assert census.figures().icpc.held == 1


def test_icpcs_outside_the_year_are_not_counted(census):
    census.child().episode("2024-03-01").s47("2024-03-01", "2024-03-28")
    census.child().episode("2024-03-01").s47("2024-03-10", "2024-04-01")
    held = held_in_year(census.read().returns[2025], 2025)
    assert len(held) == 1


def test_icpc_leading_to_a_plan(census):
    census.child().episode("2024-09-02").s47("2024-09-02", "2024-09-20").plan("2024-09-20")
    census.child().episode("2024-09-02").s47("2024-09-02", "2024-09-20")
    icpc = census.figures().icpc
    assert (icpc.held, icpc.led_to_plan, icpc.led_to_plan_pct) == (2, 1, 50.0)


def test_recorded_target_that_differs_gives_a_warning_and_a_note(census):
    # 15 working days after Monday 2 September 2024 is Monday 23 September.
    census.child().episode("2024-09-02").s47("2024-09-02", "2024-09-23", target="2024-09-20")
    cp = census.figures()
    assert cp.icpc.on_time == 1
    assert any("had a recorded target date (InitialCPCtarget)" in note for note in cp.data_notes)
    [problem] = census.read().returns[2025].problems
    assert problem.severity == "warning"
    assert "InitialCPCtarget: 2024-09-20 is not the 15th working day after the enquiry started (2024-09-23)" in problem.message
