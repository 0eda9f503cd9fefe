"""Review timeliness under regulation 33, each due date worked out by hand in a comment."""

from __future__ import annotations

import numpy as np
import pytest

from report_builder.ssda903 import compute_statistics
from report_builder.ssda903.dates import add_months, first_review_due

FIRST_REVIEW_DUE = [
    # Fri 13 Dec 2024: day 1 is Mon 16 Dec; 16-20 (5), 23-24 (7), 25-26 bank holidays, 27 (8), 30-31 (10),
    # 1 Jan bank holiday, 2-3 (12), 6-10 (17), 13-15 (20): due Wed 15 Jan 2025.
    ("across Christmas and New Year", "2024-12-13", "2025-01-15"),
    # Sat 14 Dec 2024: the next working day, Mon 16 Dec, is day 1, so the same as above.
    ("became looked after on a Saturday", "2024-12-14", "2025-01-15"),
    # Fri 24 May 2024, Mon 27 May a bank holiday: day 1 Tue 28 May; 28-31 (4), 3-7 Jun (9), 10-14 (14),
    # 17-21 (19), Mon 24 Jun (20).
    ("across the late May bank holiday weekend", "2024-05-24", "2024-06-24"),
    # Wed 25 Dec 2024 (a bank holiday): day 1 Fri 27 Dec; 27 (1), 30-31 (3), 2-3 Jan (5), 6-10 (10),
    # 13-17 (15), 20-24 (20): due Fri 24 Jan 2025.
    ("became looked after on Christmas Day", "2024-12-25", "2025-01-24"),
    # Thu 29 Feb 2024: day 1 Fri 1 Mar; 1 (1), 4-8 (6), 11-15 (11), 18-22 (16), 25-28 (20), Good Friday
    # 29 Mar comes later: due Thu 28 Mar 2024.
    ("leap day", "2024-02-29", "2024-03-28"),
]


@pytest.mark.parametrize(
    ("start", "due"), [c[1:] for c in FIRST_REVIEW_DUE], ids=[c[0] for c in FIRST_REVIEW_DUE]
)
def test_first_review_due(start, due):
    assert first_review_due(np.array([start], dtype="datetime64[D]"))[0] == np.datetime64(due)


ADD_MONTHS = [
    ("3 months from 30 November ends on 28 February", "2024-11-30", 3, "2025-02-28"),
    ("3 months from 29 November 2023 is leap day", "2023-11-29", 3, "2024-02-29"),
    ("6 months from 31 August 2023 ends on leap day", "2023-08-31", 6, "2024-02-29"),
    ("6 months from leap day is 29 August", "2024-02-29", 6, "2024-08-29"),
    ("3 months from 31 May is 31 August", "2024-05-31", 3, "2024-08-31"),
]


@pytest.mark.parametrize(
    ("start", "months", "due"), [c[1:] for c in ADD_MONTHS], ids=[c[0] for c in ADD_MONTHS]
)
def test_add_months(start, months, due):
    assert add_months(np.array([start], dtype="datetime64[D]"), months)[0] == np.datetime64(due)


ON_DUE_DATE_OR_LATE = [
    # First review due Wed 15 Jan 2025 (see above).
    ("first review on its due date", ["2025-01-15"], "first", 1),
    ("first review one day late", ["2025-01-16"], "first", 0),
    # First held Tue 14 Jan 2025: second due 14 Apr 2025, after the year; only the first counts.
    ("first review early", ["2025-01-14"], "first", 1),
]


@pytest.mark.parametrize(
    ("held", "sequence", "on_time"),
    [c[1:] for c in ON_DUE_DATE_OR_LATE],
    ids=[c[0] for c in ON_DUE_DATE_OR_LATE],
)
def test_first_review_on_time_or_late(one_year, held, sequence, on_time):
    one_year.child("A", "2012-01-01").episode("A", "2024-12-13")
    for day in held:
        one_year.review("A", day)
    reviews = compute_statistics(one_year.read(), 2025, "Testshire").reviews
    assert getattr(reviews, sequence).held == 1
    assert getattr(reviews, sequence).on_time == on_time
    assert reviews.on_time + reviews.late == reviews.held


