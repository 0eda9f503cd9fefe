"""Periods of care (from a child starting to be looked after to ceasing) and who is looked after when."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from report_builder.ssda903.codes import CHANGE_WITHIN_CARE, SHORT_BREAK_CODES, STARTED_CODE

if TYPE_CHECKING:
    import pandas as pd

PERIOD = "period"
"""Column numbering each period of care."""


def periods_of_care(episodes: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the episodes (sorted, with their PERIOD) and one row per period of care.

    A period starts with an episode whose RNE is S, or that does not follow on the same day from
    an episode ended with X1. Each period has: CHILD, start, end (NaT while open), reason (REC of
    its last episode), start_known (it begins with RNE S) and short_break_only (every episode V3/V4).
    """
    episodes = episodes.sort_values(["CHILD", "DECOM"], kind="stable").reset_index(drop=True)
    same_child = episodes["CHILD"].eq(episodes["CHILD"].shift())
    follows_on = episodes["REC"].shift().eq(CHANGE_WITHIN_CARE) & episodes["DECOM"].eq(
        episodes["DEC"].shift()
    )
    new = ~same_child | episodes["RNE"].eq(STARTED_CODE) | ~follows_on
    episodes[PERIOD] = new.cumsum()
    episodes["short_break"] = episodes["LS"].isin(SHORT_BREAK_CODES)
    first = episodes.drop_duplicates(PERIOD, keep="first").set_index(PERIOD)
    last = episodes.drop_duplicates(PERIOD, keep="last").set_index(PERIOD)
    periods = first[["CHILD"]].assign(
        start=first["DECOM"],
        first_rne=first["RNE"],
        end=last["DEC"],
        reason=last["REC"],
        short_break_only=episodes.groupby(PERIOD, sort=True)["short_break"].all(),
    )
    periods["start_known"] = periods.pop("first_rne").eq(STARTED_CODE)
    periods["ceased"] = periods["end"].notna() & periods["reason"].ne(CHANGE_WITHIN_CARE)
    return episodes, periods


def open_on(episodes: pd.DataFrame, day: date) -> pd.DataFrame:
    """Return the episodes open on the day (short breaks left out), one per child (the latest).

    Uses the episodes' short_break column when periods_of_care has added it.
    """
    import pandas as pd

    stamp = pd.Timestamp(day)
    short_break = (
        episodes["short_break"]
        if "short_break" in episodes
        else episodes["LS"].isin(SHORT_BREAK_CODES)
    )
    open_ = (episodes["DECOM"] <= stamp) & ~(episodes["DEC"] <= stamp) & ~short_break
    return episodes[open_].drop_duplicates("CHILD", keep="last")


def in_year(values: pd.Series, year_ending: int) -> pd.Series:
    """Return which dates fall in the reporting year ending 31 March of year_ending."""
    import pandas as pd

    return values.between(pd.Timestamp(year_ending - 1, 4, 1), pd.Timestamp(year_ending, 3, 31))
