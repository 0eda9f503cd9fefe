"""Small-number suppression for published papers (DfE statistical disclosure control).

Counts from 1 to 5 in a breakdown are hidden (shown as `c`); true zeros stay 0. Secondary
suppression then hides further cells so that no hidden count can be worked out from a shown total:
every row or column with a shown total that hides anything hides at least two cells, and never only
cells whose hidden total would pin each of them to 1. Zeros are hidden as a secondary cell only when
no non-zero cell is left to hide. Headline totals themselves are never hidden.

In two dimensions the rule is applied to every row and column until nothing changes, and then any
hidden cell that the row and column totals would still pin down (a "bridge" between two groups of
hidden cells) is protected by hiding one more cell that closes a loop through it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

SMALL_MIN = 1
SMALL_MAX = 5
TOTAL = "total"
"""The key of the totals row and column in a table passed to suppress_table."""

Grid = Mapping[str, Mapping[str, int]]
"""Counts keyed by row, then by column."""


def is_small(count: int) -> bool:
    """Return True for a count from 1 to 5, which published papers must not show."""
    return SMALL_MIN <= count <= SMALL_MAX


def suppress(counts: Mapping[str, int], total_shown: bool = True) -> dict[str, bool]:
    """Return, for each category, whether its count must be hidden in a published table."""
    hidden = {key: is_small(count) for key, count in counts.items()}
    if total_shown:
        _protect_line(counts, hidden, list(counts), dict.fromkeys(counts, True))
    return hidden


def suppress_grid(
    grid: Grid, row_totals_shown: bool = True, column_totals_shown: bool = True
) -> dict[str, dict[str, bool]]:
    """Return, for each cell of a two-way table whose totals are shown outside it, whether to hide it.

    Every row must have the same columns. Secondary suppression runs to a fixed point over rows
    (when their totals are shown) and columns (likewise), then closes any bridge cell.
    """
    cells = {(row, column): count for row, line in grid.items() for column, count in line.items()}
    lines = _grid_lines(list(grid), _columns(grid), row_totals_shown, column_totals_shown)
    hidden = _solve(
        cells, lines, always_shown=set(), bridges=row_totals_shown and column_totals_shown
    )
    return _unflatten(grid, hidden)


def suppress_table(
    grid: Grid, always_shown: Collection[tuple[str, str]] = ()
) -> dict[str, dict[str, bool]]:
    """Return, for each cell of a table that carries its own totals, whether to hide it.

    The grid holds a row and a column keyed TOTAL with the row and column totals; the grand total
    (TOTAL, TOTAL) is a headline figure and always shown, as are the cells in always_shown (for
    example headline column totals). Totals from 1 to 5 are hidden like any other count.
    """
    cells = {(row, column): count for row, line in grid.items() for column, count in line.items()}
    lines = _grid_lines(list(grid), _columns(grid), True, True)
    fixed = {(TOTAL, TOTAL), *always_shown}
    hidden = _solve(cells, lines, always_shown=fixed, bridges=True)
    return _unflatten(grid, hidden)


def _solve(cells: dict, lines: list, always_shown: set, bridges: bool) -> dict:
    """Return primary suppression extended by secondary suppression to a fixed point."""
    hidden = {cell: is_small(count) and cell not in always_shown for cell, count in cells.items()}
    candidates = {cell: cell not in always_shown for cell in cells}
    changed = True
    while changed:
        protected = [
            _protect_line(cells, hidden, line, candidates) for line in lines
        ]  # every line, each pass
        changed = any(protected)
        if not changed and bridges:
            changed = _close_bridge(cells, hidden, candidates)
    return hidden


def _columns(grid: Grid) -> list[str]:
    """Return the grid's columns (those of its first row)."""
    return list(next(iter(grid.values()), {}))


def _unflatten(grid: Grid, hidden: dict) -> dict[str, dict[str, bool]]:
    """Return flags keyed by (row, column) as a dict of rows."""
    return {row: {column: hidden[(row, column)] for column in line} for row, line in grid.items()}


def _grid_lines(rows: list[str], columns: list[str], rows_shown: bool, columns_shown: bool) -> list:
    """Return the rows and columns whose totals are known, as lists of cell keys."""
    lines = []
    if rows_shown:
        lines += [[(row, column) for column in columns] for row in rows]
    if columns_shown:
        lines += [[(row, column) for row in rows] for column in columns]
    return lines


def _protect_line(counts: Mapping, hidden: dict, line: Sequence, candidates: Mapping) -> bool:
    """Hide more cells of one line (with a shown total) until its hidden cells are safe.

    Return True when anything was hidden.
    """
    changed = False
    while not _line_is_safe([counts[key] for key in line if hidden[key]]):
        candidate = _next_to_hide(counts, hidden, [key for key in line if candidates[key]])
        if candidate is None:
            break
        hidden[candidate] = True
        changed = True
    return changed


def _line_is_safe(hidden_counts: list[int]) -> bool:
    """Return True when a line's hidden counts cannot be worked out from its total.

    One hidden cell equals the total minus the shown cells. Several hidden cells whose sum equals
    their number would each have to be 1, since a reader knows a hidden count is at least 1.
    """
    if not hidden_counts:
        return True
    return len(hidden_counts) >= 2 and sum(hidden_counts) > len(hidden_counts)


def _next_to_hide(counts: Mapping, hidden: dict, line: Sequence):
    """Return the shown cell to hide next: the smallest non-zero one, else a zero, else None."""
    shown = [key for key in line if not hidden[key]]
    if not shown:
        return None
    nonzero = [key for key in shown if counts[key] > 0]
    pool = nonzero or shown
    return min(pool, key=lambda key: (counts[key], line.index(key)))


def _close_bridge(cells: Mapping[tuple[str, str], int], hidden: dict, candidates: Mapping) -> bool:
    """Hide one more cell when a hidden cell could be worked out from row and column totals.

    Hidden cells are edges between their row and column; a cell is pinned by the totals exactly
    when its edge lies on no cycle (a bridge). Hiding a cell that joins the two sides of the bridge
    puts it on a cycle. Return True when a cell was hidden.
    """
    edges = [cell for cell, flag in hidden.items() if flag]
    for bridge in edges:
        rest = [edge for edge in edges if edge != bridge]
        row_side = _reachable(("row", bridge[0]), rest)
        if ("column", bridge[1]) in row_side:
            continue
        column_side = _reachable(("column", bridge[1]), rest)
        options = [
            cell
            for cell in cells
            if candidates[cell]
            and not hidden[cell]
            and ("row", cell[0]) in column_side
            and ("column", cell[1]) in row_side
        ]
        if options:
            nonzero = [cell for cell in options if cells[cell] > 0] or options
            hidden[min(nonzero, key=lambda cell: cells[cell])] = True
            return True
    return False


def _reachable(start: tuple[str, str], edges: list[tuple[str, str]]) -> set[tuple[str, str]]:
    """Return the rows and columns joined to start through hidden cells."""
    seen = {start}
    frontier = [start]
    while frontier:
        kind, name = frontier.pop()
        for row, column in edges:
            if kind == "row" and row == name:
                neighbour = ("column", column)
            elif kind == "column" and column == name:
                neighbour = ("row", row)
            else:
                continue
            if neighbour not in seen:
                seen.add(neighbour)
                frontier.append(neighbour)
    return seen
