"""Read a council's CIN census: one year's XML file (or CSV tables), or several years' for trends.

Layouts: a single `.xml` file; a folder of CSV tables (one per module); or a folder holding one
return per year, each an `.xml` file or a subfolder (of one XML file or CSV tables) named by its
year (`2025`, `2024-25`, `cin_census_2025.xml`). The census year is taken from that name or, for a
single return, from the report (reference case 1): the header's Year and ReferenceDate are
unreliable in real files and are not used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from report_builder.cin.child_checks import LeftOut
from report_builder.cin.codes import CHILD, DATE_COLUMNS, EPISODE, MODULES, PLAN
from report_builder.cin.csvfiles import is_csv_census, read_csv_census
from report_builder.errors import DataError, Problem, display_path
from report_builder.ssda903.csvfile import FILE, LINE

if TYPE_CHECKING:
    import pandas as pd

_YEAR = re.compile(r"(?<!\d)(20\d\d)(?:[-_ ]?(\d\d))?(?!\d)")
_HINT = "give a CIN census XML file, a folder of its CSV tables, or a folder of one of those per year"


@dataclass(frozen=True, eq=False)
class CinReturn:
    """One year's census, validated: children numbered, plans and reviews ready for the figures.

    Holds no LAchildID: `children` is indexed by child number, and every other table refers to it.
    """

    year_ending: int
    where: str
    children: pd.DataFrame
    """By child number: sex (male, female, unknown), born, expected (dates or NaT), ethnic (code)."""
    conferences: pd.DataFrame
    """Initial conferences recorded: child, date, level ('Section47' or 'CINdetails'), start and
    recorded_target (of the Section47 module; NaT at CINdetails level)."""
    plans: pd.DataFrame
    """By plan number: child, start, end, end_ok, initial, latest (category keys), previous."""
    reviews: pd.DataFrame
    """Distinct review dates: plan, date."""
    problems: tuple[Problem, ...] = ()
    left_out: tuple[LeftOut, ...] = ()

    @property
    def errors(self) -> list[Problem]:
        """Return the problems of severity 'error'."""
        return [p for p in self.problems if p.severity == "error"]


@dataclass(frozen=True, eq=False)
class CinCensus:
    """Every year's census given, by the year in which it ends (31 March)."""

    returns: dict[int, CinReturn] = field(default_factory=dict)

    @property
    def problems(self) -> list[Problem]:
        """Return every year's problems, oldest year first."""
        return [p for year in sorted(self.returns) for p in self.returns[year].problems]


def read_cin(path: Path, year_ending: int | None = None) -> CinCensus:
    """Return the validated census of a file or folder; `year_ending` names a single return's year.

    Raises DataError listing every problem that stops a return being read.
    """
    from report_builder.cin.validate import validate

    found, problems = locate(Path(path), year_ending)
    returns = {}
    for year, source in found:
        try:
            tables, warnings = read_tables(source)
        except DataError as error:
            problems.extend(error.problems)
            continue
        end = date(year, 3, 31)
        returns[year] = validate(tables, year, display_path(source), end, warnings)
    if problems:
        raise DataError(problems)
    return CinCensus(returns)


def locate(path: Path, year_ending: int | None) -> tuple[list[tuple[int, Path]], list[Problem]]:
    """Return each return's year and file or folder, oldest first, and the problems in naming them."""
    if path.is_file():
        return _named([path], year_ending)
    if not path.is_dir():
        return [], [Problem(f"no such file or folder: {display_path(path)}", hint=_HINT)]
    if is_csv_census(path):
        return _named([path], year_ending)
    parts = [p for p in sorted(path.iterdir()) if _is_return(p)]
    if not parts:
        return [], [Problem("no CIN census here: no .xml file and no CSV tables", display_path(path), hint=_HINT)]  # fmt: skip
    return _named(parts, year_ending)


def _is_return(path: Path) -> bool:
    """Return True for an XML file, or a folder holding one (or the CSV tables)."""
    if path.is_file():
        return path.suffix.lower() == ".xml"
    return path.is_dir() and (is_csv_census(path) or any(path.glob("*.xml")))


def _named(parts: list[Path], year_ending: int | None) -> tuple[list[tuple[int, Path]], list[Problem]]:
    """Return each part with its census year, and a problem for each year that cannot be told."""
    problems, found = [], []
    for part in parts:
        year = name_year(part.name if part.is_dir() else part.stem)
        if len(parts) == 1 and year_ending is not None:
            year = year_ending  # one return: the report's year, whatever the file is called
        if year is None:
            problems.append(_unnamed(part, len(parts)))
        else:
            found.append((year, _single_file(part)))
    years = [year for year, _ in found]
    for year in sorted({y for y in years if years.count(y) > 1}):
        where = ", ".join(display_path(p) for y, p in found if y == year)
        problems.append(Problem(f"more than one census for the year ending 31 March {year}: {where}", hint="keep one file per year"))  # fmt: skip
    return sorted(found), problems


