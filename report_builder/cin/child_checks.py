"""Check a census's children, episodes and Section47 modules, row by row (plans: `plan_checks`).

Every problem is listed with its file and line (XML) or row (CSV); identifying values (LAchildID,
UPN, dates of birth) are never quoted. Children are numbered here, so nothing after this stage
holds an LAchildID. Plans and reviews are checked in `plan_checks`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from report_builder.cin.codes import CHILD, IDENTIFYING, SEX_CODES
from report_builder.formatting import format_date as day
from report_builder.ssda903.checks import FIX, TableCheck, fixed_problem
from report_builder.ssda903.csvfile import LINE
from report_builder.statistics.categories import ETHNIC_CODES

if TYPE_CHECKING:
    import pandas as pd

NUMBER = "_child"
"""Column numbering each child (-1 for rows whose child is not listed or has no LAchildID)."""
NO_CHILD = "their child had no LAchildID or was not in ChildIdentifiers"
DATE_FORMAT = "a date written yyyy-mm-dd"


@dataclass(frozen=True)
class LeftOut:
    """Records of one module left out of some figures, and why."""

    module: str
    reason: str
    count: int
    figures: str

    def sentence(self) -> str:
        """Return the plain-English note for readers of the report."""
        one, many = NOUNS.get(self.module, ("record", "records"))
        noun, verb = (one, "was") if self.count == 1 else (many, "were")
        return f"{self.count:,} {noun} {verb} left out of {self.figures} because {self.reason}."


NOUNS = {
    "ChildIdentifiers": ("child", "children"),
    "CINdetails": ("initial conference recorded at CINdetails level", "initial conferences recorded at CINdetails level"),
    "Section47": ("Section47 module", "Section47 modules"),
    "ChildProtectionPlans": ("child protection plan", "child protection plans"),
    "Reviews": ("review conference", "review conferences"),
}  # fmt: skip


class Checks:
    """The checks of one module: problems found, and rows left out of its figures or some of them."""

    def __init__(self, module: str, table: pd.DataFrame, figures: str):
        self.module = module
        self.table = table
        self.figures = figures
        self.check = TableCheck(module, table)
        self.partial: dict[tuple[str, str], int] = {}

    @property
    def bad(self):  # type: ignore[no-untyped-def]
        """Return which rows are left out of this module's figures."""
        return self.check.bad

    def flag(self, mask, reason: str, describe, severity: str = "error") -> None:  # type: ignore[no-untyped-def]
        """Report the rows; errors also leave them out of the module's figures."""
        mask = _series(mask, self.table.index)
        if severity == "error":
            self.check.flag(mask, reason, describe)
        else:
            self.check.report(mask.to_numpy(dtype=bool, na_value=False), describe, severity)

    def partly(self, mask, reason: str, describe, figures: str) -> None:  # type: ignore[no-untyped-def]
        """Report the rows as errors and count them as left out of some figures only."""
        flags = _series(mask, self.table.index).to_numpy(dtype=bool, na_value=False)
        self.check.report(flags, describe)
        new = int((flags & ~self.check.bad).sum())
        if new:
            self.partial[(reason, figures)] = self.partial.get((reason, figures), 0) + new

    def left_out(self) -> list[LeftOut]:
        """Return what was left out, as notes."""
        found = [LeftOut(self.module, r, n, self.figures) for r, n in self.check.left_out.items()]
        return found + [LeftOut(self.module, r, n, f) for (r, f), n in self.partial.items()]


def _series(mask, index):  # type: ignore[no-untyped-def]
    """Return a mask as a boolean Series on the index."""
    import pandas as pd

    if isinstance(mask, pd.Series):
        return mask
    return pd.Series(mask, index=index, dtype=bool)


def date_problem(column: str) -> object:
    """Return a description of an unreadable date; identifying dates are never echoed."""

    def describe(row: dict) -> tuple[str, str]:
        value = row[column]
        found = "unreadable date" if column in IDENTIFYING else f"'{value}' is not a date"
        return f"{column}: {found}", f"expected {DATE_FORMAT}; {FIX}"

    return describe


def after_year(column: str, end: date) -> object:
    """Return a description of a date after the census year's 31 March."""
    return lambda row: (
        f"{column}: '{row[column]}' is after the end of the census year ({day(end)})",
        f"expected a date on or before {day(end)}; {FIX}",
    )


