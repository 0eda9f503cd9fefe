"""Validate one year's census tables into a CinReturn: every problem listed, children numbered."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from report_builder.cin.child_checks import (
    NUMBER,
    Checks,
    check_both_levels,
    check_children,
    check_conference_dates,
    check_section47,
    link,
    number_children,
)
from report_builder.cin.plan_checks import check_plans, check_reviews, plan_keys
from report_builder.cin.reader import CinReturn
from report_builder.errors import Problem

if TYPE_CHECKING:
    import pandas as pd

CONFERENCE_FIGURES = "the initial conference figures"


def validate(
    tables: dict[str, pd.DataFrame], year: int, where: str, end: date, warnings: list[Problem]
) -> CinReturn:
    """Return the year's validated census; rows with problems are left out of the figures they spoil."""
    listed = number_children(tables["ChildIdentifiers"])
    for name in ("CINdetails", "Section47", "ChildProtectionPlans", "Reviews"):
        link(tables[name], listed)
    children, profile = check_children(tables["ChildIdentifiers"], end)
    episodes = Checks("CINdetails", tables["CINdetails"], CONFERENCE_FIGURES)
    check_conference_dates(episodes, end)
    section47 = Checks("Section47", tables["Section47"], CONFERENCE_FIGURES)
    check_section47(section47, end)
    check_both_levels(episodes, section47.table[~section47.bad])
    plan_check = Checks("ChildProtectionPlans", tables["ChildProtectionPlans"], "the plan figures")
    keys = plan_keys(plan_check.table)
    plans = check_plans(plan_check, end)
    review_check = Checks("Reviews", tables["Reviews"], "the review conference figures")
    reviews = check_reviews(review_check, plans, end, keys)
    checks = (children, episodes, section47, plan_check, review_check)
    problems = sorted(
        (p for c in checks for p in c.check.problems), key=lambda p: (p.file or "", p.line or 0)
    )
    return CinReturn(
        year_ending=year,
        where=where,
        children=profile,
        conferences=conference_table(episodes, section47),
        plans=plans.set_index("plan"),
        reviews=reviews,
        problems=tuple(warnings) + tuple(problems),
        left_out=tuple(left for c in checks for left in c.left_out()),
    )


def conference_table(episodes: Checks, section47: Checks) -> pd.DataFrame:
    """Return every initial conference recorded: child, date, level, S47 start and recorded target (or NaT)."""
    import pandas as pd

    at_episode = episodes.table[~episodes.bad]
    at_episode = at_episode[at_episode["DateOfInitialCPC_date"].notna()]
    in_s47 = section47.table[~section47.bad]
    in_s47 = in_s47[in_s47["DateOfInitialCPC_date"].notna()]
    parts = [
        pd.DataFrame(
            {
                "child": in_s47[NUMBER].to_numpy(),
                "date": in_s47["DateOfInitialCPC_date"].to_numpy(),
                "level": "Section47",
                "start": in_s47["S47ActualStartDate_date"].to_numpy(),
                "recorded_target": in_s47["InitialCPCtarget_date"].to_numpy(),
            }
        ),
        pd.DataFrame(
            {
                "child": at_episode[NUMBER].to_numpy(),
                "date": at_episode["DateOfInitialCPC_date"].to_numpy(),
                "level": "CINdetails",
                "start": pd.NaT,
                "recorded_target": pd.NaT,
            }
        ),
    ]
    table = pd.concat(parts, ignore_index=True)
    for column in ("date", "start", "recorded_target"):
        table[column] = table[column].astype("datetime64[s]")
    return table
