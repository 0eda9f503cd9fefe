"""The child protection tables, from the `cp` figures (the CIN census), each a DataTable.

Counts from 1 to 5 in breakdowns are hidden in public papers, as for children in care; headline
counts (conferences held, children subject to a plan) are shown. Comparators come from the report's
comparators file by vocabulary name (`cp.plans.rate_per_10k`, `cp.icpc.on_time_pct`,
`cp.rcpc.on_time_pct`, `cp.plans.second_or_subsequent_pct`, `cp.category.neglect_pct` …), and the
council's own targets from rows whose area is `target`.
"""

from __future__ import annotations

from collections.abc import Callable

from report_builder.errors import ContentError, Problem
from report_builder.exhibits import Cell, DataTable
from report_builder.statistics.child_protection import (
    AGE_BANDS,
    CATEGORIES,
    DURATIONS,
    ChildProtection,
    CpBreakdown,
    CpYear,
    rounded_percentage,
)
from report_builder.statistics.model import COMPARATOR_AREAS, ComparatorValue, Statistics
from report_builder.statistics.table_parts import (
    comparator_exact,
    comparator_value,
    comparator_year_note,
    count_cell,
    finish,
    hidden_flags,
    label,
    pct_cell,
)

CIN_SOURCE = "CIN census"
TARGET = "target"
"""The comparators file's area for the council's own target."""
COMPARED = ("statistical_neighbours", "england")


def child_protection(stats: Statistics) -> ChildProtection:
    """Return the child protection figures.

    Raises ContentError when the report has no CIN census (its IROs do not chair conferences).
    """
    if stats.cp is None:
        raise ContentError(Problem(
            "no child protection figures: report.yaml names no CIN census",
            hint="add data: cin: data/cin (the CIN census) to report.yaml, or remove the child protection exhibits",
        ))
    return stats.cp


def cp_source(stats: Statistics, comparators: list[ComparatorValue] = ()) -> str:
    """Return 'Source: CIN census, 2025/26; DfE …'."""
    parts = [f"{CIN_SOURCE}, {stats.period.label}", *dict.fromkeys(c.source or "DfE" for c in comparators)]
    return "Source: " + "; ".join(parts)


def years(stats: Statistics) -> list[CpYear]:
    """Return up to five years of headline child protection figures, oldest first."""
    return child_protection(stats).years(stats.period.year_ending)


def target(stats: Statistics, measure: str) -> ComparatorValue | None:
    """Return the council's target for the measure (the latest set for this year or before)."""
    return stats.comparator(measure, TARGET)


def compared_by_year(stats: Statistics, measure: str, values: list[tuple[CpYear, Cell]], heading: str,
                     unit: str) -> tuple[list[str], list[list[Cell]], list[ComparatorValue]]:
    """Return columns and rows of a figure by year beside the comparator areas that publish it."""
    shown = [y for y, _ in values]
    areas = [a for a in COMPARED if any(comparator_exact(stats, measure, a, y.year_ending) for y in shown)]
    columns = [f"{COMPARATOR_AREAS[a]} {heading}" for a in areas]
    rows, used = [], []
    for year, cell in values:
        found = [comparator_exact(stats, measure, a, year.year_ending) for a in areas]
        used += [f for f in found if f]
        rows.append([label(year.label), cell, *(Cell(comparator_value(f), unit) for f in found)])
    return columns, rows, used


def cp_trend(stats: Statistics) -> DataTable:
    """Return children subject to a plan at 31 March and the rate per 10,000 by year, with comparators."""
    shown = years(stats)
    columns, rows, used = compared_by_year(
        stats, "cp.plans.rate_per_10k", [(y, Cell(y.rate_per_10k, "rate_1dp")) for y in shown],
        "rate per 10,000", "rate_1dp")
    for row, year in zip(rows, shown, strict=True):
        row.insert(1, count_cell(year.at_end))
    title = "Children subject to a child protection plan at 31 March and the rate per 10,000 children, by year"
    return finish(stats, "cp_trend", title,
                  ["Year", "Children subject to a plan at 31 March", "Rate per 10,000 children", *columns],
                  rows, cp_source(stats, used))


