"""The agenda pack as one Word document: a front sheet, the covering report, then the annual report.

Laid out once by LibreOffice, the pack is one tagged PDF (structure, title, language, bookmarks) with
one page-number scheme, the pack's: every page has the covering report's running header (committee,
meeting date, agenda item) and footer (page N of M of the pack), the papers' own being left out as
docxcompose keeps only the first document's. The front sheet lists the papers with the pack pages
they start on, as PAGEREF fields to a bookmark at each paper's start, so the numbers are the layout's.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn
from docxcompose.composer import Composer

from report_builder.publish.contents import contents_paragraphs, find_toc_fields

from report_builder.word._xml import add_styled_paragraph, add_text_run, element
from report_builder.word.fields import append_field, next_bookmark_id
from report_builder.word.numbering import pin_numbering
from report_builder.word.package import docx_bytes
from report_builder.word.properties import set_properties

FRONT_TITLE = "Agenda pack"


@dataclass(frozen=True)
class PackPaper:
    """One paper of the pack: how the front sheet lists it and its .docx."""

    title: str
    docx: Path


@dataclass(frozen=True)
class FrontSheet:
    """What the front sheet says: the meeting, the item and its title."""

    committee: str
    meeting_date: str
    agenda_item: str
    title: str
    council: str


def pack_document(front: FrontSheet, papers: list[PackPaper], author: str, created,  # type: ignore[no-untyped-def]
                  pages_before: list[int] | None = None) -> DocumentObject:
    """Return the pack: the front sheet in the first paper's styles, headers and footers, then each paper
    on a new page, bookmarked where it starts; the front sheet lists them with their pack pages.

    pages_before gives, for each paper, the pack pages before it, so that its contents page (if it has
    one) shows pack pages, the pack's one page-number scheme.
    """
    first = Document(str(papers[0].docx))
    master = _emptied(first)
    marks = [f"_Pack_paper_{n}" for n in range(1, len(papers) + 1)]
    _front_sheet(master, front, papers, marks)
    composer = Composer(master)
    composer.restart_numbering = False  # each paper keeps its own numbering, pinned to its paragraphs
    for index, (paper, mark) in enumerate(zip(papers, marks)):
        if index:  # each paper starts on a new page (the front sheet ends with a page break)
            master.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        start = len(master.element.body) - 1
        appended = Document(str(paper.docx))
        pin_numbering(appended)
        if pages_before:
            shift_contents_pages(appended, pages_before[index])
        composer.append(appended)
        body = master.element.body
        opening = next((e for e in body[start:] if e.tag.endswith("}p")), None)
        if opening is not None:
            _bookmark_start(master, opening, mark)
    set_properties(master, title=f"{front.committee}, {front.meeting_date}: {front.title}", subject=front.council,
                   author=author, keywords="agenda pack; Independent Reviewing Officer", created=created)
    return master


def shift_contents_pages(document: DocumentObject, offset: int) -> None:
    """Add offset to every page number in the document's contents fields (their PAGEREF results)."""
    if not offset:
        return
    for field in find_toc_fields(document.element.body):
        for paragraph in contents_paragraphs(field):
            for text in _pageref_results(paragraph):
                if text.text and text.text.strip().isdigit():
                    text.text = str(int(text.text) + offset)


def _pageref_results(paragraph):  # type: ignore[no-untyped-def]
    """Yield the `w:t` result elements of the PAGEREF fields in a paragraph."""
    in_pageref = in_result = False
    for node in paragraph.iter(qn("w:instrText"), qn("w:fldChar"), qn("w:t")):
        if node.tag == qn("w:instrText") and node.text and node.text.strip().startswith("PAGEREF"):
            in_pageref = True
        elif node.tag == qn("w:fldChar"):
            kind = node.get(qn("w:fldCharType"))
            in_result = in_pageref and kind == "separate"
            if kind == "end":
                in_pageref = in_result = False
        elif node.tag == qn("w:t") and in_result:
            yield node


def _emptied(document: DocumentObject) -> DocumentObject:
    """Return a copy of the document with its body emptied (styles, page set-up, headers and footers kept)."""
    copy = Document(io.BytesIO(docx_bytes(document)))
    body = copy.element.body
    for child in list(body):
        if child is not body.sectPr:
            body.remove(child)
    return copy


def _front_sheet(document: DocumentObject, front: FrontSheet, papers: list[PackPaper], marks: list[str]) -> None:
    """Append the front sheet: the meeting, the item, the title and the papers with their pack pages."""
    add_styled_paragraph(document, "Meeting", f"{front.committee} – {front.meeting_date}")
    if front.agenda_item:
        add_styled_paragraph(document, "Meeting", f"Agenda item {front.agenda_item}")
    add_styled_paragraph(document, "Title", front.title)
    add_styled_paragraph(document, "Heading 1", "Papers in this pack")
    for paper, mark in zip(papers, marks):
        line = add_styled_paragraph(document, "Normal")
        line.paragraph_format.tab_stops.add_tab_stop(_text_width(document), alignment=2, leader=1)
        add_text_run(line, paper.title)
        add_text_run(line, "\tpage ")
        append_field(line, f"PAGEREF {mark} \\h", "?")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _text_width(document: DocumentObject) -> int:
    """Return the text width of the last section in EMU."""
    section = document.sections[-1]
    return (section.page_width or 0) - (section.left_margin or 0) - (section.right_margin or 0)


def _bookmark_start(document: DocumentObject, paragraph, name: str) -> None:  # type: ignore[no-untyped-def]
    """Put a bookmark named name around the start of the paragraph."""
    mark_id = str(next_bookmark_id(document))
    properties = paragraph.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}pPr")
    at = 1 if properties is not None else 0
    paragraph.insert(at, element("w:bookmarkStart", id=mark_id, name=name))
    paragraph.insert(at + 1, element("w:bookmarkEnd", id=mark_id))
