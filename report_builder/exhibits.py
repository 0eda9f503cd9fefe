"""What a chart or a table is, between the stage that makes it and the stage that puts it in Word."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from report_builder.formatting import NOT_AVAILABLE, SUPPRESSED, format_value


@dataclass(frozen=True)
class Cell:
    """One table cell: a value with its unit, or text; suppressed cells show 'c'."""

    value: float | int | str | None
    unit: str = "text"
    suppressed: bool = False
    places: int | None = None
    """Decimal places to show, when the figure was given with its own precision (a published comparator)."""

    @property
    def text(self) -> str:
        """Return the cell as a reader sees it."""
        if self.suppressed:
            return SUPPRESSED
        if self.value is None:
            return NOT_AVAILABLE
        if isinstance(self.value, str):
            return self.value
        return format_value(self.value, self.unit, self.places)

    @property
    def numeric(self) -> bool:
        """Return True when the cell holds a number (right-aligned in tables)."""
        return self.unit != "text"


@dataclass(frozen=True)
class Citation:
    """Where published figures in a table come from: the publication, what the figures are, the years."""

    publication: str
    """e.g. "DfE, Children looked after in England including adoptions"."""
    note: str
    """What the figures are within it, e.g. "statistical neighbour average" or "England"."""
    years: tuple[int, ...]
    """The years (at 31 March) of the figures shown."""


@dataclass(frozen=True)
class DataTable:
    """A table of figures or text with a header row; the caption is numbered when placed."""

    name: str
    title: str
    columns: list[str]
    rows: list[list[Cell]]
    has_total_row: bool = False
    source: str = ""
    footnotes: list[str] = field(default_factory=list)
    landscape: bool = False
    own_source: str = ""
    """Where the council's own figures come from ("SSDA903 returns, 2020/21 to 2024/25"); empty when the
    source is written whole in `source`."""
    citations: dict[str, tuple[Citation, ...]] = field(default_factory=dict)
    """Published comparator figures by the heading of the column that shows them."""

    def relabelled(self, labels: dict[str, str] | None) -> DataTable:
        """Return the table with column headings and row labels in the council's words (Boys for Male)."""
        if not labels:
            return self
        def say(cell: Cell) -> Cell:
            return Cell(labels.get(cell.value, cell.value), cell.unit) if isinstance(cell.value, str) else cell

        rows = [[say(row[0]), *row[1:]] if row else row for row in self.rows]
        columns = [labels.get(c, c) for c in self.columns]
        citations = {labels.get(c, c): found for c, found in self.citations.items()}
        return replace(self, columns=columns, rows=rows, citations=citations)

    @property
    def has_suppressed(self) -> bool:
        """Return True when any cell is suppressed (the table then needs the 'c' footnote)."""
        return any(cell.suppressed for row in self.rows for cell in row)


@dataclass(frozen=True)
class Chart:
    """A drawn chart: its picture, caption title, alt text, source line and its figures as a table."""

    name: str
    title: str
    alt_text: str
    source: str
    png: Path
    svg: Path | None = None
    table: DataTable | None = None
    width_mm: float = 160.0
    height_mm: float = 90.0
