"""Draw stage: the charts and statistical tables the report's sections place, by name."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from report_builder.compose.narrative import Exhibits
from report_builder.content import blocks as b
from report_builder.errors import ContentError, Problem
from report_builder.files import prepare_folder
from report_builder.load import Report
from report_builder.statistics.model import Statistics

if TYPE_CHECKING:
    from report_builder.charts.style import ChartStyle
    from report_builder.charts.workers import ChartWorkers


def placed_names(report: Report, kind: type[b.ChartRef] | type[b.StatisticsTable]) -> list[str]:
    """Return the chart or table names the sections place, in order, each once."""
    names: list[str] = []
    for loaded in report.sections:
        for block in loaded.section.body:
            if isinstance(block, kind):
                name = block.chart if isinstance(block, b.ChartRef) else block.statistics_table
                if name not in names:
                    names.append(name)
    return names


def unknown_exhibits(report: Report) -> list[Problem]:
    """Return a problem, at its file:line, for every chart or table name not in the catalogues."""
    from report_builder.charts.catalogue import CHART_NAMES
    from report_builder.content.validation import suggest
    from report_builder.statistics.tables import TABLE_NAMES

    problems = []
    for loaded in report.sections:
        for index, block in enumerate(loaded.section.body):
            if isinstance(block, b.ChartRef) and block.chart not in CHART_NAMES:
                problems.append(loaded.source.problem(("body", index, "chart"), f"unknown chart '{block.chart}'",
                                                      suggest(block.chart, list(CHART_NAMES), "charts")))
            if isinstance(block, b.StatisticsTable) and block.statistics_table not in TABLE_NAMES:
                problems.append(loaded.source.problem(
                    ("body", index, "statistics_table"), f"unknown statistics table '{block.statistics_table}'",
                    suggest(block.statistics_table, list(TABLE_NAMES), "tables")))
    return problems


SEX_LABELS = {"boys and girls": {"Male": "Boys", "Female": "Girls"}, "male and female": {}}
"""How charts and tables name children's sex, by the council profile's choice (the data say Male and Female)."""


def council_labels(report: Report) -> dict[str, str]:
    """Return the council's words for the labels of charts and tables, one vocabulary for both."""
    return SEX_LABELS[report.council.sex_labels]


def chart_style(report: Report) -> ChartStyle:
    """Return the chart style from the council profile's colours and font."""
    from report_builder.charts.style import DEFAULT_COLOURS, ChartStyle

    colours = tuple(report.council.colours.chart) or DEFAULT_COLOURS
    if report.council.font:
        return ChartStyle(colours=colours, font_family=report.council.font)
    return ChartStyle(colours=colours)


def draw_exhibits(report: Report, stats: Statistics, figures_dir: Path, cache_dir: Path,
                  workers: ChartWorkers | None = None) -> Exhibits:
    """Return the charts (drawn or from the cache, by workers when given) and tables the report places.

    Raises ContentError when a section names a chart or table that does not exist.
    """
    from report_builder.charts.build import draw_charts
    from report_builder.statistics.tables import build_table

    problems = unknown_exhibits(report)
    if problems:
        raise ContentError(problems)
    prepare_folder(figures_dir, "figures folder")
    labels = council_labels(report)
    charts = draw_charts(stats, placed_names(report, b.ChartRef), chart_style(report), figures_dir, cache_dir,
                         workers, labels)
    tables = {name: build_table(stats, name).relabelled(labels) for name in placed_names(report, b.StatisticsTable)}
    return Exhibits(charts=dict(charts), tables=tables, unavailable=dict(charts.skipped))
