"""The child protection charts: each a view of a child protection table, planned like the others.

A report without a CIN census has no child protection figures, and every chart here is then
unavailable (so nothing about child protection appears).
"""

from __future__ import annotations

from collections.abc import Callable

from report_builder.charts.catalogue import (
    ChartPlan,
    ChartUnavailable,
    comparator_headings,
    finish,
    plan,
    spoken_comparators,
)
from report_builder.charts.data import Band, ChartData, series_from_table
from report_builder.formatting import format_percent
from report_builder.statistics import cp_tables
from report_builder.statistics.model import Statistics


def _require(stats: Statistics) -> None:
    """Raise ChartUnavailable when the report has no child protection figures."""
    if stats.cp is None:
        raise ChartUnavailable("the report has no CIN census, so no child protection figures")


def cp_rate(stats: Statistics) -> ChartPlan:
    """Return children subject to a plan at 31 March per 10,000 children by year, beside comparators."""
    _require(stats)
    table = cp_tables.cp_trend(stats)
    headings = {"Rate per 10,000 children": stats.council, **comparator_headings("rate per 10,000")}
    compared = [headings[h] for h in list(headings)[1:] if h in table.columns]
    named = " and ".join(name if name == "England" else name.lower() for name in compared)
    title = "Children subject to a child protection plan per 10,000 children, " + (
        f"by year, beside {named}" if compared else "by year")
    return plan("cp_rate", title, table, headings, unit="rate_1dp", value_axis="Children per 10,000 aged 0 to 17",
                spoken=spoken_comparators("rate per 10,000"),
                subject="Children subject to a child protection plan per 10,000 children at 31 March, by year")


def timeliness(stats: Statistics, name: str, measure: str, what: str) -> ChartPlan:
    """Return one kind of conference's percentage on time by year, against the council's target."""
    _require(stats)
    table = cp_tables.conference_timeliness(stats, measure.split(".")[1])
    categories, series = series_from_table(table, {f"{what} conferences % on time": stats.council})
    goal = cp_tables.target(stats, measure)
    band = None
    title = f"{what} child protection conferences held on time, by year"
    if goal is not None:
        title += f", against the council's target of {goal.value:g}%"
        band = Band(goal.value, 100.0, f"the council's target of {goal.value:g}% or more on time",
                    f"Target ({goal.value:g}% or more)")
    data = ChartData("vertical", categories, series, "percent", f"{what} conferences on time (%)", band=band)
    if not categories or not data.has_values:
        raise ChartUnavailable(f"no figures for '{name}' in the statistics")
    cp = stats.cp
    latest = cp.icpc.on_time_pct if measure.startswith("cp.icpc") else cp.rcpc.on_time_pct  # type: ignore[union-attr]
    summary = f"In {stats.period.label}, {format_percent(latest)} were on time." if latest is not None else ""
    return finish(name, title, data, table, f"{what} child protection conferences held on time, by year", summary)


def icpc_timeliness(stats: Statistics) -> ChartPlan:
    """Return initial conferences within 15 working days, by year, against the target."""
    return timeliness(stats, "icpc_timeliness", "cp.icpc.on_time_pct", "Initial")


def rcpc_timeliness(stats: Statistics) -> ChartPlan:
    """Return review conferences on time, by year, against the target."""
    return timeliness(stats, "rcpc_timeliness", "cp.rcpc.on_time_pct", "Review")


def cp_category(stats: Statistics) -> ChartPlan:
    """Return the initial category of abuse of children subject to a plan at 31 March, as shares."""
    _require(stats)
    table = cp_tables.cp_category(stats)
    headings = {"%": stats.council, **comparator_headings("%")}
    title = f"Children subject to a plan at 31 March {stats.period.year_ending} by initial category of abuse"
    return plan("cp_category", title, table, headings, unit="percent", horizontal=True,
                spoken=spoken_comparators("%"), value_axis="Percentage of children subject to a plan")


def cp_duration(stats: Statistics) -> ChartPlan:
    """Return plans ended in the year by how long they had lasted."""
    _require(stats)
    table = cp_tables.cp_duration(stats)
    pct = stats.cp.plans.ended_2_years_plus_pct  # type: ignore[union-attr]
    summary = f"{format_percent(pct)} had lasted 2 years or more." if pct is not None else ""
    return plan("cp_duration", f"Child protection plans ended in {stats.period.label} by length of the plan",
                table, {"Number": "Plans ended"}, unit="count", horizontal=True, value_axis="Plans ended (number)",
                summary=summary)


def cp_second_plans(stats: Statistics) -> ChartPlan:
    """Return second or subsequent plans as a share of plans started, by year, beside comparators."""
    _require(stats)
    table = cp_tables.cp_second_plans(stats)
    headings = {"%": stats.council, **comparator_headings("%")}
    return plan("cp_second_plans", "Second or subsequent child protection plans, as a share of plans started, by year",
                table, headings, unit="percent", spoken=spoken_comparators("%"),
                value_axis="Plans started that were second or subsequent (%)")


CP_PLANNERS: dict[str, Callable[[Statistics], ChartPlan]] = {
    "cp_rate": cp_rate,
    "icpc_timeliness": icpc_timeliness,
    "rcpc_timeliness": rcpc_timeliness,
    "cp_category": cp_category,
    "cp_duration": cp_duration,
    "cp_second_plans": cp_second_plans,
}
"""The child protection charts by name (`- chart: cp_rate`)."""
