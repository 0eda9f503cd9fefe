"""Check child protection plans and their review dates, and arrange them for the figures.

A plan is one ChildProtectionPlans module (reference case 4). A plan without a usable start date is
left out of every plan figure; one whose end date is unreadable or before its start is neither open
nor ended but still started (case 5). Review dates are de-duplicated within a plan.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from report_builder.cin.child_checks import (
    NUMBER,
    Checks,
    after_year,
    check_linked,
    date_problem,
    unreadable,
    upper,
)
from report_builder.cin.codes import CATEGORIES_OF_ABUSE, CHILD, EPISODE, PLAN
from report_builder.formatting import format_date as day
from report_builder.ssda903.checks import FIX
from report_builder.ssda903.csvfile import LINE

if TYPE_CHECKING:
    import pandas as pd

NOT_RECORDED = "not_recorded"
"""The category of a plan whose category of abuse is missing or not a code."""
NO_START = "their start date was missing, unreadable or after the census year"
BAD_END = "their end date was unreadable or before their start date"


def plan_keys(table: pd.DataFrame) -> pd.Series:
    """Return the text joining a plan and its reviews: LAchildID, CINdetailsID and CPPID."""
    return table[CHILD] + "\x1f" + table[EPISODE].astype(str) + "\x1f" + table[PLAN].astype(str)


def check_plans(checks: Checks, end: date) -> pd.DataFrame:
    """Check the plans and return one row per usable plan: child, start, end, categories, previous plans."""
    import pandas as pd

    check_linked(checks)
    plans = checks.table
    start, finish = plans["CPPstartDate_date"], plans["CPPendDate_date"]
    checks.flag(plans["CPPstartDate"] == "", NO_START, lambda row: ("CPPstartDate: no date", f"expected the date the plan started; {FIX}"))  # fmt: skip
    checks.flag(unreadable(plans, "CPPstartDate"), NO_START, date_problem("CPPstartDate"))
    checks.flag(start > pd.Timestamp(end), NO_START, after_year("CPPstartDate", end))
    bad_end = unreadable(plans, "CPPendDate") | (finish < start)
    checks.partly(unreadable(plans, "CPPendDate"), BAD_END, date_problem("CPPendDate"), "the figures for plans open and ended")
    checks.partly(
        finish < start,
        BAD_END,
        lambda row: (
            f"CPPendDate: the plan ends on {row['CPPendDate']}, before it starts on {row['CPPstartDate']}",
            f"expected CPPendDate on or after CPPstartDate (DfE rule 8925); {FIX}",
        ),
        "the figures for plans open and ended",
    )  # fmt: skip
    checks.flag(
        finish > pd.Timestamp(end),
        "",
        lambda row: (
            f"CPPendDate: '{row['CPPendDate']}' is after the end of the census year ({day(end)})",
            f"expected an end date on or before {day(end)} (DfE rule 8930); the plan is counted as open at 31 March; {FIX}",
        ),
        severity="warning",
    )  # fmt: skip
    _check_categories(checks)
    _check_repeated(checks)
    previous = pd.to_numeric(plans["NumberOfPreviousCPP"], errors="coerce")
    whole = previous.notna() & (previous >= 0) & (previous == previous.round())
    checks.flag(
        ~whole,
        "",
        lambda row: (
            "NumberOfPreviousCPP: no number" if row["NumberOfPreviousCPP"] == "" else f"NumberOfPreviousCPP: '{row['NumberOfPreviousCPP']}' is not a whole number",
            f"expected the number of earlier plans, 0 or more (DfE rule 8730); the plan is not counted as a second or subsequent plan; {FIX}",
        ),
        severity="warning",
    )  # fmt: skip
    usable = plans.assign(
        plan=plans.index,
        child=plans[NUMBER],
        start=start,
        end=finish.where(~bad_end),
        end_ok=~bad_end.to_numpy(dtype=bool),
        initial=_category(plans["InitialCategoryOfAbuse"]),
        latest=_category(plans["LatestCategoryOfAbuse"]),
        previous=previous.where(whole),
    )[~checks.bad]
    _check_open_together(checks, usable, end)
    return usable[["plan", "child", "start", "end", "end_ok", "initial", "latest", "previous"]]


REPEATED = "they repeated an earlier plan of the same child"


def _check_repeated(checks: Checks) -> None:
    """Leave out each plan that repeats an earlier one of the same child, starting the same day (a child
    repeated in the census, say), so that it is counted once; its reviews are left out with it."""
    import pandas as pd

    plans = checks.table
    key = [NUMBER, "CPPstartDate"]
    dated = (plans[NUMBER] >= 0) & (plans["CPPstartDate"] != "")
    first = plans[dated].drop_duplicates(key).set_index(key)[LINE]
    plans["_first_plan"] = first.reindex(pd.MultiIndex.from_frame(plans[key])).to_numpy()
    checks.flag(
        plans.duplicated(key, keep="first") & dated,
        REPEATED,
        lambda row: (
            f"CPPstartDate: the plan repeats the one at line {row['_first_plan']}: the same child and start date",
            f"expected each plan once; it is counted once; {FIX}",
        ),
    )


def _category(codes: pd.Series) -> pd.Series:
    """Return each category of abuse code's key (NOT_RECORDED when missing or not a code)."""
    return upper(codes).map(CATEGORIES_OF_ABUSE).fillna(NOT_RECORDED)


