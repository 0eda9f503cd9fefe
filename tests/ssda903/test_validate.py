"""Row checks: exact messages, rows left out of the figures, and no identifying values in any message."""

from __future__ import annotations

import pytest

from report_builder.errors import display_path
from report_builder.ssda903 import compute_statistics

FIX = "correct it in the case management system and export again"
PLACEMENTS_2024_25 = "A3, A4, A5, A6, H5, K1, K2, K3, P1, P2, P3, R1, R2, R3, R5, S1, T0, T1, T2, T3, T4, U1, U2, U3, U4, U5, U6, Z1"


def messages(data) -> list[str]:
    return [str(p) for p in data.problems]


def test_placement_code_not_in_the_years_list(one_year):
    one_year.child("C1001", "2012-01-01").episode("C1001", "2024-06-01", place="R4")
    data = one_year.read()
    where = display_path(one_year.folder / "episodes.csv")
    assert messages(data) == [
        f"{where}:2: column PLACE: 'R4' is not a placement code in 2024-25 — expected one of {PLACEMENTS_2024_25}; {FIX}"
    ]
    assert len(data.episodes) == 0


def test_k3_is_not_a_placement_code_before_2024_25(one_year):
    one_year.child("C1001", "2012-01-01").episode("C1001", "2023-06-01", place="K3")
    assert "'K3' is not a placement code in 2023-24" in messages(one_year.read(year_ending=2024))[0]


def test_episode_ending_before_it_starts(one_year):
    one_year.child("C1001", "2012-01-01").episode("C1001", "2024-06-01", "2024-05-01")
    where = display_path(one_year.folder / "episodes.csv")
    assert messages(one_year.read()) == [
        f"{where}:2: column DEC: the episode ends on 01/05/2024, before it starts on 01/06/2024 — expected DEC on or after DECOM; {FIX}"
    ]


def test_pn0_for_a_child_aged_4(one_year):
    # Born 10 October 2020: 3 on 9 October 2024 (PN0 right), 4 on 10 October 2024 (PN0 wrong).
    one_year.child("C1001", "2020-10-10").episode("C1001", "2024-06-03")
    one_year.review("C1001", "2024-10-09", "PN0").review("C1001", "2024-10-10", "PN0").review(
        "C1001", "2024-10-11", "PN1"
    )
    data = one_year.read()
    where = display_path(one_year.folder / "reviews.csv")
    assert messages(data) == [
        f"{where}:3: column REVIEW_CODE: 'PN0' is for children under 4, but the child was 4 or over on the review date — expected one of PN1 to PN7; {FIX}"
    ]
    stats = compute_statistics(data, 2025, "Testshire")
    assert stats.participation.code_counts()["PN0"] == 1
    assert stats.participation.code_counts()["PN1"] == 1
    assert (
        "1 review row was left out of the participation figures because their participation code did not match the child's age."
        in stats.data_notes
    )


def test_pn1_for_a_child_under_4(one_year):
    one_year.child("C1001", "2022-01-01").episode("C1001", "2024-06-03").review(
        "C1001", "2024-07-01", "PN1"
    )
    assert (
        "'PN1' is for children aged 4 or over, but the child was under 4 on the review date"
        in messages(one_year.read())[0]
    )


def test_unreadable_date_of_birth_is_not_echoed(one_year):
    one_year.rows["header"].append(
        {"CHILD": "C1001", "SEX": "1", "DOB": "31/02/2012", "ETHNIC": "WBRI"}
    )
    one_year.episode("C1001", "2024-06-01")
    where = display_path(one_year.folder / "header.csv")
    data = one_year.read()
    assert messages(data) == [
        f"{where}:2: column DOB: unreadable date — expected a date written dd/mm/yyyy; {FIX}"
    ]
    assert compute_statistics(data, 2025, "Testshire").data_notes == [
        "1 child was left out of the figures because the child's row in header.csv had a problem.",
        "1 episode row was left out of the figures because the child's row in header.csv had a problem.",
    ]


