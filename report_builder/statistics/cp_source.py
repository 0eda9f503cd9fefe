"""Compute stage, child protection half: the report's `cp` figures from its CIN census, cached.

Only a report whose IROs chair child protection conferences names a census (`data: cin:` in
report.yaml); without one the Statistics hold no child protection figures at all.
"""

from __future__ import annotations

from pathlib import Path

from report_builder.errors import DataError, Problem, display_path
from report_builder.load import Report
from report_builder.statistics.cache import cache_key, cached_statistics
from report_builder.statistics.child_protection import ChildProtection

Population = dict[int, int] | int | None


def child_protection(report: Report, population: Population, chairs_fte: float | None,
                     cache_dir: Path | None = None) -> tuple[ChildProtection, list[Problem]]:
    """Return the report's child protection figures and the census's problems (as warnings).

    Raises DataError when the census cannot be read or has no return for the report's year.
    """
    meta = report.meta
    path = report.path(meta.data.cin or "")
    if not path.exists():
        raise DataError(Problem(f"CIN census not found: {meta.data.cin}", file="report.yaml",
                                hint="put the census XML (or its CSV tables) there, or correct data: cin:"))

    def compute() -> tuple[ChildProtection, list[Problem]]:
        from report_builder.cin import compute_child_protection, read_cin

        census = read_cin(path, meta.year_ending if path.is_file() else None)
        return compute_child_protection(census, meta.year_ending, population, chairs_fte), census.problems

    key = cache_key(path, ["cin", meta.year_ending, population, chairs_fte])
    return cached_statistics(cache_dir, key, compute, ChildProtection)


def census_summary(problems: list[Problem], path: Path, every_row_problem: bool) -> list[Problem]:
    """Return the census's problems, or one warning summing them up (every_row_problem: each one)."""
    if every_row_problem or not problems:
        return problems
    count = len(problems)
    return [Problem(
        f"{count:,} problem{'s' if count != 1 else ''} in the CIN census: the records are left out of the "
        "figures they would spoil, and the report's notes on the figures say how many and why",
        file=display_path(path), hint="run 'report-builder check' for the full list", severity="warning")]


def census_statistics(ssda903: Path | None, cin: Path | None, year_ending: int, council: str,
                      population: int | None):  # type: ignore[no-untyped-def]
    """Return Statistics for any SSDA903 folder and/or CIN census, outside a report (`stats --cin`).

    With a CIN census alone, the children-in-care figures are empty and only `cp.*` is shown.
    Raises DataError listing every problem that stops the figures being worked out.
    """
    from report_builder.statistics.model import (
        Ceased,
        ChildrenLookedAfter,
        Period,
        Reviews,
        Started,
        Statistics,
    )

    if ssda903 is not None:
        from report_builder.ssda903 import compute_statistics, read_ssda903

        stats = compute_statistics(read_ssda903(ssda903), year_ending, council, population)
    else:
        stats = Statistics(council=council, period=Period(year_ending=year_ending), source="ssda903",
                           cla=ChildrenLookedAfter(at_start=0, at_end=0, population_0_17=population),
                           started=Started(total=0), ceased=Ceased(total=0), reviews=Reviews(held=0, on_time=0))
    if cin is None:
        return stats
    from report_builder.cin import compute_child_protection, read_cin

    census = read_cin(cin, year_ending if Path(cin).is_file() else None)
    cp = compute_child_protection(census, year_ending, population)
    return stats.model_copy(update={"cp": cp, "data_notes": [*stats.data_notes, *cp.data_notes]})