def _check_categories(checks: Checks) -> None:
    """Warn about categories of abuse that are missing or not codes (DfE rules 8905 and 8910)."""
    plans = checks.table
    for column, rule in (("InitialCategoryOfAbuse", "8905"), ("LatestCategoryOfAbuse", "8910")):

        def describe(row: dict, column: str = column, rule: str = rule) -> tuple[str, str]:
            value = row[column]
            found = "no code" if value == "" else f"'{value}' is not a category of abuse"
            hint = f"expected one of {', '.join(CATEGORIES_OF_ABUSE)} (DfE rule {rule}); counted as not recorded; {FIX}"
            return f"{column}: {found}", hint

        wrong = ~upper(plans[column]).isin(CATEGORIES_OF_ABUSE)
        checks.flag(wrong, "", describe, severity="warning")


def _check_open_together(checks: Checks, usable: pd.DataFrame, end: date) -> None:
    """Warn about a plan open at 31 March beside a later-started one of the same child (DfE rule 8935)."""
    import pandas as pd

    stamp = pd.Timestamp(end)
    open_ = usable[(usable["start"] <= stamp) & usable["end_ok"] & ~(usable["end"] <= stamp)]
    ordered = open_.sort_values(["child", "start", LINE], kind="stable")
    later = ordered.duplicated("child", keep="last")
    lines = ordered.drop_duplicates("child", keep="last").set_index("child")[LINE]
    table = checks.table
    table["_later_line"] = table[NUMBER].map(lines)
    mask = table.index.isin(ordered.index[later.to_numpy()])
    checks.flag(
        pd.Series(mask, index=table.index),
        "",
        lambda row: (
            f"CPPendDate: the child has another plan open at 31 March (line {row['_later_line']})",
            f"expected one open plan per child (DfE rule 8935); the plan that started last is used for the child's figures; {FIX}",
        ),
        severity="warning",
    )  # fmt: skip


def check_reviews(checks: Checks, plans: pd.DataFrame, end: date, keys: pd.Series) -> pd.DataFrame:
    """Check review dates and return each usable plan's distinct review dates: plan, date.

    `keys` joins every plan row (usable or not) to its reviews, by the plan's row number.
    """
    import pandas as pd

    check_linked(checks)
    reviews = checks.table
    plan_of = pd.Series(keys.index, index=keys.to_numpy()).groupby(level=0).first()
    reviews["plan"] = plan_of.reindex(plan_keys(reviews)).to_numpy()
    listed = reviews["plan"].notna()
    checks.flag(
        ~listed & (reviews[NUMBER] >= 0),
        "their plan was not in ChildProtectionPlans",
        lambda row: ("CPPID: the review's plan is not in ChildProtectionPlans", f"expected a plan with the same LAchildID, CINdetailsID and CPPID; {FIX}"),
    )  # fmt: skip
    checks.check.leave_out((listed & ~reviews["plan"].isin(plans.index)).to_numpy(), "their plan was left out")
    reason = "the review date was missing, unreadable or after the census year"
    checks.flag(reviews["CPPreviewDate"] == "", reason, lambda row: ("CPPreviewDate: no date", f"expected the date of the review conference (DfE rule 8842); {FIX}"))  # fmt: skip
    checks.flag(unreadable(reviews, "CPPreviewDate"), reason, date_problem("CPPreviewDate"))
    checks.flag(reviews["CPPreviewDate_date"] > pd.Timestamp(end), reason, after_year("CPPreviewDate", end))
    start = pd.Series(plans["start"].reindex(reviews["plan"]).to_numpy(), index=reviews.index)
    checks.flag(
        reviews["CPPreviewDate_date"] <= start,
        "",
        lambda row: (
            f"CPPreviewDate: the review on {row['CPPreviewDate']} is not after the plan started",
            f"expected a review after CPPstartDate (DfE rule 8841); it is counted as held but not judged on time or late; {FIX}",
        ),
        severity="warning",
    )  # fmt: skip
    kept = reviews[~checks.bad]
    usable = pd.DataFrame({"plan": kept["plan"].astype("int64"), "date": kept["CPPreviewDate_date"]})
    return usable.drop_duplicates().sort_values(["plan", "date"], kind="stable").reset_index(drop=True)
