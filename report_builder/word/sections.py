"""Landscape sections for wide tables, keeping the document's headers and footers."""

from __future__ import annotations

from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml.ns import qn
from docx.section import Section


def start_landscape_section(document: DocumentObject) -> Section:
    """Return a new landscape section appended at the end of the document.

    Page size and margins are the previous section's turned a quarter turn. Headers and footers
    are linked to the previous section; a different first page and a page number restart are
    not carried over, so the landscape pages continue the numbering and show the usual header.
    """
    return _turn(document, WD_ORIENT.LANDSCAPE)


def end_landscape_section(document: DocumentObject) -> Section:
    """Return a new portrait section appended after a landscape one (the page turned back)."""
    return _turn(document, WD_ORIENT.PORTRAIT)


def _turn(document: DocumentObject, orientation: WD_ORIENT) -> Section:
    """Return a new section in `orientation`, turning the page when it is the other way."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    _continue_from_previous(section)
    if section.orientation != orientation:
        _rotate(section)
    section.orientation = orientation
    return section


def _rotate(section: Section) -> None:
    """Swap the page's width and height, and turn its margins a quarter turn."""
    section.page_width, section.page_height = section.page_height, section.page_width
    top, right, bottom, left = (
        section.top_margin,
        section.right_margin,
        section.bottom_margin,
        section.left_margin,
    )
    if orientation_is_landscape(section):
        section.top_margin, section.right_margin = left, top
        section.bottom_margin, section.left_margin = right, bottom
    else:
        section.top_margin, section.right_margin = right, bottom
        section.bottom_margin, section.left_margin = left, top


def orientation_is_landscape(section: Section) -> bool:
    """Return True when the section's page is wider than it is tall."""
    return (section.page_width or 0) > (section.page_height or 0)


def _continue_from_previous(section: Section) -> None:
    """Link headers and footers, drop a different first page and any page number restart."""
    section.different_first_page_header_footer = False
    section.header.is_linked_to_previous = True
    section.footer.is_linked_to_previous = True
    sectPr = section._sectPr
    for number_type in sectPr.findall(qn("w:pgNumType")):
        number_type.attrib.pop(qn("w:start"), None)
