"""Compute stage: the report's Statistics from its SSDA903 export or its aggregates, with comparators."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from report_builder.errors import DataError, Problem
from report_builder.load import Report
from report_builder.statistics.aggregates import (
    Aggregates,
    inputs_disputes,
    inputs_iro,
    read_aggregates,
    require_core,
    statistics_from_aggregates,
)
from report_builder.statistics.cache import cache_key, cached_statistics
from report_builder.statistics.cp_source import census_summary, child_protection
from report_builder.statistics.model import Statistics

CROSS_CHECKS = {
    "children_looked_after.at_end": lambda s: s.cla.at_end,
    "children_looked_after.at_start": lambda s: s.cla.at_start,
    "reviews.held": lambda s: s.reviews.held,
    "reviews.on_time": lambda s: s.reviews.on_time,
}
"""Figures both sources can give: the SSDA903 wins, and a difference is a warning."""


def compute_statistics(report: Report, cache_dir: Path | None = None, every_row_problem: bool = False,
                       before_reading: Callable[[], None] | None = None) -> tuple[Statistics, list[Problem]]:
    """Return the report's Statistics and warnings about its data (figures from cache_dir when unchanged).

    Row problems in an SSDA903 export come as one summary warning, or each on its own with
    every_row_problem. before_reading, when given, is called just before an SSDA903 export is read
    (the figures are not in the cache), so that work which will follow can start alongside.
    Raises DataError listing every problem that stops the figures being worked out.
    """
    meta = report.meta
    aggregates, source = None, None
    if meta.data.statistics and (report.folder / meta.data.statistics).exists():
        aggregates, source = read_aggregates(report.path(meta.data.statistics), report.folder.parent)
    elif not meta.data.ssda903:
        raise DataError(Problem(
            "no figures: report.yaml names neither an SSDA903 folder nor a statistics file that exists",
            file=str(report.folder / "report.yaml"),
            hint="add data: ssda903: data/ssda903 (the 903 export) or data: statistics: statistics.yaml"))
    warnings: list[Problem] = []
    if meta.data.ssda903:
        stats, warnings = _from_ssda903(report, aggregates, cache_dir, before_reading)
        if not every_row_problem:
            warnings = _data_summary(warnings, report.path(meta.data.ssda903))
    else:
        assert aggregates is not None and source is not None
        require_core(aggregates, source)
        stats = statistics_from_aggregates(aggregates, report.council.short_name, meta.year_ending)
    iro = stats.iro
    if iro.children_allocated is None:
        iro = iro.model_copy(update={"children_allocated": stats.cla.at_end})
    stats = stats.model_copy(update={
        "comparators": _comparators(report),
        "suppress_small_counts": meta.document_control.public,
        "iro": iro,
    })
    if meta.data.cin:
        stats, found = _with_child_protection(report, stats, aggregates, cache_dir)
        warnings += census_summary(found, report.path(meta.data.cin), every_row_problem)
    return stats, warnings


def _with_child_protection(report: Report, stats: Statistics, aggregates: Aggregates | None,
                           cache_dir: Path | None) -> tuple[Statistics, list[Problem]]:
    """Return the statistics with the child protection figures of the report's CIN census (IROs chair)."""
    population = _populations(aggregates, report.meta.year_ending)
    cp, found = child_protection(report, population, stats.iro.fte, cache_dir)
    return stats.model_copy(update={"cp": cp, "data_notes": [*stats.data_notes, *cp.data_notes]}), found


def _from_ssda903(report: Report, aggregates: Aggregates | None, cache_dir: Path | None,
                  before_reading: Callable[[], None] | None = None) -> tuple[Statistics, list[Problem]]:
    """Return Statistics computed from the 903 export, with the inputs it cannot give from statistics.yaml."""
    meta = report.meta
    folder = report.path(meta.data.ssda903 or "")
    population = _populations(aggregates, meta.year_ending)

    def compute() -> tuple[Statistics, list[Problem]]:
        if before_reading is not None:
            before_reading()
        from report_builder.ssda903 import compute_statistics as compute_903
        from report_builder.ssda903 import read_ssda903

        data = read_ssda903(folder)
        return compute_903(data, meta.year_ending, report.council.short_name, population), list(data.problems)

    if not folder.is_dir():
        raise DataError(Problem(f"SSDA903 folder not found: {meta.data.ssda903}", file="report.yaml",
                                hint="put the export's CSV files in that folder, or correct data: ssda903:"))
    key = cache_key(folder, [meta.year_ending, report.council.short_name, population])
    stats, warnings = cached_statistics(cache_dir, key, compute)
    if aggregates is None:
        return stats, warnings
    warnings += _differences(stats, aggregates, report)
    return stats.model_copy(update={"disputes": inputs_disputes(aggregates), "iro": inputs_iro(aggregates)}), warnings


def _data_summary(problems: list[Problem], folder: Path) -> list[Problem]:
    """Return the problems that are not about SSDA903 rows, and one warning summing those up."""
    rows = [p for p in problems if p.file and Path(p.file).suffix.lower() == ".csv"]
    others = [p for p in problems if p not in rows]
    if not rows:
        return others
    count = len(rows)
    return others + [Problem(
        f"{count:,} problem{'s' if count != 1 else ''} in the SSDA903 data: the rows are left out of the "
        "figures they would spoil, and the report's notes on the figures say how many and why",
        file=str(folder), hint="run 'report-builder check' for the full list", severity="warning")]


def _populations(aggregates: Aggregates | None, year_ending: int) -> dict[int, int] | int | None:
    """Return the population aged 0 to 17 by year, as statistics.yaml gives it."""
    if aggregates is None or aggregates.population_0_17 is None:
        return None
    if isinstance(aggregates.population_0_17, dict):
        return dict(aggregates.population_0_17)
    return {year_ending: aggregates.population_0_17}


def _differences(stats: Statistics, aggregates: Aggregates, report: Report) -> list[Problem]:
    """Return a warning for each figure statistics.yaml gives that differs from the 903's."""
    found = []
    for name, from_903 in CROSS_CHECKS.items():
        group, field = name.split(".")
        given = getattr(getattr(aggregates, group), field, None) if getattr(aggregates, group) else None
        if given is not None and given != from_903(stats):
            found.append(Problem(
                f"{name} is {given:,} in statistics.yaml but {from_903(stats):,} from the SSDA903 data; "
                "the SSDA903 figure is used", file=str(Path(report.folder.name) / (report.meta.data.statistics or "")),
                hint="remove the figure from statistics.yaml, or check the export", severity="warning"))
    return found


def _comparators(report: Report) -> list:  # type: ignore[type-arg]
    """Return the comparator figures: the shipped England series plus the report's own file."""
    from report_builder.statistics.comparators import england_series, load_comparators

    found = list(england_series())
    if report.meta.data.comparators:
        own = load_comparators(report.path(report.meta.data.comparators))
        replaced = {(c.measure, c.area, c.year_ending) for c in own}
        found = [c for c in found if (c.measure, c.area, c.year_ending) not in replaced] + list(own)
    return found
