"""The review figures of a year from SSDA903 data, exactly as the reference pins them.

- Which reviews count: a review row whose REVIEW date is in the year and within one of the
  child's periods of care that is not short breaks only (timeliness.place_reviews). The same
  reviews make `reviews.held` and the participation codes, so the codes add up to reviews held
  (less any review whose code was unusable, which the data notes count); the others are left out
  of both, and a data note says how many.
- Timeliness: on time when held on or before the due date (timeliness.judge_reviews); a review
  whose due date cannot be worked out is held but not judged.
- Overdue: the next review due after the last one held by 31 March, due in the year and before
  the period ended (timeliness.overdue).
- The national timeliness indicator (old NI 66): children looked after at 31 March whose current
  period of care began on or before 4 March (28 days, counting the first day and 31 March), not
  on short breaks and not placed for adoption (placement A3 to A6 on 31 March). A child is all on
  time when none of their reviews held in the year was late and no review that fell due while they
  were looked after went unheld (timeliness.unheld). A child with no review held or due in the
  year is counted, and is all on time. Where the reference is silent, only what the return shows
  counts against a child: a review that cannot be judged (the one before it is not in the data) does
  not make its child late; a review known to be late, or one due and not held, does.
- Participation per child (seed 004's PAF C63): of the children looked after at 31 March whose
  period began on or before 4 March (the same 28 days; the seed's "more than four weeks" read as
  the DfE's 28-day convention) with a review in the year coded PN1 to PN7, those whose every such
  review was coded PN1 to PN6. Children placed for adoption are counted (only NI 66 leaves them out).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from report_builder.ssda903.periods import PERIOD, in_year
from report_builder.ssda903.timeliness import (
    OUTSIDE_CARE,
    SEQUENCE,
    SHORT_BREAKS,
    next_due,
    overdue,
    unheld,
)
from report_builder.statistics import categories
from report_builder.statistics.model import Participation, Period, Reviews, ReviewTimeliness

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from report_builder.ssda903.history import CareHistory

INDICATOR_DAYS = 28
"""The indicator counts children looked after for 28 days or more at 31 March (from 4 March)."""
PLACED_FOR_ADOPTION = ("A3", "A4", "A5", "A6")
"""Placements left out of the national timeliness indicator, as seed 004 says."""


def counted_in_year(history: CareHistory, year_ending: int) -> pd.DataFrame:
    """Return the reviews that count as held in the year, judged."""
    return history.judged[in_year(history.judged["REVIEW"], year_ending)]


def reviews(history: CareHistory, year_ending: int) -> Reviews:
    """Return the reviews held in the year, on time by sequence, overdue, and the NI 66 children."""
    counted = counted_in_year(history, year_ending)
    known = counted[counted[SEQUENCE] != ""]
    by_sequence = {
        name: timeliness(known[known[SEQUENCE] == name]) for name in categories.REVIEW_SEQUENCES
    }
    due = next_due(history.judged, history.periods, date(year_ending, 3, 31), history.data.coverage_start)
    all_on_time, eligible = timeliness_indicator(history, known, due, year_ending)
    return Reviews(
        held=len(counted),
        on_time=int(known["on_time"].sum()),
        **by_sequence,
        overdue=int(overdue(due, history.periods, year_ending).sum()),
        not_judged=len(counted) - len(known),
        children_all_on_time=all_on_time,
        children_eligible=eligible,
    )


def timeliness(judged: pd.DataFrame) -> ReviewTimeliness:
    """Return the reviews held and on time."""
    return ReviewTimeliness(held=len(judged), on_time=int(judged["on_time"].sum()))


def looked_after_since(history: CareHistory, year_ending: int) -> pd.DataFrame:
    """Return the 31 March episode of each child whose current period began on or before 4 March."""
    import numpy as np

    year_end = date(year_ending, 3, 31)
    at_end = history.looked_after(year_end)
    starts = history.periods["start"].reindex(at_end[PERIOD]).to_numpy()
    cutoff = np.datetime64(year_end - timedelta(days=INDICATOR_DAYS - 1))
    return at_end[starts <= cutoff]


def timeliness_indicator(
    history: CareHistory, known: pd.DataFrame, due: pd.Series, year_ending: int
) -> tuple[int, int]:
    """Return (children all on time, children counted) for the national timeliness indicator."""
    import numpy as np

    cohort = looked_after_since(history, year_ending)
    children = cohort.loc[~cohort["PLACE"].isin(PLACED_FOR_ADOPTION), "CHILD"].to_numpy()
    late = known.loc[~known["on_time"], "CHILD"].to_numpy()
    missed = children_of(history.periods, unheld(due, history.periods, year_ending))
    not_on_time = np.isin(children, np.union1d(late, missed))
    return int((~not_on_time).sum()), len(children)


def participation(history: CareHistory, year_ending: int) -> Participation:
    """Return the reviews that count in the year by PN code, and the children who took part in every one."""
    counted = counted_in_year(history, year_ending)
    usable = counted[counted["participation_ok"].eq(True)]
    counts = usable["REVIEW_CODE"].value_counts()
    took_part, eligible = children_taking_part(history, usable, year_ending)
    return Participation(
        codes={code: int(counts.get(code, 0)) for code in categories.PN_CODES},
        children_participated=took_part,
        children_eligible=eligible,
    )


def children_taking_part(history: CareHistory, usable: pd.DataFrame, year_ending: int) -> tuple[int, int]:
    """Return (children who took part in every review, children with a review coded PN1 to PN7)."""
    import numpy as np

    cohort = looked_after_since(history, year_ending)["CHILD"].to_numpy()
    rated = usable[usable["REVIEW_CODE"].isin(categories.ELIGIBLE_CODES)]
    rated = rated[np.isin(rated["CHILD"].to_numpy(), cohort)]
    children = np.unique(rated["CHILD"].to_numpy())
    missed = np.unique(rated.loc[~rated["REVIEW_CODE"].isin(categories.PARTICIPATED_CODES), "CHILD"].to_numpy())
    return len(children) - len(missed), len(children)


def review_notes(history: CareHistory, year_ending: int) -> list[str]:
    """Return plain-English notes on the year's reviews left out of the figures or not judged."""
    label = Period(year_ending=year_ending).label
    uncounted = history.uncounted[in_year(history.uncounted["REVIEW"], year_ending)]
    notes = []
    reasons = {
        OUTSIDE_CARE: ("it was not held during a period of care", "they were not held during a period of care"),
        SHORT_BREAKS: (
            "the child was on short breaks only, which have no statutory reviews",
            "the children were on short breaks only, which have no statutory reviews",
        ),
    }
    for why, (one, many) in reasons.items():
        count = int((uncounted["why"] == why).sum())
        if count:
            notes.append(
                f"{_reviews(count)} dated in {label} {'was' if count == 1 else 'were'} left out of the "
                f"review and participation figures because {one if count == 1 else many}."
            )
    unjudged = int((counted_in_year(history, year_ending)[SEQUENCE] == "").sum())
    if unjudged:
        them = "it" if unjudged == 1 else "them"
        notes.append(
            f"{_reviews(unjudged)} held in {label} could not be judged on time or late because the review "
            f"before {them} is not in the data; add the previous year's SSDA903 return to judge {them}."
        )
    return notes


def _reviews(count: int) -> str:
    """Return '1 review' or 'N reviews'."""
    return f"{count:,} review{'' if count == 1 else 's'}"


def children_of(periods: pd.DataFrame, chosen: pd.Series) -> np.ndarray:
    """Return the children of the periods where chosen is True."""
    return periods.loc[chosen.index[chosen.to_numpy()], "CHILD"].to_numpy()
