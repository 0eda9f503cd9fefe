"""Row checks on children, episodes and Section47 modules: exact messages, never an identifier."""

from __future__ import annotations

import pytest

FIX = "correct it in the case management system and export again"


def messages(census) -> list[str]:
    return [p.message for p in census.read().returns[2025].problems]


def test_child_without_an_id_is_left_out_of_every_figure(census):
    census.child(child_id=" ").episode("2024-05-01").plan("2024-05-01")
    cp = census.figures()
    assert cp.plans.started == 0
    assert messages(census) == ["LAchildID: the child has no LAchildID"]
    assert "1 child was left out of every figure because they had no LAchildID." in cp.data_notes


def test_repeated_child_is_read_as_one_child(census):
    census.child(child_id="SECRET42").episode("2024-05-01").plan("2024-05-01")
    census.child(child_id="SECRET42").episode("2024-07-01").plan("2024-07-01")
    found = census.read().returns[2025]
    [both_open, problem] = found.problems
    assert "DfE rule 8935" in both_open.hint
    assert problem.severity == "warning"
    assert problem.message.startswith("LAchildID: the same child as the <Child> at line ")
    assert "SECRET42" not in str(problem)
    cp = census.figures()
    assert (cp.plans.at_end, cp.plans.started) == (1, 2)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"born": "2015-02-30"}, "PersonBirthDate: unreadable date"),
        ({"born": "2025-06-01"}, "PersonBirthDate: the date of birth is after the end of the census year"),
        ({"born": ""}, "PersonBirthDate: neither a date of birth nor an expected date of birth is given"),
        ({"gender": ""}, "Sex: neither Sex nor GenderCurrent is given"),
        ({"ethnicity": "XXXX"}, "Ethnicity: 'XXXX' is not an ethnicity code"),
    ],
    ids=["birth-unreadable", "born-after-the-year", "no-birth-date", "no-sex", "ethnicity"],
)
def test_child_warnings(census, options, message):
    census.child(**options).episode("2024-05-01").plan("2024-05-01")
    found = census.read().returns[2025].problems
    assert [p.message for p in found] == [message]
    assert found[0].severity == "warning"
    assert "2015-02-30" not in str(found[0]) and "2025-06-01" not in str(found[0])
    assert census.figures().plans.at_end == 1


def test_icpc_after_the_census_year_is_left_out(census):
    census.child().episode("2024-05-01").s47("2024-05-01", "2025-04-02")
    found = census.read().returns[2025].problems
    where = f"{found[0].file}:{found[0].line}"
    assert str(found[0]) == (
        f"{where}: DateOfInitialCPC: '2025-04-02' is after the end of the census year (31 March 2025) — "
        f"expected a date on or before 31 March 2025; {FIX}"
    )
    assert census.figures().icpc.held == 0


def test_every_problem_at_once_in_file_order(census):
    census.child(ethnicity="").episode("2024-05-01").plan("2024-05-01", previous="")
    census.child().episode("2024-05-01").plan("2024-13-01")
    found = census.read().returns[2025].problems
    assert [p.message.split(":")[0] for p in found] == ["Ethnicity", "NumberOfPreviousCPP", "CPPstartDate"]
    assert [p.line for p in found] == sorted(p.line for p in found)
