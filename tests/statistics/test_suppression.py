"""Tests for small-number suppression: primary, secondary, and that nothing hidden can be worked out."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from report_builder.statistics.suppression import (
    TOTAL,
    is_small,
    suppress,
    suppress_grid,
    suppress_table,
)


def hidden_keys(flags: dict[str, bool]) -> set[str]:
    """Return the keys flagged hidden."""
    return {key for key, flag in flags.items() if flag}


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        pytest.param({"a": 40, "b": 12, "c": 30}, set(), id="no small counts"),
        pytest.param(
            {"a": 3, "b": 40, "c": 12, "d": 0}, {"a", "c"}, id="one small hides the next smallest"
        ),
        pytest.param({"a": 3, "b": 4, "c": 40}, {"a", "b"}, id="two small protect each other"),
        pytest.param(
            {"a": 1, "b": 1, "c": 30, "d": 9}, {"a", "b", "d"}, id="two ones would each be 1"
        ),
        pytest.param({"a": 0, "b": 0, "c": 20}, set(), id="zeros stay 0"),
        pytest.param({"a": 5, "b": 6}, {"a", "b"}, id="5 is small and 6 hides with it"),
        pytest.param(
            {"a": 3, "b": 0, "c": 0}, {"a", "b"}, id="a zero hidden only when nothing else is left"
        ),
        pytest.param({"a": 2, "b": 3, "c": 1}, {"a", "b", "c"}, id="all small"),
    ],
)
def test_suppress_one_way(counts: dict[str, int], expected: set[str]) -> None:
    assert hidden_keys(suppress(counts)) == expected


def test_suppress_without_a_shown_total_hides_small_counts_only() -> None:
    assert hidden_keys(suppress({"a": 3, "b": 40, "c": 12}, total_shown=False)) == {"a"}


def test_suppress_grid_hides_a_rectangle() -> None:
    grid = {
        "under_1": {"male": 3, "female": 14},
        "age_1_to_4": {"male": 20, "female": 18},
        "age_5_to_9": {"male": 30, "female": 25},
    }
    flags = suppress_grid(grid)
    assert flags == {
        "under_1": {"male": True, "female": True},
        "age_1_to_4": {"male": True, "female": True},
        "age_5_to_9": {"male": False, "female": False},
    }


def test_suppress_table_hides_small_totals_but_never_the_grand_total() -> None:
    grid = {
        "a": {"x": 2, "y": 1, TOTAL: 3},
        "b": {"x": 40, "y": 30, TOTAL: 70},
        TOTAL: {"x": 42, "y": 31, TOTAL: 73},
    }
    flags = suppress_table(grid)
    assert flags["a"] == {"x": True, "y": True, TOTAL: True}
    assert flags[TOTAL][TOTAL] is False
    assert not worked_out(grid_equations(grid), flags)


def test_suppress_table_keeps_headline_totals_shown() -> None:
    grid = {
        "a": {"x": 2, "y": 10, TOTAL: 12},
        "b": {"x": 40, "y": 30, TOTAL: 70},
        TOTAL: {"x": 42, "y": 40, TOTAL: 82},
    }
    flags = suppress_table(grid, always_shown=[(TOTAL, "x"), (TOTAL, "y")])
    assert not flags[TOTAL]["x"] and not flags[TOTAL]["y"]
    assert flags["a"]["x"] and flags["b"]["x"]


# ---------------------------------------------------------------- properties


def feasible_values_1d(counts: dict[str, int], flags: dict[str, bool]) -> dict[str, set[int]]:
    """Return the values each hidden cell could take, knowing the total and that hidden counts are >= 1."""
    hidden = [k for k, f in flags.items() if f]
    rest = sum(counts.values()) - sum(counts[k] for k in counts if not flags[k])
    low = 1 if all(counts[k] > 0 for k in hidden) else 0
    top = rest - low * (len(hidden) - 1)
    return {k: set(range(low, top + 1)) if len(hidden) > 1 else {rest} for k in hidden}


small_biased = st.one_of(st.integers(0, 6), st.integers(0, 60))


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from("abcdefgh"), small_biased, min_size=1, max_size=8))
def test_no_hidden_count_can_be_worked_out_from_the_total(counts: dict[str, int]) -> None:
    flags = suppress(counts)
    assert all(flags[k] for k, v in counts.items() if is_small(v)), (
        "every count from 1 to 5 is hidden"
    )
    if all(flags.values()):
        return  # nothing is left to hide: the total itself is a headline figure
    for key, values in feasible_values_1d(counts, flags).items():
        assert len(values) > 1, f"{key} could be worked out"


def grid_equations(grid: dict[str, dict[str, int]]) -> list[dict[tuple[str, str], int]]:
    """Return the table's equations (coefficient per cell, each summing to 0): rows and columns with totals."""
    rows, columns = [r for r in grid if r != TOTAL], [c for c in grid[TOTAL] if c != TOTAL]
    equations = []
    for row in [*rows, TOTAL]:
        equations.append({**{(row, c): 1 for c in columns}, (row, TOTAL): -1})
    for column in [*columns, TOTAL]:
        equations.append({**{(r, column): 1 for r in rows}, (TOTAL, column): -1})
    return equations


def worked_out(equations: list[dict], flags: dict[str, dict[str, bool]]) -> list[tuple[str, str]]:
    """Return the hidden cells that the equations pin down (their unit vector lies in the row space)."""
    hidden = [(r, c) for r, line in flags.items() for c, f in line.items() if f]
    if not hidden:
        return []
    matrix = np.array([[eq.get(cell, 0) for cell in hidden] for eq in equations], dtype=float)
    rank = np.linalg.matrix_rank(matrix)
    pinned = []
    for i, cell in enumerate(hidden):
        unit = np.zeros((1, len(hidden)))
        unit[0, i] = 1
        if np.linalg.matrix_rank(np.vstack([matrix, unit])) == rank:
            pinned.append(cell)
    return pinned


grids = st.integers(2, 5).flatmap(
    lambda rows: st.integers(2, 4).flatmap(
        lambda columns: st.lists(
            st.lists(small_biased, min_size=columns, max_size=columns), min_size=rows, max_size=rows
        )
    )
)


def with_totals(values: list[list[int]]) -> dict[str, dict[str, int]]:
    """Return a grid keyed r0.., c0.. with a totals row and column."""
    grid = {f"r{i}": {f"c{j}": v for j, v in enumerate(line)} for i, line in enumerate(values)}
    grid = {r: {**line, TOTAL: sum(line.values())} for r, line in grid.items()}
    grid[TOTAL] = {c: sum(line[c] for line in grid.values()) for c in next(iter(grid.values()))}
    return grid


@settings(max_examples=200, deadline=None)
@given(grids)
def test_no_hidden_cell_of_a_grid_can_be_worked_out_from_its_totals(
    values: list[list[int]],
) -> None:
    grid = {f"r{i}": {f"c{j}": v for j, v in enumerate(line)} for i, line in enumerate(values)}
    flags = suppress_grid(grid)
    assert all(flags[r][c] for r, line in grid.items() for c, v in line.items() if is_small(v))
    assert not worked_out(grid_equations(with_totals(values)), flags)


@settings(max_examples=200, deadline=None)
@given(grids)
def test_no_hidden_cell_of_a_table_with_totals_can_be_worked_out(values: list[list[int]]) -> None:
    grid = with_totals(values)
    flags = suppress_table(grid)
    assert flags[TOTAL][TOTAL] is False
    assert not worked_out(grid_equations(grid), flags)
