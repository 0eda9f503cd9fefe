"""statistics.yaml: whatever a council has, nothing invented, and the counts that follow from those given."""

from __future__ import annotations

from pathlib import Path

import pytest

from report_builder.statistics.aggregates import read_aggregates, statistics_from_aggregates


def stats_from(tmp_path: Path, text: str, year: int = 2026):
    path = tmp_path / "statistics.yaml"
    path.write_text(text, encoding="utf-8")
    aggregates, _ = read_aggregates(path, tmp_path, year)
    return statistics_from_aggregates(aggregates, "Testshire", year)


def test_an_empty_file_gives_figures_that_are_all_not_available(tmp_path: Path) -> None:
    stats = stats_from(tmp_path, "population_0_17: 41000\n")
    assert (stats.cla.at_end, stats.started.total, stats.reviews.held, stats.reviews.on_time_pct) == (
        None, None, None, None)
    assert (stats.disputes.total, stats.participation.pct, stats.profile.legal_status.total) == (None, None, None)


TIMELINESS = [
    ("held and on time", "held: 100\n  on_time: 90", (100, 90, 10)),
    ("held and late give on time", "held: 100\n  late: 10", (100, 90, 10)),
    ("on time and late give held", "on_time: 90\n  late: 10", (100, 90, 10)),
    ("held alone: no on time, no late", "held: 100", (100, None, None)),
]


@pytest.mark.parametrize(("given", "expected"), [c[1:] for c in TIMELINESS], ids=[c[0] for c in TIMELINESS])
def test_reviews_on_time_from_any_two_of_three(tmp_path: Path, given: str, expected: tuple) -> None:
    reviews = stats_from(tmp_path, f"reviews:\n  {given}\n").reviews
    assert (reviews.held, reviews.on_time, reviews.late) == expected


def test_a_breakdown_whose_parts_add_up_has_zeros_for_the_rest(tmp_path: Path) -> None:
    legal = stats_from(tmp_path, "children_looked_after: {at_end: 10}\n"
                                 "at_31_march: {legal_status: {full_care_orders: 6, section_20: 4}}\n").profile.legal_status
    assert (legal.count("interim_care_orders"), legal.total, legal.pct("full_care_orders")) == (0, 10, 60.0)


def test_a_breakdown_with_parts_missing_shows_them_not_available(tmp_path: Path) -> None:
    legal = stats_from(tmp_path, "children_looked_after: {at_end: 10}\n"
                                 "at_31_march: {legal_status: {full_care_orders: 6}}\n").profile.legal_status
    assert (legal.count("section_20"), legal.total, legal.pct("full_care_orders")) == (None, 10, 60.0)
    without_total = stats_from(tmp_path, "at_31_march: {legal_status: {full_care_orders: 6}}\n").profile.legal_status
    assert (without_total.total, without_total.pct("full_care_orders")) == (None, None)


def test_ages_by_sex_give_the_ages_and_the_sexes(tmp_path: Path) -> None:
    profile = stats_from(tmp_path, "at_31_march:\n  age_band_by_sex:\n"
                                   "    male: {under_1: 1, age_1_to_4: 2, age_5_to_9: 3, age_10_to_15: 4, age_16_plus: 5}\n"
                                   "    female: {under_1: 1, age_1_to_4: 1, age_5_to_9: 1, age_10_to_15: 1, age_16_plus: 1}\n"
                         ).profile
    assert profile.age_band.counts == {"under_1": 2, "age_1_to_4": 3, "age_5_to_9": 4, "age_10_to_15": 5,
                                       "age_16_plus": 6}
    assert (profile.sex.count("male"), profile.sex.count("female"), profile.sex.count("unknown")) == (15, 5, None)


