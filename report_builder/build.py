"""The pipeline, top to bottom: load, compute, draw, compose, publish."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from report_builder.charts.workers import ChartWorkers
from report_builder.compose.documents import compose_papers
from report_builder.draw import draw_exhibits
from report_builder.checks.unwritten import check_unwritten
from report_builder.errors import ContentError, DataError, Problem, ReportError
from report_builder.load import Report, load_draft
from report_builder.outputs import PublishOptions, check_outputs, publish_papers
from report_builder.statistics.model import Statistics
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
    draft, problems = load_draft(folder)
    if draft is not None:
        check_outputs(draft, options)
    unwritten = check_unwritten(draft) if draft is not None else []
    if unwritten and not options.draft:
        problems += [replace(p, hint=f"{p.hint}; or build a draft with --draft") for p in unwritten]
    with ChartWorkers() as workers:
        say("working out the figures")
        # figures worked out afresh mean charts drawn afresh: the workers load matplotlib meanwhile
        report, stats, data_warnings = checked(draft, problems, lambda report: compute_statistics(
            report, options.cache_dir.parent / "statistics", before_reading=workers.start))
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


def checked(draft: Report | None, problems: list[Problem],
            compute: Callable[[Report], tuple[Statistics, list[Problem]]]) -> tuple[Report, Statistics, list[Problem]]:
    """Return the report, its figures and the warnings about them, when neither has a problem.

    Raises ContentError (DataError when the content has none) listing the content's problems, the
    figures' and the placeholders' of the parts that loaded (every placeholder of a text, each at its
    own place, as check gives them), all in one round.
    """
    kind = ContentError if problems else DataError
    stats, warnings = None, []
    if draft is not None:
        try:
            stats, warnings = compute(draft)
        except ReportError as error:
            problems = problems + error.problems
    if draft is not None:
        from report_builder.checks.run import misspelt_placeholders, placeholder_problems
        from report_builder.checks.texts import narrative_texts
        from report_builder.statistics.vocabulary import values

        texts = list(narrative_texts(draft))
        problems = problems + (misspelt_placeholders(draft, texts) if stats is None else
                               placeholder_problems(texts, values(stats, draft.meta.document_control.public)))
    if not problems and draft is not None and stats is not None:
        return draft, stats, warnings
    raise kind(problems)