RULES = [
    (
        "sex code",
        lambda r: r.child("C1", "2012-01-01", sex="X").episode("C1", "2024-06-01"),
        "column SEX: 'X' is not a sex code",
    ),
    (
        "ethnicity code",
        lambda r: r.child("C1", "2012-01-01", ethnic="WXYZ").episode("C1", "2024-06-01"),
        "column ETHNIC: 'WXYZ' is not an ethnicity code",
    ),
    (
        "legal status",
        lambda r: r.child("C1", "2012-01-01").episode("C1", "2024-06-01", ls="Q1"),
        "column LS: 'Q1' is not a legal status code",
    ),
    (
        "reason for new episode",
        lambda r: r.child("C1", "2012-01-01").episode("C1", "2024-06-01", rne="Z"),
        "column RNE: 'Z' is not a reason for new episode code",
    ),
    (
        "reason ceased",
        lambda r: r.child("C1", "2012-01-01").episode("C1", "2024-06-01", "2024-07-01", rec="E99"),
        "column REC: 'E99' is not a reason episode ceased code",
    ),
    (
        "review code",
        lambda r: (
            r.child("C1", "2012-01-01")
            .episode("C1", "2024-06-01")
            .review("C1", "2024-06-20", "PN9")
        ),
        "column REVIEW_CODE: 'PN9' is not a participation code",
    ),
    (
        "child missing from header",
        lambda r: r.child("C1", "2012-01-01").episode("C2", "2024-06-01"),
        "the episode's child is not in header.csv",
    ),
    (
        "overlapping episodes",
        lambda r: (
            r.child("C1", "2012-01-01")
            .episode("C1", "2024-06-01", "2024-09-01")
            .episode("C1", "2024-08-01")
        ),
        "column DECOM: the episode starts on 01/08/2024, before the child's previous episode (line 2) ends",
    ),
    (
        "review before the first episode",
        lambda r: (
            r.child("C1", "2012-01-01").episode("C1", "2024-06-01").review("C1", "2024-05-01")
        ),
        "column REVIEW: '01/05/2024' is before the child's first episode starts",
    ),
    (
        "review after the extract",
        lambda r: (
            r.child("C1", "2012-01-01").episode("C1", "2024-06-01").review("C1", "2025-04-02")
        ),
        "column REVIEW: '02/04/2025' is after the end of the extract (31/03/2025)",
    ),
    (
        "unreadable episode date",
        lambda r: (
            r.child("C1", "2012-01-01")
            .rows["episodes"]
            .append({"CHILD": "C1", "DECOM": "1st June", "RNE": "S", "LS": "C2", "PLACE": "U4"})
        ),
        "column DECOM: '1st June' is not a date",
    ),
]


@pytest.mark.parametrize(("build", "expected"), [c[1:] for c in RULES], ids=[c[0] for c in RULES])
def test_rule(one_year, build, expected):
    build(one_year)
    found = messages(one_year.read())
    assert any(expected in message for message in found), found


def test_no_message_contains_a_child_id_or_date_of_birth(one_year):
    one_year.child("4417829", "2012-03-07", sex="X", ethnic="ZZZZ").child("5550123", "2021-11-19")
    one_year.rows["header"].append(
        {"CHILD": "6660042", "SEX": "1", "DOB": "2012-13-45", "ETHNIC": "WBRI"}
    )
    one_year.episode("4417829", "2024-06-01", place="R4").episode(
        "5550123", "2024-06-01", "2024-05-01"
    )
    one_year.episode("7770001", "2024-06-01").review("5550123", "2024-07-01", "PN1").review(
        "4417829", "2025-06-01", "PN0"
    )
    data = one_year.read()
    assert len(data.problems) >= 7
    for message in messages(data):
        for secret in (
            "4417829",
            "5550123",
            "6660042",
            "7770001",
            "07/03/2012",
            "19/11/2021",
            "2012-13-45",
        ):
            assert secret not in message
