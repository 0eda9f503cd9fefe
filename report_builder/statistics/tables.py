"""The catalogue of statistical tables, each built from Statistics as a DataTable.

Counts from 1 to 5 in breakdowns (and what could be worked out from them) are hidden when
`Statistics.suppress_small_counts` is set; headline totals are always shown. Comparator figures are
looked up by vocabulary name: `cla.rate_per_10k`, `cla.at_end`, and for the share of a breakdown's
category `profile.<breakdown>.<key>_pct` (for example `profile.legal_status.section_20_pct`), the
same names the statistics vocabulary gives the council's own shares.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import replace

from report_builder.errors import ContentError
from report_builder.exhibits import Cell, DataTable
from report_builder.formatting import format_percent
from report_builder.statistics import categories as cat
from report_builder.statistics.cp_tables import CP_TABLES
from report_builder.statistics.model import (
    COMPARATOR_AREAS,
    Statistics,
    difference,
    percentage,
)
from report_builder.statistics.suppression import TOTAL
from report_builder.statistics.table_parts import (
    add_totals,
    at_31_march,
    breakdown_table,
    comparator_cell,
    comparator_exact,
    count_cell,
    finish,
    hidden_flags,
    citations,
    label,
    ordered_counts,
    own_source,
    pct_cell,
    share_cell,
    table_flags,
)


def profile_table(stats: Statistics, name: str, what: str, heading: str, **options: object) -> DataTable:
    """Return a breakdown of the children looked after at 31 March, beside comparators where given."""
    categories = cat.BREAKDOWNS[name]
    found = getattr(stats.profile, name)
    counts = ordered_counts(found, categories)
    title = f"Children looked after {at_31_march(stats)} by {what}"
    return breakdown_table(stats, name, title, heading, counts, categories, comparators=name, total=found.total,
                           **options)


def legal_status(stats: Statistics) -> DataTable:
    """Return children looked after at 31 March by legal status."""
    return profile_table(stats, "legal_status", "legal status", "Legal status")


def placement(stats: Statistics) -> DataTable:
    """Return children looked after at 31 March by placement type."""
    return profile_table(stats, "placement", "placement type", "Placement type")


def ethnicity(stats: Statistics) -> DataTable:
    """Return children looked after at 31 March by major ethnic group, beside the local child population."""
    return profile_table(stats, "ethnicity", "ethnic group", "Ethnic group",
                         extra={"Local children": stats.profile.ethnicity_population_pct})


def ethnicity_detailed(stats: Statistics) -> DataTable:
    """Return children looked after at 31 March by detailed ethnic background."""
    labels = {code: text for code, (_, text) in cat.ETHNIC_CODES.items()}
    found = stats.profile.ethnicity_detailed
    counts = ordered_counts(found, labels, keep_zero=False)
    title = f"Children looked after {at_31_march(stats)} by ethnic background"
    return breakdown_table(stats, "ethnicity_detailed", title, "Ethnic background", counts, labels,
                           total=found.total)


def ceased_reasons(stats: Statistics) -> DataTable:
    """Return children who ceased to be looked after in the year by reason."""
    found = stats.ceased.by_reason
    counts = ordered_counts(found, cat.CEASED_REASON_GROUPS)
    title = f"Children who ceased to be looked after in {stats.period.label} by reason"
    return breakdown_table(
        stats, "ceased_reasons", title, "Reason", counts, cat.CEASED_REASON_GROUPS, total=found.total
    )


def age_sex(stats: Statistics) -> DataTable:
    """Return children looked after at 31 March by age band and sex, with totals and shares.

    Without ages by sex (a council's figures may give ages and sexes only apart), the table gives
    the ages alone and says so.
    """
    by_sex = stats.profile.age_band_by_sex
    sexes = [s for s in cat.SEXES if s in by_sex and (s != "unknown" or by_sex[s].total)]
    title = f"Children looked after {at_31_march(stats)} by age and sex"
    if not sexes:
        ages = stats.profile.age_band
        table = breakdown_table(stats, "age_sex", title, "Age band", ordered_counts(ages, cat.AGE_BANDS),
                                cat.AGE_BANDS, total=ages.total)
        return replace(table, footnotes=[*table.footnotes, "Ages by sex were not given."])
    grid = {band: {s: by_sex[s].count(band) for s in sexes} for band in cat.AGE_BANDS}
    grid = add_totals(grid, sexes)
    hidden = table_flags(stats, grid)
    columns = ["Age band", *(cat.SEXES[s] for s in sexes), "Total", "%"]
    grand = grid[TOTAL][TOTAL]
    rows = []
    for band, line in grid.items():
        cells = [count_cell(line[s], hidden[band][s]) for s in [*sexes, TOTAL]]
        share = share_cell(percentage(line[TOTAL], grand), hidden[band][TOTAL])
        rows.append([label(cat.AGE_BANDS.get(band, "Total")), *cells, share])
    return finish(stats, "age_sex", title, columns, rows, own_source(stats), total_row=True)


def cla_trend(stats: Statistics) -> DataTable:
    """Return children looked after at 31 March and the rate per 10,000 by year, with comparators."""
    years = stats.years()
    areas = [
        a
        for a in ("statistical_neighbours", "england")
        if any(comparator_exact(stats, "cla.rate_per_10k", a, y.year_ending) for y in years)
    ]
    columns = ["Year", "Children looked after at 31 March", "Rate per 10,000 children"]
    columns += [f"{COMPARATOR_AREAS[a]} rate per 10,000" for a in areas]
    used: dict[str, list] = {a: [] for a in areas}
    rows = []
    for year in years:
        found = [comparator_exact(stats, "cla.rate_per_10k", a, year.year_ending) for a in areas]
        for area, value in zip(areas, found):
            used[area] += [value] if value else []
        rows.append(
            [
                label(year.label),
                count_cell(year.cla_at_end),
                Cell(year.rate_per_10k, "rate"),
                *(comparator_cell(f, "rate") for f in found),
            ]
        )
    title = "Children looked after at 31 March and the rate per 10,000 children, by year"
    cited = {f"{COMPARATOR_AREAS[a]} rate per 10,000": citations(used[a]) for a in areas}
    return finish(stats, "cla_trend", title, columns, rows, own_source(stats, trend=True), cited=cited)


def starters_leavers(stats: Statistics) -> DataTable:
    """Return children who started and ceased to be looked after, by year."""
    rows = [[label(y.label), count_cell(y.started), count_cell(y.ceased)] for y in stats.years()]
    columns = ["Year", "Started to be looked after", "Ceased to be looked after"]
    title = "Children who started and ceased to be looked after, by year"
    return finish(stats, "starters_leavers", title, columns, rows, own_source(stats, trend=True))


def review_timeliness_by_year(stats: Statistics) -> DataTable:
    """Return reviews held, on time and late by year."""
    rows = []
    for year in stats.years():
        rows.append(
            [
                label(year.label),
                count_cell(year.reviews_held),
                count_cell(year.reviews_on_time),
                count_cell(year.reviews_late),
                pct_cell(year.reviews_on_time_pct),
            ]
        )
    columns = ["Year", "Reviews held", "On time", "Late", "% on time"]
    return finish(
        stats,
        "review_timeliness_by_year",
        "Reviews of children looked after held on time, by year",
        columns,
        rows,
        own_source(stats, trend=True),
    )


def review_timeliness(stats: Statistics) -> DataTable:
    """Return reviews held, on time and late in the year for first, second and later reviews."""
    reviews = stats.reviews
    parts = {key: getattr(reviews, key) for key in cat.REVIEW_SEQUENCES if getattr(reviews, key)}
    grid = {key: {"on_time": p.on_time, "late": p.late, TOTAL: p.held} for key, p in parts.items()}
    grid[TOTAL] = {"on_time": reviews.on_time, "late": reviews.late, TOTAL: reviews.held}
    headline = ((TOTAL, "on_time"), (TOTAL, "late"))
    hidden = (
        table_flags(stats, grid, headline) if parts else {TOTAL: dict.fromkeys(grid[TOTAL], False)}
    )
    rows = []
    for key, line in grid.items():
        flags = hidden[key]
        pct_hidden = flags["on_time"] or flags[TOTAL]
        judged = line[TOTAL] if key != TOTAL else difference(line[TOTAL], reviews.not_judged or 0)
        rows.append(
            [
                label(cat.REVIEW_SEQUENCES.get(key, "All reviews")),
                count_cell(line[TOTAL], flags[TOTAL]),
                count_cell(line["on_time"], flags["on_time"]),
                count_cell(line["late"], flags["late"]),
                pct_cell(percentage(line["on_time"], judged), pct_hidden),
            ]
        )
    notes = [f"{reviews.not_judged:,} of the reviews held could not be judged on time or late."] \
        if reviews.not_judged else []
    if reviews.all_on_time_pct is not None:  # the old NI 66 counts children: said apart from the reviews
        notes.append(f"Counting children rather than reviews, {format_percent(reviews.all_on_time_pct)} of children "
                     f"({reviews.children_all_on_time:,} of {reviews.children_eligible:,} children looked after for "
                     "28 days or more at 31 March) had all their reviews on time.")
    columns = ["Review", "Held", "On time", "Late", "% on time"]
    title = f"Reviews of children looked after held in {stats.period.label}, on time and late"
    return finish(
        stats, "review_timeliness", title, columns, rows, own_source(stats), notes, total_row=True
    )


def participation(stats: Statistics) -> DataTable:
    """Return reviews of children aged 4 and over by how the child took part (PN1 to PN7).

    Without the codes, the reviews the child took part in and those they did not; the children who
    took part in every review (PAF C63), when given, are in a note, because they count children.
    """
    taking_part = stats.participation
    codes = taking_part.code_counts()
    if any(codes[code] is not None for code in cat.ELIGIBLE_CODES):
        counts = {cat.PN_CODES[code]: codes[code] for code in cat.ELIGIBLE_CODES}
    else:
        counts = {"Took part (PN1 to PN6)": taking_part.participated,
                  "Did not take part (PN7)": difference(taking_part.eligible, taking_part.participated)}
    hidden = hidden_flags(stats, counts)
    eligible = taking_part.eligible
    rows = [
        [label(what), count_cell(n, hidden[what]), share_cell(percentage(n, eligible), hidden[what])]
        for what, n in counts.items()
    ]
    rows.append(
        [
            label("All reviews of children aged 4 and over"),
            count_cell(eligible),
            share_cell(100.0 if eligible else None),
        ]
    )
    title = f"How children aged 4 and over took part in their reviews, {stats.period.label}"
    return finish(
        stats,
        "participation",
        title,
        ["How the child took part", "Reviews", "%"],
        rows,
        own_source(stats),
        participation_notes(stats),
        total_row=True,
    )


def participation_notes(stats: Statistics) -> list[str]:
    """Return the notes under the participation table: reviews of under-4s, and the children measure."""
    taking_part = stats.participation
    notes = []
    under_4 = taking_part.codes.get("PN0")
    if under_4:
        notes.append(f"Not counted: {under_4:,} reviews of children aged under 4.")
    if taking_part.children_pct is not None:
        notes.append(
            f"Counting children rather than reviews, {format_percent(taking_part.children_pct)} of children "
            f"({taking_part.children_participated:,} of {taking_part.children_eligible:,} children looked after "
            "at 31 March with a review) took part in every review they had in the year."
        )
    return notes


def disputes(stats: Statistics) -> DataTable:
    """Return informal and formal challenges by reason, with totals."""
    d = stats.disputes
    informal, formal = d.informal, d.formal
    reasons = list(dict.fromkeys([*(informal or {}), *(formal or {})]))
    grid = add_totals(
        {r: {"informal": None if informal is None else informal.get(r, 0),
             "formal": None if formal is None else formal.get(r, 0)} for r in reasons},
        ["informal", "formal"],
    )
    grid[TOTAL] = {"informal": d.informal_total, "formal": d.formal_total, TOTAL: d.total}  # not given: ':'
    headline = ((TOTAL, "informal"), (TOTAL, "formal"))
    hidden = (
        table_flags(stats, grid, headline)
        if reasons
        else {TOTAL: dict.fromkeys(grid[TOTAL], False)}
    )
    rows = [
        [
            label(r if r != TOTAL else "Total"),
            *(count_cell(grid[r][c], hidden[r][c]) for c in ("informal", "formal", TOTAL)),
        ]
        for r in grid
    ]
    title = f"Challenges raised by IROs in {stats.period.label}, informal and formal, by reason"
    return finish(
        stats,
        "disputes",
        title,
        ["Reason", "Informal", "Formal", "Total"],
        rows,
        own_source(stats, "service"),
        total_row=True,
    )


def iro_staffing(stats: Statistics) -> DataTable:
    """Return the IRO service's staffing and caseload at 31 March."""
    iro = stats.iro
    rows = [
        [label("IROs in post (full-time equivalent)"), Cell(iro.fte, "number")],
        [
            label("IRO posts in the establishment (full-time equivalent)"),
            Cell(iro.establishment_fte, "number"),
        ],
        [label("Agency IROs (full-time equivalent)"), Cell(iro.agency_fte, "number")],
        [label("IROs in post (people)"), count_cell(iro.headcount)],
        [label("Children allocated to IROs at 31 March"), count_cell(iro.children_allocated)],
        [label("Children per full-time IRO"), Cell(iro.caseload_per_fte, "number")],
        [
            label("IRO Handbook's suggested caseload"),
            label(f"{iro.caseload_low} to {iro.caseload_high}"),
        ],
        [label("Children whose IRO changed in the year"), pct_cell(iro.changed_iro_pct)],
    ]
    rows = [row for row in rows if row[1].value is not None]
    title = f"IRO staffing and caseload, {stats.period.label}"
    return finish(
        stats, "iro_staffing", title, ["Measure", "Figure"], rows, own_source(stats, "service")
    )


TABLE_BUILDERS: dict[str, Callable[[Statistics], DataTable]] = {
    "cla_trend": cla_trend,
    "starters_leavers": starters_leavers,
    "age_sex": age_sex,
    "legal_status": legal_status,
    "placement": placement,
    "ethnicity": ethnicity,
    "ethnicity_detailed": ethnicity_detailed,
    "ceased_reasons": ceased_reasons,
    "review_timeliness": review_timeliness,
    "review_timeliness_by_year": review_timeliness_by_year,
    "participation": participation,
    "disputes": disputes,
    "iro_staffing": iro_staffing,
}


TABLE_BUILDERS.update(CP_TABLES)
TABLE_NAMES: tuple[str, ...] = tuple(TABLE_BUILDERS)


def unknown_name_error(kind: str, name: str, available: tuple[str, ...]) -> ContentError:
    """Return the error for an unknown table or chart name, listing those available."""
    close = difflib.get_close_matches(name, available, n=1)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return ContentError(f"unknown {kind} '{name}'; {hint}expected one of: {', '.join(available)}")


def build_table(stats: Statistics, name: str) -> DataTable:
    """Return the named table built from stats.

    Raises ContentError when the name is not in TABLE_NAMES.
    """
    if name not in TABLE_BUILDERS:
        raise unknown_name_error("table", name, TABLE_NAMES)
    return TABLE_BUILDERS[name](stats)
