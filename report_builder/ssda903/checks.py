"""Row checks on one table: flag rows, say what is wrong with each, count what is left out and why."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from report_builder.errors import Problem
from report_builder.ssda903.codes import IDENTIFYING_COLUMNS
from report_builder.ssda903.csvfile import FILE, LINE

if TYPE_CHECKING:
    import pandas as pd

FIX = "correct it in the case management system and export again"
MAX_LISTED = 100
"""Rows listed for one check of one table; more are counted in one further message."""
REPEATS = "_repeats"

Describe = Callable[[dict], tuple[str, str]]
"""Given a flagged row (as a dict), return the message and the hint."""


class TableCheck:
    """Checks on one table: the problems found and which rows are left out of the figures."""

    def __init__(self, name: str, table: pd.DataFrame):
        import numpy as np

        self.name = name
        self.table = table
        self.bad = np.zeros(len(table), dtype=bool)
        self.problems: list[Problem] = []
        self.left_out: dict[str, int] = {}

    def flag(
        self, mask: pd.Series, reason: str, describe: Describe, *, severity: str = "error"
    ) -> None:
        """Report every row in the mask and leave the new ones out of the figures for the reason."""
        mask = mask.to_numpy(dtype=bool, na_value=False)
        self.report(mask, describe, severity)
        self.leave_out(mask, reason)

    def leave_out(self, mask, reason: str) -> None:
        """Leave the rows out of the figures without a message of their own, counting the reason."""
        new = int((mask & ~self.bad).sum())
        if new:
            self.left_out[reason] = self.left_out.get(reason, 0) + new
        self.bad |= mask

    def report(self, mask, describe: Describe, severity: str = "error") -> None:
        """Add a Problem for each row in the mask: the first MAX_LISTED, then one saying how many more."""
        count = int(mask.sum())
        if not count:
            return
        rows = self.table.loc[mask]
        for row in rows.iloc[:MAX_LISTED].to_dict("records"):
            message, hint = describe(row)
            self.problems.append(
                Problem(message, row[FILE], int(row[LINE]), hint=hint, severity=severity)
            )
        if count > MAX_LISTED:
            files = ", ".join(dict.fromkeys(rows[FILE]))
            self.problems.append(Problem(
                f"{count - MAX_LISTED:,} more rows have the same problem as the {MAX_LISTED} listed "
                f"({count:,} in all)", files, hint=hint, severity=severity))

    def flag_repeats(self, key: list[str], columns: list[str], noun: str) -> None:
        """Report each row that repeats an earlier row in the columns, and leave it out (the first is
        kept, so each record counts once; the data note says how many were left out).

        Only rows that share their `key` (numeric columns: the child's number, a date, the year) are
        compared in full, so a return without repeats costs one quick pass.
        """
        table = self.table
        candidates = table.duplicated(subset=key, keep=False).to_numpy()
        if not candidates.any():
            return
        shared = table.loc[candidates]
        repeated = shared.duplicated(subset=columns, keep="first")
        repeated = repeated[repeated].index
        mask = table.index.isin(repeated) & ~self.bad
        if not mask.any():
            return
        table[REPEATS] = -1
        table.loc[shared.index, REPEATS] = shared.groupby(columns, sort=False)[LINE].transform("first").to_numpy()
        self.flag(pd_series(mask, table.index), f"they repeated another {noun} exactly",
                  lambda row: (f"the row repeats line {int(row[REPEATS])}: the same child, dates and codes",
                               f"expected each {noun} once; remove the repeated row or export again"))
        del table[REPEATS]

    def kept(self) -> pd.DataFrame:
        """Return the rows not left out."""
        return self.table[~self.bad].reset_index(drop=True)


def code_problem(column: str, what: str, codes: Iterable[str], year: str = "") -> Describe:
    """Return a description of a value outside a code list (never echoing identifying values)."""
    expected = ", ".join(codes)

    def describe(row: dict) -> tuple[str, str]:
        value = row[column]
        where = f" in {year}" if year else ""
        found = "is empty" if value == "" else f"'{value}' is not {what}{where}"
        return f"column {column}: {found}", f"expected one of {expected}; {FIX}"

    return describe


def date_problem(column: str) -> Describe:
    """Return a description of an unreadable date; identifying dates (DOB) are never echoed."""

    def describe(row: dict) -> tuple[str, str]:
        value = row[column]
        if value == "":
            found = "no date"
        elif column in IDENTIFYING_COLUMNS:
            found = "unreadable date"
        else:
            found = f"'{value}' is not a date"
        return f"column {column}: {found}", f"expected a date written dd/mm/yyyy; {FIX}"

    return describe


def fixed_problem(message: str, hint: str) -> Describe:
    """Return a description that is the same for every row."""
    return lambda row: (message, hint)


def day(value) -> str:
    """Return a date as dd/mm/yyyy."""
    return value.strftime("%d/%m/%Y")


def pd_series(values, index):  # type: ignore[no-untyped-def]
    """Return a boolean Series on the index."""
    import pandas as pd

    return pd.Series(values, index=index, dtype=bool)
