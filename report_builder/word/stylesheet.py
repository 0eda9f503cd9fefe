"""Read a document's styles.xml: style names, inherited properties and heading levels."""

from __future__ import annotations

import re

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W_NS}
HEADING_NAME = re.compile(r"^heading ([1-9])$", re.IGNORECASE)
BODY_LEVEL = 9
"""`w:outlineLvl` 9 means body text; 0 to 8 are heading levels 1 to 9."""


def w(name: str) -> str:
    """Return the Clark name of a WordprocessingML tag or attribute: w('val') -> '{...}val'."""
    return f"{{{W_NS}}}{name}"


class StyleSheet:
    """The styles of one document, looked up by style id with `w:basedOn` inheritance."""

    def __init__(self, styles: etree._Element | None):
        self.root = styles
        found = styles.findall("w:style", NS) if styles is not None else []
        self.by_id: dict[str, etree._Element] = {s.get(w("styleId"), ""): s for s in found}
        self._ids_by_name: dict[str, str] | None = None
        self.default_paragraph = next(
            (
                s.get(w("styleId"))
                for s in found
                if s.get(w("type")) == "paragraph" and s.get(w("default")) in ("1", "true")
            ),
            None,
        )

    def id_named(self, name: str) -> str | None:
        """Return the id of the first style with this name (compared without case), or None."""
        if self._ids_by_name is None:
            self._ids_by_name = {}
            for style_id in self.by_id:
                self._ids_by_name.setdefault(self.name(style_id).casefold(), style_id)
        return self._ids_by_name.get(name.casefold())

    def name(self, style_id: str | None) -> str:
        """Return the style's name as stored ('heading 1'), or its id when it has none."""
        style = self.by_id.get(style_id or "")
        node = style.find("w:name", NS) if style is not None else None
        return node.get(w("val"), "") if node is not None else (style_id or "")

    def chain(self, style_id: str | None) -> list[etree._Element]:
        """Return the style and the styles it is based on, nearest first."""
        result: list[etree._Element] = []
        while style_id and style_id in self.by_id and len(result) < 20:
            style = self.by_id[style_id]
            result.append(style)
            based_on = style.find("w:basedOn", NS)
            style_id = based_on.get(w("val")) if based_on is not None else None
        return result

    def find(self, style_id: str | None, path: str) -> etree._Element | None:
        """Return the first element at `path` (e.g. 'w:pPr/w:jc') along the style's chain."""
        for style in self.chain(style_id):
            node = style.find(path, NS)
            if node is not None:
                return node
        return None

    def owner(self, style_id: str | None, path: str) -> str | None:
        """Return the id of the style along the chain that sets `path`, or None."""
        for style in self.chain(style_id):
            if style.find(path, NS) is not None:
                return style.get(w("styleId"))
        return None

    def defaults(self, path: str) -> etree._Element | None:
        """Return the element at `path` under `w:docDefaults` (e.g. 'w:rPrDefault/w:rPr/w:sz')."""
        if self.root is None:
            return None
        return self.root.find(f"w:docDefaults/{path}", NS)

    def outline_level(self, style_id: str | None) -> int | None:
        """Return the heading level (1 to 9) a paragraph style gives, or None for body text."""
        node = self.find(style_id, "w:pPr/w:outlineLvl")
        if node is not None:
            return _level(node)
        match = HEADING_NAME.match(self.name(style_id))
        return int(match.group(1)) if match else None


def _level(outline: etree._Element) -> int | None:
    """Return the heading level of a `w:outlineLvl`, None for body text."""
    value = int(outline.get(w("val"), str(BODY_LEVEL)))
    return value + 1 if value < BODY_LEVEL else None


def paragraph_style_id(paragraph: etree._Element, sheet: StyleSheet) -> str | None:
    """Return the paragraph's style id, or the document's default paragraph style."""
    node = paragraph.find("w:pPr/w:pStyle", NS)
    return node.get(w("val")) if node is not None else sheet.default_paragraph


def paragraph_level(paragraph: etree._Element, sheet: StyleSheet) -> int | None:
    """Return the paragraph's heading level (1 to 9), or None when it is not a heading."""
    direct = paragraph.find("w:pPr/w:outlineLvl", NS)
    if direct is not None:
        return _level(direct)
    return sheet.outline_level(paragraph_style_id(paragraph, sheet))


def paragraph_text(paragraph: etree._Element) -> str:
    """Return the text a reader sees in the paragraph (field results, not instructions)."""
    parts = []
    for node in paragraph.iterfind(".//w:r/*", NS):
        if node.tag == w("t"):
            parts.append(node.text or "")
        elif node.tag in (w("tab"), w("br")):
            parts.append(" ")
    return "".join(parts)
