"""The DRAFT mark: a line at the top of every page of a paper that is not yet fit to publish."""

from __future__ import annotations

from docx.document import Document as DocumentObject
from docx.shared import Pt, RGBColor
from docx.section import _BaseHeaderFooter

DRAFT_MARK = "DRAFT – not for publication"
DRAFT_COLOUR = RGBColor(0xC0, 0x00, 0x00)


def drafted(document: DocumentObject) -> DocumentObject:
    """Return the document read back from its saved bytes with the DRAFT mark in every header.

    A filled docxtpl template keeps its rendered headers apart from python-docx's objects until it is
    saved, so the mark goes into the document as saved.
    """
    import io

    from docx import Document

    from report_builder.word.package import docx_bytes

    copy = Document(io.BytesIO(docx_bytes(document)))
    mark_draft(copy)
    return copy


def mark_draft(document: DocumentObject) -> None:
    """Put the DRAFT mark first in every header of the document, the first page's too, so that it shows on
    every page."""
    seen: set[int] = set()
    for index, section in enumerate(document.sections):
        headers = [section.header]
        if section.different_first_page_header_footer:
            headers.append(section.first_page_header)
        if document.settings.odd_and_even_pages_header_footer:
            headers.append(section.even_page_header)
        for header in headers:
            if header.is_linked_to_previous and index > 0:
                continue
            part = id(header._get_or_add_definition())  # a first page with no header of its own gets one
            if part not in seen:
                seen.add(part)
                _mark(header)


def _mark(header: _BaseHeaderFooter) -> None:
    """Insert the mark as the header's first paragraph."""
    first = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
    mark = first.insert_paragraph_before() if first.text.strip() or first.runs else first
    run = mark.add_run(DRAFT_MARK)
    run.bold = True
    run.font.size = Pt(14)
    run.font.color.rgb = DRAFT_COLOUR