def cp_timeliness(stats: Statistics) -> DataTable:
    """Return initial and review conferences judged and on time, by year, beside the council's targets."""
    rows = [[label(y.label), count_cell(_sum(y.icpc_on_time, y.icpc_late)), pct_cell(y.icpc_on_time_pct),
             count_cell(_sum(y.rcpc_on_time, y.rcpc_late)), pct_cell(y.rcpc_on_time_pct)] for y in years(stats)]
    goals = [g for g in (target(stats, m) for m in ("cp.icpc.on_time_pct", "cp.rcpc.on_time_pct")) if g]
    columns = ["Year", "Initial conferences judged", "Initial conferences % on time", "Review conferences judged",
               "Review conferences % on time"]
    title = "Initial and review child protection conferences held on time, by year"
    return finish(stats, "cp_timeliness", title, columns, rows, cp_source(stats, goals), timeliness_notes(stats))


def timeliness_notes(stats: Statistics, measures: tuple[str, ...] = ("cp.icpc.on_time_pct", "cp.rcpc.on_time_pct")
                     ) -> list[str]:
    """Return the notes under a timeliness table: the council's targets, and what is left out."""
    notes = []
    for measure in measures:
        goal = target(stats, measure)
        if goal is not None:
            what = "initial" if measure.startswith("cp.icpc") else "review"
            notes.append(f"The council's target for {what} conferences on time is {goal.value:g}%.")
    return [*notes, "Conferences whose timeliness cannot be judged from the census are left out of the percentages."]


def conference_timeliness(stats: Statistics, kind: str) -> DataTable:
    """Return one kind of conference ('icpc' or 'rcpc') judged, on time, late and % on time, by year."""
    what = "Initial" if kind == "icpc" else "Review"
    rows = []
    for year in years(stats):
        on_time, late = getattr(year, f"{kind}_on_time"), getattr(year, f"{kind}_late")
        rows.append([label(year.label), count_cell(_sum(on_time, late)), count_cell(on_time), count_cell(late),
                     pct_cell(getattr(year, f"{kind}_on_time_pct"))])
    measure = f"cp.{kind}.on_time_pct"
    goal = target(stats, measure)
    columns = ["Year", "Judged", "On time", "Late", f"{what} conferences % on time"]
    title = f"{what} child protection conferences held on time, by year"
    return finish(stats, f"{kind}_timeliness", title, columns, rows, cp_source(stats, [goal] if goal else []),
                  timeliness_notes(stats, (measure,)))


def _sum(*counts: int | None) -> int | None:
    """Return the sum, or None when any part is missing."""
    return None if any(c is None for c in counts) else sum(counts)  # type: ignore[arg-type]


def cp_breakdown(stats: Statistics, name: str, title: str, heading: str, breakdown: CpBreakdown,
                 labels: dict[str, str], measure: str | None = None) -> DataTable:
    """Return a breakdown's counts and shares, zero 'not known' rows dropped, beside comparator shares."""
    counts = {k: breakdown.counts.get(k, 0) for k in labels if breakdown.counts.get(k, 0) or not k.startswith("not_")}
    hidden = hidden_flags(stats, counts)
    total = sum(counts.values())
    found = {a: {k: stats.comparator(f"{measure}.{k}_pct", a) for k in counts} for a in COMPARED} if measure else {}
    found = {a: v for a, v in found.items() if any(v.values())}
    columns = [heading, "Number", "%", *(f"{COMPARATOR_AREAS[a]} %" for a in found)]
    rows = [[label(labels[k]), count_cell(n, hidden[k]), pct_cell(rounded_percentage(n, total), hidden[k]),
             *(pct_cell(comparator_value(found[a][k])) for a in found)] for k, n in counts.items()]
    rows.append([label("Total"), count_cell(total), pct_cell(100.0 if total else None), *(pct_cell(None) for _ in found)])
    used = [v for by_key in found.values() for v in by_key.values() if v]
    return finish(stats, name, title, columns, rows, cp_source(stats, used), comparator_year_note(stats, used),
                  total_row=True)