SECOND_AND_LATER = [
    # Started Mon 3 Jun 2024: first due 20 working days later, 1 Jul 2024; held 28 Jun 2024.
    # Second due 28 Sep 2024 (3 months), third due 6 months after the second was held.
    ("second on its due date", ["2024-06-28", "2024-09-28"], (1, 1), (0, 0)),
    ("second one day late", ["2024-06-28", "2024-09-29"], (1, 0), (0, 0)),
    (
        "third on its due date (6 months)",
        ["2024-06-28", "2024-09-20", "2025-03-20"],
        (1, 1),
        (1, 1),
    ),
    ("third one day late", ["2024-06-28", "2024-09-20", "2025-03-21"], (1, 1), (1, 0)),
]


@pytest.mark.parametrize(
    ("held", "second", "subsequent"),
    [c[1:] for c in SECOND_AND_LATER],
    ids=[c[0] for c in SECOND_AND_LATER],
)
def test_second_and_later_reviews(one_year, held, second, subsequent):
    one_year.child("A", "2012-01-01").episode("A", "2024-06-03")
    for day in held:
        one_year.review("A", day)
    reviews = compute_statistics(one_year.read(), 2025, "Testshire").reviews
    assert (reviews.second.held, reviews.second.on_time) == second
    assert (reviews.subsequent.held, reviews.subsequent.on_time) == subsequent


def test_leap_year_second_review_due_on_29_february(one_year):
    # Started Mon 30 Oct 2023: first due 27 Nov 2023, held 29 Nov 2023 (late); second due 29 Feb 2024.
    one_year.child("A", "2012-01-01").episode("A", "2023-10-30")
    one_year.review("A", "2023-11-29").review("A", "2024-02-29")
    reviews = compute_statistics(one_year.read(year_ending=2024), 2024, "Testshire").reviews
    assert (reviews.first.on_time, reviews.second.held, reviews.second.on_time) == (0, 1, 1)


def test_overdue_first_review(one_year):
    # Started Sat 1 Feb 2025: day 1 Mon 3 Feb, due Fri 28 Feb 2025; not held by 31 March.
    one_year.child("A", "2012-01-01").episode("A", "2025-02-01")
    assert compute_statistics(one_year.read(), 2025, "Testshire").reviews.overdue == 1


def test_review_not_yet_due_is_not_overdue(one_year):
    # Started Mon 10 Mar 2025: first review due 7 Apr 2025, after the year.
    one_year.child("A", "2012-01-01").episode("A", "2025-03-10")
    assert compute_statistics(one_year.read(), 2025, "Testshire").reviews.overdue == 0


def test_review_whose_previous_review_is_not_in_the_data_is_not_judged(one_year):
    # Care began 1 June 2023, before this return; the review of 10 June 2024 follows one not in the data.
    one_year.child("A", "2012-01-01").episode("A", "2023-06-01")
    one_year.review("A", "2024-06-10").review("A", "2024-12-10")
    stats = compute_statistics(one_year.read(), 2025, "Testshire")
    assert (stats.reviews.not_judged, stats.reviews.held, stats.reviews.on_time) == (1, 2, 1)
    assert (stats.reviews.late, stats.reviews.on_time_pct) == (0, 100.0)  # of the reviews judged
    assert stats.participation.eligible == 2
    assert any("could not be judged" in note for note in stats.data_notes)


def test_children_all_on_time_indicator(one_year):
    # A: all on time (third due 27 Mar 2025, held 20 Mar); B: second late (due 28 Sep 2024);
    # C: looked after fewer than 28 days at 31 March, so left out.
    one_year.child("A", "2012-01-01").child("B", "2012-01-01").child("C", "2012-01-01")
    one_year.episode("A", "2024-06-03").review("A", "2024-06-28").review("A", "2024-09-27").review(
        "A", "2025-03-20"
    )
    one_year.episode("B", "2024-06-03").review("B", "2024-06-28").review("B", "2024-10-01")
    one_year.episode("C", "2025-03-10")
    reviews = compute_statistics(one_year.read(), 2025, "Testshire").reviews
    assert (reviews.children_all_on_time, reviews.children_eligible) == (1, 2)
