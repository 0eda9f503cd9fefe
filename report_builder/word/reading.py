"""Read a saved .docx's parts for checking: document, styles, properties, theme, headers, footers."""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from report_builder.word.stylesheet import NS, StyleSheet, paragraph_text, w

XML_NS = {
    **NS,
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "dc": "http://purl.org/dc/elements/1.1/",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "adec": "http://schemas.microsoft.com/office/drawing/2017/decorative",
}


@dataclass
class Docx:
    """The parts of a .docx the rules read."""

    path: Path
    document: etree._Element
    sheet: StyleSheet
    core: etree._Element | None
    theme: etree._Element | None
    stories: dict[str, etree._Element] = field(default_factory=dict)
    """Document, headers and footers by part name, with their relationships' targets."""
    targets: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def body(self) -> etree._Element:
        """Return `w:body`."""
        return self.document.find("w:body", NS)


def read_docx(path: Path) -> Docx:
    """Return the parsed parts of a .docx. Raises OSError, KeyError or BadZipFile."""
    with zipfile.ZipFile(path) as package:
        names = set(package.namelist())

        def parse(name: str) -> etree._Element | None:
            return etree.fromstring(package.read(name)) if name in names else None

        docx = Docx(
            path,
            etree.fromstring(package.read("word/document.xml")),
            StyleSheet(parse("word/styles.xml")),
            parse("docProps/core.xml"),
            parse("word/theme/theme1.xml"),
        )
        for name in sorted(names):
            if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", name):
                story = docx.document if name == "word/document.xml" else parse(name)
                docx.stories[name] = story
                docx.targets[name] = _targets(parse(_rels_name(name)))
    return docx


def _rels_name(part: str) -> str:
    """Return the relationships part name of a part."""
    folder, name = posixpath.split(part)
    return f"{folder}/_rels/{name}.rels"


def _targets(rels: etree._Element | None) -> dict[str, str]:
    """Return relationship targets by id."""
    if rels is None:
        return {}
    return {r.get("Id"): r.get("Target", "") for r in rels.findall("rel:Relationship", XML_NS)}


class Places:
    """Names each body paragraph and table as a reader can find it."""

    def __init__(self, body: etree._Element):
        self.tables = [t for t in body.iter(w("tbl"))]
        self.names: dict[etree._Element, str] = {}
        number = 0
        for paragraph in body.iter(w("p")):
            cell = ancestor(paragraph, "tc")
            if cell is None:
                number += 1
                snippet = " ".join(paragraph_text(paragraph).split())[:40].rstrip()
                self.names[paragraph] = f"paragraph {number}" + (
                    f" ('{snippet}')" if snippet else ""
                )
            else:
                self.names[paragraph] = self.cell(cell)

    def cell(self, cell: etree._Element) -> str:
        """Return "table T, row R, cell C" for a table cell."""
        row = cell.getparent()
        table = row.getparent()
        rows = table.findall("w:tr", NS)
        return (
            f"table {self.tables.index(table) + 1}, row {rows.index(row) + 1}, "
            f"cell {row.findall('w:tc', NS).index(cell) + 1}"
        )

    def of(self, node: etree._Element) -> str:
        """Return the place of the paragraph holding `node`."""
        paragraph = node if node.tag == w("p") else ancestor(node, "p")
        return self.names.get(paragraph, "a header or footer")


def ancestor(node: etree._Element, tag: str) -> etree._Element | None:
    """Return the nearest ancestor `w:tag` of node, or None."""
    parent = node.getparent()
    while parent is not None and parent.tag != w(tag):
        parent = parent.getparent()
    return parent
