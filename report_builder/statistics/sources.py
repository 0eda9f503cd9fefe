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
    aggregates, warnings = _aggregates(report)
    if meta.data.ssda903:
        stats, found = _from_ssda903(report, aggregates, cache_dir, before_reading)
        warnings += found if every_row_problem else _data_summary(found, report.path(meta.data.ssda903))
    else:
        assert aggregates is not None
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


def figures_despite_problems(report: Report) -> Statistics | None:
    """Return the figures of a report built from statistics.yaml alone even while they have problems
    (parts that do not add up, another year), so that every placeholder asking for a figure not given
    is found in the same round; None for an SSDA903 report or a statistics.yaml that cannot be read."""
    named = report.meta.data.statistics
    if report.meta.data.ssda903 or not named or not report.path(named).is_file():
        return None
    try:
        aggregates, _ = read_aggregates(report.path(named), report.folder.parent, consistent=False)
    except DataError:
        return None
    return statistics_from_aggregates(aggregates, report.council.short_name, report.meta.year_ending)


def _with_child_protection(report: Report, stats: Statistics, aggregates: Aggregates | None,
                           cache_dir: Path | None) -> tuple[Statistics, list[Problem]]:
    """Return the statistics with the child protection figures of the report's CIN census (IROs chair)."""
    population = _populations(aggregates, report.meta.year_ending)
    cp, found = child_protection(report, population, stats.iro.fte, cache_dir)
    return stats.model_copy(update={"cp": cp, "data_notes": [*stats.data_notes, *cp.data_notes]}), found


AGGREGATES_EXAMPLE = "content/example-aggregates"
"""The example of a report built from statistics.yaml alone, named in messages."""


def _aggregates(report: Report) -> tuple[Aggregates | None, list[Problem]]:
    """Return statistics.yaml's figures (None when the report has none) and warnings.

    Raises DataError when the report has no source of figures at all, or statistics.yaml has problems.
    """
    meta = report.meta
    named = meta.data.statistics
    path = report.path(named) if named else None
    if path is not None and path.is_file():
        return read_aggregates(path, report.folder.parent, meta.year_ending)[0], []
    written = ("data", "statistics") in report.meta_source.values  # named in report.yaml, not the default
    if meta.data.ssda903:
        return None, [report.meta_source.problem(
            ("data", "statistics"), f"{named} (named in report.yaml) does not exist, so the population, "
            "disputes and IRO staffing are not available", f"create {named} (see content/example), or remove "
            "statistics: from data: in report.yaml", severity="warning")] if written and named else []
    found = f"{named} does not exist and report.yaml names no SSDA903 folder" if named else \
        "report.yaml names neither an SSDA903 folder nor a statistics file"
    raise DataError(report.meta_source.problem(
        ("data", "statistics") if written else ("data",), f"no figures: {found}",
        f"give the year's figures in {named or 'statistics.yaml'} (see {AGGREGATES_EXAMPLE}), or put the "
        "SSDA903 export in data/ssda903 and add data: ssda903: data/ssda903 to report.yaml"))


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

    missing = _missing_export(report, folder, aggregates is not None)
    if missing is not None:
        raise DataError(missing)
    key = cache_key(folder, [meta.year_ending, report.council.short_name, population])
    stats, warnings = cached_statistics(cache_dir, key, compute)
    if aggregates is None:
        return stats, warnings
    warnings += _differences(stats, aggregates, report)
    return stats.model_copy(update={"disputes": inputs_disputes(aggregates), "iro": inputs_iro(aggregates)}), warnings


EXPORT_SUFFIXES = (".csv", ".xlsx")


def _missing_export(report: Report, folder: Path, has_statistics: bool) -> Problem | None:
    """Return the problem of an SSDA903 folder that does not exist or holds no export, pointing to statistics.yaml."""
    named = report.meta.data.ssda903
    if folder.is_dir():
        places = [folder, *(p for p in folder.iterdir() if p.is_dir())]
        if any(f.suffix.lower() in EXPORT_SUFFIXES for place in places for f in place.iterdir()):
            return None
        found = f"the SSDA903 folder {named} (named in report.yaml) holds no SSDA903 files"
    else:
        found = f"the SSDA903 folder {named} (named in report.yaml) does not exist"
    instead = ("or, to build from the figures in statistics.yaml alone, remove 'ssda903:' from data: in report.yaml"
               if has_statistics else f"or, if you have only the year's figures, give them in statistics.yaml and "
               f"name it in report.yaml instead (see {AGGREGATES_EXAMPLE})")
    return report.meta_source.problem(
        ("data", "ssda903"), found,
        f"put the SSDA903 export there (header.csv, episodes.csv and reviews.csv, one folder per year), {instead}")


def _data_summary(problems: list[Problem], folder: Path) -> list[Problem]:
    """Return the problems that are not about SSDA903 rows, and one warning summing those up."""
    rows = [p for p in problems if p.file and Path(p.file).suffix.lower().startswith((".csv", ".xlsx:"))]
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
