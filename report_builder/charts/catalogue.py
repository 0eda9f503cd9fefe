"""The chart catalogue: for each chart name, what it shows, worked out from Statistics.

Each chart is a view of a statistical table (so chart, table and text agree, and suppression is
decided once, in the table). Planning a chart needs no matplotlib.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from report_builder.charts.alt_text import describe
from report_builder.charts.data import Band, ChartData, Series, series_from_table
from report_builder.exhibits import DataTable
from report_builder.formatting import format_number, format_percent
from report_builder.statistics import tables
from report_builder.statistics.model import COMPARATOR_AREAS, Statistics
from report_builder.statistics.table_parts import source_text


class ChartUnavailable(Exception):
    """Raised when the statistics hold nothing for a chart to show; the message says why."""


@dataclass(frozen=True)
class ChartPlan:
    """Everything about a chart except its picture."""

    name: str
    title: str
    data: ChartData
    table: DataTable
    alt_text: str
    source: str = ""
    """The chart's source line: only the publications of what it shows, with their years."""


def comparator_headings(suffix: str) -> dict[str, str]:
    """Return the comparator columns of a table (heading -> series name)."""
    return {f"{label} {suffix}": label for label in COMPARATOR_AREAS.values()}


def spoken_comparators(suffix: str) -> dict[str, str]:
    """Return how alt text names comparator columns: 'statistical neighbours', 'England'."""
    return {
        f"{label} {suffix}": label if label == "England" else label.lower()
        for label in COMPARATOR_AREAS.values()
    }


def plan(
    name: str,
    title: str,
    table: DataTable,
    headings: dict[str, str],
    *,
    unit: str,
    value_axis: str,
    horizontal: bool = False,
    spoken: dict[str, str] | None = None,
    subject: str = "",
    summary: str = "",
) -> ChartPlan:
    """Return a chart plan drawing the named columns of the table.

    Raises ChartUnavailable when the columns hold no figures.
    """
    categories, series = series_from_table(table, headings, spoken)
    data = ChartData(
        "horizontal" if horizontal else "vertical", categories, series, unit, value_axis
    )
    if not categories or not series or not data.has_values:
        raise ChartUnavailable(f"none of the figures it draws have a value ({table.title[:1].lower()}{table.title[1:]})")
    shown = [heading for heading in headings if heading in table.columns]
    return finish(name, title, data, table, subject or title, summary, shown)


def finish(
    name: str, title: str, data: ChartData, table: DataTable, subject: str, summary: str = "",
    shown: list[str] | None = None,
) -> ChartPlan:
    """Return the plan with its alt text written from the data and its source line from the columns shown
    (all of the table's when shown is None)."""
    columns = table.columns if shown is None else shown
    cited = [c for heading in columns for c in table.citations.get(heading, ())]
    source = source_text(table.own_source, cited) if table.own_source else table.source
    return ChartPlan(name, title, data, table, describe(data, subject, summary), source)


# ---------------------------------------------------------------- children looked after


def cla_trend(stats: Statistics) -> ChartPlan:
    """Return children looked after at 31 March over up to five years."""
    years = stats.years()
    title = f"Children in care at 31 March, {years[0].year_ending} to {years[-1].year_ending}"
    if len(years) == 1:
        title = f"Children in care at 31 March {years[0].year_ending}"
    table = tables.cla_trend(stats)
    return plan(
        "cla_trend",
        title,
        table,
        {"Children looked after at 31 March": stats.council},
        unit="count",
        value_axis="Children in care (number)",
    )


def rate_per_10k(stats: Statistics) -> ChartPlan:
    """Return the rate per 10,000 by year beside statistical neighbours and England."""
    table = tables.cla_trend(stats)
    headings = {"Rate per 10,000 children": stats.council, **comparator_headings("rate per 10,000")}
    spoken = spoken_comparators("rate per 10,000")
    compared = [spoken[h] for h in list(headings)[1:] if h in table.columns]
    title = "Children in care per 10,000 children" + (
        f", beside {' and '.join(compared)}" if compared else ", by year"
    )
    last = stats.years()[-1].year_ending
    subject = f"Children in care per 10,000 children at 31 March {last}"
    if len(stats.years()) > 1:
        subject = "Children in care per 10,000 children at 31 March, by year"
    return plan(
        "rate_per_10k",
        title,
        table,
        headings,
        unit="rate",
        value_axis="Children per 10,000 aged 0 to 17",
        spoken=spoken_comparators("rate per 10,000"),
        subject=subject,
    )


