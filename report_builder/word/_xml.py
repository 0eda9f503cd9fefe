"""Small builders for WordprocessingML elements that python-docx has no API for."""

from __future__ import annotations

from weakref import WeakKeyDictionary

from docx.document import Document as DocumentObject
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.styles.style import BaseStyle


def element(tag: str, **attributes: str) -> BaseOxmlElement:
    """Return a new element `tag` (e.g. "w:fldChar") with `w:`-qualified attributes."""
    node = OxmlElement(tag)
    for name, value in attributes.items():
        node.set(qn(f"w:{name}"), value)
    return node


def text_run(text: str, bold: bool = False) -> BaseOxmlElement:
    """Return a `w:r` holding `text`, spaces preserved."""
    run = element("w:r")
    if bold:
        properties = element("w:rPr")
        properties.append(element("w:b"))
        run.append(properties)
    node = element("w:t")
    node.text = text
    node.set(qn("xml:space"), "preserve")
    run.append(node)
    return run


RUN_BREAKS = frozenset("\t\r\n")
"""Characters python-docx turns into elements of their own (a tab, a line break) in a run's text."""


def add_text_run(paragraph: Paragraph, text: str) -> Run:
    """Return a run holding text appended to the paragraph, the same XML as `paragraph.add_run(text)`.

    python-docx builds a run's text a character at a time, to turn tabs and line breaks into
    elements; text with neither becomes the single `w:t` it would make, added directly (a third of
    the time spent writing a report's paragraphs went on that loop).
    """
    if RUN_BREAKS.intersection(text):
        return paragraph.add_run(text)
    run = paragraph.add_run()
    if text:
        run._r.add_t(text)
    return run


_STYLES: WeakKeyDictionary = WeakKeyDictionary()  # type: ignore[type-arg]
"""Each document's style count and styles by case-folded name: python-docx looks styles up by
scanning them all."""


def find_style(document: DocumentObject, name: str) -> BaseStyle | None:
    """Return the document's style called `name` (as Word shows it), or None when it has none."""
    count, styles = _STYLES.get(document.part, (-1, {}))
    if name.casefold() not in styles and count != (now := len(document.styles)):
        # a name not seen may belong to a style added since; names are only re-read when the
        # number of styles has changed, as asking for styles a document lacks is common
        styles = {(s.name or "").casefold(): s for s in document.styles}
        _STYLES[document.part] = (now, styles)
    return styles.get(name.casefold())


def add_styled_paragraph(document: DocumentObject, style: str, text: str = "") -> Paragraph:
    """Return a paragraph appended in the named style (Normal when the document has no such style)."""
    paragraph = document.add_paragraph()
    if text:
        add_text_run(paragraph, text)
    found = find_style(document, style)
    if found is not None and found.style_id != "Normal":
        paragraph._p.style = found.style_id
    return paragraph


def first_style(document: DocumentObject, *names: str) -> BaseStyle | None:
    """Return the first of the named styles that the document defines, or None."""
    for name in names:
        style = find_style(document, name)
        if style is not None:
            return style
    return None


def text_width(document: DocumentObject) -> int:
    """Return the width between the margins of the document's last section, in EMU."""
    section = document.sections[-1]
    width = (section.page_width or 0) - (section.left_margin or 0) - (section.right_margin or 0)
    if width <= 0:
        raise ValueError(f"expected a positive text width, got {width} EMU in the last section")
    return width