def cp_category(stats: Statistics) -> DataTable:
    """Return children subject to a plan at 31 March by initial category of abuse."""
    title = f"Children subject to a child protection plan at 31 March {stats.period.year_ending} by initial category of abuse"
    return cp_breakdown(stats, "cp_category", title, "Initial category of abuse", child_protection(stats).category,
                        CATEGORIES, "cp.category")


def cp_duration(stats: Statistics) -> DataTable:
    """Return child protection plans ended in the year by how long they lasted."""
    title = f"Child protection plans ended in {stats.period.label} by length of the plan"
    return cp_breakdown(stats, "cp_duration", title, "Length of the plan", child_protection(stats).plans.duration,
                        DURATIONS, "cp.plans.duration")


def cp_age(stats: Statistics) -> DataTable:
    """Return children subject to a plan at 31 March by age."""
    title = f"Children subject to a child protection plan at 31 March {stats.period.year_ending} by age"
    return cp_breakdown(stats, "cp_age", title, "Age on 31 March", child_protection(stats).age_band, AGE_BANDS)


def cp_second_plans(stats: Statistics) -> DataTable:
    """Return plans started and second or subsequent plans, by year, with comparators."""
    shown = years(stats)
    columns, rows, used = compared_by_year(
        stats, "cp.plans.second_or_subsequent_pct", [(y, pct_cell(y.second_or_subsequent_pct)) for y in shown],
        "%", "percent")
    for row, year in zip(rows, shown, strict=True):
        row[1:1] = [count_cell(year.started), count_cell(year.second_or_subsequent)]
    title = "Child protection plans started, and second or subsequent plans, by year"
    return finish(stats, "cp_second_plans", title,
                  ["Year", "Plans started", "Second or subsequent plans", "%", *columns], rows, cp_source(stats, used))


def cp_activity(stats: Statistics) -> DataTable:
    """Return the year's conferences and plans at a glance, beside last year where the census gives it."""
    cp = child_protection(stats)
    last = cp.trend[-1] if cp.trend else cp.this_year(stats.period.year_ending - 1)
    this = cp.this_year(stats.period.year_ending)
    measures = [
        ("Initial child protection conferences held", "icpc_held", count_cell),
        ("Initial conferences within 15 working days", "icpc_on_time_pct", pct_cell),
        ("Initial conferences leading to a plan", "icpc_led_to_plan_pct", pct_cell),
        ("Review child protection conferences held", "rcpc_held", count_cell),
        ("Review conferences on time", "rcpc_on_time_pct", pct_cell),
        ("Review conferences overdue at 31 March", "rcpc_overdue", count_cell),
        ("Conferences chaired", "conferences_chaired", count_cell),
        ("Plans started", "started", count_cell),
        ("Children subject to a plan at 31 March", "at_end", count_cell),
    ]
    columns = ["Measure", stats.period.label] + ([last.label] if cp.trend else [])
    rows = [[label(text), cell(getattr(this, name)), *([cell(getattr(last, name))] if cp.trend else [])]
            for text, name, cell in measures]
    title = f"Child protection conferences and plans, {stats.period.label}"
    return finish(stats, "cp_activity", title, columns, rows, cp_source(stats))


CP_TABLES: dict[str, Callable[[Statistics], DataTable]] = {
    "cp_activity": cp_activity,
    "cp_trend": cp_trend,
    "cp_timeliness": cp_timeliness,
    "icpc_timeliness": lambda stats: conference_timeliness(stats, "icpc"),
    "rcpc_timeliness": lambda stats: conference_timeliness(stats, "rcpc"),
    "cp_category": cp_category,
    "cp_age": cp_age,
    "cp_duration": cp_duration,
    "cp_second_plans": cp_second_plans,
}
"""The child protection tables by name (`- statistics_table: cp_trend`)."""
