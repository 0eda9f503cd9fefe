"""Building blocks of the statistical tables: cells, source lines, comparators, breakdowns with suppression."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from report_builder.exhibits import Cell, Citation, DataTable
from report_builder.statistics.model import (
    COMPARATOR_AREAS,
    Breakdown,
    ComparatorValue,
    Statistics,
    percentage,
)
from report_builder.statistics.suppression import TOTAL, suppress, suppress_table

DATA_SOURCES = {"ssda903": "SSDA903 return", "aggregates": "council performance figures"}
SERVICE_SOURCE = "service records"


def count_cell(value: int | None, hidden: bool = False) -> Cell:
    """Return a count cell."""
    return Cell(value, "count", suppressed=hidden)


def pct_cell(value: float | None, hidden: bool = False) -> Cell:
    """Return a percentage cell (one decimal place: on time, taking part)."""
    return Cell(value, "percent", suppressed=hidden)


def share_cell(value: float | None, hidden: bool = False) -> Cell:
    """Return a breakdown's share of its total (a whole percentage, as the DfE's tables give it)."""
    return Cell(value, "share", suppressed=hidden)


def label(text: str) -> Cell:
    """Return a text cell."""
    return Cell(text)


def own_source(stats: Statistics, origin: str = "data", trend: bool = False) -> str:
    """Return where the council's own figures come from, with the years they cover:
    'SSDA903 return, 2024/25', or 'SSDA903 returns, 2020/21 to 2024/25' for a trend."""
    where = SERVICE_SOURCE if origin == "service" else DATA_SOURCES.get(stats.source, stats.source)
    years = stats.years() if trend else []
    if len(years) > 1:
        plural = where if origin == "service" or where.endswith("s") else f"{where}s"
        return f"{plural}, {years[0].label} to {years[-1].label}"
    return f"{where}, {stats.period.label}"


def source_line(
    stats: Statistics, origin: str = "data", comparators: list[ComparatorValue] = ()
) -> str:
    """Return 'Source: SSDA903 return, 2024/25; DfE …' for figures of the given origin ('data' or 'service')."""
    return source_text(own_source(stats, origin), citations(comparators))


def citations(values: Iterable[ComparatorValue]) -> tuple[Citation, ...]:
    """Return the publications of comparator figures, one per publication and note, with their years."""
    grouped: dict[tuple[str, str], set[int]] = {}
    for value in values:
        area = COMPARATOR_AREAS[value.area]
        publication, note = split_source(value.source or "DfE", area if area == "England" else area.lower())
        grouped.setdefault((publication, note), set()).add(value.year_ending)
    return tuple(Citation(p, n, tuple(sorted(y))) for (p, n), y in grouped.items())


def split_source(source: str, area: str) -> tuple[str, str]:
    """Return a comparator source as (publication, what the figures are): 'DfE, X (statistical neighbour
    average)' gives ('DfE, X', 'statistical neighbour average'); without brackets the area names them."""
    match = re.match(r"^(.*?)\s*\(([^()]*)\)\s*$", source)
    if match:
        return match.group(1).strip(), match.group(2).strip()
    return source.strip(), area


def source_text(own: str, cited: Iterable[Citation]) -> str:
    """Return the source line: the council's own source, then each publication once, naming what of it
    is shown and the years ('…adoptions (statistical neighbour average and England), 2021 to 2024')."""
    by_publication: dict[str, tuple[list[str], set[int]]] = {}
    for citation in cited:
        notes, years = by_publication.setdefault(citation.publication, ([], set()))
        if citation.note not in notes:
            notes.append(citation.note)
        years.update(citation.years)
    parts = [own] if own else []
    for publication, (notes, years) in by_publication.items():
        shown = sorted(years)
        span = f"31 March {shown[0]}" if len(shown) == 1 else f"31 March {shown[0]} to {shown[-1]}"
        described = f" ({' and '.join(notes)})" if notes else ""
        parts.append(f"{publication}{described}, {span}")
    return "Source: " + "; ".join(parts)


def comparator_exact(
    stats: Statistics, measure: str, area: str, year: int
) -> ComparatorValue | None:
    """Return the area's figure for exactly that year, or None."""
    found = [
        c for c in stats.comparators if (c.measure, c.area, c.year_ending) == (measure, area, year)
    ]
    return found[0] if found else None


def share_comparators(
    stats: Statistics, breakdown: str, keys: list[str]
) -> dict[str, dict[str, ComparatorValue]]:
    """Return, for each comparator area with any figure, its share of each category (latest year)."""
    found: dict[str, dict[str, ComparatorValue]] = {}
    for area in COMPARATOR_AREAS:
        for key in keys:
            value = stats.comparator(f"profile.{breakdown}.{key}_pct", area)
            if value is not None:
                found.setdefault(area, {})[key] = value
    return found


def comparator_year_note(stats: Statistics, values: list[ComparatorValue]) -> list[str]:
    """Return a footnote when comparator figures are for an earlier year than the report's."""
    years = sorted({v.year_ending for v in values if v.year_ending != stats.period.year_ending})
    if not years:
        return []
    listed = " and ".join(f"31 March {y}" for y in years)
    return [f"Comparator figures are for {listed}, the latest published."]


def _flatten(found: Mapping[str, Mapping[str, ComparatorValue]]) -> list[ComparatorValue]:
    """Return every comparator value in a nested mapping."""
    return [value for by_key in found.values() for value in by_key.values()]


