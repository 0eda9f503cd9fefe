"""Run every check on a report folder and return one list of findings (errors and warnings)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from report_builder.checks.handbook import check_handbook_coverage
from report_builder.checks.numbers import check_typed_numbers
from report_builder.checks.unwritten import check_unwritten
from report_builder.checks.readability import check_readability
from report_builder.checks.suppression import check_small_counts
from report_builder.checks.texts import NarrativeText, clear_line_cache, narrative_texts
from report_builder.errors import Problem, ReportError
from report_builder.load import Report, load_draft
from report_builder.placeholders import Placeholders
from report_builder.statistics.model import Statistics
from report_builder.statistics.vocabulary import values

Progress = Callable[[str], None]


@dataclass(frozen=True)
class CheckOptions:
    """Which checks to run, and where to say what is happening."""

    documents: bool = True
    """Build the papers (draft, in a temporary folder) and check them for accessibility."""
    progress: Progress | None = None


def run_checks(folder: Path, options: CheckOptions = CheckOptions()) -> list[Problem]:
    """Return every finding for the report in folder, errors first, grouped by file, without repeats.

    Content, figures, placeholders and the year are checked in one round: a problem of one kind
    never hides those of another (the papers are built to check them only when there are none).
    """
    clear_line_cache()
    say = options.progress or (lambda _text: None)
    say("reading the content")
    try:
        report, findings = load_draft(folder)
    except ReportError as error:
        return order(error.problems)
    if report is None:
        return order(findings)
    say("working out the figures")
    stats, data_findings = figures_or_problems(report, every_row_problem=True)
    findings += data_findings + content_checks(report, stats)
    if options.documents and not has_errors(findings):
        say("building the papers to check them (draft)")
        findings += document_checks(report.folder)
    return order(findings)


def figures_or_problems(report: Report, every_row_problem: bool = False) -> tuple[Statistics | None, list[Problem]]:
    """Return the report's figures and the warnings about them, or None and the problems that stop them."""
    from report_builder.statistics.sources import compute_statistics

    try:
        return compute_statistics(report, every_row_problem=every_row_problem)
    except ReportError as error:
        return None, error.problems


def content_checks(report: Report, stats: Statistics | None) -> list[Problem]:
    """Return the findings of the checks that read the content (and the figures, when there are any)."""
    texts = list(narrative_texts(report))
    findings = check_handbook_coverage(report) + check_unwritten(report)
    findings += check_small_counts(texts, report.meta.document_control.public)
    findings += check_readability(texts)
    if stats is not None:
        figures = values(stats, report.meta.document_control.public)
        findings += placeholder_problems(texts, figures)
        findings += check_typed_numbers(texts, figures)
    else:
        findings += misspelt_placeholders(report, texts)
    return findings + template_checks(report, stats) + appendix_checks(report)


def template_checks(report: Report, stats: Statistics | None) -> list[Problem]:
    """Return the problems of the council's own Word templates, as `template check` finds them.

    With figures, placeholders are checked against the names the build will fill them with.
    """
    from report_builder.compose.documents import template_context
    from report_builder.compose.templates import context_names
    from report_builder.template_check import check_template

    names = None
    if stats is not None:
        names = context_names(template_context(report, stats, report.meta.document_control.public))
    findings = []
    for kind in ("annual_report", "covering_report"):
        chosen = getattr(report.council.templates, kind)
        if chosen == "default":
            continue
        try:
            findings += check_template(report.path(chosen), names)
        except ReportError as error:
            findings += error.problems
    return findings


def misspelt_placeholders(report: Report, texts: list[NarrativeText]) -> list[Problem]:
    """Return the placeholders that name no figure of the vocabulary, when the figures themselves have problems.

    A report built from statistics.yaml alone also has those that ask for a figure it does not give at
    all; for an SSDA903 report, which figures have a value waits for the figures (a misspelt name does not).
    """
    from report_builder.statistics.model import Period
    from report_builder.statistics.sources import figures_despite_problems

    given = figures_despite_problems(report)
    if given is not None:
        return placeholder_problems(texts, values(given, report.meta.document_control.public))
    names = values(Statistics(council=report.council.short_name, period=Period(year_ending=report.meta.year_ending),
                              source="aggregates"), public=False)
    return [p for p in placeholder_problems(texts, names) if " has no value for " not in p.message]


def placeholder_problems(texts: list[NarrativeText], figures: dict) -> list[Problem]:  # type: ignore[type-arg]
    """Return an error for every placeholder that names no figure or has no value, each at its own place
    (at its text's first placeholder when the YAML folds it across lines)."""
    placeholders = Placeholders(figures, {"ref": lambda name: str(name)})
    return [item.problem(problem.message, problem.hint, needle=written if "\n" not in written else "{{")
            for item in texts for written, problem in placeholders.placed_problems(item.text)]


def appendix_checks(report: Report) -> list[Problem]:
    """Return the problems of the extra appendices' files: missing, not a PDF or Word file, or not safe to use."""
    from report_builder.outputs import appendix_problems

    return [p for index, appendix in enumerate(report.meta.extra_appendices) if appendix.file
            for p in appendix_problems(report, appendix.file, appendix.title, index)]


def document_checks(folder: Path) -> list[Problem]:
    """Return the problems of a draft build and the accessibility problems of the papers it makes."""
    from report_builder.build import build
    from report_builder.checks.accessibility import check_docx_accessibility
    from report_builder.outputs import PublishOptions

    with tempfile.TemporaryDirectory(prefix="report-builder-check-") as temporary:
        out = Path(temporary)
        options = PublishOptions(out_dir=out / "papers", figures_dir=out / "figures", cache_dir=out / "cache",
                                 draft=True)
        try:
            result = build(folder, options)
        except ReportError as error:
            return error.problems
        findings = list(result.warnings)
        for path in result.written:
            if path.suffix == ".docx":
                findings += [replace(p, file=f"{path.name} (built)") for p in check_docx_accessibility(path)]
    return findings


def order(problems: list[Problem]) -> list[Problem]:
    """Return the problems without repeats: files with errors first, and in each file errors, then by line."""
    unique = list(dict.fromkeys(problems))
    has_error = {p.file for p in unique if p.severity == "error"}
    return sorted(unique, key=lambda p: (p.file not in has_error, p.file or "", p.severity != "error",
                                         p.line or 0, p.column or 0))


def has_errors(problems: list[Problem]) -> bool:
    """Return whether any finding is an error."""
    return any(p.severity == "error" for p in problems)


def format_findings(problems: list[Problem]) -> list[str]:
    """Return the findings as lines for a person: a line per file, then each finding under it."""
    lines: list[str] = []
    current: str | None = ""
    for problem in problems:
        if problem.file != current:
            current = problem.file
            lines.append(current or "(the report as a whole)")
        label = "error" if problem.severity == "error" else "warning"
        lines.append(f"  {label}: {problem}")
    return lines
