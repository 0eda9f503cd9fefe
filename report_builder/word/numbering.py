"""Headings and paragraphs numbered by Word itself: a multilevel list (`numbering.xml`) on the styles.

The council's style decides the scheme: `section` numbers each level-1 heading (1., 2., …) and the
paragraphs under it (1.1, 1.2, …, starting again at each heading); `continuous` numbers the
paragraphs 1, 2, 3 … through the document and leaves headings unnumbered; `none` numbers nothing.
The numbers are not text: a paragraph inserted in Word in the numbered style is numbered and the
ones after it move on, in Word and in LibreOffice alike.
"""

from __future__ import annotations

from copy import deepcopy
from typing import Literal

from docx.document import Document as DocumentObject
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph

from report_builder.word._xml import element, find_style

Scheme = Literal["section", "continuous", "none"]
HEADING_STYLE = "Heading 1"
PARAGRAPH_STYLE = "Numbered Paragraph"
DEFAULT_HANG = Mm(12)
TWIPS_PER_EMU = 1 / 635


def apply_numbering(document: DocumentObject, scheme: Scheme) -> int | None:
    """Number the document's headings and numbered paragraphs in the scheme; return the list's id.

    Adds one abstract numbering definition and one numbering instance, and points the styles at
    them (`w:numPr` in the style, `w:pStyle` in the level), as Word's own multilevel lists do.
    Returns None for `none`, or when the document has no numbered paragraph style.
    """
    paragraph_style = find_style(document, PARAGRAPH_STYLE)
    if scheme == "none" or not isinstance(paragraph_style, ParagraphStyle):
        return None
    heading_style = find_style(document, HEADING_STYLE) if scheme == "section" else None
    indent = _hang_twips(paragraph_style)
    levels = []
    if isinstance(heading_style, ParagraphStyle):
        levels.append(_level(0, heading_style.style_id, "%1.", "space", None))
        levels.append(_level(1, paragraph_style.style_id, "%1.%2", "tab", indent))
    else:
        levels.append(_level(0, paragraph_style.style_id, "%1.", "tab", indent))
    num_id = _add_list(document, levels)
    numbered = [s for s in (heading_style, paragraph_style) if isinstance(s, ParagraphStyle)]
    for level, style in enumerate(numbered):
        _set_style_numbering(style, num_id, level)
    _stop_inheritance(document, numbered)
    return num_id


def _stop_inheritance(document: DocumentObject, numbered: list[ParagraphStyle]) -> None:
    """Keep styles based on a numbered one (such as "TOC Heading", based on "Heading 1") unnumbered."""
    ids = {style.style_id for style in numbered}
    for style in document.styles:
        if not isinstance(style, ParagraphStyle) or style.style_id in ids:
            continue
        if style.element.pPr is not None and style.element.pPr.find(qn("w:numPr")) is not None:
            continue
        base, depth = style.base_style, 0
        while base is not None and depth < 20 and base.style_id not in ids:
            base, depth = base.base_style, depth + 1
        if base is not None and base.style_id in ids:
            _set_style_numbering(style, 0, 0)


def _hang_twips(style: ParagraphStyle) -> int:
    """Return the numbered style's hanging indent in twips (where its text starts after the number)."""
    left = style.paragraph_format.left_indent
    return round((left if left else DEFAULT_HANG) * TWIPS_PER_EMU)


def _level(ilvl: int, style_id: str, text: str, suffix: str, indent: int | None) -> str:
    """Return one `w:lvl`: decimal numbers, linked to its style, with the number hanging in the indent."""
    spacing = (f'<w:pPr><w:tabs><w:tab w:val="num" w:pos="{indent}"/></w:tabs>'
               f'<w:ind w:left="{indent}" w:hanging="{indent}"/></w:pPr>' if indent else "")
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
            f'<w:pStyle w:val="{style_id}"/><w:suff w:val="{suffix}"/><w:lvlText w:val="{text}"/>'
            f'<w:lvlJc w:val="left"/>{spacing}</w:lvl>')