def finish(
    stats: Statistics,
    name: str,
    title: str,
    columns: list[str],
    rows: list[list[Cell]],
    own: str,
    notes: list[str] = (),
    total_row: bool = False,
    cited: Mapping[str, tuple[Citation, ...]] | None = None,
) -> DataTable:
    """Return the DataTable, its source line made from the council's own source and the publications
    of the comparator columns (the page adds the note explaining 'c' wherever a cell is hidden)."""
    cited = {heading: found for heading, found in (cited or {}).items() if found}
    own = own.removeprefix("Source: ")  # a whole source line, as source_line() writes it, is taken as it is
    source = source_text(own, [c for found in cited.values() for c in found])
    return DataTable(name, title, columns, rows, has_total_row=total_row, source=source, footnotes=list(notes),
                     own_source=own, citations=cited)


def ordered_counts(
    breakdown: Breakdown, labels: Mapping[str, str], keep_zero: bool = True
) -> dict[str, int | None]:
    """Return the counts in the labels' order, then any other keys; None for categories not available."""
    ordered = {key: breakdown.count(key) for key in labels if keep_zero or breakdown.count(key) != 0}
    ordered.update({key: value for key, value in breakdown.counts.items() if key not in ordered})
    return ordered


def hidden_flags(stats: Statistics, counts: Mapping[str, int | None]) -> dict[str, bool]:
    """Return which counts of a breakdown (whose total is shown) to hide; one not available is never hidden.

    A count not available hides nothing and shows nothing: it is counted as 0 for the rule, so that
    the counts shown beside a hidden one are protected as if it were not there.
    """
    if not stats.suppress_small_counts:
        return dict.fromkeys(counts, False)
    hidden = suppress({key: count or 0 for key, count in counts.items()})
    return {key: hidden[key] and counts[key] is not None for key in counts}


def breakdown_table(
    stats: Statistics,
    name: str,
    title: str,
    heading: str,
    counts: Mapping[str, int | None],
    labels: Mapping[str, str],
    comparators: str | None = None,
    extra: Mapping[str, Mapping[str, float]] | None = None,
    total: int | None = None,
) -> DataTable:
    """Return a table of counts and shares by category, with comparators' shares and a totals row.

    The shares are of `total` (default: the sum, when every count is given); comparators names the
    breakdown whose comparator shares to add; extra adds further share columns given directly
    (heading -> key -> percentage). A count not given shows ':' (not available).
    """
    if total is None and counts and all(count is not None for count in counts.values()):
        total = sum(count for count in counts.values() if count is not None)
    hidden = hidden_flags(stats, counts)
    found = share_comparators(stats, comparators, list(counts)) if comparators else {}
    extra = {h: v for h, v in (extra or {}).items() if v}
    columns = [heading, "Number", "%"]
    columns += [f"{COMPARATOR_AREAS[a]} %" for a in found] + [f"{h} %" for h in extra]
    rows = []
    for key, count in counts.items():
        row = [
            label(labels.get(key, key)),
            count_cell(count, hidden[key]),
            share_cell(percentage(count, total), hidden[key]),
        ]
        row += [comparator_cell(found[a].get(key), "share") for a in found]
        row += [share_cell(values.get(key)) for values in extra.values()]
        rows.append(row)
    shares_total = [share_cell(100.0 if len(found[a]) == len(counts) else None) for a in found]
    shares_total += [share_cell(sum(v.values())) for v in extra.values()]
    rows.append(
        [label("Total"), count_cell(total), share_cell(100.0 if total else None), *shares_total]
    )
    values = _flatten(found)
    cited = {f"{COMPARATOR_AREAS[a]} %": citations(found[a].values()) for a in found}
    return finish(
        stats,
        name,
        title,
        columns,
        rows,
        own_source(stats),
        comparator_year_note(stats, values),
        total_row=True,
        cited=cited,
    )


def comparator_cell(comparator: ComparatorValue | None, unit: str) -> Cell:
    """Return a comparator's cell, shown with the precision it was published with (66, not 66.0)."""
    if comparator is None:
        return Cell(None, unit)
    return Cell(comparator.value, unit, places=comparator.decimals)


def comparator_value(comparator: ComparatorValue | None) -> float | None:
    """Return a comparator's figure, or None."""
    return None if comparator is None else comparator.value


def at_31_march(stats: Statistics) -> str:
    """Return 'at 31 March 2025'."""
    return f"at 31 March {stats.period.year_ending}"


def add_totals(
    grid: Mapping[str, Mapping[str, int | None]], columns: list[str]
) -> dict[str, dict[str, int | None]]:
    """Return the grid (rows over the given columns) with a TOTAL column and a TOTAL row.

    A total of counts any of which is not available is not available either.
    """
    full = {
        row: {**{c: line[c] for c in columns}, TOTAL: _sum([line[c] for c in columns])}
        for row, line in grid.items()
    }
    full[TOTAL] = {c: _sum([line[c] for line in full.values()]) for c in [*columns, TOTAL]}
    return full


def _sum(counts: list[int | None]) -> int | None:
    """Return the sum of the counts, or None when any is not available."""
    return None if any(c is None for c in counts) else sum(c for c in counts if c is not None)


def table_flags(
    stats: Statistics, grid: Mapping[str, Mapping[str, int | None]], always_shown: tuple = ()
) -> dict[str, dict[str, bool]]:
    """Return which cells of a table with totals to hide (none when suppression is off).

    A cell not available (None) is never hidden; it counts as 0 for the rule, as in hidden_flags.
    """
    if not stats.suppress_small_counts:
        return {row: dict.fromkeys(line, False) for row, line in grid.items()}
    filled = {row: {column: count or 0 for column, count in line.items()} for row, line in grid.items()}
    hidden = suppress_table(filled, always_shown)
    return {row: {c: flag and grid[row][c] is not None for c, flag in line.items()} for row, line in hidden.items()}
