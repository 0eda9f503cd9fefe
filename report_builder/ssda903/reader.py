"""Read a folder of SSDA903 returns: one subfolder per collection year, or one cumulative extract."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from report_builder.errors import DataError, Problem, display_path
from report_builder.ssda903.codes import (
    COLUMNS,
    DATE_COLUMNS,
    OPTIONAL_FILES,
    REQUIRED_COLUMNS,
    REQUIRED_FILES,
    USED_COLUMNS,
    year_label,
)
from report_builder.ssda903.csvfile import FILE, LINE, CsvText, NotCsv, check_size, decode, read_table
from report_builder.ssda903.folders import collection_folders, csv_paths, outside_problem
from report_builder.ssda903.workbook import read_workbook, sheet_problem, workbooks_in

if TYPE_CHECKING:
    import pandas as pd

NUMBER = "_child"
"""Column numbering each child listed in header.csv (-1 for a child not listed), for fast matching."""
YEAR = "_year"
"""Column holding the collection year (the year ending 31 March) a row was returned in."""
USED_FILES = ("header", "episodes", "reviews", "uasc")
"""The files the figures use; the others are checked for readability only."""
_LOWER = re.compile("[a-z]")
SURE_CHILDREN = 10
"""A return of this many children always has a review or an episode change in its year."""
CODE_COLUMNS = {"header": ("SEX", "ETHNIC"), "episodes": ("RNE", "LS", "CIN", "PLACE", "REC"),
                "reviews": ("REVIEW_CODE",)}
"""Columns holding codes, which the DfE writes in upper case."""


@dataclass(frozen=True)
class LeftOut:
    """Rows of one file left out of the figures, and why."""

    table: str
    reason: str
    rows: int
    figures: str = "the figures"

    def sentence(self) -> str:
        """Return the plain-English note for readers of the report."""
        one, many = {
            "header": ("child", "children"),
            "episodes": ("episode row", "episode rows"),
        }.get(self.table, ("review row", "review rows"))
        noun, verb = (one, "was") if self.rows == 1 else (many, "were")
        return f"{self.rows:,} {noun} {verb} left out of {self.figures} because {self.reason}."


@dataclass(frozen=True, eq=False)
class Ssda903Data:
    """Validated SSDA903 tables ready for the figures, with every problem found and what was left out.

    Dates are datetime64 columns; codes are upper-case text; CHILD is text. Rows with problems are
    already removed from `header`, `episodes` and `reviews`; reviews whose participation code cannot
    be used have `participation_ok` False.
    """

    header: pd.DataFrame
    episodes: pd.DataFrame
    reviews: pd.DataFrame
    uasc: pd.DataFrame | None
    years: tuple[int, ...]
    coverage_start: date
    extract_end: date
    problems: tuple[Problem, ...] = ()
    left_out: tuple[LeftOut, ...] = field(default=())

    @property
    def errors(self) -> list[Problem]:
        """Return the problems of severity 'error'."""
        return [p for p in self.problems if p.severity == "error"]


@dataclass
class RawReturn:
    """The tables read from one folder, before validation."""

    year: int | None
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    folder: Path | None = None


def read_ssda903(folder: Path, year_ending: int | None = None) -> Ssda903Data:
    """Return the validated SSDA903 data of a folder (year subfolders, or one extract).

    `year_ending` names the collection year of a single extract whose folder is not named by year.
    Raises DataError listing every structural problem (missing file or column, not a CSV).
    """
    from report_builder.ssda903.validate import validate

    returns, warnings = read_returns(Path(folder), year_ending)
    combined = combine(returns)
    found = [p for r in returns if r.year and r.folder for p in year_problems(combined, r.folder, r.year)]
    if any(p.severity == "error" for p in found):
        raise DataError([p for p in found if p.severity == "error"])
    return validate(combined, [r.year for r in returns if r.year], warnings + found)


def read_returns(folder: Path, year_ending: int | None) -> tuple[list[RawReturn], list[Problem]]:
    """Return every collection year's tables and the warnings met while reading.

    Raises DataError listing every structural problem in every year.
    """
    returns, problems = [], []
    for year, path in collection_folders(folder, year_ending):
        raw, found = read_return(path, year, folder)
        returns.append(raw)
        problems.extend(found)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise DataError(errors)
    return returns, problems


def read_return(folder: Path, year: int | None, root: Path | None = None) -> tuple[RawReturn, list[Problem]]:
    """Return one return's tables and its problems (structural errors and encoding warnings).

    A folder without CSV files may hold the return as one Excel workbook instead (workbook.py).
    Files that are links pointing outside `root` (the SSDA903 folder) are refused unread.
    """
    files = csv_paths(folder)
    if not files and workbooks_in(folder):
        return read_workbook_return(folder, year, root)
    raw, problems = RawReturn(year, folder=folder), []
    for name in REQUIRED_FILES:
        if name not in files:
            expected = ", ".join(f"{n}.csv" for n in REQUIRED_FILES)
            problems.append(
                Problem(
                    f"{name}.csv is missing",
                    display_path(folder),
                    hint=f"expected {expected} in every collection year's folder",
                )
            )
    for name in (*REQUIRED_FILES, *OPTIONAL_FILES):
        if name in files:
            outside = outside_problem(root or folder, files[name])
            problems.extend([outside] if outside else _read_into(raw, name, files[name]))
    return raw, problems


def read_workbook_return(folder: Path, year: int | None, root: Path | None = None) -> tuple[RawReturn, list[Problem]]:
    """Return one return's tables from the folder's Excel workbook (a sheet per table), and its problems."""
    raw, books = RawReturn(year, folder=folder), workbooks_in(folder)
    if len(books) > 1:
        return raw, [Problem(f"the folder holds {len(books)} Excel workbooks ({', '.join(b.name for b in books)})",
                             display_path(folder), hint="keep one workbook per collection year, a sheet per table")]
    outside = outside_problem(root or folder, books[0])
    if outside:
        return raw, [outside]
    try:
        sheets = read_workbook(books[0])
    except NotCsv as error:
        return raw, [error.problem]
    problems = [sheet_problem(books[0], name, list(sheets)) for name in REQUIRED_FILES if name not in sheets]
    for name in (*REQUIRED_FILES, *OPTIONAL_FILES):
        if name in sheets:
            where, text = sheets[name]
            problems.extend(_read_into(raw, name, where, CsvText(text)))
    return raw, problems


def _read_into(raw: RawReturn, name: str, path: Path, text: CsvText | None = None) -> list[Problem]:
    """Read one file (or one sheet's text, with `text`) into the return; return its problems."""
    try:
        if text is None:
            check_size(path)
            text = decode(path, path.read_bytes())
        if name in USED_FILES:
            table = read_table(path, text.text, COLUMNS[name], USED_COLUMNS[name])
        else:
            table = read_table(path, text.text, REQUIRED_COLUMNS.get(name, ()))
    except NotCsv as error:
        return [error.problem]
    problems = [text.warning] if text.warning else []
    missing = [c for c in REQUIRED_COLUMNS.get(name, ()) if c not in table.columns]
    if missing:
        problems.append(
            Problem(
                f"column{'s' if len(missing) > 1 else ''} {', '.join(missing)} missing",
                display_path(path),
                1,
                hint=f"expected the columns {', '.join(COLUMNS[name])}",
            )
        )
    elif name in USED_FILES:
        if _LOWER.search(text.text, text.text.find("\n") + 1):  # (most exports have no lower case at all)
            problems.extend(upper_case_codes(table, name, path))
        raw.tables[name] = table
    return problems


def upper_case_codes(table: pd.DataFrame, name: str, path: Path) -> list[Problem]:
    """Write the table's codes in upper case, as the DfE does; return one warning if any were not.

    Each distinct code is looked at once (a column holds a few dozen at most).
    """
    import pandas as pd

    lowered = []
    for column in CODE_COLUMNS.get(name, ()):
        if column not in table.columns:
            continue
        numbers, distinct = pd.factorize(table[column])
        lower = [code for code in distinct if code != code.upper()]
        if lower:
            table[column] = pd.Index(distinct).str.upper().take(numbers)
            lowered.append(f"{column} (for example '{lower[0][:10]}')")
    if not lowered:
        return []
    return [Problem(f"codes in lower case in {', '.join(lowered)} were read as upper case", display_path(path),
                    hint="nothing to do; the DfE's own checks expect upper case, so export them so if you can",
                    severity="warning")]


def year_problems(tables: dict[str, pd.DataFrame], folder: Path, year: int) -> list[Problem]:
    """Return a problem when a year's folder holds nothing that happened in that year: no episode
    starting or ending, no review (last year's return put in this year's folder, for example).

    It is an error for a return of SURE_CHILDREN or more children, where it cannot happen (children
    in care are reviewed at least every six months), and a warning for a smaller one.
    """
    import pandas as pd

    start, end = pd.Timestamp(date(year - 1, 4, 1)), pd.Timestamp(date(year, 3, 31))
    dates = [tables[name].loc[tables[name][YEAR] == year, column] for name, column in
             (("episodes", "DECOM_date"), ("episodes", "DEC_date"), ("reviews", "REVIEW_date")) if name in tables]
    if any(column.between(start, end).any() for column in dates):
        return []
    latest = max((d for d in (column.max() for column in dates) if not pd.isna(d)), default=None)
    if latest is None:  # no date can be read: each row's problem says so
        return []
    looks = f"; its latest date is in {year_label(latest.year + (latest.month >= 4))}"
    header = tables.get("header")
    sure = header is not None and int((header[YEAR] == year).sum()) >= SURE_CHILDREN
    return [Problem(f"the folder is named for {year_label(year)} but no episode starts or ends and no review "
                    f"is held in that year{looks}", display_path(folder),
                    hint="put each year's export in the folder named for the year it is for (the year ending "
                         "31 March)", severity="error" if sure else "warning")]


def combine(returns: list[RawReturn]) -> dict[str, pd.DataFrame]:
    """Return each table across all years, dates parsed, children numbered, each record once.

    A record returned in several years is kept from its latest return.
    """
    import pandas as pd

    combined = {}
    for name in USED_FILES:
        parts = [_with_year(r, name) for r in returns if name in r.tables]
        if parts:
            table = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
            for column in DATE_COLUMNS.get(name, ()):
                if column in table.columns:
                    table[column + "_date"] = parse_dates(table[column])
            combined[name] = table
    number_children(combined)
    if len(returns) > 1:
        combined = {name: latest_copy(table, name) for name, table in combined.items()}
    return combined


def number_children(tables: dict[str, pd.DataFrame]) -> None:
    """Number every child listed in header.csv and give each row its child's NUMBER (-1 if unlisted)."""
    import pandas as pd

    numbers, children = pd.factorize(tables["header"]["CHILD"])
    listed = pd.Index(children)
    for name, table in tables.items():
        # header.csv's own numbers come with factorize, in the same order as looking them up
        table[NUMBER] = numbers if name == "header" else listed.get_indexer(table["CHILD"])


def _with_year(raw: RawReturn, name: str) -> pd.DataFrame:
    """Return the table with its collection year (missing for an unnamed extract)."""
    table = raw.tables[name]
    table[YEAR] = raw.year or 0
    return table


_RECORD_KEYS = {
    "header": (NUMBER,),
    "uasc": (NUMBER,),
    "episodes": (NUMBER, "DECOM_date"),
    "reviews": (NUMBER, "REVIEW_date"),
}


def latest_copy(table: pd.DataFrame, name: str) -> pd.DataFrame:
    """Return the table with a record returned in several years kept once, from the latest year.

    Rows whose key is unreadable, rows of children not in header.csv, and repeats within one
    year's return are all kept so that validation reports them.
    """
    keys = list(_RECORD_KEYS[name])
    readable = table[keys].notna().all(axis=1) & (table[NUMBER] >= 0) & (table["CHILD"] != "")
    years = table.loc[readable, [*keys, YEAR]]  # only the columns grouped, not the whole table
    latest = years.groupby(keys, sort=False)[YEAR].transform("max")
    earlier = (years[YEAR] < latest).reindex(table.index, fill_value=False)
    return table[~earlier].reset_index(drop=True)


def parse_dates(values: pd.Series) -> pd.Series:
    """Return the dates as datetime64: dd/mm/yyyy or ISO yyyy-mm-dd, with or without a time; else NaT.

    Each distinct text is parsed once: a return holds a few thousand distinct dates at most.
    """
    import pandas as pd

    codes, distinct = pd.factorize(values)
    distinct = pd.Series(distinct, dtype=str)
    parsed = pd.to_datetime(distinct, format="%d/%m/%Y", errors="coerce")
    retry = parsed.isna() & (distinct != "")
    if retry.any():
        day = distinct[retry].str.split(r"[ T]", n=1, regex=True).str[0]
        again = pd.to_datetime(day, format="%d/%m/%Y", errors="coerce")
        iso = pd.to_datetime(day, format="%Y-%m-%d", errors="coerce")
        parsed[retry] = again.fillna(iso)
    return pd.Series(parsed.to_numpy().astype("datetime64[s]")[codes], index=values.index)


__all__ = ["FILE", "LINE", "YEAR", "LeftOut", "Ssda903Data", "read_ssda903"]