def _add_list(document: DocumentObject, levels: list[str]) -> int:
    """Return the id of a new numbering instance over a new abstract definition holding the levels."""
    numbering = document.part.numbering_part.element
    abstract_ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    abstract_id = max(abstract_ids, default=0) + 1
    abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
                         f'<w:multiLevelType w:val="multilevel"/>{"".join(levels)}</w:abstractNum>')
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:  # every w:abstractNum comes before the first w:num
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    return numbering.add_num(abstract_id).numId


def _set_style_numbering(style: ParagraphStyle, num_id: int, level: int) -> None:
    """Point the style at the numbering instance and level, replacing any numbering it had."""
    properties = style.element.get_or_add_pPr()
    for old in properties.findall(qn("w:numPr")):
        properties.remove(old)
    num_pr = parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>')
    properties.insert_element_before(num_pr, *_AFTER_NUMPR)


_AFTER_NUMPR = ("w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku",
                "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
                "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
                "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
                "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
                "w:pPrChange")
"""The `w:pPr` children that come after `w:numPr` (ECMA-376 order)."""


def leave_unnumbered(paragraph: Paragraph, align_with_text: bool = True) -> None:
    """Take the paragraph out of its style's numbering (`w:numId` 0), its text lined up with the
    numbered paragraphs' text when align_with_text is set."""
    properties = paragraph._p.get_or_add_pPr()
    num_pr = parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>')
    properties.insert_element_before(num_pr, *_AFTER_NUMPR)
    if align_with_text:
        style = paragraph.style
        left = style.paragraph_format.left_indent if style is not None else None
        indent = element("w:ind", left=str(round((left or DEFAULT_HANG) * TWIPS_PER_EMU)), firstLine="0")
        properties.insert_element_before(indent, *_AFTER_NUMPR[_AFTER_NUMPR.index("w:ind") + 1:])


def numbering_of(paragraph: Paragraph) -> tuple[int, int] | None:
    """Return (numId, ilvl) the paragraph is numbered with, directly or through its style, or None."""
    for holder in (paragraph._p.pPr, *(_style_chain(paragraph))):
        num_pr = holder.find(qn("w:numPr")) if holder is not None else None
        if num_pr is not None and num_pr.find(qn("w:numId")) is not None:
            num_id = int(num_pr.find(qn("w:numId")).get(qn("w:val")))
            ilvl = num_pr.find(qn("w:ilvl"))
            return None if num_id == 0 else (num_id, int(ilvl.get(qn("w:val"))) if ilvl is not None else 0)
    return None


def _style_chain(paragraph: Paragraph) -> list:  # type: ignore[type-arg]
    """Return the pPr of the paragraph's style and the styles it is based on."""
    found, style = [], paragraph.style
    while style is not None and len(found) < 20:
        found.append(style.element.pPr)
        style = style.base_style
    return found


def pin_numbering(document: DocumentObject) -> None:
    """Give each paragraph numbered through its style that numbering directly (`w:numPr` on the paragraph).

    When a document is appended to another (the agenda pack), its styles give way to the first
    document's of the same name; numbering held on the paragraphs themselves goes with them, and so does
    the style's indent (a bullet stays where it was).
    """
    for paragraph in document.paragraphs:
        own = paragraph._p.pPr
        if own is not None and own.find(qn("w:numPr")) is not None:
            continue
        found = numbering_of(paragraph)
        if found is not None:
            num_pr = parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{found[1]}"/>'
                               f'<w:numId w:val="{found[0]}"/></w:numPr>')
            paragraph._p.get_or_add_pPr().insert_element_before(num_pr, *_AFTER_NUMPR)
            keep_style_indent(paragraph)


def keep_style_indent(paragraph: Paragraph) -> None:
    """Give a paragraph numbered directly its style's indent, unless it has its own.

    Numbering on the paragraph itself brings the numbering level's indent, which would otherwise win over
    the style's (a bullet would move to the margin), in Word and LibreOffice alike.
    """
    properties = paragraph._p.get_or_add_pPr()
    if properties.find(qn("w:ind")) is not None:
        return
    for holder in _style_chain(paragraph):
        indent = holder.find(qn("w:ind")) if holder is not None else None
        if indent is not None:
            properties.insert_element_before(deepcopy(indent), *_AFTER_NUMPR[_AFTER_NUMPR.index("w:ind") + 1:])
            return