def test_the_reasons_for_ceasing_give_the_total_when_all_given(tmp_path: Path) -> None:
    reasons = ", ".join(f"{key}: 1" for key in ("returned_home", "adopted", "special_guardianship",
                                                "child_arrangements", "independent_living", "custody",
                                                "other_la", "adult_services", "other"))
    assert stats_from(tmp_path, f"ceased: {{by_reason: {{{reasons}}}}}\n").ceased.total == 9
    assert stats_from(tmp_path, "ceased: {by_reason: {adopted: 3}}\n").ceased.total is None


PARTICIPATION = [
    ("every code", "{PN0: 5, PN1: 50, PN2: 0, PN3: 0, PN4: 0, PN5: 0, PN6: 30, PN7: 20}", (80, 100, 80.0)),
    ("some codes only", "{PN1: 50, PN7: 20}", (None, None, None)),
    ("reviews taking part of those eligible", "{participated: 80, eligible: 100}", (80, 100, 80.0)),
    ("children only", "{children_participated: 143, children_eligible: 157}", (None, None, None)),
]


@pytest.mark.parametrize(("given", "expected"), [c[1:] for c in PARTICIPATION], ids=[c[0] for c in PARTICIPATION])
def test_participation_per_review_from_codes_or_totals(tmp_path: Path, given: str, expected: tuple) -> None:
    taking_part = stats_from(tmp_path, f"participation: {given}\n").participation
    assert (taking_part.participated, taking_part.eligible, taking_part.pct) == expected


def test_participation_per_child_is_kept_apart(tmp_path: Path) -> None:
    taking_part = stats_from(tmp_path, "participation: {children_participated: 143, children_eligible: 157}\n"
                             ).participation
    assert round(taking_part.children_pct, 1) == 91.1


def test_disputes_not_given_are_not_available_and_given_ones_add_up(tmp_path: Path) -> None:
    disputes = stats_from(tmp_path, "disputes: {informal: {Delay: 4, Plans: 6}}\n").disputes
    assert (disputes.informal_total, disputes.formal_total, disputes.total) == (10, None, None)


def test_a_breakdown_not_given_has_no_total_even_with_the_children_at_31_march(tmp_path: Path) -> None:
    profile = stats_from(tmp_path, "children_looked_after: {at_end: 208}\n"
                                   "at_31_march: {legal_status: {full_care_orders: 208}}\n").profile
    assert (profile.ethnicity.total, profile.ethnicity.count("white"), profile.ethnicity.pct("white")) == (
        None, None, None)
    assert (profile.legal_status.total, profile.legal_status.count("section_20")) == (208, 0)


def test_reviews_not_judged_are_not_available_from_typed_figures(tmp_path: Path) -> None:
    reviews = stats_from(tmp_path, "reviews: {held: 590, on_time: 570}\n").reviews
    assert (reviews.not_judged, reviews.late, round(reviews.on_time_pct, 1)) == (None, 20, 96.6)


def test_participation_code_shares_only_when_every_code_is_given(tmp_path: Path) -> None:
    every = stats_from(tmp_path, "participation: {PN0: 5, PN1: 50, PN2: 0, PN3: 0, PN4: 0, PN5: 0, PN6: 25, "
                                 "PN7: 20}\n").participation
    assert (every.code_percentages["PN1"], every.code_percentages["PN0"]) == (50.0, 5.0)
    some = stats_from(tmp_path, "participation: {PN1: 50, PN7: 20}\n").participation
    assert set(some.code_percentages.values()) == {None}


def test_last_years_children_at_31_march_are_this_years_at_the_start(tmp_path: Path) -> None:
    stats = stats_from(tmp_path, "population_0_17: {2024: 40000, 2025: 41000}\n"
                                 "children_looked_after: {at_start: 176, at_end: 208}\n"
                                 "previous_years:\n  - {year_ending: 2024, cla_at_end: 150}\n")
    assert [(y.year_ending, y.cla_at_end, y.population_0_17) for y in stats.trend] == [
        (2024, 150, 40000), (2025, 176, 41000)]
    assert [y.reviews_held for y in stats.trend] == [None, None]
