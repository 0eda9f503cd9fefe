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


def judge_reviews(
    reviews: pd.DataFrame, periods: pd.DataFrame, coverage_start: date
) -> pd.DataFrame:
    """Return the reviews held in a period of care with their sequence, due date and on_time flag.

    Reviews outside every period of care (or in short breaks only) are left out of the result.
    """
    import numpy as np
    import pandas as pd

    placed = _in_period(reviews, periods)
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


def _in_period(reviews: pd.DataFrame, periods: pd.DataFrame) -> pd.DataFrame:
    """Return the reviews matched to the period of care they were held in."""
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
    inside = (
        matched[PERIOD].notna()
        & ~(matched["end"] < matched["REVIEW"])
        & matched["short_break_only"].eq(False)
    )
    placed = matched[inside].copy()
    placed[PERIOD] = placed[PERIOD].astype("int64")
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


def overdue(
    judged: pd.DataFrame, periods: pd.DataFrame, year_ending: int, coverage_start: date
) -> pd.Series:
    """Return the periods with a review that fell due in the year, while looked after, and not held.

    The result is a boolean Series indexed by period (True where a review is overdue).
    """
    import pandas as pd

    year_start, year_end = pd.Timestamp(year_ending - 1, 4, 1), pd.Timestamp(year_ending, 3, 31)
    due = next_due(judged, periods, year_end.date(), coverage_start)
    eligible = periods.loc[due.index]
    still_looked_after = eligible["end"].isna() | (due < eligible["end"])
    return due.between(year_start, year_end) & still_looked_after & ~eligible["short_break_only"]
