from __future__ import annotations

import pytest

from report_builder.placeholders import PlaceholderProblem, Placeholders
from report_builder.statistics.model import (
    Breakdown,
    Ceased,
    ChildrenLookedAfter,
    ComparatorValue,
    Participation,
    Period,
    Profile,
    Reviews,
    Started,
    Statistics,
)
from report_builder.statistics.vocabulary import entries, values


@pytest.fixture
def placeholders() -> Placeholders:
    stats = Statistics(
        council="Northbridge", period=Period(year_ending=2025), source="aggregates",
        cla=ChildrenLookedAfter(at_start=596, at_end=551, population_0_17=52000),
        started=Started(total=180), ceased=Ceased(total=216),
        reviews=Reviews(held=1753, on_time=1655),
        participation=Participation(codes={"PN0": 100, "PN1": 1200, "PN2": 0, "PN3": 0, "PN4": 0, "PN5": 0, "PN6": 353,
                                           "PN7": 100}),
        profile=Profile(legal_status=Breakdown(counts={"full_care_orders": 546, "placement_orders": 5})),
    )
    return Placeholders(values(stats, public=True), {"ref": lambda name: "Figure 1"})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{{ reviews.held }} reviews", "1,753 reviews"),
        ("{{ reviews.on_time_pct }} on time", "94.4% on time"),
        ("a fall of {{ cla.change_pct | abs }}", "a fall of 7.6%"),
        ("{{ cla.change }}", "-45"),
        ("{{ participation.pct }}", "94.0%"),
        ("{{ participation.codes.PN0 }}", "100"),
        ("{{ period.long_label }}", "1 April 2024 to 31 March 2025"),
        ("{{ period.end_date }}", "31 March 2025"),
        ("{{ profile.legal_status.placement_orders }}", "fewer than 6"),
        ("{{ profile.legal_status.placement_orders_pct }}", "c"),
        ("{{reviews.late}}", "98"),
        ("{{ cla.change | change_words }}", "a fall of 45"),
        ("{{ cla.change_pct | change_words }}", "a fall of 7.6%"),
        ("{{ profile.legal_status.full_care_orders }}", "c"),
        ("{{ reviews.held | plural('review') }}", "1,753 reviews"),
        ("{{ started.total | plural('child', 'children') }}", "180 children"),
        ("{{ profile.legal_status.placement_orders | plural('child', 'children') | capitalize }}",
         "Fewer than 6 children"),
    ],
    ids=["count", "percent", "abs-filter", "negative-change", "participation", "pn-code", "period", "date",
         "suppressed-count", "suppressed-percent", "no-spaces", "change-words", "change-words-percent",
         "secondary-suppression", "plural", "plural-irregular", "plural-suppressed"],
)
def test_placeholders_render_british_figures(placeholders: Placeholders, text: str, expected: str) -> None:
    assert placeholders.render(text) == expected


@pytest.mark.parametrize(
    "text",
    ["Tom & Jerry <b>not bold</b> \"q\" 'q' {braces} {% raw %} {# x #} Zoë – — 😀", "{ reviews.held }", "}}{{"[::-1][:1]],
    ids=["symbols", "single-braces", "lone-brace"],
)
def test_text_that_is_not_a_placeholder_is_kept(placeholders: Placeholders, text: str) -> None:
    assert placeholders.render(text) == text


@pytest.mark.parametrize(
    ("text", "message", "hint"),
    [
        ("{{ reviews.on_tme }}", "unknown statistic 'reviews.on_tme'", "did you mean 'reviews.on_time'?"),
        ("{{ reviews.__class__ }}", "unknown statistic 'reviews.__class__'", None),
        ("{{ cycler.__init__.__globals__ }}", "unknown statistic 'cycler.__init__.__globals__'", None),
        ("{{ ''.__class__.__mro__ }}", "is not allowed", None),
        ("{{ lipsum() }}", "calls something that is not allowed", None),
        ("{{ reviews.held | attr('x') }}", "unknown filter 'attr'", None),
        ("{{ reviews.overdue }}", "reviews.overdue has no value for 2024/25",
         "add it to statistics.yaml, or rewrite the sentence without it"),
        ("{{ reviews.overdue | abs }}", "reviews.overdue has no value for 2024/25", None),
        ("{{ comparators.england.cla.rate_per_10k }}", "comparators.england.cla.rate_per_10k has no value for 2024/25",
         "add it to the comparators file (data: comparators: in report.yaml), or rewrite the sentence without it"),
        ("{{ previous.reviews_held }}", "previous.reviews_held has no value for 2024/25", None),
        ("{{ comparators.england.cla.rate_per_10kk }}", "unknown statistic 'comparators.england.cla.rate_per_10kk'",
         None),
        ("{{ reviews }}", "'reviews' is a group of figures, not one figure", None),
        ("{{ 1 + }}", "is not a valid placeholder", None),
    ],
    ids=["typo", "dunder", "globals", "mro", "call", "filter", "no-value", "no-value-filtered",
         "no-comparator", "no-previous-year", "comparator-typo", "group", "syntax"],
)
def test_bad_placeholders_are_refused_with_a_reason(placeholders: Placeholders, text: str, message: str,
                                                    hint: str | None) -> None:
    with pytest.raises(PlaceholderProblem) as caught:
        placeholders.render(text)
    assert message in caught.value.message
    if hint:
        assert caught.value.hint == hint


def test_required_names_are_in_the_vocabulary() -> None:
    names = {entry.name for entry in entries()}
    required = ["cla.at_start", "cla.at_end", "cla.change", "cla.change_pct", "cla.rate_per_10k", "started.total",
                "ceased.total", "reviews.held", "reviews.on_time", "reviews.late", "reviews.on_time_pct",
                "participation.pct", *[f"participation.codes.PN{n}" for n in range(8)]]
    assert not [name for name in required if name not in names]


@pytest.mark.parametrize(
    ("typed", "decimals", "expected"),
    [(66.0, 0, "66%"), (66.0, 1, "66.0%"), (65.75, 2, "65.75%"), (64.0, None, "64%")],
    ids=["whole", "one-place", "two-places", "precision-unknown"],
)
def test_a_comparator_in_the_text_has_the_precision_it_was_given(typed: float, decimals: int | None,
                                                                 expected: str) -> None:
    stats = Statistics(
        council="Northbridge", period=Period(year_ending=2025), source="aggregates",
        cla=ChildrenLookedAfter(at_start=596, at_end=551, population_0_17=52000),
        started=Started(total=180), ceased=Ceased(total=216), reviews=Reviews(held=1753, on_time=1655),
        profile=Profile(legal_status=Breakdown(counts={"full_care_orders": 546, "placement_orders": 5})),
        comparators=[ComparatorValue(measure="profile.legal_status.full_care_orders_pct", area="england",
                                     year_ending=2024, value=typed, decimals=decimals)],
    )
    text = "{{ comparators.england.profile.legal_status.full_care_orders_pct }} in England"
    assert Placeholders(values(stats, public=True)).render(text) == f"{expected} in England"
