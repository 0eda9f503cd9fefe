"""Tests for landscape sections."""

from __future__ import annotations

from docx.enum.section import WD_ORIENT
from docx.shared import Mm

from report_builder.word.sections import end_landscape_section, start_landscape_section


def margins_mm(section) -> list[int]:
    """Return top, right, bottom, left margins in whole millimetres."""
    margins = (section.top_margin, section.right_margin, section.bottom_margin, section.left_margin)
    return [round(m.mm) for m in margins]


def test_landscape_section_turns_page_and_margins_then_back(document, reopen):
    first = document.sections[0]
    first.top_margin, first.right_margin, first.bottom_margin, first.left_margin = (
        Mm(10),
        Mm(20),
        Mm(30),
        Mm(40),
    )
    portrait = (first.page_width, first.page_height)
    document.add_paragraph("Before")
    start_landscape_section(document)
    document.add_paragraph("Wide table")
    end_landscape_section(document)
    sections = reopen(document).sections
    assert [s.orientation for s in sections] == [
        WD_ORIENT.PORTRAIT,
        WD_ORIENT.LANDSCAPE,
        WD_ORIENT.PORTRAIT,
    ]
    wide = sections[1]
    assert (wide.page_width, wide.page_height) == portrait[::-1]
    assert margins_mm(wide) == [40, 10, 20, 30]
    last = sections[2]
    assert (last.page_width, last.page_height) == portrait
    assert margins_mm(last) == [10, 20, 30, 40]


def test_landscape_section_keeps_headers_and_footers(document, reopen):
    first = document.sections[0]
    first.different_first_page_header_footer = True
    first.header.paragraphs[0].text = "Annual report"
    first.footer.paragraphs[0].text = "OFFICIAL"
    start_landscape_section(document)
    wide = reopen(document).sections[1]
    assert wide.header.is_linked_to_previous and wide.footer.is_linked_to_previous
    assert wide.header.paragraphs[0].text == "Annual report"
    assert not wide.different_first_page_header_footer
    assert document.sections[0].different_first_page_header_footer
