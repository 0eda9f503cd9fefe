"""Review child protection conferences (RCPCs): timeliness, overdue reviews and the old NI 67.

Reference cases 10 to 12 (Working Together 2023). Each plan's review dates after its start form a
chain, including those before 1 April (the census carries the plan's whole history): the first is
due 3 calendar months after the plan started (the ICPC that started it), each later one 6 months
after the previous review; a month without that day ends on its last day. A review on or before its
due date is on time; one on or before the plan's start is held but not judged.

Overdue (case 11): at most one per plan, when the next due date after the last review held by
31 March falls in the year and the plan was open that day (a plan that ended later in the year
without that review is overdue too). A review due before 1 April and never held is noted, not
counted. NI 67 (case 12): a child subject to a plan at 31 March whose plan (the open one that
started last) started at least 3 months before is eligible; all on time when every review of that
plan in the year was on time and it has no overdue review.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from report_builder.cin.plans import current_plans
from report_builder.cin.reader import CinReturn
from report_builder.ssda903.dates import add_months, as_days
from report_builder.ssda903.periods import in_year
from report_builder.statistics.child_protection import ReviewConferences

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

FIRST_REVIEW_MONTHS = 3
LATER_REVIEW_MONTHS = 6


def judged_reviews(census: CinReturn) -> pd.DataFrame:
    """Return every review with its plan's start, whether judged, its due date and on_time."""
    import numpy as np

    reviews = census.reviews.join(census.plans[["start"]], on="plan")
    judged = (reviews["date"] > reviews["start"]).to_numpy()
    chain = reviews[judged]
    rank = chain.groupby("plan", sort=False).cumcount().to_numpy()
    previous = as_days(chain.groupby("plan", sort=False)["date"].shift())
    first_due = add_months(as_days(chain["start"]), FIRST_REVIEW_MONTHS)
    later_due = add_months(previous, LATER_REVIEW_MONTHS)
    due = np.full(len(reviews), np.datetime64("NaT"), dtype="datetime64[D]")
    due[judged] = np.where(rank == 0, first_due, later_due)
    reviews["judged"] = judged
    reviews["due"] = due
    reviews["on_time"] = judged & (as_days(reviews["date"]) <= due)
    return reviews


def next_due(census: CinReturn, reviews: pd.DataFrame) -> pd.Series:
    """Return each plan's next due date: 6 months after its last judged review, else 3 after its start."""
    import numpy as np
    import pandas as pd

    plans = census.plans
    last = reviews[reviews["judged"]].groupby("plan")["date"].max().reindex(plans.index)
    after_review = add_months(as_days(last), LATER_REVIEW_MONTHS)
    first = add_months(as_days(plans["start"]), FIRST_REVIEW_MONTHS)
    due = np.where(np.isnat(after_review), first, after_review)
    return pd.Series(due, index=plans.index).astype("datetime64[s]")


def open_that_day(plans: pd.DataFrame, day: pd.Series) -> np.ndarray:
    """Return, for each plan, whether it was open on its own given day."""
    return (
        (plans["start"] <= day) & plans["end_ok"] & ~(plans["end"] <= day)
    ).to_numpy(dtype=bool)


def overdue_plans(census: CinReturn, reviews: pd.DataFrame, year_ending: int) -> tuple[pd.Index, int]:
    """Return the plans with a review overdue in the year, and how many had one due before it, never held."""
    due = next_due(census, reviews)
    open_ = open_that_day(census.plans, due)
    overdue = in_year(due, year_ending).to_numpy() & open_
    earlier = (due < _stamp(date(year_ending - 1, 4, 1))).to_numpy() & open_
    return census.plans.index[overdue], int(earlier.sum())


def review_conferences(census: CinReturn, year_ending: int) -> tuple[ReviewConferences, int]:
    """Return the year's review conferences, and how many plans had a review missed before the year."""
    import numpy as np

    reviews = judged_reviews(census)
    held = reviews[in_year(reviews["date"], year_ending)]
    overdue, missed_earlier = overdue_plans(census, reviews, year_ending)
    year_end = date(year_ending, 3, 31)
    current = current_plans(census.plans, year_end)
    eligible = current[
        add_months(as_days(current["start"]), FIRST_REVIEW_MONTHS) <= np.datetime64(year_end)
    ]
    late_plans = held.loc[held["judged"] & ~held["on_time"], "plan"].unique()
    failing = np.isin(eligible.index, late_plans) | np.isin(eligible.index, overdue)
    figures = ReviewConferences(
        on_time=int(held["on_time"].sum()),
        late=int((held["judged"] & ~held["on_time"]).sum()),
        not_judged=int((~held["judged"]).sum()),
        overdue=len(overdue),
        children_eligible=len(eligible),
        children_all_on_time=int((~failing).sum()),
    )
    return figures, missed_earlier


def _stamp(day: date):  # type: ignore[no-untyped-def]
    """Return a date as a pandas Timestamp."""
    import pandas as pd

    return pd.Timestamp(day)
