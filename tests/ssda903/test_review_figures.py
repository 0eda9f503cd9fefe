"""The review figures exactly as the reference pins them, each case a few hand-made rows (year 2024/25)."""

from __future__ import annotations

import pytest

from report_builder.ssda903 import compute_statistics, read_ssda903


def figures(ret):
    return compute_statistics(ret.read(), 2025, "Testshire")


def read_both(returns):
    for ret in returns:
        ret.write()
    return compute_statistics(read_ssda903(returns[0].folder.parent), 2025, "Testshire")


# ---------------------------------------------------------------- which reviews count


def test_review_outside_care_does_not_drop_the_next_childs_review(one_year):
    # A's review of 25 May 2024 is before A's care began (2 June): a row problem, left out.
    # B's review, the next row of the file, still counts in held and in participation.
    one_year.child("A", "2012-01-01").child("B", "2012-01-01")
    one_year.episode("A", "2024-06-02").episode("B", "2024-04-02")
    one_year.review("A", "2024-05-25", "PN1").review("B", "2024-04-26", "PN7")
    stats = figures(one_year)
    assert stats.reviews.held == 1
    assert stats.participation.code_counts()["PN7"] == 1
    assert sum(stats.participation.codes.values()) == stats.reviews.held


def test_review_after_care_ended_is_left_out_of_held_and_participation_alike(one_year):
    # A left care on 1 June 2024; the review of 1 August 2024 falls in no period of care.
    one_year.child("A", "2012-01-01").child("B", "2012-01-01")
    one_year.episode("A", "2024-04-02", "2024-06-01").episode("B", "2024-04-02")
    one_year.review("A", "2024-04-25", "PN1").review("A", "2024-08-01", "PN1").review("B", "2024-04-26", "PN7")
    stats = figures(one_year)
    assert stats.reviews.held == 2
    assert stats.participation.code_counts() == {**dict.fromkeys(stats.participation.codes, 0), "PN1": 1, "PN7": 1}
    assert "1 review dated in 2024/25 was left out of the review and participation figures because it was not " \
           "held during a period of care." in stats.data_notes


def test_review_on_the_day_care_ends_counts(one_year):
    one_year.child("A", "2012-01-01").episode("A", "2024-04-02", "2024-04-30").review("A", "2024-04-30")
    assert figures(one_year).reviews.held == 1


def test_short_break_childs_review_is_left_out_of_held_and_participation_alike(one_year):
    one_year.child("A", "2012-01-01").child("B", "2012-01-01")
    one_year.episode("A", "2024-06-01", "2024-06-04", ls="V4", rec="E13").review("A", "2024-06-03", "PN1")
    one_year.episode("B", "2024-04-02").review("B", "2024-04-26", "PN1")
    stats = figures(one_year)
    assert (stats.reviews.held, sum(stats.participation.codes.values())) == (1, 1)
    assert any("because the child was on short breaks only" in note for note in stats.data_notes)


# ---------------------------------------------------------------- overdue


OVERDUE = [
    # Started Sat 1 Feb 2025: first review due Fri 28 Feb 2025, not held by 31 March.
    ("first review due in the year, not held, still looked after", "2025-02-01", "", 1),
    # Started 1 Feb 2025, left 20 Feb 2025: the review would have fallen due after care ended.
    ("care ended before the review fell due", "2025-02-01", "2025-02-20", 0),
    # Left on the due date itself: not looked after that day, so not overdue.
    ("care ended on the due date", "2025-02-01", "2025-02-28", 0),
    # Started Mon 10 Mar 2025: first review due 7 Apr 2025, after the year.
    ("first review due after the year", "2025-03-10", "", 0),
]


@pytest.mark.parametrize(("start", "end", "overdue"), [c[1:] for c in OVERDUE], ids=[c[0] for c in OVERDUE])
def test_overdue(one_year, start, end, overdue):
    one_year.child("A", "2012-01-01").episode("A", start, end)
    assert figures(one_year).reviews.overdue == overdue


def test_overdue_counts_the_next_review_after_the_last_held(one_year):
    # Started 3 Jun 2024, first held 28 Jun, second due 28 Sep 2024 and never held: one overdue
    # (the one after it cannot fall due until the second is held).
    one_year.child("A", "2012-01-01").episode("A", "2024-06-03").review("A", "2024-06-28")
    assert figures(one_year).reviews.overdue == 1


# ---------------------------------------------------------------- the national timeliness indicator (old NI 66)


def test_child_who_started_on_4_march_with_no_review_due_is_counted_and_on_time(one_year):
    # 4 March to 31 March is 28 days counting both: in the indicator; first review due 1 April 2025.
    one_year.child("A", "2012-01-01").episode("A", "2025-03-04")
    reviews = figures(one_year).reviews
    assert (reviews.children_all_on_time, reviews.children_eligible) == (1, 1)


def test_child_who_started_on_5_march_is_not_counted(one_year):
    one_year.child("A", "2012-01-01").episode("A", "2025-03-05")
    assert figures(one_year).reviews.children_eligible == 0


def test_child_placed_for_adoption_at_31_march_is_not_counted(one_year):
    # Both late at their first review (due 1 Jul 2024); A is placed for adoption (A4) on 31 March.
    one_year.child("A", "2023-01-01").child("B", "2023-01-01")
    one_year.episode("A", "2024-06-03", "2024-12-01", ls="E1", rec="X1")
    one_year.episode("A", "2024-12-01", rne="P", ls="E1", place="A4").review("A", "2024-07-10", "PN0")
    one_year.episode("B", "2024-06-03", ls="E1").review("B", "2024-07-10", "PN0")
    reviews = figures(one_year).reviews
    assert (reviews.children_all_on_time, reviews.children_eligible) == (0, 1)


