"""Comparator figures (statistical neighbours, region, England) and the council's targets from a CSV file,
and the shipped England series.

Each row names a statistic by its vocabulary name: `cla.rate_per_10k`, `cp.plans.rate_per_10k`,
`cp.icpc.on_time_pct`, `cp.rcpc.on_time_pct`, `cp.plans.second_or_subsequent_pct`,
`cp.category.neglect_pct` and so on. A row whose area is `target` is the council's own target for
that measure (for example 85 for `cp.icpc.on_time_pct`), drawn on the timeliness charts.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from report_builder.errors import DataError, Problem, display_path
from report_builder.files import not_a_file
from report_builder.statistics.model import COMPARATOR_AREAS, ComparatorValue

COLUMNS = ("measure", "area", "year_ending", "value", "source")
ENGLAND_SERIES = "england_comparators.csv"
"""The shipped England series: children looked after and the rate per 10,000, 2013 to 2025 (each year as its own release published it)."""
AREAS = (*COMPARATOR_AREAS, "target")
"""The areas a row can be for: the comparator areas, and the council's own target."""
_MEASURE = re.compile(r"^[a-z][a-z0-9_]*(\.[A-Za-z0-9_]+)+$")
_FIX = "correct the row in the comparators file"


def load_comparators(path: Path) -> list[ComparatorValue]:
    """Return the comparator figures of a CSV file with columns measure,area,year_ending,value,source.

    Raises DataError listing every bad row (file, line, what was found and what was expected).
    """
    path = Path(path)
    what = not_a_file(path) or ("a file far larger than a comparators file" if _size(path) > MAX_BYTES else None)
    if what is not None:
        raise DataError(Problem(f"cannot read the comparators file: this is {what}", display_path(path),
                                hint="give the comparators CSV file itself"))
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        reason = "it is not UTF-8 text" if isinstance(error, UnicodeDecodeError) else error.strerror
        raise DataError(
            Problem(
                f"cannot read the comparators file: {reason}",
                display_path(path),
                hint="save it as CSV UTF-8",
            )
        ) from None
    return parse_comparators(text, display_path(path))


MAX_BYTES = 50 * 1024 * 1024
"""The largest comparators file read (a real one, every measure for every area and year, is under a megabyte)."""


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def parse_comparators(text: str, where: str) -> list[ComparatorValue]:
    """Return the comparator figures in CSV text; `where` names the file in messages.

    Raises DataError listing every problem found.
    """
    reader = csv.reader(io.StringIO(text))
    header = [name.strip().lower() for name in next(reader, [])]
    missing = [name for name in COLUMNS[:4] if name not in header]
    if missing:
        raise DataError(
            Problem(
                f"column{'s' if len(missing) > 1 else ''} {', '.join(missing)} missing",
                where,
                1,
                hint=f"expected the columns {','.join(COLUMNS)}",
            )
        )
    values, problems = [], []
    for line, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        row = {name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(header)}
        value, found = comparator_row(row, where, line)
        problems.extend(found)
        if value is not None:
            values.append(value)
    if problems:
        raise DataError(problems)
    return values


def comparator_row(
    row: dict[str, str], where: str, line: int
) -> tuple[ComparatorValue | None, list[Problem]]:
    """Return one row's comparator figure, or the problems that stop it being one."""
    problems = []
    if not _MEASURE.match(row["measure"]):
        problems.append(
            Problem(
                f"measure: '{row['measure']}' is not a statistic's name",
                where,
                line,
                hint=f"expected a name such as cla.rate_per_10k; {_FIX}",
            )
        )
    if row["area"] not in AREAS:
        problems.append(
            Problem(
                f"area: '{row['area']}' is not a comparator area",
                where,
                line,
                hint=f"expected one of {', '.join(AREAS)} (target: the council's own target); {_FIX}",
            )
        )
    year = _number(row["year_ending"], int)
    if year is None or not 2000 <= year <= 2100:
        problems.append(
            Problem(
                f"year_ending: '{row['year_ending']}' is not a year",
                where,
                line,
                hint=f"expected the year of 31 March the figure is for, such as 2024; {_FIX}",
            )
        )
    value = _number(row["value"].replace(",", ""), float)
    if value is None:
        problems.append(
            Problem(
                f"value: '{row['value']}' is not a number",
                where,
                line,
                hint=f"expected a number such as 70 or 7.5 (no % sign); {_FIX}",
            )
        )
    if problems:
        return None, problems
    comparator = ComparatorValue(
        measure=row["measure"],
        area=row["area"],
        year_ending=year,
        value=value,
        source=row.get("source", ""),
        decimals=_decimals(row["value"]),
    )
    return comparator, []


def _decimals(text: str) -> int:
    """Return how many decimal places a figure was written with: '66' 0, '66.0' 1, '7.25' 2."""
    whole, _, fraction = text.strip().partition(".")
    return len(fraction) if fraction.isdigit() else 0


def _number(text: str, kind: type) -> int | float | None:
    """Return the text as a number of the kind, or None when it is not one."""
    try:
        return kind(text)
    except ValueError:
        return None


def england_series() -> list[ComparatorValue]:
    """Return the shipped England figures: children looked after at 31 March and the rate per 10,000."""
    text = (Path(__file__).parents[1] / "data" / ENGLAND_SERIES).read_text(encoding="utf-8")
    return parse_comparators(text, f"report_builder/data/{ENGLAND_SERIES}")
