"""Figures from hand-made returns, each checked against a figure worked out by hand (year ending 31 March 2025)."""

from __future__ import annotations

import pytest

from report_builder.ssda903 import compute_statistics


def figures(ret):
    return compute_statistics(ret.read(), 2025, "Testshire")


def test_episode_ending_on_31_march_is_not_looked_after_then(one_year):
    one_year.child("A", "2010-05-05").episode("A", "2024-06-01", "2025-03-31", rec="E4A")
    stats = figures(one_year)
    assert (
        stats.cla.at_end,
        stats.ceased.total,
        stats.ceased.by_reason.counts["returned_home"],
    ) == (0, 1, 1)


def test_episode_starting_on_31_march_is_looked_after_and_started(one_year):
    one_year.child("A", "2010-05-05").episode("A", "2025-03-31")
    stats = figures(one_year)
    assert (stats.cla.at_start, stats.cla.at_end, stats.started.total) == (0, 1, 1)


def test_two_periods_of_care_in_one_year_count_the_child_once(one_year):
    one_year.child("A", "2012-01-01")
    one_year.episode("A", "2024-05-01", "2024-07-01", rec="E4A").episode("A", "2024-10-01")
    stats = figures(one_year)
    assert (stats.started.total, stats.ceased.total, stats.cla.at_end) == (1, 1, 1)


def test_ceased_counts_the_last_occasion(one_year):
    one_year.child("A", "2021-01-01")
    one_year.episode("A", "2024-05-01", "2024-07-01", rec="E4A").episode(
        "A", "2024-10-01", "2025-02-01", rec="E11"
    )
    stats = figures(one_year)
    assert stats.ceased.total == 1
    assert stats.ceased.by_reason.counts["adopted"] == 1
    assert stats.ceased.by_reason.counts["returned_home"] == 0


def test_short_break_child_is_left_out(one_year):
    one_year.child("A", "2012-01-01").child("B", "2012-01-01")
    one_year.episode("A", "2024-06-01", "2024-06-04", ls="V4", rec="E13").episode(
        "A", "2025-03-30", ls="V4"
    )
    one_year.episode("B", "2024-06-01")
    stats = figures(one_year)
    assert (stats.cla.at_end, stats.started.total, stats.ceased.total) == (1, 1, 0)


def test_x1_chain_is_one_period_of_care(one_year):
    one_year.child("A", "2012-01-01")
    one_year.episode("A", "2023-01-01", "2024-06-01", ls="C1", rec="X1")
    one_year.episode("A", "2024-06-01", "2024-12-01", rne="L", ls="C2", rec="X1")
    one_year.episode("A", "2024-12-01", rne="P", ls="C2", place="K2")
    stats = figures(one_year)
    assert (stats.cla.at_start, stats.cla.at_end, stats.started.total, stats.ceased.total) == (
        1,
        1,
        0,
        0,
    )
    assert stats.profile.placement.counts["residential"] == 1
    assert stats.profile.legal_status.counts["full_care_orders"] == 1


def test_change_and_rate(one_year):
    for child in "ABCD":
        one_year.child(child, "2012-01-01").episode(
            child, "2024-01-01", "2024-06-01" if child in "AB" else ""
        )
    one_year.child("E", "2012-01-01").episode("E", "2024-09-01")
    stats = compute_statistics(one_year.read(), 2025, "Testshire", population=15_000)
    assert (stats.cla.at_start, stats.cla.at_end, stats.cla.change) == (4, 3, -1)
    assert stats.cla.change_pct == pytest.approx(-25.0)
    assert stats.cla.rate_per_10k == pytest.approx(2.0)


AGE_BANDS = [
    ("born 31 March 2024, turns 1 on 31 March", "2024-03-31", "age_1_to_4"),
    ("born 1 April 2024, turns 1 on 1 April", "2024-04-01", "under_1"),
    ("turns 5 on 31 March", "2020-03-31", "age_5_to_9"),
    ("turns 5 on 1 April", "2020-04-01", "age_1_to_4"),
    ("turns 10 on 31 March", "2015-03-31", "age_10_to_15"),
    ("turns 10 on 1 April", "2015-04-01", "age_5_to_9"),
    ("turns 16 on 31 March", "2009-03-31", "age_16_plus"),
    ("turns 16 on 1 April", "2009-04-01", "age_10_to_15"),
]


@pytest.mark.parametrize(
    ("born", "band"), [case[1:] for case in AGE_BANDS], ids=[case[0] for case in AGE_BANDS]
)
def test_age_band_on_31_march(one_year, born, band):
    one_year.child("A", born).episode("A", "2025-03-01")
    bands = figures(one_year).profile.age_band.counts
    assert bands[band] == 1 and sum(bands.values()) == 1


