"""The two committee papers: the annual report (the appendix) and the covering committee report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from report_builder.compose.inline import add_inline, clean_text, reference_token, tie
from report_builder.compose.narrative import (
    Exhibits,
    NarrativeWriter,
    Numbers,
    figure_bookmark,
    table_bookmark,
)
from report_builder.compose.templates import apply_colours, open_template, place_body, render_template
from report_builder.content.blocks import Unnumbered
from report_builder.content.models import CoveringText, text_of
from report_builder.content.validation import suggest
from report_builder.errors import ContentError, Problem
from report_builder.formatting import format_date
from report_builder.load import Report
from report_builder.placeholders import PlaceholderProblem, Placeholders, namespace_tree
from report_builder.statistics.model import Statistics
from report_builder.statistics.vocabulary import Value, values
from report_builder.templates_default import BODY_MARKER_TEXT
from report_builder.word._xml import add_styled_paragraph, find_style
from report_builder.word.fields import add_table_of_figures, add_toc
from report_builder.word.numbering import apply_numbering, leave_unnumbered
from report_builder.word.properties import set_properties
from report_builder.yamlsource import PathKey, SourceMap

SUPPRESSION_NOTE = (
    "To protect children's privacy, counts from 1 to 5 in breakdowns, and any figure from which one could "
    "be worked out, are shown as c. Totals are shown in full."
)


@dataclass(frozen=True)
class Papers:
    """The composed documents, not yet written."""

    annual_report: DocumentObject
    covering_report: DocumentObject
    warnings: list[Problem]


class Resolver:
    """Resolves placeholders at their YAML positions, collecting every problem instead of stopping."""

    def __init__(self, placeholders: Placeholders):
        self.placeholders = placeholders
        self.problems: list[Problem] = []

    def __call__(self, text: str, source: SourceMap, path: PathKey) -> str:
        try:
            return self.placeholders.render(text)
        except PlaceholderProblem as problem:
            self.problems.append(source.problem(path, problem.message, problem.hint))
            return text


def compose_papers(report: Report, stats: Statistics, exhibits: Exhibits,
                   template_cache: Path | None = None) -> Papers:
    """Return both papers composed from the report's content, its statistics and its exhibits.

    Default templates, once built, are kept in the template_cache folder when one is given.
    Raises ContentError listing every unresolved placeholder, unknown chart or table.
    """
    numbers = Numbers.assign(report.sections, exhibits)
    public = report.meta.document_control.public
    resolver = Resolver(Placeholders(values(stats, public), {"ref": _reference(numbers, exhibits)}))
    context = template_context(report, stats, public)
    annual, narrative_problems = _annual_report(report, stats, exhibits, numbers, resolver, context,
                                                template_cache)
    covering_resolver = Resolver(Placeholders(dated_in_style(values(stats, public), report.council.date_style),
                                              {"ref": _reference(numbers, exhibits)}))
    covering = _covering_report(report, covering_resolver, context, template_cache)
    problems = resolver.problems + covering_resolver.problems + narrative_problems
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ContentError(errors)
    return Papers(annual, covering, [p for p in problems if p.severity != "error"])


def _reference(numbers: Numbers, exhibits: Exhibits):  # type: ignore[no-untyped-def]
    """Return the ref() placeholder function: a cross-reference to a chart or table by name."""
    def ref(name: str) -> str:
        if name in numbers.figures:
            return reference_token(figure_bookmark(name), f"Figure {numbers.figures[name]}")
        if name in numbers.tables:
            return reference_token(table_bookmark(name), f"Table {numbers.tables[name]}")
        placed = sorted([*numbers.figures, *numbers.tables])
        raise PlaceholderProblem(f"ref('{name}') names no chart or table placed in the report",
                                 suggest(name, placed, "charts and tables placed"))

    return ref


TEMPLATE_FIELDS: dict[str, tuple[str, ...]] = {
    "council": ("name", "short_name", "directorate"),
    "report": ("title", "service"),
    "period": ("label", "long_label"),
    "author": ("name", "role"),
    "document_control": ("date_agreed", "agreed_by", "security_classification", "version"),
    "committee": ("name", "meeting_date", "agenda_item"),
    "covering": ("report_of", "title", "signature.name", "signature.role", "contact_officer.name",
                 "contact_officer.role", "contact_officer.telephone", "contact_officer.email"),
    "appendices": ("number", "title"),
    "BODY": (),
}
"""What a Word template can show besides the statistics vocabulary (appendices is a list to loop over)."""


def template_context(report: Report, stats: Statistics, public: bool) -> dict[str, Any]:
    """Return what the Word templates can show: the report's details and every statistic by name.

    Dates follow the council's date style; the title, the period and the meeting date are tied with
    no-break spaces so that a line never breaks inside a date.
    """
    meta, council, covering = report.meta, report.council, report.covering
    style = council.date_style
    period = f"{format_date(stats.period.start, style)} to {format_date(stats.period.end, style)}"
    title = covering.title or f"{meta.title} {period}"
    appendices = [{"number": 1, "title": tie(covering.appendix_title or f"{meta.title} {period}")}]
    appendices += [{"number": i + 2, "title": tie(a.title)} for i, a in enumerate(meta.extra_appendices)]
    committee = meta.committee
    return {
        **namespace_tree(values(stats, public)),
        "council": {"name": council.name, "short_name": council.short_name, "directorate": council.directorate},
        "report": {"title": meta.title, "service": meta.service},
        "period": {"label": stats.period.label, "long_label": tie(period)},
        "author": meta.author.model_dump(),
        "document_control": {
            **meta.document_control.model_dump(exclude={"date_agreed", "public"}),
            "date_agreed": format_date(meta.document_control.date_agreed),
        },
        "committee": {"name": committee.name, "meeting_date": tie(format_date(committee.meeting_date, style)),
                      "agenda_item": "" if committee.agenda_item is None else str(committee.agenda_item).strip()},
        "covering": {**covering.model_dump(include={"report_of", "signature", "contact_officer"}),
                     "title": tie(title)},
        "appendices": appendices,
        "BODY": BODY_MARKER_TEXT,
    }


def dated_in_style(figures: dict[str, Value], style: str) -> dict[str, Value]:
    """Return the figures with their dates (and the year in full) written in the council's date style."""
    if style == "plain":
        return figures
    changed = {name: Value(format_date(v.value, style), "text", v.suppressed)
               for name, v in figures.items() if v.unit == "date" and isinstance(v.value, date)}
    if "period.start_date" in figures and "period.end_date" in figures:
        start, end = figures["period.start_date"].value, figures["period.end_date"].value
        changed["period.long_label"] = Value(f"{format_date(start, style)} to {format_date(end, style)}", "text")
    return {**figures, **changed}


