"""What the pages show around the form: the list of sections, the figures panel, the preview's numbers."""

from __future__ import annotations

import typing
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from report_builder.compose.narrative import Exhibits, Numbers
from report_builder.content import blocks as b
from report_builder.content.validation import suggest
from report_builder.errors import ContentError, Problem
from report_builder.load import Report
from report_builder.placeholders import PlaceholderProblem, Placeholders
from report_builder.statistics.model import Statistics
from report_builder.statistics.vocabulary import Value, entries
from report_builder.web.preview import PreviewContext
from report_builder.web.roundtrip import YamlFile, plain
from report_builder.web.workspace import Figures, Workspace


@dataclass(frozen=True)
class SectionLink:
    """A section as the list on the left shows it."""

    name: str
    title: str
    unwritten: bool = False
    findings: int = 0


@dataclass(frozen=True)
class FigureRow:
    """One name of the vocabulary in the figures panel: its value this year and what it means."""

    name: str
    value: str
    description: str
    has_value: bool


@dataclass
class Overview:
    """The report as the page sees it now: loaded (or why not), its figures, and its sections."""

    report: Report | None
    problems: list[Problem]
    figures: Figures | None
    sections: list[SectionLink] = field(default_factory=list)
    unwritten: set[str] = field(default_factory=set)
    """The files that still hold something to write (prompts, empty texts, progress not written)."""


def overview(workspace: Workspace, full: bool = True) -> Overview:
    """Return the report, its figures and its sections as they are on disk now.

    With full, each section also says whether it is still to write, by `check`'s own test (a prompt
    in square brackets still in place, an empty text, last year's priority without its progress).
    """
    report, problems = workspace.try_load()
    figures, data_problems = workspace.try_figures(report)
    result = Overview(report, problems + data_problems, figures)
    result.unwritten = unwritten_files(report) if report is not None and full else set()
    names = report.meta.sections if report else _listed_sections(workspace)
    titles = {loaded.name: loaded for loaded in report.sections} if report else {}
    for name in names:
        loaded = titles.get(name)
        title = loaded.section.title if loaded else name.replace("_", " ").capitalize()
        result.sections.append(SectionLink(name, title, loaded is not None and loaded.source.file in result.unwritten))
    return result


def unwritten_files(report: Report) -> set[str]:
    """Return the files (as problems name them) that still hold something to write, as `check` finds it."""
    from report_builder.checks.unwritten import check_unwritten

    return {problem.file for problem in check_unwritten(report) if problem.file}


def _listed_sections(workspace: Workspace) -> list[str]:
    """Return the section names report.yaml lists, even when the report does not load."""
    data = plain(YamlFile.read(workspace.folder / "report.yaml").data)
    listed = data.get("sections") if isinstance(data, dict) else None
    return [name for name in listed if isinstance(name, str)] if isinstance(listed, list) else []


def figure_rows(values: dict[str, Value]) -> list[FigureRow]:
    """Return every name of the vocabulary that has a value for this report, in the vocabulary's order.

    A meaning several names share ("Reviews held in the year." for reviews.held and reviews.first.held)
    is said with what its part of the figures is: "First reviews (20 working days): reviews held …".
    """
    meaning = {entry.name: entry.description for entry in entries()}
    shared = {text for text, count in Counter(meaning.values()).items() if count > 1}
    rows = []
    for name, value in values.items():
        description = meaning.get(name) or _comparator_meaning(name, meaning)
        if description in shared:
            description = _qualified(name, description)
        shown = str(value) if value.value is not None else "no value"
        rows.append(FigureRow(name, shown, description, value.value is not None))
    return rows


def _qualified(name: str, description: str) -> str:
    """Return a shared meaning led by the description of the part of the figures the name is in, if it has one."""
    model: Any = Statistics
    part = ""
    for step in name.split(".")[:-1]:
        info = getattr(model, "model_fields", {}).get(step)
        if info is None:
            return description
        part = info.description or ""
        model = next((kind for kind in (*typing.get_args(info.annotation), info.annotation)
                      if isinstance(kind, type) and hasattr(kind, "model_fields")), None)
    if not part or part.rstrip(".") == description.rstrip("."):
        return description
    return f"{part.rstrip('.')}: {description}"  # its own capitals kept: 'Asian or Asian British'


def _comparator_meaning(name: str, meaning: dict[str, str]) -> str:
    """Return what a comparator's name means, from the figure it compares."""
    parts = name.split(".")
    if parts[0] != "comparators" or len(parts) < 3:
        return ""
    measure = ".".join(parts[2:])
    area = {"statistical_neighbours": "Statistical neighbours", "region": "Region", "england": "England"}.get(
        parts[1], parts[1])
    if measure.endswith("_year"):
        return f"{area}: the year of the comparator figure for {measure.removesuffix('_year')}."
    return f"{area}: {meaning.get(measure, measure)}"


def preview_context(report: Report, name: str, stats: Statistics | None, values: dict[str, Value] | None,
                    chart_url: Any) -> PreviewContext:
    """Return what the preview of one section needs: its number, the figures and the numbering of exhibits."""
    from report_builder.charts.build import plan_charts
    from report_builder.charts.catalogue import CHART_NAMES
    from report_builder.draw import placed_names
    from report_builder.statistics.tables import TABLE_NAMES, build_table

    names = [loaded.name for loaded in report.sections]
    number = names.index(name) + 1 if name in names else len(names) + 1
    if stats is None or values is None:
        return PreviewContext(None, section_number=number, numbering=report.council.paragraph_numbering)
    plans, unavailable = plan_charts(stats, [n for n in placed_names(report, b.ChartRef) if n in CHART_NAMES])
    tables = {}
    for table in (n for n in placed_names(report, b.StatisticsTable) if n in TABLE_NAMES):
        try:
            tables[table] = build_table(stats, table)
        except ContentError as error:  # a table whose data the report does not have (no CIN census)
            unavailable[table] = error.problems[0].message
    exhibits = Exhibits(charts={plan.name: plan for plan in plans}, tables=tables,  # type: ignore[misc]
                        unavailable=unavailable)
    numbers = Numbers.assign(report.sections, exhibits)
    placeholders = Placeholders(values, {"ref": _reference(numbers)})
    return PreviewContext(placeholders, numbers, number, report.council.paragraph_numbering,
                          _first_paragraph(report, name), {plan.name: plan.title for plan in plans},
                          chart_url, tables, unavailable)


def _first_paragraph(report: Report, name: str) -> int:
    """Return the number of a section's first paragraph when paragraphs are numbered through the report."""
    if report.council.paragraph_numbering != "continuous":
        return 1
    count = 0
    for loaded in report.sections:
        if loaded.name == name:
            break
        count += sum(isinstance(block, b.Paragraph) for block in loaded.section.body)
    return count + 1


def _reference(numbers: Numbers) -> Any:
    """Return ref() for the preview: 'Figure 3' or 'Table 2', as the paper's cross-reference reads."""
    def ref(name: str) -> str:
        if name in numbers.figures:
            return f"Figure {numbers.figures[name]}"
        if name in numbers.tables:
            return f"Table {numbers.tables[name]}"
        raise PlaceholderProblem(f"ref('{name}') names no chart or table placed in the report",
                                 suggest(name, sorted([*numbers.figures, *numbers.tables]), "charts and tables placed"))

    return ref
