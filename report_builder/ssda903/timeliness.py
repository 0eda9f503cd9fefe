"""Review timeliness under regulation 33: each review's due date, and reviews due but not held.

In each period of care the first review is due on the 20th working day after the child became
looked after, the second 3 calendar months after the first was held, each later one 6 months after
the previous one was held. A review's due date depends on the review before it, so a review can be
judged only when that review is in the data: every review of a period that began (with RNE S) on
or after the first day the data covers, and every review after the first one seen in an older
period. When a period began before the data does, the first review seen is not judged, and the one
after it counts as the second review if the period began with RNE S less than 3 months before the
review seen; otherwise as a later review.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from report_builder.ssda903.dates import (
    LATER_REVIEW_MONTHS,
    SECOND_REVIEW_MONTHS,
    add_months,
    as_days,
    first_review_due,
)
from report_builder.ssda903.periods import PERIOD

if TYPE_CHECKING:
    import pandas as pd

SEQUENCE = "sequence"
"""Column naming each review 'first', 'second' or 'subsequent' ('' when it cannot be judged)."""


OUTSIDE_CARE = "outside"
"""A review row dated outside every one of the child's periods of care."""
SHORT_BREAKS = "short_breaks"
"""A review row held during a period of short breaks only (which has no statutory reviews)."""


def place_reviews(reviews: pd.DataFrame, periods: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the reviews that count, each with its period of care, and those that do not, with why.

    A review counts when its date falls within one of the child's periods of care, from the first
    day to the day it ended (inclusive: a review can be held on the day a child leaves care), and
    that period is not short breaks only. The rest are returned with REVIEW and `why`
    (OUTSIDE_CARE or SHORT_BREAKS), so that the figures can say how many were left out.
    """
    import pandas as pd

    starts = periods.reset_index()[
        [PERIOD, "CHILD", "start", "end", "start_known", "short_break_only"]
    ]
    matched = pd.merge_asof(
        reviews.sort_values("REVIEW"),
        starts.sort_values("start"),
        left_on="REVIEW",
        right_on="start",
        by="CHILD",
        direction="backward",
    )
    in_a_period = matched[PERIOD].notna() & ~(matched["end"] < matched["REVIEW"])
    short_breaks = in_a_period & matched["short_break_only"].eq(True)
    counted = in_a_period & ~short_breaks
    placed = matched[counted].copy()
    placed[PERIOD] = placed[PERIOD].astype("int64")
    left_out = matched.loc[~counted, ["REVIEW"]].assign(
        why=short_breaks[~counted].map({True: SHORT_BREAKS, False: OUTSIDE_CARE})
    )
    return placed, left_out


def judge_reviews(placed: pd.DataFrame, coverage_start: date) -> pd.DataFrame:
    """Return the reviews that count (from place_reviews) with their sequence, due date and on_time flag."""
    import numpy as np
    import pandas as pd

    placed = placed.sort_values([PERIOD, "REVIEW"], kind="stable").reset_index(drop=True)
    rank = placed.groupby(PERIOD, sort=False).cumcount().to_numpy()
    previous = placed.groupby(PERIOD, sort=False)["REVIEW"].shift()
    known = placed["start_known"].eq(True).to_numpy()  # a review matched to no known start is False
    complete = known & (placed["start"] >= pd.Timestamp(coverage_start)).to_numpy(dtype=bool)
    second_after_unseen = (
        known
        & (rank == 1)
        & (as_days(previous) < add_months(as_days(placed["start"]), SECOND_REVIEW_MONTHS))
    )
    sequence = np.select(
        [
            complete & (rank == 0),
            complete & (rank == 1),
            ~complete & (rank == 0),
            second_after_unseen,
        ],
        ["first", "second", "", "second"],
        default="subsequent",
    )
    placed[SEQUENCE] = sequence
    placed["due"] = _due(sequence, as_days(placed["start"]), as_days(previous))
    placed["on_time"] = as_days(placed["REVIEW"]) <= placed["due"].to_numpy()
    return placed


def _due(sequence, start, previous):
    """Return each review's due date from its sequence, the period's start and the previous review."""
    import numpy as np

    due = np.full(len(sequence), np.datetime64("NaT"), dtype="datetime64[D]")
    first = sequence == "first"
    due[first] = first_review_due(start[first])
    for name, months in (("second", SECOND_REVIEW_MONTHS), ("subsequent", LATER_REVIEW_MONTHS)):
        chosen = sequence == name
        due[chosen] = add_months(previous[chosen], months)
    return due


def next_due(
    judged: pd.DataFrame, periods: pd.DataFrame, on: date, coverage_start: date
) -> pd.Series:
    """Return, for each period, when its next review falls due after the reviews held by the day.

    A period without a review by then has its first review due, when its start is in the data.
    """
    import numpy as np
    import pandas as pd

    held = judged[judged["REVIEW"] <= pd.Timestamp(on)]
    last = held.groupby(PERIOD, sort=False).agg(
        REVIEW=("REVIEW", "last"), sequence=(SEQUENCE, "last")
    )
    months = np.where(last["sequence"].eq("first"), SECOND_REVIEW_MONTHS, LATER_REVIEW_MONTHS)
    due = pd.Series(add_months(as_days(last["REVIEW"]), months), index=last.index)
    complete = periods["start_known"] & (periods["start"] >= pd.Timestamp(coverage_start))
    unreviewed = periods.index[complete & ~periods.index.isin(last.index)]
    first = pd.Series(first_review_due(as_days(periods.loc[unreviewed, "start"])), index=unreviewed)
    return pd.concat([due, first]).astype("datetime64[s]")


def overdue(due: pd.Series, periods: pd.DataFrame, year_ending: int) -> pd.Series:
    """Return the periods whose next review (from next_due on 31 March) is overdue in the year.

    As the reference pins it: the next review due after the last one held by 31 March counts when
    its due date is in the year and before the period ended (or the period is still open). The
    result is a boolean Series indexed by period (True where a review is overdue).
    """
    import pandas as pd

    year_start, year_end = pd.Timestamp(year_ending - 1, 4, 1), pd.Timestamp(year_ending, 3, 31)
    return due.between(year_start, year_end) & _before_end(due, periods)


def unheld(due: pd.Series, periods: pd.DataFrame, year_ending: int) -> pd.Series:
    """Return the periods with a review that fell due while the child was looked after and was not held.

    For the national timeliness indicator (old NI 66): a review due in the year before the period
    ended, or due at any earlier time in a period still open on 31 March and still not held then.
    """
    import pandas as pd

    year_start, year_end = pd.Timestamp(year_ending - 1, 4, 1), pd.Timestamp(year_ending, 3, 31)
    chosen = periods.loc[due.index]
    open_at_end = (chosen["end"].isna() | (chosen["end"] > year_end)) & ~chosen["short_break_only"]
    return (due <= year_end) & (open_at_end | ((due >= year_start) & _before_end(due, periods)))


def _before_end(due: pd.Series, periods: pd.DataFrame) -> pd.Series:
    """Return which due dates fall while the period is open (before it ended, or it has not)."""
    ends = periods.loc[due.index]
    return (ends["end"].isna() | (due < ends["end"])) & ~ends["short_break_only"]