def _annual_report(report: Report, stats: Statistics, exhibits: Exhibits, numbers: Numbers, resolver: Resolver,
                   context: dict[str, Any], template_cache: Path | None) -> tuple[DocumentObject, list[Problem]]:
    """Return the annual report: template filled, contents, sections, notes on the figures."""
    template, name = open_template(report, "annual_report", template_cache)
    document = render_template(template, context, name)
    if report.council.templates.annual_report == "default":
        apply_colours(document, report.council.colours.primary)
    apply_numbering(document, report.council.paragraph_numbering)
    writer = NarrativeWriter(document, resolver, exhibits, numbers, report.council.paragraph_numbering,
                             report.council.chart_tables)

    def write() -> None:
        add_toc(document, levels=2, title="Contents")
        if report.council.list_of_figures and numbers.figures:
            add_table_of_figures(document, "Figure")
        if report.council.list_of_figures and (numbers.tables or numbers.narrative_tables):
            add_table_of_figures(document, "Table")
        start = len(document.element.body) - 1  # the sections start on a new page, after the contents
        for loaded in report.sections:
            writer.section(loaded)
        Paragraph(document.element.body[start], document._body).paragraph_format.page_break_before = True
        ending.append(document.element.body[-2])  # the last paragraph, list item or table of the report

    ending: list[Any] = []
    place_body(document, write, name)
    keep_closing_together(document, ending[0])  # the signature stays with the report's last words
    _notes_on_figures(writer, stats, report.meta.document_control.public)  # the end matter, after the signature
    writer.annex_of_figures()
    _finish(document, report, f"{report.meta.title} {stats.period.label}", stats)
    return document, writer.problems


NOTES_TITLE = "Notes on the figures"


