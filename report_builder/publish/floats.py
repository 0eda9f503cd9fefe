"""Charts and tables that float, as a typesetter's would: when one does not fit at the foot of a page and
leaves it part empty, the text after it moves up to fill the page and the chart follows that text.

The layout is LibreOffice's: the PDF it laid out is read (where each page's text ends, what the next
page starts with), and in the Word document the paragraphs after a chart or table that was pushed to
the next page move before its caption, as many as about fill the gap. Text is never moved past a
heading, another chart or table, or a page break, so a chart stays in its own part of the section and
the text keeps its order (import-edits reads the same sequence of paragraphs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from lxml import etree

from report_builder.word.package import save_docx

BAND = 0.08
"""The top and bottom 8% of a page hold the running header and footer, not the text."""
UNDER_FILLED = 0.75
"""A page whose text ends above this share of its text area, before a chart or table, is filled."""
LINES_PER_PAGE = 44
"""About how many lines of body text an A4 page with 25 mm margins holds."""
CHARACTERS_PER_LINE = 82
CAPTION = re.compile(r"^(Figure|Table)\s?(\d+):")
MOVABLE_STYLES = ("Numbered Paragraph", "Normal", "List Bullet", "List Number", "Body Text")
BLOCK_STYLES = ("Caption", "Source")


@dataclass(frozen=True)
class PageFacts:
    """How full a page's text area is, and its first line."""

    full: float
    first: str


def page_facts(pdf: Path) -> list[PageFacts]:
    """Return, for each page of the PDF, how full its text area is and its first line of body text.

    Read with PDFium (pypdfium2), which gives each run of text with its box, in a tenth of the time
    reading the page's drawing operations takes.
    """
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    facts = []
    document = pdfium.PdfDocument(str(pdf))
    try:
        for page in document:
            height = page.get_size()[1]
            top, bottom = height * BAND, height * (1 - BAND)
            text = page.get_textpage()
            runs = []  # (top, bottom, left, text), measured down from the top of the page
            for index in range(text.count_rects()):
                left, low, right, high = text.get_rect(index)
                found = text.get_text_bounded(left, low, right, high)
                if found.strip():
                    runs.append((height - high, height - low, left, found))
            pictures = [height - picture.get_bounds()[1]
                        for picture in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=3)]
            facts.append(_facts(runs, pictures, top, bottom))
    finally:
        document.close()
    return facts


def _facts(runs: list[tuple[float, float, float, str]], pictures: list[float], top: float, bottom: float) -> PageFacts:
    """Return a page's facts from its runs of text and the lower edges of its pictures (from the top)."""
    body = [run for run in runs if top < run[1] < bottom]
    lowest = max([run[1] for run in body] + [y for y in pictures if top < y < bottom], default=top)
    first = ""
    if body:  # the first line: the runs whose middles fall within the highest run's height
        head = min(body, key=lambda run: (run[0] + run[1]) / 2)
        line = sorted((run[2], run[3]) for run in body if head[0] <= (run[0] + run[1]) / 2 <= head[1])
        first = "".join(t for _x, t in line).replace("\u00a0", " ")
    return PageFacts(round((lowest - top) / (bottom - top), 2), " ".join(first.split()))


def float_exhibits(docx: Path, pdf: Path) -> int:
    """Move text up past each chart or table that left the page before it under-filled; return how many
    paragraphs moved (the document is saved when any did)."""
    pages = page_facts(pdf)
    document = Document(str(docx))
    styles = {s.style_id: s.name for s in document.styles}
    moved = 0
    for before, after in zip(pages[1:-1], pages[2:]):
        found = CAPTION.match(after.first)
        if before.full >= UNDER_FILLED or found is None:
            continue
        caption = _caption(document, found.group(1), found.group(2))
        if caption is not None:
            moved += _fill_before(caption, styles, (1 - before.full) * LINES_PER_PAGE)
    if moved:
        save_docx(document, docx)
    return moved


def _caption(document, kind: str, number: str) -> etree._Element | None:  # type: ignore[no-untyped-def]
    """Return the caption paragraph "Figure 3: …" or "Table 3: …" of the body."""
    for paragraph in document.element.body.iterchildren(qn("w:p")):
        text = "".join(t.text or "" for t in paragraph.iter(qn("w:t"))).replace("\u00a0", " ")
        if text.startswith(f"{kind} {number}:"):
            return paragraph
    return None


def _fill_before(caption: etree._Element, styles: dict[str, str], lines: float) -> int:
    """Move the text after the caption's block before the caption, about `lines` lines of it; return how
    many paragraphs moved."""
    node = caption.getnext()
    while node is not None and (node.tag == qn("w:tbl") or _style(node, styles) in BLOCK_STYLES
                                or node.find(f".//{qn('w:drawing')}") is not None):
        node = node.getnext()
    moved, room = 0, lines
    while node is not None and _movable(node, styles) and room > 1:
        group = [node]
        while group[-1].find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None and \
                group[-1].getnext() is not None and _movable(group[-1].getnext(), styles):
            group.append(group[-1].getnext())
        need = sum(_lines(p) for p in group)
        if moved and need > room + 3:
            break
        node = group[-1].getnext()
        for paragraph in group:
            caption.addprevious(paragraph)
        moved, room = moved + len(group), room - need
    return moved


def _movable(node: etree._Element, styles: dict[str, str]) -> bool:
    """Return whether a body element is text that may move up (not a heading, exhibit or break)."""
    if node.tag != qn("w:p") or node.find(f".//{qn('w:sectPr')}") is not None:
        return False
    if node.find(f".//{qn('w:br')}[@{qn('w:type')}='page']") is not None or node.find(f".//{qn('w:drawing')}") is not None:
        return False
    text = "".join(t.text or "" for t in node.iter(qn("w:t")))
    return bool(text.strip()) and _style(node, styles) in MOVABLE_STYLES + ("Quote", "Quote Attribution")


def _style(node: etree._Element, styles: dict[str, str]) -> str:
    """Return the name of a paragraph's style."""
    style = node.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return styles.get(style.get(qn("w:val")), "") if style is not None else "Normal"


def _lines(paragraph: etree._Element) -> float:
    """Return about how many lines a paragraph takes, with its space after."""
    text = "".join(t.text or "" for t in paragraph.iter(qn("w:t")))
    return -(-len(text) // CHARACTERS_PER_LINE) + 0.6
