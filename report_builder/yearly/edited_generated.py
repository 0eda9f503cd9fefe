"""Edits made in Word to the parts of the annual report the build makes, which no section's YAML holds:
the cover and its document control table, the signature after the sections and the notes on the
figures after it, headers and footers, and text boxes.

They cannot be kept as they are; each is reported with where it is and what to change instead.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from report_builder.compose.documents import NOTES_TITLE as NOTES_HEADING
from report_builder.compose.narrative import ANNEX_TITLE
from report_builder.errors import Problem
from report_builder.word.draft import DRAFT_MARK
from report_builder.load import Report
from report_builder.statistics.model import Statistics
from report_builder.yamlsource import PathKey
from report_builder.yearly.edited_docx import (
    EditedDocument,
    EditedParagraph,
    EditedTable,
    read_edited,
    strip_number,
)
from report_builder.yearly.shown_text import compare_key

TEMPLATE_KEY = re.compile(r"\{\{\s*([\w.]+)\s*\}\}")
NOT_KEPT = "copy it into the right section's YAML by hand"
REPORT_KEYS: dict[str, PathKey] = {
    "report.title": ("title",),
    "report.service": ("service",),
    "period.label": ("year_ending",),
    "period.long_label": ("year_ending",),
}
"""Where in report.yaml a template value comes from, when not under the same name."""


@dataclass
class Parts:
    """The paragraphs and tables of a document before its first section, and after its sections (the
    template's closing and the notes on the figures)."""

    cover: list[EditedParagraph]
    cover_tables: list[EditedTable]
    closing: list[EditedParagraph]
    closing_tables: list[EditedTable]


def generated_problems(document: EditedDocument, report: Report, stats: Statistics) -> list[Problem]:
    """Return a problem for each edit to the cover, the notes on the figures, headers, footers and text boxes."""
    raw, rendered, notes = _expected(report, stats)
    template = _template_parts(rendered)
    edited = _edited_parts(document, _closing_start(document, len(template.closing)))
    raw_parts = _template_parts(raw)
    problems = _cover_problems(edited, template, raw_parts, report)
    problems += _closing_problems(edited, [*template.closing, *notes], [*raw_parts.closing, *notes], report)
    problems += _running_problems(document, rendered, report)
    known_boxes = {compare_key(box.text) for box in rendered.text_boxes}
    problems += [Problem(f"text box at paragraph {box.paragraph + 1} not placed: '{box.text[:80]}'",
                         hint="text boxes are not part of the report's YAML; " + NOT_KEPT, severity="warning")
                 for box in document.text_boxes if compare_key(box.text) not in known_boxes]
    return problems


def _expected(report: Report, stats: Statistics) -> tuple[EditedDocument, EditedDocument, list[EditedParagraph]]:
    """Return the council's template as written and as filled for this report, and the notes on the figures."""
    from report_builder.compose.documents import template_context
    from report_builder.compose.templates import open_template, render_template
    from report_builder.word.package import docx_bytes

    template, name = open_template(report, "annual_report")
    raw = read_edited(docx_bytes(template.get_docx()))
    rendered = render_template(template, template_context(report, stats, report.meta.document_control.public), name)
    return raw, read_edited(docx_bytes(rendered)), _notes(report, stats)


def _notes(report: Report, stats: Statistics) -> list[EditedParagraph]:
    """Return the paragraphs of the notes on the figures as the build writes them."""
    from docx import Document

    from report_builder.compose.documents import _notes_on_figures
    from report_builder.compose.narrative import Exhibits, NarrativeWriter, Numbers
    from report_builder.word.package import docx_bytes

    scratch = Document()
    writer = NarrativeWriter(scratch, lambda text, _source, _path: text, Exhibits({}, {}), Numbers(),
                             report.council.paragraph_numbering, chart_tables=False)
    _notes_on_figures(writer, stats, report.meta.document_control.public)
    return [p for p in read_edited(docx_bytes(scratch)).paragraphs if p.plain.strip() and p.style != "Heading 1"]


def sections_end(document: EditedDocument, report: Report, stats: Statistics) -> int:
    """Return the index of the first paragraph after the sections: the template's closing (the signature),
    which stands between the last section and the notes on the figures."""
    _raw, rendered, _notes = _expected(report, stats)
    return _closing_start(document, len(_template_parts(rendered).closing))


def _notes_heading(document: EditedDocument) -> int:
    """Return the index of the heading 'Notes on the figures' (the number of paragraphs when there is none)."""
    return next((p.index for p in document.paragraphs if p.style == "Heading 1"
                 and strip_number(p.plain, heading=True).strip() == NOTES_HEADING), len(document.paragraphs))


def _closing_start(document: EditedDocument, closing: int) -> int:
    """Return the index of the first of the template's `closing` paragraphs with text, the last ones before the
    notes on the figures (the notes heading when the template has none)."""
    notes = _notes_heading(document)
    written = [p.index for p in document.paragraphs[:notes] if _text(p)]
    return written[-closing] if 0 < closing <= len(written) else notes


def _edited_parts(document: EditedDocument, closing: int) -> Parts:
    """Return the cover (before the first section) and the closing part (from paragraph `closing`, the
    template's closing then the notes on the figures, up to the annex)."""
    headings = [p.index for p in document.paragraphs if p.style == "Heading 1"]
    first = headings[0] if headings else len(document.paragraphs)
    notes = _notes_heading(document)
    annex = next((p.index for p in document.paragraphs[notes + 1:] if p.style == "Heading 1"
                  and p.plain.strip() == ANNEX_TITLE), len(document.paragraphs))  # the build writes it whole
    return Parts([p for p in document.paragraphs[:first] if _text(p)],
                 [t for t in document.tables if t.before <= first],
                 [p for p in document.paragraphs[closing:annex] if _text(p) and p.index != notes],
                 [t for t in document.tables if closing < t.before <= annex])


def _template_parts(template: EditedDocument) -> Parts:
    """Return a template's paragraphs and tables before and after its body marker."""
    from report_builder.templates_default import BODY_MARKER, BODY_MARKER_TEXT

    marker = next((p.index for p in template.paragraphs if p.plain.strip() in (BODY_MARKER_TEXT, BODY_MARKER)),
                  len(template.paragraphs))
    return Parts([p for p in template.paragraphs[:marker] if _text(p)],
                 [t for t in template.tables if t.before <= marker],
                 [p for p in template.paragraphs[marker + 1:] if _text(p)],
                 [t for t in template.tables if t.before > marker])


def _text(paragraph: EditedParagraph) -> str:
    """Return a paragraph's text as compared, '' for what the build regenerates (contents, fields)."""
    if paragraph.has_field or paragraph.style.startswith(("TOC", "Table of Figures")):
        return ""
    return compare_key(strip_number(paragraph.plain))


def _cover_problems(edited: Parts, template: Parts, raw: Parts, report: Report) -> list[Problem]:
    """Return a problem for each paragraph and table cell of the cover changed, added or deleted."""
    problems = _paragraph_problems(edited.cover, template.cover, raw.cover, report, "the cover")
    for table, expected, written in zip(edited.cover_tables, template.cover_tables, raw.cover_tables):
        problems += _cover_table_problems(table, expected, written, report)
    problems += [_extra_table(t, "it is on the cover") for t in edited.cover_tables[len(template.cover_tables):]]
    return problems


def _closing_problems(edited: Parts, expected: list[EditedParagraph], raw: list[EditedParagraph],
                      report: Report) -> list[Problem]:
    """Return a problem for each paragraph or table added, changed or deleted in the closing: the signature
    and 'Notes on the figures'."""
    problems = _paragraph_problems(edited.closing, expected, raw, report, f"the signature and '{NOTES_HEADING}'")
    return problems + [_extra_table(t, f"it comes after '{NOTES_HEADING}', which the build writes")
                       for t in edited.closing_tables]


def _paragraph_problems(edited: list[EditedParagraph], expected: list[EditedParagraph],
                        raw: list[EditedParagraph], report: Report, part: str) -> list[Problem]:
    """Return a problem for each paragraph of a generated part changed, added or deleted in Word."""
    matcher = difflib.SequenceMatcher(None, [_text(p) for p in expected], [_text(p) for p in edited], autojunk=False)
    problems = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        common = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for k in range(common):
            written = raw[i1 + k].plain if len(raw) == len(expected) else ""
            problems.append(_changed(part, expected[i1 + k].plain, edited[j1 + k], written, report))
        problems += [_added(part, p) for p in edited[j1 + common:j2]]
        problems += [Problem(f"'{p.plain.strip()[:80]}' was deleted from {part} in Word", severity="warning",
                             hint="the build writes it again; " + _where(p.plain, report)[1])
                     for p in expected[i1 + common:i2]]
    return problems


def _changed(part: str, old: str, paragraph: EditedParagraph, written: str, report: Report) -> Problem:
    """Return a problem for a generated paragraph changed in Word, saying where to change it instead."""
    path, hint = _where(written, report)
    message = (f"paragraph {paragraph.index + 1} of {part} was changed in Word: "
               f"'{strip_number(old).strip()[:80]}' now reads '{strip_number(paragraph.plain).strip()[:80]}'")
    if path is not None:
        return report.meta_source.problem(path, message, hint, severity="warning")
    return Problem(message, hint=hint, severity="warning")


def _added(part: str, paragraph: EditedParagraph) -> Problem:
    """Return a warning quoting a paragraph added to a generated part."""
    why = ("it comes before the first section" if part == "the cover"
           else f"it comes after {part}, which the build writes")
    return Problem(f"paragraph {paragraph.index + 1} not placed ({why}): '{paragraph.plain[:80]}'",
                   hint=NOT_KEPT, severity="warning")


def _cover_table_problems(table: EditedTable, expected: EditedTable, written: EditedTable,
                          report: Report) -> list[Problem]:
    """Return a problem for each cell of a cover table (the document control table) changed in Word."""
    problems = []
    for r, (row, expected_row) in enumerate(zip(table.rows, expected.rows)):
        for c, (cell, old) in enumerate(zip(row, expected_row)):
            if compare_key(cell) == compare_key(old):
                continue
            raw = written.rows[r][c] if r < len(written.rows) and c < len(written.rows[r]) else ""
            path, hint = _where(raw, report)
            message = (f"the cover's document control table, row '{row[0]}': '{old}' was changed to '{cell}' "
                       "in Word")
            problems.append(report.meta_source.problem(path, message, hint, severity="warning") if path
                            else Problem(message, hint=hint, severity="warning"))
    if len(table.rows) != len(expected.rows):
        problems.append(Problem("rows were added to or deleted from the cover's document control table in Word",
                                hint="the table comes from the council's template; change the template",
                                severity="warning"))
    return problems


def _where(written: str, report: Report) -> tuple[PathKey | None, str]:
    """Return the report.yaml path of the first template value in written text, and what to change."""
    keys = TEMPLATE_KEY.findall(written)
    paths = [REPORT_KEYS.get(k, tuple(k.split("."))) for k in keys if not k.startswith("council.")]
    if not keys:
        return None, "it is made by the build or the council's Word template; change it there, or the YAML it shows"
    if not paths:
        return None, "it comes from the council profile; change " + ", ".join(keys) + " there"
    shown = ", ".join(dict.fromkeys(".".join(map(str, p)) for p in paths))
    return paths[0], f"it is made from report.yaml: change {shown} there and rebuild"


def _extra_table(table: EditedTable, why: str) -> Problem:
    """Return a warning quoting a table that is not in the template or the sections."""
    first = " | ".join(table.rows[0]) if table.rows else ""
    return Problem(f"table before paragraph {table.before + 1} not placed ({why}): '{first[:80]}'",
                   hint="add it to a section's YAML as a table: block by hand", severity="warning")


def _running_problems(document: EditedDocument, template: EditedDocument, report: Report) -> list[Problem]:
    """Return a problem for each header or footer text that the template and report.yaml do not make."""
    expected = {(kind, compare_key(text)) for kind, text in template.running}
    expected |= {(kind, DRAFT_MARK) for kind in ("header", "footer")}  # a draft build's mark
    return [Problem(f"the {kind} was changed in Word: it reads '{text[:80]}'", severity="warning",
                    hint=f"headers and footers come from the council's Word template and report.yaml (title, "
                         f"document_control.security_classification in {report.meta_source.file}); change them there")
            for kind, text in dict.fromkeys(document.running)
            if (kind, compare_key(text)) not in expected]