def test_child_with_a_late_review_or_an_overdue_one_is_not_all_on_time(one_year):
    # A: first review late (due 1 Jul 2024, held 10 Jul). B: first on time, second (due 28 Sep 2024) never held.
    # C: first held on time (28 Jun), second on time (27 Sep), third due 27 Mar 2025 held 20 Mar.
    one_year.child("A", "2012-01-01").child("B", "2012-01-01").child("C", "2012-01-01")
    one_year.episode("A", "2024-06-03").review("A", "2024-07-10")
    one_year.episode("B", "2024-06-03").review("B", "2024-06-28")
    one_year.episode("C", "2024-06-03").review("C", "2024-06-28").review("C", "2024-09-27").review("C", "2025-03-20")
    reviews = figures(one_year).reviews
    assert (reviews.children_all_on_time, reviews.children_eligible) == (1, 3)


def test_review_due_last_year_and_still_not_held_makes_the_child_not_on_time(two_years):
    # Care began Mon 3 Jul 2023; first review due 31 Jul 2023, held 28 Jul; second due 28 Oct 2023 and
    # never held. Nothing falls due in 2024/25, so it is not overdue this year, but the child is not
    # all on time: a review that fell due while looked after went unheld.
    last, this = two_years
    last.child("A", "2012-01-01").episode("A", "2023-07-03").review("A", "2023-07-28")
    this.child("A", "2012-01-01").episode("A", "2023-07-03")
    reviews = read_both(two_years).reviews
    assert (reviews.overdue, reviews.children_all_on_time, reviews.children_eligible) == (0, 0, 1)


def test_short_break_child_is_not_in_the_indicator(one_year):
    one_year.child("A", "2012-01-01").episode("A", "2024-06-01", ls="V4")
    assert figures(one_year).reviews.children_eligible == 0


# ---------------------------------------------------------------- participation per child (PAF C63)


def test_children_who_took_part_in_every_review(one_year):
    # A took part in both reviews; B missed one (PN7); C is under 4 (PN0 only) so not counted;
    # D started on 20 March 2025, too recently to be counted.
    one_year.child("A", "2012-01-01").child("B", "2012-01-01").child("C", "2023-01-01").child("D", "2012-01-01")
    one_year.episode("A", "2024-06-03").review("A", "2024-06-28", "PN1").review("A", "2024-09-27", "PN6")
    one_year.episode("B", "2024-06-03").review("B", "2024-06-28", "PN1").review("B", "2024-09-27", "PN7")
    one_year.episode("C", "2024-06-03").review("C", "2024-06-28", "PN0")
    one_year.episode("D", "2025-03-20").review("D", "2025-03-25", "PN1")
    participation = figures(one_year).participation
    assert (participation.children_participated, participation.children_eligible) == (1, 2)
    assert participation.children_pct == 50.0
    assert (participation.participated, participation.eligible) == (4, 5)  # per review, D's included


def test_child_who_turned_4_counts_only_the_reviews_after(one_year):
    # Born 1 Oct 2020: 3 at the June review (PN0), 4 at the November one (PN1).
    one_year.child("A", "2020-10-01").episode("A", "2024-05-01").review("A", "2024-05-29", "PN0").review(
        "A", "2024-11-01", "PN1"
    )
    participation = figures(one_year).participation
    assert (participation.children_participated, participation.children_eligible) == (1, 1)


# ---------------------------------------------------------------- ceased by reason


CEASED = [
    ("E4A returned home as planned", "E4A", "returned_home"),
    ("E4B returned home not as planned", "E4B", "returned_home"),
    ("E13 to live with someone without parental responsibility is not returned home", "E13", "other"),
    ("E41 child arrangements order", "E41", "child_arrangements"),
    ("E45 special guardianship", "E45", "special_guardianship"),
    ("E17 stayed with carers at 18", "E17", "other"),
    ("E3 care taken over by another council", "E3", "other_la"),
]


@pytest.mark.parametrize(("rec", "group"), [c[1:] for c in CEASED], ids=[c[0] for c in CEASED])
def test_ceased_by_reason_groups(one_year, rec, group):
    one_year.child("A", "2010-01-01").episode("A", "2024-06-01", "2024-09-01", rec=rec)
    counts = figures(one_year).ceased.by_reason.counts
    assert counts[group] == 1 and sum(counts.values()) == 1


def test_a_review_that_cannot_be_judged_does_not_make_the_child_late(one_year):
    # A's care began before the data (first episode RNE = P): the May review's due date is unknown, so it
    # is held but not judged; the next, due 6 months later (10 Nov 2024), was held on 1 Nov. The child is
    # counted, and only a review known to be late (or one due and not held) would spoil "all on time".
    one_year.child("A", "2012-01-01").episode("A", "2023-11-01", rne="P")
    one_year.review("A", "2024-05-10", "PN1").review("A", "2024-11-01", "PN1")
    reviews = figures(one_year).reviews
    assert (reviews.held, reviews.not_judged, reviews.on_time, reviews.late, reviews.overdue) == (2, 1, 1, 0, 0)
    assert (reviews.children_all_on_time, reviews.children_eligible) == (1, 1)
