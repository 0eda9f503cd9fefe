"""Numbered lists that start again at 1, which python-docx cannot do on its own."""

from __future__ import annotations

from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from report_builder.word.numbering import keep_style_indent


def restart_numbering(document: DocumentObject, first: Paragraph) -> None:
    """Make the list starting at `first` (and the paragraphs after it in the same style) count from 1.

    Adds a numbering instance (`w:num`) over the style's abstract numbering with a start override and
    points each paragraph of the list at it.
    """
    style_num = _style_num_id(first.style)
    if style_num is None:
        return
    numbering = document.part.numbering_part.element
    abstract = numbering.num_having_numId(style_num).abstractNumId.val
    num = numbering.add_num(abstract)
    override = num.add_lvlOverride(ilvl=0)
    override.add_startOverride(1)
    paragraph = first._p
    style_id = first.style.style_id
    while paragraph is not None and _style_id(paragraph) == style_id:
        properties = paragraph.get_or_add_pPr()
        num_pr = properties.get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 0
        num_pr.get_or_add_numId().val = num.numId
        keep_style_indent(Paragraph(paragraph, first._parent))
        paragraph = paragraph.getnext()
        if paragraph is not None and paragraph.tag != qn("w:p"):
            break


def _style_id(paragraph) -> str | None:  # type: ignore[no-untyped-def]
    properties = paragraph.pPr
    return properties.pStyle.val if properties is not None and properties.pStyle is not None else None


def _style_num_id(style) -> int | None:  # type: ignore[no-untyped-def]
    """Return the numbering id a list style points at, following base styles."""
    while style is not None:
        properties = style.element.pPr
        if properties is not None and properties.numPr is not None and properties.numPr.numId is not None:
            return properties.numPr.numId.val
        style = style.base_style
    return None

