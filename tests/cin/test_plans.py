"""Plans: subject to a plan on 31 March, started, ended and their length, category, age and sex."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("end", "at_start", "at_end"),
    [("", 1, 1), ("2024-03-31", 0, 0), ("2024-04-01", 1, 0), ("2025-03-31", 1, 0)],
    ids=["open", "ended-31-march-before", "ended-1-april", "ended-31-march"],
)
def test_plans_open_at_1_april_and_31_march(census, end, at_start, at_end):
    census.child().episode("2024-01-15").plan("2024-01-15", end)
    plans = census.figures().plans
    assert (plans.at_start, plans.at_end) == (at_start, at_end)


def test_each_child_counted_once_with_the_rate_per_10000(census):
    child = census.child()
    child.episode("2024-05-01").plan("2024-05-01")
    child.episode("2024-06-01").plan("2024-06-01")
    census.child().episode("2024-05-01").plan("2024-05-01")
    plans = census.figures(population=60_000).plans
    assert (plans.at_end, plans.rate_per_10k, plans.started, plans.started_children) == (2, 0.3, 3, 2)
    warnings = [p for p in census.read().returns[2025].problems if "DfE rule 8935" in p.hint]
    assert len(warnings) == 1 and warnings[0].severity == "warning"


@pytest.mark.parametrize(
    ("previous", "second"),
    [("0", 0), ("2", 1), ("1", 1), ("", 0), ("two", 0), ("1.5", 0)],
    ids=["none-before", "two-before", "one-before", "missing", "not-a-number", "not-whole"],
)
def test_second_or_subsequent_plans(census, previous, second):
    census.child().episode("2024-05-01").plan("2024-05-01", previous=previous)
    plans = census.figures().plans
    assert plans.second_or_subsequent == second
    assert plans.second_or_subsequent_pct == (100.0 if second else 0.0)


def test_number_of_previous_plans_0_and_2_give_50_percent(census):
    census.child().episode("2024-05-01").plan("2024-05-01", previous="0")
    census.child().episode("2024-05-01").plan("2024-05-01", previous="2")
    plans = census.figures().plans
    assert (plans.started, plans.second_or_subsequent, plans.second_or_subsequent_pct) == (2, 1, 50.0)


@pytest.mark.parametrize(
    ("start", "end", "band"),
    [
        ("2024-01-31", "2024-04-29", "under_3_months"),
        ("2024-01-31", "2024-04-30", "months_3_to_6"),  # 31 January + 3 months is 30 April
        ("2024-04-01", "2024-10-01", "months_6_to_12"),
        ("2024-04-01", "2025-03-31", "months_6_to_12"),
        ("2023-04-01", "2024-04-01", "years_1_to_2"),
        ("2023-02-28", "2025-02-27", "years_1_to_2"),
        ("2023-02-28", "2025-02-28", "years_2_plus"),
    ],
    ids=["under-3", "exactly-3-months", "6-months", "a-day-under-a-year", "a-year", "a-day-under-2-years", "2-years"],
)
def test_length_of_plans_ended(census, start, end, band):
    census.child().episode(start).plan(start, end)
    plans = census.figures().plans
    assert plans.ended == 1 and plans.duration.counts[band] == 1
    assert plans.ended_2_years_plus_pct == (100.0 if band == "years_2_plus" else 0.0)


@pytest.mark.parametrize(
    ("end", "message"),
    [("2024-13-40", "CPPendDate: '2024-13-40' is not a date"),
     ("2024-04-01", "CPPendDate: the plan ends on 2024-04-01, before it starts on 2024-05-01")],
    ids=["end-not-a-date", "end-before-start"],
)
def test_plan_with_a_bad_end_is_started_but_neither_open_nor_ended(census, end, message):
    census.child().episode("2024-05-01").plan("2024-05-01", end)
    cp = census.figures()
    assert (cp.plans.started, cp.plans.at_end, cp.plans.ended) == (1, 0, 0)
    problems = census.read().returns[2025].problems
    assert [p.message for p in problems] == [message]
    assert any("left out of the figures for plans open and ended" in note for note in cp.data_notes)


def test_plan_without_a_start_is_left_out_with_a_note(census):
    census.child().episode("2024-05-01").plan("")
    cp = census.figures()
    assert (cp.plans.started, cp.plans.at_end) == (0, 0)
    assert (
        "1 child protection plan was left out of the plan figures because their start date was "
        "missing, unreadable or after the census year." in cp.data_notes
    )


def test_category_of_the_open_plan_that_started_last(census):
    child = census.child()
    child.episode("2024-05-01").plan("2024-05-01", category="PHY")
    child.episode("2024-06-01").plan("2024-06-01", category="EMO", latest="MUL")
    census.child().episode("2024-05-01").plan("2024-05-01", category="neg")
    census.child().episode("2024-05-01").plan("2024-05-01", category="XXX")
    cp = census.figures()
    assert cp.category.counts == {"neglect": 1, "physical": 0, "emotional": 1, "sexual": 0, "multiple": 0, "not_recorded": 1}
    assert cp.category.pct("emotional") == 33.3  # of cp.plans.at_end
    assert cp.latest_category.counts["multiple"] == 1


def test_unborn_child_and_age_bands(census):
    census.child(born="", expected="2025-05-20", sex="U").episode("2025-01-10").plan("2025-01-10")
    census.child(born="2025-01-02").episode("2025-01-10").plan("2025-01-10")
    census.child(born="2021-03-31").episode("2025-01-10").plan("2025-01-10")  # 4 on 31 March
    census.child(born="2008-04-01").episode("2025-01-10").plan("2025-01-10")  # 16 on 31 March
    census.child(born="", expected="").episode("2025-01-10").plan("2025-01-10")
    cp = census.figures()
    counts = cp.age_band.counts
    assert (counts["unborn"], counts["under_1"], counts["age_1_to_4"], counts["age_16_plus"], counts["not_known"]) == (1, 1, 1, 1, 1)
    assert any("counted as age not known" in note for note in cp.data_notes)


@pytest.mark.parametrize(
    ("options", "sex"),
    [({"gender": "1"}, "male"), ({"gender": "2"}, "female"), ({"sex": "M"}, "male"), ({"sex": "F"}, "female"),
     ({"gender": "9"}, "unknown"), ({"gender": "0"}, "unknown"), ({"sex": "U"}, "unknown"),
     ({"sex": "F", "gender": "1"}, "female")],
    ids=["gender-1", "gender-2", "sex-M", "sex-F", "gender-9", "gender-0", "sex-U", "sex-before-gender"],
)
def test_sex_codes(census, options, sex):
    census.child(**options).episode("2024-05-01").plan("2024-05-01")
    assert census.figures().sex.counts[sex] == 1
