"""The vocabulary: every name there each year, with no value where a figure is not available."""

from __future__ import annotations

import pytest

from report_builder.statistics.model import Breakdown, Period, Profile, Reviews, Statistics
from report_builder.statistics.vocabulary import entries, is_known_name, no_value, values


def bare(**figures) -> Statistics:  # type: ignore[no-untyped-def]
    return Statistics(council="Testshire", period=Period(year_ending=2012), source="aggregates", **figures)


def test_every_name_is_there_with_or_without_a_value() -> None:
    found = values(bare())
    names = {e.name for e in entries()}
    fixed = {n for n in names if not n.startswith(("comparators.", "cp.")) and n not in ("council",)}
    assert fixed <= set(found)
    assert found["reviews.on_time"].value is None and str(found["reviews.on_time"]) == ":"


def test_a_partial_breakdown_has_no_value_for_what_was_not_given() -> None:
    found = values(bare(profile=Profile(legal_status=Breakdown(counts={"full_care_orders": 60}, whole=100,
                                                               partial=True))), public=False)
    assert (found["profile.legal_status.full_care_orders_pct"].value, found["profile.legal_status.section_20"].value) \
        == (60.0, None)
    assert str(found["profile.legal_status.full_care_orders_pct"]) == "60%"


NO_VALUE = [
    ("reviews.on_time", "add it to statistics.yaml, or rewrite the sentence without it"),
    ("reviews.on_time_pct", "it is worked out from figures that were not given: add them to statistics.yaml, or "
                            "rewrite the sentence without it"),
    ("previous.reviews_held", "add last year's figures under previous_years in statistics.yaml (or last year's "
                              "SSDA903 return), or rewrite the sentence without it"),
    ("comparators.england.cla.rate_per_10k", "add it to the comparators file (data: comparators: in report.yaml), "
                                             "or rewrite the sentence without it"),
    ("cp.icpc.held", "add the CIN census (data: cin: in report.yaml), if the IROs chair child protection "
                     "conferences, or rewrite the sentence without it"),
]


@pytest.mark.parametrize(("name", "hint"), NO_VALUE, ids=[n for n, _ in NO_VALUE])
def test_no_value_says_the_year_and_how_to_fix(name: str, hint: str) -> None:
    assert no_value(name, values(bare(reviews=Reviews(held=590)))) == (f"{name} has no value for 2011/12", hint)


@pytest.mark.parametrize(("name", "known"), [
    ("reviews.on_time", True), ("comparators.region.profile.sex.male_pct", True),
    ("comparators.england.cla.rate_per_10k_year", True), ("comparators.moon.cla.rate_per_10k", False),
    ("reviews.on_tme", False),
])
def test_known_names_include_every_comparator_of_a_vocabulary_name(name: str, known: bool) -> None:
    assert is_known_name(name) is known
