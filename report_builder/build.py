"""The pipeline, top to bottom: load, compute, draw, compose, publish."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from report_builder.charts.workers import ChartWorkers
from report_builder.compose.documents import compose_papers
from report_builder.draw import draw_exhibits
from report_builder.checks.unwritten import check_unwritten
from report_builder.errors import ContentError, Problem
from report_builder.load import load_report
from report_builder.outputs import PublishOptions, check_outputs, publish_papers
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
    check_outputs(report, options)
    unwritten = check_unwritten(report)
    if unwritten and not options.draft:
        raise ContentError([replace(p, hint=f"{p.hint}; or build a draft with --draft") for p in unwritten])
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
    notes = published.notes + ([unwritten_note(unwritten)] if unwritten else [])
    return BuildResult(published.written, data_warnings + papers.warnings, notes)


def unwritten_note(unwritten: list[Problem]) -> str:
    """Return what a draft build says about the parts still to write."""
    places = sorted({f"{p.file}:{p.line}" if p.line else str(p.file) for p in unwritten})
    shown = ", ".join(places[:12]) + (", …" if len(places) > 12 else "")
    return (f"a draft, marked DRAFT on every page: {len(unwritten)} part(s) still to write ({shown}); "
            "run 'report-builder check' to see them")