def upper(values: pd.Series) -> pd.Series:
    """Return codes in upper case, each distinct code converted once (a census repeats a few codes)."""
    import numpy as np
    import pandas as pd

    numbers, distinct = pd.factorize(values)
    converted = np.array([str(code).upper() for code in distinct] + [""], dtype=object)
    return pd.Series(converted[numbers], index=values.index)


def unreadable(table: pd.DataFrame, column: str):  # type: ignore[no-untyped-def]
    """Return which rows give a value in the column that is not a date."""
    return table[column + "_date"].isna() & (table[column] != "")


def number_children(children: pd.DataFrame) -> pd.Index:
    """Give each child a NUMBER (repeated LAchildIDs share one); return the IDs in number order."""
    import pandas as pd

    numbers, listed = pd.factorize(children[CHILD].where(children[CHILD] != ""))
    children[NUMBER] = numbers
    return pd.Index(listed)


def link(table: pd.DataFrame, listed: pd.Index) -> None:
    """Give each row of a module its child's NUMBER (-1 when not listed or without an LAchildID)."""
    table[NUMBER] = listed.get_indexer(table[CHILD].where(table[CHILD] != ""))


def check_linked(checks: Checks) -> None:
    """Report rows whose LAchildID is not in ChildIdentifiers (CSV); leave out rows with no child."""
    table = checks.table
    checks.flag(
        (table[NUMBER] < 0) & (table[CHILD] != ""),
        NO_CHILD,
        fixed_problem("LAchildID: the child is not in ChildIdentifiers", f"expected every child to have a row in ChildIdentifiers; {FIX}"),
    )  # fmt: skip
    checks.check.leave_out(table[NUMBER].to_numpy() < 0, NO_CHILD)


def check_children(children: pd.DataFrame, end: date) -> tuple[Checks, pd.DataFrame]:
    """Return the checks of ChildIdentifiers and one row per child: sex, birth, expected birth, ethnicity."""
    checks = Checks("ChildIdentifiers", children, "every figure")
    checks.flag(
        children[NUMBER] < 0,
        "they had no LAchildID",
        fixed_problem("LAchildID: the child has no LAchildID", f"expected the council's identifier for the child; {FIX}"),
    )  # fmt: skip
    _check_repeats(checks)
    _check_birth(checks, end)
    _check_characteristics(checks)
    first = children[children[NUMBER] >= 0].drop_duplicates(NUMBER).sort_values(NUMBER)
    sex = upper(first["Sex"].where(first["Sex"] != "", first["GenderCurrent"]))
    born = first["PersonBirthDate_date"].where(first["PersonBirthDate_date"] <= _stamp(end))
    profile = first[[NUMBER]].assign(
        sex=sex.map(SEX_CODES).fillna("unknown"),
        born=born,
        expected=first["ExpectedPersonBirthDate_date"],
        ethnic=upper(first["Ethnicity"]),
    )
    return checks, profile.set_index(NUMBER)


def _check_repeats(checks: Checks) -> None:
    """Warn about a child whose LAchildID appears again: both are read as one child."""
    children = checks.table
    repeated = children.duplicated(NUMBER, keep="first") & (children[NUMBER] >= 0)
    first_line = children.drop_duplicates(NUMBER).set_index(NUMBER)[LINE]
    children["_first"] = children[NUMBER].map(first_line)
    checks.flag(
        repeated,
        "",
        lambda row: (
            f"LAchildID: the same child as the <Child> at line {row['_first']}; the two are read as one child",
            f"expected each child once; {FIX}",
        ),
        severity="warning",
    )


def _check_birth(checks: Checks, end: date) -> None:
    """Warn about birth dates that cannot give an age; the child keeps every other figure."""
    children = checks.table
    for column in ("PersonBirthDate", "ExpectedPersonBirthDate"):
        checks.flag(unreadable(children, column), "", date_problem(column), severity="warning")
    checks.flag(
        children["PersonBirthDate_date"] > _stamp(end),
        "",
        fixed_problem(
            "PersonBirthDate: the date of birth is after the end of the census year",
            f"expected a date of birth on or before {day(end)}, or ExpectedPersonBirthDate for an unborn child; {FIX}",
        ),
        severity="warning",
    )
    neither = (children["PersonBirthDate"] == "") & (children["ExpectedPersonBirthDate"] == "")
    checks.flag(
        neither & (children[NUMBER] >= 0),
        "",
        fixed_problem(
            "PersonBirthDate: neither a date of birth nor an expected date of birth is given",
            f"expected one of them; the child is counted as age not known; {FIX}",
        ),
        severity="warning",
    )


