"""The pipeline, top to bottom: load, compute, draw, compose, publish."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from report_builder.charts.workers import ChartWorkers
from report_builder.compose.documents import compose_papers
from report_builder.draw import draw_exhibits
from report_builder.errors import Problem
from report_builder.load import load_report
from report_builder.outputs import PublishOptions, publish_papers
from report_builder.statistics.sources import compute_statistics


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote, and what a user should know about."""

    written: list[Path]
    warnings: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def build(folder: Path, options: PublishOptions) -> BuildResult:
    """Build the committee papers for the report in folder.

    Raises ReportError (ContentError, DataError, TemplateError, PublishError) listing every problem;
    nothing is written then, and earlier outputs are untouched.
    """
    say = options.progress
    say("reading the content")
    report = load_report(folder)
    with ChartWorkers() as workers:
        say("working out the figures")
        # figures worked out afresh mean charts drawn afresh: the workers load matplotlib meanwhile
        stats, data_warnings = compute_statistics(report, options.cache_dir.parent / "statistics",
                                                  before_reading=workers.start)
        say("drawing the charts")
        exhibits = draw_exhibits(report, stats, options.figures_dir, options.cache_dir, workers)
    say("composing the papers")
    papers = compose_papers(report, stats, exhibits, options.cache_dir.parent / "templates")
    published = publish_papers(papers, report, stats, options)
    return BuildResult(published.written, data_warnings + papers.warnings, published.notes)