def starters_leavers(stats: Statistics) -> ChartPlan:
    """Return children who started and ceased to be looked after, by year."""
    table = tables.starters_leavers(stats)
    headings = {"Started to be looked after": "Started", "Ceased to be looked after": "Ceased"}
    return plan(
        "starters_leavers",
        "Children who started and stopped being in care, by year",
        table,
        headings,
        unit="count",
        value_axis="Children (number)",
    )


def breakdown(name: str, stats: Statistics, table: DataTable, what: str) -> ChartPlan:
    """Return a breakdown at 31 March as shares, beside any comparator shares."""
    headings = {
        "%": stats.council,
        **comparator_headings("%"),
        "Local children %": "All local children",
    }
    spoken = {**spoken_comparators("%"), "Local children %": "all local children"}
    compared = [h for h in list(headings)[1:] if h in table.columns]
    title = f"{what} of children in care at 31 March {stats.period.year_ending}"
    if compared:
        title += ", beside " + " and ".join(
            headings[h].lower() if h != "England %" else "England" for h in compared
        )
    return plan(
        name,
        title,
        table,
        headings,
        unit="share",
        horizontal=True,
        spoken=spoken,
        value_axis="Percentage of children in care at 31 March",
    )


def legal_status(stats: Statistics) -> ChartPlan:
    """Return legal status at 31 March, beside comparators when given."""
    return breakdown("legal_status", stats, tables.legal_status(stats), "Legal status")


def placement(stats: Statistics) -> ChartPlan:
    """Return placement type at 31 March, beside comparators when given."""
    return breakdown("placement", stats, tables.placement(stats), "Placement type")


def ethnicity(stats: Statistics) -> ChartPlan:
    """Return major ethnic group at 31 March, beside the local child population when given."""
    return breakdown("ethnicity", stats, tables.ethnicity(stats), "Ethnic group")


def ethnicity_detailed(stats: Statistics) -> ChartPlan:
    """Return detailed ethnic background at 31 March."""
    return breakdown(
        "ethnicity_detailed", stats, tables.ethnicity_detailed(stats), "Ethnic background"
    )


def age_sex(stats: Statistics) -> ChartPlan:
    """Return children looked after at 31 March by age band and sex."""
    if not stats.profile.age_band_by_sex:
        raise ChartUnavailable("it needs ages by sex, which were not given (in statistics.yaml they are "
                               "at_31_march: age_band_by_sex:)")
    table = tables.age_sex(stats)
    headings = {"Male": "Male", "Female": "Female", "Not known": "Sex not known"}  # renamed as the council says
    title = f"Children in care at 31 March {stats.period.year_ending} by age and sex"
    return plan("age_sex", title, table, headings, unit="count", value_axis="Children (number)")


# ---------------------------------------------------------------- reviews, participation, challenge


def review_timeliness(stats: Statistics) -> ChartPlan:
    """Return reviews held on time and late, by year."""
    table = tables.review_timeliness_by_year(stats)
    pct = stats.reviews.on_time_pct
    summary = (
        f"In {stats.period.label}, {format_percent(pct)} of reviews were on time."
        if pct is not None
        else ""
    )
    return plan(
        "review_timeliness",
        "Reviews held on time and late, by year",
        table,
        {"On time": "On time", "Late": "Late"},
        unit="count",
        value_axis="Reviews (number)",
        summary=summary,
    )


def review_timeliness_by_sequence(stats: Statistics) -> ChartPlan:
    """Return first, second and later reviews held on time and late in the year."""
    table = tables.review_timeliness(stats)
    title = f"First, second and later reviews held on time and late, {stats.period.label}"
    return plan(
        "review_timeliness_by_sequence",
        title,
        table,
        {"On time": "On time", "Late": "Late"},
        unit="count",
        horizontal=True,
        value_axis="Reviews (number)",
    )


