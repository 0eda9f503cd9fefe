"""Initial child protection conferences (ICPCs): held, on time, late, not judged, and leading to a plan.

Reference cases 2 and 3. An ICPC is a distinct (child, date) among Section47/DateOfInitialCPC and
CINdetails/DateOfInitialCPC with the date in the year. It is judged against the earliest S47 start
(S47ActualStartDate) recorded with that date for the child: on time when the ICPC is on or before
the 15th working day after that start, the start being day 0 whatever day it is (weekends and
England and Wales bank holidays are not working days). It is not judged when it is recorded only
at CINdetails level, or no S47 start recorded with it is a date on or before it. A Section47
module with ICPCnotRequired true that still has a date counts. It led to a plan when a plan of the
same child starts on that date.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from report_builder.cin.reader import CinReturn
from report_builder.ssda903.dates import working_days_after
from report_builder.ssda903.periods import in_year
from report_builder.statistics.child_protection import InitialConferences

if TYPE_CHECKING:
    import pandas as pd

ICPC_WORKING_DAYS = 15
"""Working Together to Safeguard Children (2023): the ICPC within 15 working days of the strategy
discussion that started the section 47 enquiry; the census records the enquiry's start."""


def held_in_year(census: CinReturn, year_ending: int) -> pd.DataFrame:
    """Return each ICPC of the year once: child, date, start (earliest usable S47 start or NaT), levels."""
    recorded = census.conferences[in_year(census.conferences["date"], year_ending)]
    s47 = recorded[recorded["level"] == "Section47"]
    usable = s47[s47["start"].notna() & (s47["start"] <= s47["date"])]
    start = usable.groupby(["child", "date"])["start"].min().rename("start")
    levels = recorded.groupby(["child", "date"])["level"].nunique().rename("levels")
    return levels.to_frame().join(start).reset_index()


def initial_conferences(census: CinReturn, year_ending: int) -> InitialConferences:
    """Return the ICPCs held in the year, their timeliness and how many led to a plan."""
    held = held_in_year(census, year_ending)
    target = working_days_after(held["start"].to_numpy(), ICPC_WORKING_DAYS)
    judged = held["start"].notna().to_numpy()
    on_time = judged & (held["date"].to_numpy().astype("datetime64[D]") <= target)
    plans = census.plans
    started = set(zip(plans["child"], plans["start"], strict=True))
    led = sum((child, day) in started for child, day in zip(held["child"], held["date"], strict=True))
    return InitialConferences(
        on_time=int(on_time.sum()),
        late=int((judged & ~on_time).sum()),
        not_judged=int((~judged).sum()),
        led_to_plan=int(led),
    )


def conference_notes(census: CinReturn, year_ending: int, label: str) -> list[str]:
    """Return notes on the year's ICPCs: recorded at both levels, targets that differ, not judged."""
    held = held_in_year(census, year_ending)
    notes = []
    both = int((held["levels"] > 1).sum())
    if both:
        notes.append(
            f"{_icpcs(both)} in {label} {_were(both)} recorded both in a Section47 module and at "
            f"CINdetails level; {'it was' if both == 1 else 'each was'} counted once."
        )
    differs = _target_differs(census, year_ending)
    if differs:
        notes.append(
            f"{_icpcs(differs)} in {label} had a recorded target date (InitialCPCtarget) that is not "
            "the 15th working day after the section 47 enquiry started; the 15th working day was used."
        )
    unjudged = int(held["start"].isna().sum())
    if unjudged:
        notes.append(
            f"{_icpcs(unjudged)} in {label} could not be judged on time or late because no usable "
            "section 47 start date was recorded for "
            f"{'it' if unjudged == 1 else 'them'}; {'it is' if unjudged == 1 else 'they are'} counted as held "
            "but left out of the percentage on time."
        )
    return notes


def _target_differs(census: CinReturn, year_ending: int) -> int:
    """Return the year's ICPCs whose recorded target is not the computed one."""
    recorded = census.conferences
    s47 = recorded[in_year(recorded["date"], year_ending) & recorded["recorded_target"].notna()]
    s47 = s47[s47["start"].notna() & (s47["start"] <= s47["date"])]
    target = working_days_after(s47["start"].to_numpy(), ICPC_WORKING_DAYS)
    differs = s47["recorded_target"].to_numpy().astype("datetime64[D]") != target
    return len(s47[differs].drop_duplicates(["child", "date"]))


def _icpcs(count: int) -> str:
    """Return '1 initial conference' or 'N initial conferences'."""
    return f"{count:,} initial conference{'' if count == 1 else 's'}"


def _were(count: int) -> str:
    """Return 'was' or 'were'."""
    return "was" if count == 1 else "were"