def test_profile_sex_codes_old_and_new(one_year):
    one_year.child("A", "2012-01-01", sex="1").child("B", "2012-01-01", sex="F").child(
        "C", "2012-01-01", sex="U"
    )
    for child in "ABC":
        one_year.episode(child, "2024-06-01")
    profile = figures(one_year).profile
    assert profile.sex.counts == {"male": 1, "female": 1, "unknown": 1}
    assert profile.age_band_by_sex["female"].counts["age_10_to_15"] == 1


def test_ethnicity_major_and_detailed(one_year):
    one_year.child("A", "2012-01-01", ethnic="MWBC").child("B", "2012-01-01", ethnic="CHNE")
    one_year.episode("A", "2024-06-01").episode("B", "2024-06-01")
    profile = figures(one_year).profile
    assert (profile.ethnicity.counts["mixed"], profile.ethnicity.counts["other"]) == (1, 1)
    assert (
        profile.ethnicity_detailed.counts["MWBC"],
        profile.ethnicity_detailed.counts["WBRI"],
    ) == (1, 0)


def test_participation_by_pn_code(one_year):
    one_year.child("A", "2012-01-01").child("B", "2023-01-01")
    one_year.episode("A", "2024-04-02").episode("B", "2024-04-02")
    one_year.review("A", "2024-04-25", "PN1").review("A", "2024-07-20", "PN7").review(
        "B", "2024-04-25", "PN0"
    )
    participation = figures(one_year).participation
    assert participation.code_counts()["PN0"] == 1
    assert (participation.participated, participation.eligible, participation.pct) == (1, 2, 50.0)


def test_uasc_at_31_march(one_year):
    one_year.child("A", "2008-01-01").child("B", "2007-01-01").episode("A", "2024-06-01").episode(
        "B", "2024-06-01"
    )
    folder = one_year.write()
    (folder / "uasc.csv").write_text(
        "CHILD,SEX,DOB,DUC\nA,1,01/01/2008,01/01/2026\nB,1,01/01/2007,01/01/2025\n"
    )
    from report_builder.ssda903 import read_ssda903

    stats = compute_statistics(read_ssda903(folder, year_ending=2025), 2025, "Testshire")
    assert stats.profile.uasc == 1


def test_no_uasc_file_gives_none(one_year):
    one_year.child("A", "2008-01-01").episode("A", "2024-06-01")
    assert figures(one_year).profile.uasc is None


def test_year_outside_the_data_is_refused(one_year):
    from report_builder.errors import DataError

    one_year.child("A", "2008-01-01").episode("A", "2024-06-01")
    with pytest.raises(DataError, match="not the year ending 31 March 2026"):
        compute_statistics(one_year.read(), 2026, "Testshire")


def test_one_child_extract_covers_the_year_of_its_review(extract):
    # One child, in care since May 2023, reviewed in May 2024: a 2024-25 extract, not an impossible range.
    extract.child("A", "2012-01-01").episode("A", "2023-05-01").review("A", "2024-05-01")
    data = extract.read(year_ending=None)
    assert (data.coverage_start.isoformat(), data.extract_end.isoformat()) == ("2024-04-01", "2025-03-31")
    assert compute_statistics(data, 2025, "Testshire").reviews.held == 1


def test_year_outside_a_one_year_extract_names_the_year_it_holds(one_year):
    from report_builder.errors import DataError

    one_year.child("A", "2008-01-01").episode("A", "2024-06-01")
    with pytest.raises(DataError) as raised:
        compute_statistics(one_year.read(), 2024, "Testshire")
    assert str(raised.value.problems[0]) == (
        "the SSDA903 data covers 01/04/2024 to 31/03/2025, not the year ending 31 March 2024 — build the "
        "report for the year ending 31 March 2025 (the only year the data holds), or add that year's return"
    )


def test_breakdowns_carry_their_percentages_in_the_json(one_year):
    import json

    from report_builder.statistics.export import to_json

    for child, ls in zip("ABCD", ("C1", "C2", "C2", "V2")):
        one_year.child(child, "2012-01-01").episode(child, "2024-06-01", ls=ls)
    legal = json.loads(to_json(figures(one_year)))["profile"]["legal_status"]
    assert legal["total"] == 4
    assert legal["percentages"] == {"interim_care_orders": 25.0, "full_care_orders": 50.0, "section_20": 25.0,
                                    "placement_orders": 0.0, "other": 0.0}


def test_participation_codes_carry_their_percentages_in_the_json(one_year):
    import json

    from report_builder.statistics.export import to_json

    one_year.child("A", "2012-01-01").child("B", "2023-01-01")
    one_year.episode("A", "2024-06-03").review("A", "2024-06-28", "PN1").review("A", "2024-09-27", "PN7")
    one_year.episode("B", "2024-06-03").review("B", "2024-06-28", "PN0").review("B", "2024-09-27", "PN0")
    shares = json.loads(to_json(figures(one_year)))["participation"]["code_percentages"]
    assert shares == {"PN0": 50.0, "PN1": 25.0, "PN2": 0.0, "PN3": 0.0, "PN4": 0.0, "PN5": 0.0, "PN6": 0.0,
                      "PN7": 25.0}