def _notes_on_figures(writer: NarrativeWriter, stats: Statistics, public: bool) -> None:
    """Append the notes on the figures on a new page, opening the end matter (the annex of the charts'
    figures follows them): where the figures came from, rows left out, suppression."""
    source = ("the council's SSDA903 return (the children looked after data sent to the Department for "
              "Education)" if stats.source == "ssda903" else "the council's performance figures")
    writer.start_section(NOTES_TITLE, numbered=False)
    writer.document.paragraphs[-1].paragraph_format.page_break_before = True
    writer.note(f"The figures in this report are for {stats.period.long_label} and come from {source}, "
                "with staffing and dispute figures from the service's own records.")
    for note in stats.data_notes:
        writer.note(clean_text(note))
    if public:
        writer.note(SUPPRESSION_NOTE)


def _covering_report(report: Report, resolver: Resolver, context: dict[str, Any],
                     template_cache: Path | None) -> DocumentObject:
    """Return the covering committee report: headings in the council's order, paragraphs numbered 1, 2, 3."""
    template, name = open_template(report, "covering_report", template_cache)
    document = render_template(template, context, name)
    if report.council.templates.covering_report == "default":
        apply_colours(document, report.council.colours.primary)
    covering, source = report.covering, report.covering_source
    apply_numbering(document, "continuous")

    def numbered(item: CoveringText, path: PathKey) -> None:
        paragraph = add_styled_paragraph(document, "Numbered Paragraph")
        if isinstance(item, Unnumbered):
            leave_unnumbered(paragraph)
            path = (*path, "unnumbered")
        add_inline(paragraph, resolver(clean_text(text_of(item)), source, path))

    def write() -> None:
        keys = {heading: key for key, heading in report.council.fixed_headings().items()}
        for heading in report.council.covering_headings:
            add_styled_paragraph(document, "Heading 1", heading)
            key = keys.get(heading)
            if key == "recommendations":
                numbered(covering.recommendations_intro, ("recommendations_intro",))
                for i, text in enumerate(covering.recommendations):
                    paragraph = add_styled_paragraph(document, "List Bullet")
                    add_inline(paragraph, resolver(clean_text(text), source, ("recommendations", i)))
                continue
            texts = getattr(covering, key) if key else covering.implications.get(heading, [])
            for i, text in enumerate(texts):
                numbered(text, (key, i) if key else ("implications", heading, i))
        ending.append(document.element.body[-2])

    ending: list[Any] = []
    place_body(document, write, name)
    keep_closing_together(document, ending[0])  # the signature, contact officer and appendices with the last words
    title = context["covering"]["title"]
    _finish(document, report, title, None)
    return document


SHORT_SECTION_LINES = 20
"""A last section of up to about this many lines of text goes to a new page whole with the signature, rather
than leave its last lines alone with it."""


def last_words(document: DocumentObject, last: Any) -> Any:
    """Return where the words the signature stays with begin: the last section's heading when that section is
    short text (no table or chart), else the body's last element."""
    heading = find_style(document, "Heading 1")
    lines, node = 0.0, last
    while node is not None and heading is not None and lines <= SHORT_SECTION_LINES:
        if node.tag != qn("w:p") or node.find(f".//{qn('w:drawing')}") is not None:
            return last
        style = node.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        if style is not None and style.get(qn("w:val")) == heading.style_id:
            return node
        lines += 1 + len("".join(t.text or "" for t in node.iter(qn("w:t")))) / CHARACTERS_PER_LINE
        node = node.getprevious()
    return last


CHARACTERS_PER_LINE = 80
"""About how many characters a line of body text holds."""


def keep_closing_together(document: DocumentObject, last_of_body: Any) -> None:
    """Keep the closing (the signature; the covering report's contact officer and appendices too) on one page
    with the report's last words (see last_words), each of their paragraphs kept with the next."""
    body = list(document.element.body.iterchildren(qn("w:p")))
    first = last_words(document, last_of_body)
    following = first.getnext()
    start = body.index(first) if first in body else body.index(following) if following in body else len(body)
    written = [p for p in body[start:] if "".join(t.text or "" for t in p.iter(qn("w:t"))).strip()]
    for paragraph in written[:-1]:
        paragraph.get_or_add_pPr().keepNext_val = True


def _finish(document: DocumentObject, report: Report, title: str, stats: Statistics | None) -> None:
    """Set the document's properties from the report (dates from the report, never the clock)."""
    meta = report.meta
    created = datetime.combine(meta.document_control.date_agreed, time(9, 0))
    set_properties(document, title=title, subject=f"{meta.service}, {report.council.name}",
                   author=meta.author.name, keywords="Independent Reviewing Officer; children looked after; "
                   "annual report", created=created)