def _unnamed(part: Path, count: int) -> Problem:
    """Return the problem of a return whose year is not in its name."""
    if count == 1:
        return Problem("the census year is not known", display_path(part), hint="give the year, for example --year 2025 for 2024/25, or name the file by its year (cin_2025.xml)")  # fmt: skip
    return Problem("the census year is not in the name", display_path(part), hint="name each year's file or folder by the year ending 31 March, for example 2025 or 2024-25")  # fmt: skip


def _single_file(part: Path) -> Path:
    """Return a year folder's one XML file (or the folder itself when it holds CSV tables)."""
    if part.is_dir() and not is_csv_census(part):
        files = sorted(part.glob("*.xml"))
        if len(files) == 1:
            return files[0]
    return part


def name_year(name: str) -> int | None:
    """Return the year ending 31 March a name gives: '2025', '2024-25', 'cin_census_2025' -> 2025."""
    match = _YEAR.search(name)
    if not match:
        return None
    first, second = int(match.group(1)), match.group(2)
    if second is not None and (first + 1) % 100 == int(second):
        return first + 1
    return first


def read_tables(source: Path) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """Return each module's table (text values, parsed dates, FILE and LINE) and any warnings.

    Raises DataError when the file or folder cannot be read as a census.
    """
    if source.is_dir():
        files = sorted(source.glob("*.xml"))
        if not is_csv_census(source):
            raise DataError(Problem(f"expected one census file in the folder, found {len(files)} .xml files", display_path(source), hint="keep one file per year's folder"))  # fmt: skip
        tables, warnings = read_csv_census(source)
        tables = _with_characteristics(tables)
        for name, table in tables.items():
            for column in DATE_COLUMNS.get(name, ()):
                table[column + "_date"] = _dates(table[column])
        return tables, warnings
    return _xml_tables(source), []


def _xml_tables(path: Path) -> dict[str, pd.DataFrame]:
    """Return the tables of an XML file."""

    from report_builder.cin.xmlfile import columns, read_xml

    if path.suffix.lower() != ".xml":
        raise DataError(Problem("this is not an XML file", display_path(path), hint=_HINT))
    census = read_xml(path)
    tables = {}
    for name in MODULES:
        if name == "ChildCharacteristics":
            continue
        table = frame(census.rows[name], columns(name), DATE_COLUMNS.get(name, ()))
        table[FILE] = census.where
        tables[name] = table
    return tables


def frame(rows: list[tuple], names: list[str], dates: tuple[str, ...] = ()) -> pd.DataFrame:
    """Return rows as a table, text stripped of spaces ('' for none), the date columns also parsed.

    LAchildID comes stripped from the reader; every other text column holds few distinct values
    (dates, codes), so each distinct value is stripped (and parsed) once.
    """
    import numpy as np
    import pandas as pd

    table = pd.DataFrame.from_records(rows, columns=names)
    for name in names:
        if name in (CHILD, EPISODE, PLAN, LINE):
            continue
        numbers, distinct = pd.factorize(table[name])
        clean = np.array([str(value).strip() for value in distinct.tolist()] + [""], dtype=object)
        table[name] = clean[numbers]
        if name in dates:
            table[name + "_date"] = _dates(pd.Series(clean)).to_numpy()[numbers]
    return table


def _with_characteristics(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Return the tables with each child's Ethnicity (from ChildCharacteristics) on ChildIdentifiers."""
    characteristics = tables.pop("ChildCharacteristics", None)
    children = tables["ChildIdentifiers"]
    if characteristics is None:
        children["Ethnicity"] = ""
    else:
        first = characteristics.drop_duplicates(CHILD).set_index(CHILD)["Ethnicity"]
        children["Ethnicity"] = children[CHILD].map(first).fillna("")
    for name in MODULES:
        if name not in tables and name != "ChildCharacteristics":
            import pandas as pd

            from report_builder.cin.xmlfile import columns

            tables[name] = pd.DataFrame(columns=[*columns(name), FILE], dtype=object)
    return tables


def _dates(values: pd.Series) -> pd.Series:
    """Return the census's dates (yyyy-mm-dd; dd/mm/yyyy is read too) as datetime64; else NaT."""
    from report_builder.ssda903.reader import parse_dates

    return parse_dates(values)
