"""Child protection plans: who is subject to one on a day, plans started and ended, and the profile.

Reference cases 4 to 9. A plan is open on a day when it started on or before it and its end is
empty or after it; a plan whose end is unreadable or before its start is never open or ended.
Each child subject to a plan on 31 March is counted once, and described (category, age, sex,
ethnicity; the NI 67 indicator) by the open plan that started last. Lengths of plans ended use the
review rule's month arithmetic: under 3 months means end < start + 3 months, 2 years and over
means end >= start + 24 months.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from report_builder.cin.reader import CinReturn
from report_builder.ssda903.dates import add_months, age_on, as_days
from report_builder.ssda903.periods import in_year
from report_builder.statistics.categories import ETHNIC_CODES, ETHNIC_GROUPS, SEXES
from report_builder.statistics.child_protection import (
    AGE_BANDS,
    CATEGORIES,
    DURATION_MONTHS,
    DURATIONS,
    CpBreakdown,
    Plans,
)

if TYPE_CHECKING:
    import pandas as pd

AGE_EDGES = (1, 5, 10, 16)
"""Ages at which the bands under 1, 1 to 4, 5 to 9, 10 to 15 and 16 and over begin."""


def open_on(plans: pd.DataFrame, day: date) -> pd.DataFrame:
    """Return the plans open on the day (started on or before it, not ended by it)."""
    import pandas as pd

    stamp = pd.Timestamp(day)
    return plans[(plans["start"] <= stamp) & plans["end_ok"] & ~(plans["end"] <= stamp)]


def current_plans(plans: pd.DataFrame, day: date) -> pd.DataFrame:
    """Return, for each child subject to a plan on the day, the open plan that started last."""
    ordered = open_on(plans, day).sort_values("start", kind="stable")
    return ordered[~ordered["child"].duplicated(keep="last")]


def plan_figures(census: CinReturn, year_ending: int, population: int | None) -> Plans:
    """Return the children subject to a plan at both ends of the year, plans started and ended."""
    plans = census.plans
    started = plans[in_year(plans["start"], year_ending)]
    ended = plans[plans["end_ok"] & in_year(plans["end"], year_ending)]
    return Plans(
        at_end=open_on(plans, date(year_ending, 3, 31))["child"].nunique(),
        at_start=open_on(plans, date(year_ending - 1, 3, 31))["child"].nunique(),
        population_0_17=population,
        started=len(started),
        started_children=started["child"].nunique(),
        second_or_subsequent=int((started["previous"] >= 1).sum()),
        ended=len(ended),
        duration=durations(ended),
    )


def durations(ended: pd.DataFrame) -> CpBreakdown:
    """Return plans ended by length, in the DfE's bands of calendar months."""
    import numpy as np

    start, end = as_days(ended["start"]), as_days(ended["end"])
    band = np.zeros(len(ended), dtype=int)
    for months in DURATION_MONTHS:
        band += end >= add_months(start, months)
    keys = list(DURATIONS)
    counts = np.bincount(band, minlength=len(keys))
    return CpBreakdown(counts={key: int(count) for key, count in zip(keys, counts, strict=True)})


def counted(values: pd.Series, keys: dict[str, str]) -> CpBreakdown:
    """Return the count of each key, in the keys' order, zeros included."""
    counts = values.value_counts()
    return CpBreakdown(counts={key: int(counts.get(key, 0)) for key in keys})


def profile(census: CinReturn, year_ending: int) -> dict[str, CpBreakdown]:
    """Return children subject to a plan at 31 March by category (initial, latest), age, sex, ethnicity."""
    current = current_plans(census.plans, date(year_ending, 3, 31))
    children = census.children.reindex(current["child"])
    groups = {code: group for code, (group, _) in ETHNIC_CODES.items()}
    return {
        "category": counted(current["initial"], CATEGORIES),
        "latest_category": counted(current["latest"], CATEGORIES),
        "age_band": counted(age_bands(children, date(year_ending, 3, 31)), AGE_BANDS),
        "sex": counted(children["sex"].fillna("unknown"), SEXES),
        "ethnicity": counted(children["ethnic"].map(groups).fillna("not_known"), ETHNIC_GROUPS),
    }


def age_bands(children: pd.DataFrame, day: date) -> pd.Series:
    """Return each child's age band on the day: unborn when only an expected birth date is given."""
    import numpy as np
    import pandas as pd

    age = age_on(children["born"], pd.Timestamp(day)).to_numpy(dtype=float)
    names = np.array(["under_1", "age_1_to_4", "age_5_to_9", "age_10_to_15", "age_16_plus"])
    band = names[np.searchsorted(AGE_EDGES, np.nan_to_num(age, nan=0), side="right")]
    unborn = np.isnan(age) & children["expected"].notna().to_numpy()
    band = np.where(np.isnan(age), np.where(unborn, "unborn", "not_known"), band)
    return pd.Series(band, index=children.index)


def profile_notes(census: CinReturn, year_ending: int) -> list[str]:
    """Return a note when children subject to a plan at 31 March have no usable age."""
    current = current_plans(census.plans, date(year_ending, 3, 31))
    children = census.children.reindex(current["child"])
    unknown = int((age_bands(children, date(year_ending, 3, 31)) == "not_known").sum())
    if not unknown:
        return []
    noun = "child" if unknown == 1 else "children"
    note = (
        f"{unknown:,} {noun} subject to a plan at 31 March {year_ending} had no usable date of "
        "birth or expected date of birth, and are counted as age not known."
    )
    return [note]
