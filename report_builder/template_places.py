"""Every place a Word template can hold text, in document order, with where it is in words.

The body's paragraphs and table cells (content controls read through), text boxes, each section's
headers and footers, footnotes, endnotes and the document's properties: everything a template is
filled in, so that `template check` looks where the build fills.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from docx.document import Document as DocumentObject
from docx.opc.constants import CONTENT_TYPE as CT
from lxml import etree

from report_builder.compose.template_properties import property_texts
from report_builder.packages import SAFE_XML

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
TEXT_TAGS = (f"{{{W}}}t", f"{{{W}}}delText", f"{{{W}}}instrText")
"""Elements whose text docxtpl fills: shown text, deleted text and field codes alike."""
RUNNING_PARTS = ("header", "footer", "first_page_header", "first_page_footer", "even_page_header",
                 "even_page_footer")
NOTES = {CT.WML_FOOTNOTES: "footnote", CT.WML_ENDNOTES: "endnote"}


def w(tag: str) -> str:
    """Return a WordprocessingML tag in Clark notation."""
    return f"{{{W}}}{tag}"


@dataclass(frozen=True)
class Place:
    """A piece of a template's text and where it is ('paragraph 3', 'section 1 header, paragraph 1')."""

    where: str
    text: str
    body: bool = False
    """Whether it is a paragraph of the body itself (where the {{ BODY }} marker may stand)."""


def template_places(document: DocumentObject) -> Iterator[Place]:
    """Yield every place of the template that holds text, in document order."""
    yield from _container(document.element.body, "", body=True)
    seen: set[str] = set()
    for number, section in enumerate(document.sections, start=1):
        for name in RUNNING_PARTS:
            part = getattr(section, name)
            if part.is_linked_to_previous or str(part.part.partname) in seen:
                continue
            seen.add(str(part.part.partname))
            yield from _container(part._element, f"section {number} {name.replace('_', ' ')}, ")
    for part in document.part.package.iter_parts():
        kind = NOTES.get(part.content_type)
        if kind is not None:
            yield from _notes(etree.fromstring(part.blob, SAFE_XML), kind)
    for where, text in property_texts(document):
        yield Place(where, text)


def _container(container: etree._Element, prefix: str, body: bool = False) -> Iterator[Place]:
    """Yield the places of a body, header, footer or note: paragraphs, table cells, text boxes."""
    paragraphs = tables = 0
    for element in _blocks(container):
        if element.tag == w("p"):
            paragraphs += 1
            where = f"{prefix}paragraph {paragraphs}"
            yield Place(where, paragraph_text(element), body)
            for box, text in enumerate(_text_boxes(element), start=1):
                yield Place(f"{where}, text box {box}" if box > 1 else f"{where}, text box", text)
        elif element.tag == w("tbl"):
            tables += 1
            yield from _table(element, f"{prefix}table {tables}")


def _blocks(container: etree._Element) -> Iterator[etree._Element]:
    """Yield a container's paragraphs and tables in order, reading through content controls."""
    yield from _children(container, w("p"), w("tbl"))


def _children(element: etree._Element, *tags: str) -> Iterator[etree._Element]:
    """Yield the element's children with one of the tags, reading through content controls (w:sdt)."""
    for child in element:
        if child.tag == w("sdt"):
            content = child.find(w("sdtContent"))
            if content is not None:
                yield from _children(content, *tags)
        elif child.tag in tags:
            yield child


def _table(table: etree._Element, where: str) -> Iterator[Place]:
    """Yield each cell of a table as a place, then the text boxes and tables inside it."""
    for r, row in enumerate(_children(table, w("tr")), start=1):
        for c, cell in enumerate(_children(row, w("tc")), start=1):
            cell_where = f"{where}, row {r}, cell {c}"
            paragraphs = list(_children(cell, w("p")))
            yield Place(cell_where, "\n".join(paragraph_text(p) for p in paragraphs))
            for paragraph in paragraphs:
                yield from (Place(f"{cell_where}, text box", text) for text in _text_boxes(paragraph))
            for number, inner in enumerate(_children(cell, w("tbl")), start=1):
                yield from _table(inner, f"{cell_where}, table {number}")


def _notes(root: etree._Element, kind: str) -> Iterator[Place]:
    """Yield each footnote or endnote as a place (the separators Word keeps are left out)."""
    for note in root.iterfind(w(kind)):
        if note.get(w("type")) in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        yield from _container(note, f"{kind} {note.get(w('id'))}, ")


def paragraph_text(paragraph: etree._Element) -> str:
    """Return all the text docxtpl sees in a paragraph, text boxes left out."""
    return "".join(node.text or "" for node in paragraph.iter(*TEXT_TAGS) if not _in_text_box(node, paragraph))


def _in_text_box(node: etree._Element, paragraph: etree._Element) -> bool:
    """Return whether a text node belongs to a text box (or its fallback copy) anchored in the paragraph."""
    for ancestor in node.iterancestors():
        if ancestor is paragraph:
            return False
        if ancestor.tag in (w("txbxContent"), f"{{{MC}}}Fallback"):
            return True
    return False


def _text_boxes(paragraph: etree._Element) -> Iterator[str]:
    """Yield the text of each text box anchored in a paragraph (fallback copies left out)."""
    for box in paragraph.iter(w("txbxContent")):
        if any(a.tag == f"{{{MC}}}Fallback" for a in box.iterancestors()):
            continue
        if any(a.tag == w("txbxContent") for a in box.iterancestors()):
            continue
        yield "\n".join(paragraph_text(p) for p in box.iter(w("p")))
