"""What a chart shows, as plain data: enough to draw it, describe it and key the cache."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Literal

from report_builder.exhibits import Cell, DataTable
from report_builder.formatting import format_value


@dataclass(frozen=True)
class Series:
    """One set of bars: a value per category; hidden values are drawn as 'c'."""

    name: str
    values: tuple[float | None, ...]
    hidden: tuple[bool, ...]
    spoken: str = ""
    """How alt text names the series (the legend name when empty)."""
    places: tuple[int | None, ...] = ()
    """Decimal places of each value given with its own precision (a published comparator), else None."""

    def label(self, index: int, unit: str) -> str:
        """Return a value as its table shows it (a comparator with the precision it was given)."""
        places = self.places[index] if index < len(self.places) else None
        return format_value(self.values[index], unit, places)

    @property
    def said(self) -> str:
        """Return the series' name as alt text says it."""
        return self.spoken or self.name


@dataclass(frozen=True)
class Band:
    """A shaded range of values, such as the Handbook's suggested caseload."""

    low: float
    high: float
    label: str
    """What the band shows, as alt text says it."""
    legend: str = ""
    """The band's short name in the legend."""


@dataclass(frozen=True)
class ChartData:
    """The figures of one bar chart, in the order they are drawn."""

    orientation: Literal["vertical", "horizontal"]
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    unit: str
    value_axis: str
    band: Band | None = None

    def fingerprint(self) -> str:
        """Return the data as canonical JSON, for the cache key."""
        return json.dumps(asdict(self), sort_keys=True)

    @property
    def has_values(self) -> bool:
        """Return True when there is anything to draw (a value or a hidden value)."""
        return any(v is not None or h for s in self.series for v, h in zip(s.values, s.hidden))


def column_index(table: DataTable, heading: str) -> int | None:
    """Return the index of the table's column with that heading, or None."""
    return table.columns.index(heading) if heading in table.columns else None


def series_from_table(
    table: DataTable,
    headings: dict[str, str],
    spoken: dict[str, str] | None = None,
    skip_total: bool = True,
) -> tuple[tuple[str, ...], tuple[Series, ...]]:
    """Return categories (the first column) and one series per named column of the table.

    headings maps a column heading to the series name; absent columns are left out, so a chart
    shows comparators only when the table has them.
    """
    rows = table.rows[:-1] if skip_total and table.has_total_row else table.rows
    categories = tuple(str(row[0].value) for row in rows)
    series = []
    for heading, name in headings.items():
        index = column_index(table, heading)
        if index is None:
            continue
        cells: list[Cell] = [row[index] for row in rows]
        values = tuple(
            None if c.suppressed or not isinstance(c.value, (int, float)) else float(c.value)
            for c in cells
        )
        places = tuple(c.places for c in cells)
        series.append(
            Series(
                name, values, tuple(c.suppressed for c in cells), (spoken or {}).get(heading, ""),
                places if any(p is not None for p in places) else (),
            )
        )
    return categories, tuple(series)