def participation(stats: Statistics) -> ChartPlan:
    """Return how children aged 4 and over took part in their reviews, in plain words."""
    table = tables.participation(stats)
    pct = stats.participation.pct
    summary = (
        f"Children took part in {format_percent(pct)} of their reviews (counting reviews)." if pct is not None
        else ""
    )
    title = f"How children aged 4 and over took part in their reviews, {stats.period.label}"
    return plan(
        "participation",
        title,
        table,
        {"%": "Reviews"},
        unit="share",
        horizontal=True,
        value_axis="Percentage of reviews of children aged 4 and over",
        summary=summary,
    )


def disputes(stats: Statistics) -> ChartPlan:
    """Return informal and formal challenges by reason."""
    table = tables.disputes(stats)
    title = f"Informal and formal challenges by IROs, by reason, {stats.period.label}"
    return plan(
        "disputes",
        title,
        table,
        {"Informal": "Informal", "Formal": "Formal"},
        unit="count",
        horizontal=True,
        value_axis="Challenges (number)",
    )


def iro_caseload(stats: Statistics) -> ChartPlan:
    """Return children per full-time IRO against the Handbook's suggested range."""
    iro = stats.iro
    if iro.caseload_per_fte is None:
        missing = ("the IROs in post, full-time equivalent (iro_service: fte:)" if not iro.fte else
                   "the children allocated to IROs (iro_service: children_allocated:, or the children looked after)")
        raise ChartUnavailable(f"it needs {missing}, which statistics.yaml does not give")
    low, high = iro.caseload_low, iro.caseload_high
    band = Band(
        low,
        high,
        f"the IRO Handbook's suggested caseload of {low} to {high} children per full-time IRO",
        f"IRO Handbook's suggested range ({low} to {high})",
    )
    series = Series(stats.council, (iro.caseload_per_fte,), (False,))
    data = ChartData(
        "horizontal", (stats.council,), (series,), "number", "Children per full-time IRO", band=band
    )
    title = f"Children per full-time IRO at 31 March {stats.period.year_ending}, against the Handbook's {low} to {high}"
    subject = (
        f"Children per full-time IRO at 31 March {stats.period.year_ending} "
        f"({iro.children_allocated:,} children, {format_number(iro.fte)} full-time IROs)"
    )
    return finish("iro_caseload", title, data, tables.iro_staffing(stats), subject)


PLANNERS: dict[str, Callable[[Statistics], ChartPlan]] = {
    "cla_trend": cla_trend,
    "rate_per_10k": rate_per_10k,
    "starters_leavers": starters_leavers,
    "legal_status": legal_status,
    "placement": placement,
    "age_sex": age_sex,
    "ethnicity": ethnicity,
    "ethnicity_detailed": ethnicity_detailed,
    "review_timeliness": review_timeliness,
    "review_timeliness_by_sequence": review_timeliness_by_sequence,
    "participation": participation,
    "disputes": disputes,
    "iro_caseload": iro_caseload,
}
# The child protection charts are planned from these building blocks, so they join once defined.
from report_builder.charts.cp_catalogue import CP_PLANNERS

PLANNERS.update(CP_PLANNERS)
CHART_NAMES: tuple[str, ...] = tuple(PLANNERS)
"""The names a section can use to place a chart (`- chart: rate_per_10k`)."""


def relabelled(plan: ChartPlan, labels: Mapping[str, str]) -> ChartPlan:
    """Return the plan with the council's words for its labels (Boys for Male, say) in its legend, its
    table and its alt text."""
    if not labels:
        return plan
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, labels)) + r")\b")

    def say(text: str) -> str:
        return pattern.sub(lambda m: labels[m.group(1)], text)

    series = tuple(replace(s, name=say(s.name), spoken=say(s.spoken)) for s in plan.data.series)
    return replace(plan, title=say(plan.title), data=replace(plan.data, series=series),
                   table=plan.table.relabelled(labels), alt_text=say(plan.alt_text))


def plan_chart(stats: Statistics, name: str) -> ChartPlan:
    """Return the plan of the named chart.

    Raises ContentError for an unknown name (listing those available) and ChartUnavailable when
    the statistics hold nothing for it.
    """
    if name not in PLANNERS:
        raise tables.unknown_name_error("chart", name, CHART_NAMES)
    return PLANNERS[name](stats)
