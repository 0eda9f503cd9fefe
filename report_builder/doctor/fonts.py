"""The fonts a Word template's papers are set in, and the font this computer will use for each.

LibreOffice numbers the contents page by laying the document out itself, so its page breaks match
Word's only when it has the template's fonts or fonts with the same letter widths ("metric
compatible": Liberation Sans for Arial, Carlito for Calibri and so on). fontconfig's `fc-match`
says which font a name gets on Linux; Windows and macOS have no fc-match, and are not checked.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import dataclass

from docx import Document
from docx.document import Document as DocumentObject
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.styles.style import BaseStyle
from lxml import etree

from report_builder.template_check import REQUIRED_STYLES

PAPER_STYLES = (*REQUIRED_STYLES, "Heading 3", "Subtitle", "Source", "TOC Heading", "TOC 1", "TOC 2", "TOC 3",
                "Header", "Footer")
"""The paragraph styles the papers are written in (the required ones and those used when present)."""
METRIC_COMPATIBLE = {
    "arial": ("Liberation Sans", "Arimo"),
    "helvetica": ("Liberation Sans", "Arimo", "TeX Gyre Heros"),
    "arial narrow": ("Liberation Sans Narrow",),
    "times new roman": ("Liberation Serif", "Tinos"),
    "times": ("Liberation Serif", "Tinos"),
    "courier new": ("Liberation Mono", "Cousine"),
    "calibri": ("Carlito",),
    "cambria": ("Caladea",),
    "georgia": ("Gelasio",),
}
"""Fonts with the same letter widths as a font Word documents often use."""
THEME_FONT = re.compile(r"(major|minor)")
DIRECT_FONT_PARTS = re.compile(r"/word/(document|header\d*|footer\d*)\.xml")
DRAWING_NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}


@dataclass(frozen=True)
class FontMatch:
    """A font a template uses, and the font this computer gives for it (None: not checked here)."""

    font: str
    used: str | None

    @property
    def installed(self) -> bool:
        """Return whether the font itself is installed."""
        return self.used is not None and self.used.casefold() == self.font.casefold()

    @property
    def substitute(self) -> str | None:
        """Return the metric-compatible font used in its place, or None."""
        compatible = METRIC_COMPATIBLE.get(self.font.casefold(), ())
        return next((f for f in compatible if self.used and f.casefold() == self.used.casefold()), None)


def template_fonts(data: bytes) -> set[str]:
    """Return the fonts a .docx template sets the papers in: its paper styles' and any set directly."""
    document = Document(io.BytesIO(data))
    theme = _theme_fonts(document)
    default = _default_font(document, theme)
    present = {style.name for style in document.styles}
    fonts = {_style_font(document.styles[name], theme) or default for name in PAPER_STYLES if name in present}
    for part in document.part.package.iter_parts():
        if DIRECT_FONT_PARTS.fullmatch(str(part.partname)):
            fonts.update(part.element.xpath("//w:r/w:rPr/w:rFonts/@w:ascii"))
    return {font for font in fonts if font}


def match_font(font: str) -> FontMatch:
    """Return the font fontconfig gives for this name (not checked where there is no fc-match)."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return FontMatch(font, None)
    try:
        said = subprocess.run([fc_match, "-f", "%{family}", font], capture_output=True, text=True, timeout=30,
                              check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return FontMatch(font, None)
    return FontMatch(font, said.split(",")[0].strip() or None)


def _style_font(style: BaseStyle | None, theme: dict[str, str]) -> str | None:
    """Return the font a style sets its text in, following the styles it is based on."""
    while style is not None:
        properties = style.element.rPr
        named = _named(properties.rFonts if properties is not None else None, theme)
        if named:
            return named
        style = style.base_style
    return None


def _default_font(document: DocumentObject, theme: dict[str, str]) -> str | None:
    """Return the document's default font (docDefaults), for text whose styles set none."""
    fonts = document.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts")
    return _named(fonts[0] if fonts else None, theme)


def _named(fonts: BaseOxmlElement | None, theme: dict[str, str]) -> str | None:
    """Return the Latin font an rFonts element names, the theme's when it refers to the theme (as Word does)."""
    if fonts is None:
        return None
    themed = fonts.get(qn("w:asciiTheme"))
    if themed and (kind := THEME_FONT.match(themed)):
        return theme.get(kind.group(1))
    return fonts.get(qn("w:ascii"))


def _theme_fonts(document: DocumentObject) -> dict[str, str]:
    """Return the theme's major (headings) and minor (body) Latin fonts."""
    try:
        part = document.part.part_related_by(RELATIONSHIP_TYPE.THEME)
    except KeyError:
        return {}
    root = etree.fromstring(part.blob)
    fonts = {kind: root.xpath(f"//a:{kind}Font/a:latin/@typeface", namespaces=DRAWING_NS) for kind in ("major", "minor")}
    return {kind: found[0] for kind, found in fonts.items() if found and found[0]}