def _check_characteristics(checks: Checks) -> None:
    """Warn about sex and ethnicity codes that are missing or not in the code lists."""
    children = checks.table
    sex = children["Sex"].where(children["Sex"] != "", children["GenderCurrent"])
    checks.flag(
        (sex == "") & (children[NUMBER] >= 0),
        "",
        fixed_problem("Sex: neither Sex nor GenderCurrent is given", f"expected M, F or U (1, 2, 0 or 9 before 2024-25); the child is counted as sex not known; {FIX}"),
        severity="warning",
    )  # fmt: skip
    known = upper(children["Ethnicity"]).isin(ETHNIC_CODES)
    checks.flag(
        ~known & (children[NUMBER] >= 0),
        "",
        lambda row: (
            "Ethnicity: no code" if row["Ethnicity"] == "" else f"Ethnicity: '{row['Ethnicity']}' is not an ethnicity code",
            f"expected one of {', '.join(ETHNIC_CODES)}; the child is counted as not known; {FIX}",
        ),
        severity="warning",
    )  # fmt: skip


def check_conference_dates(checks: Checks, end: date) -> None:
    """Leave out ICPC dates that are unreadable or after the census year, and rows without a child."""
    check_linked(checks)
    table = checks.table
    reason = "the date of the initial conference was unreadable or after the census year"
    checks.flag(unreadable(table, "DateOfInitialCPC"), reason, date_problem("DateOfInitialCPC"))
    checks.flag(
        table["DateOfInitialCPC_date"] > _stamp(end), reason, after_year("DateOfInitialCPC", end)
    )


def check_section47(checks: Checks, end: date) -> None:
    """Check Section47 modules: the ICPC date, and the S47 start it is judged from."""
    from report_builder.ssda903.dates import working_days_after

    check_conference_dates(checks, end)
    table = checks.table
    held = table["DateOfInitialCPC_date"].notna() & (table[NUMBER] >= 0)
    start = table["S47ActualStartDate_date"]
    checks.flag(
        held & (table["S47ActualStartDate"] == ""),
        "",
        fixed_problem("S47ActualStartDate: no date", f"expected the date the section 47 enquiry started; the conference cannot be judged on time or late; {FIX}"),
        severity="warning",
    )  # fmt: skip
    checks.flag(held & unreadable(table, "S47ActualStartDate"), "", date_problem("S47ActualStartDate"), severity="warning")
    checks.flag(
        held & (start > table["DateOfInitialCPC_date"]),
        "",
        lambda row: (
            f"S47ActualStartDate: the enquiry starts on {row['S47ActualStartDate']}, after the initial conference on {row['DateOfInitialCPC']}",
            f"expected the enquiry to start on or before the conference; it cannot be judged on time or late; {FIX}",
        ),
        severity="warning",
    )  # fmt: skip
    table["target"] = working_days_after(start.to_numpy(), 15)
    recorded = table["InitialCPCtarget_date"]
    differs = held & recorded.notna() & start.notna() & (recorded != table["target"])
    checks.flag(
        differs,
        "",
        lambda row: (
            f"InitialCPCtarget: {row['InitialCPCtarget']} is not the 15th working day after the enquiry started ({row['target']:%Y-%m-%d})",
            f"expected {row['target']:%Y-%m-%d} (weekends and England and Wales bank holidays are not working days); the conference is judged against that date; {FIX}",
        ),
        severity="warning",
    )  # fmt: skip


def check_both_levels(episodes: Checks, section47: pd.DataFrame) -> None:
    """Warn about an ICPC recorded both in a Section47 module and at CINdetails level (DfE rule 2884)."""
    import pandas as pd

    table = episodes.table
    recorded = pd.MultiIndex.from_frame(
        section47.loc[section47["DateOfInitialCPC_date"].notna(), [NUMBER, "DateOfInitialCPC_date"]]
    )
    keys = pd.MultiIndex.from_frame(table[[NUMBER, "DateOfInitialCPC_date"]])
    both = pd.Series(keys.isin(recorded), index=table.index) & table["DateOfInitialCPC_date"].notna()
    episodes.flag(
        both & (table[NUMBER] >= 0),
        "",
        lambda row: (
            f"DateOfInitialCPC: the initial conference on {row['DateOfInitialCPC']} is also recorded in a Section47 module",
            f"expected it in the Section47 module only (DfE rule 2884); it is counted once; {FIX}",
        ),
        severity="warning",
    )  # fmt: skip


def _stamp(value: date):  # type: ignore[no-untyped-def]
    """Return a date as a pandas Timestamp for comparisons."""
    import pandas as pd

    return pd.Timestamp(value)
