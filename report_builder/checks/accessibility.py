"""Check a built .docx against the accessibility rules a script can check on its XML.

Rules (GOV.UK "Publishing accessible documents", Word's Accessibility Checker): a title and the
en-GB language in the properties; alt text on every picture; a header row and no merged cells
in every table; headings starting at level 1 without skipped levels; no justified text; body
text 12pt or more in a sans serif font; no blank paragraphs or runs of spaces for layout;
meaningful link text; no underlining outside links; text colours with 4.5:1 contrast on white
(3:1 for large text). Each problem says where it is and how to fix it.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from report_builder.errors import Problem, display_path
from report_builder.word.reading import XML_NS, Docx, Places, ancestor, read_docx
from report_builder.word.stylesheet import (
    NS,
    paragraph_level,
    paragraph_style_id,
    paragraph_text,
    w,
)

LANGUAGE = "en-GB"
MIN_BODY_HALF_POINTS = 24
WORD_DEFAULT_HALF_POINTS = 20
FILE_NAME = re.compile(r"^\S.*\.(png|jpe?g|gif|bmp|svg|emf|wmf|tiff?|webp)$", re.IGNORECASE)
BARE_URL = re.compile(r"^(https?://|www\.)\S+$", re.IGNORECASE)
VAGUE_LINKS = {"click here", "here", "link", "this link", "read more", "more", "click"}
SPACE_RUN = re.compile(r" {3,}")
SERIF_FONTS = {
    "times new roman", "times", "cambria", "georgia", "garamond", "book antiqua",
    "palatino linotype", "palatino", "century schoolbook", "constantia", "bookman old style",
    "baskerville", "baskerville old face", "calisto mt", "caladea", "perpetua", "rockwell",
    "sylfaen", "bodoni mt", "didot", "minion pro", "merriweather", "charter", "cochin",
}  # fmt: skip
LAYOUT_CONTENT = ".//w:drawing|.//w:pict|.//w:object|.//w:fldChar|.//w:fldSimple|.//w:sectPr"


def check_docx_accessibility(path: Path) -> list[Problem]:
    """Return every accessibility problem found in the .docx, each with its location and a fix."""
    try:
        docx = read_docx(Path(path))
    except (OSError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError) as error:
        return [Problem(f"cannot read the Word document: {error}", file=display_path(path))]
    places = Places(docx.body)
    problems: list[Problem] = []
    for rule in RULES:
        for message, hint in rule(docx, places):
            problems.append(Problem(message, file=display_path(path), hint=hint))
    return problems


Finding = tuple[str, str]
"""A problem's message and its fix."""


def check_title(docx: Docx, places: Places) -> list[Finding]:
    """Return a finding when the document has no title in its properties."""
    title = docx.core.find("dc:title", XML_NS) if docx.core is not None else None
    if title is None or not (title.text or "").strip():
        return [("document properties: no title", "set the title (File > Info > Properties)")]
    return []


def check_language(docx: Docx, places: Places) -> list[Finding]:
    """Return a finding when the default language is not en-GB."""
    found = docx.sheet.defaults("w:rPrDefault/w:rPr/w:lang")
    normal = docx.sheet.find(docx.sheet.default_paragraph, "w:rPr/w:lang")
    value = normal if normal is not None else found
    language = value.get(w("val")) if value is not None else None
    if (language or "").casefold() != LANGUAGE.casefold():
        return [
            (
                f"default language: expected {LANGUAGE}, got {language or 'none'}",
                "set the language of the Normal style and the defaults to English (UK)",
            )
        ]
    return []


def check_pictures(docx: Docx, places: Places) -> list[Finding]:
    """Return a finding per picture without alt text, or with a file name for alt text."""
    findings = []
    for part, story in docx.stories.items():
        for doc_pr in story.iter(f"{{{XML_NS['wp']}}}docPr"):
            if doc_pr.find(".//adec:decorative[@val='1']", XML_NS) is not None:
                continue
            name, alt = _picture_name(doc_pr, docx.targets[part]), doc_pr.get("descr", "").strip()
            where = f"picture '{name}' in {places.of(doc_pr) if part.endswith('document.xml') else part}"
            if not alt:
                findings.append((f"{where}: no alt text", "describe what the picture shows"))
            elif FILE_NAME.match(alt):
                findings.append(
                    (
                        f"{where}: alt text is a file name ('{alt}')",
                        "describe what the picture shows instead",
                    )
                )
    return findings


def _picture_name(doc_pr: etree._Element, targets: dict[str, str]) -> str:
    """Return the picture's media file name, or its drawing name."""
    drawing = doc_pr.getparent()
    blip = drawing.find(".//a:blip", XML_NS) if drawing is not None else None
    embed = blip.get(f"{{{XML_NS['r']}}}embed") if blip is not None else None
    return posixpath.basename(targets.get(embed or "", "")) or doc_pr.get("name", "unnamed")


def check_tables(docx: Docx, places: Places) -> list[Finding]:
    """Return findings for tables without a header row and for merged cells."""
    findings = []
    for number, table in enumerate(places.tables, start=1):
        rows = table.findall("w:tr", NS)
        header = rows[0].find("w:trPr/w:tblHeader", NS) if rows else None
        if rows and (header is None or header.get(w("val"), "true") in ("0", "false", "off")):
            findings.append(
                (
                    f"table {number}, row 1: not marked as a header row",
                    "mark the first row to repeat as a header row (Table Properties > Row)",
                )
            )
        for cell in table.iterfind("w:tr/w:tc", NS):
            span = cell.find("w:tcPr/w:gridSpan", NS)
            if cell.find("w:tcPr/w:vMerge", NS) is not None or (
                span is not None and int(span.get(w("val"), "1")) > 1
            ):
                findings.append(
                    (
                        f"{places.cell(cell)}: merged cell",
                        "split the cell; repeat the value or restructure the table",
                    )
                )
    return findings


def check_headings(docx: Docx, places: Places) -> list[Finding]:
    """Return findings where headings do not start at level 1 or skip a level."""
    findings, previous = [], 0
    for paragraph in docx.body.iter(w("p")):
        level = paragraph_level(paragraph, docx.sheet)
        if level is None or not paragraph_text(paragraph).strip():
            continue
        if level > previous + 1:
            expected = "level 1" if previous == 0 else f"level {previous + 1} or less"
            findings.append(
                (
                    f"{places.of(paragraph)}: heading level {level}, expected {expected}",
                    "use the heading styles in order without skipping a level",
                )
            )
        previous = level
    return findings


def check_alignment(docx: Docx, places: Places) -> list[Finding]:
    """Return findings for justified paragraphs and justified styles in use."""
    findings = []
    for paragraph in docx.body.iter(w("p")):
        if _justified(paragraph.find("w:pPr/w:jc", NS)):
            findings.append((f"{places.of(paragraph)}: justified text", "align the text left"))
    findings += _style_findings(docx, "w:pPr/w:jc", _justified, "justified text",
                                "set the style's alignment to left")
    return findings


def _justified(jc: etree._Element | None) -> bool:
    """Return True when a `w:jc` justifies text."""
    return jc is not None and jc.get(w("val")) in ("both", "distribute")


def _used_paragraph_styles(docx: Docx) -> list[str]:
    """Return the ids of the paragraph styles the body uses, in first-use order."""
    used = (paragraph_style_id(p, docx.sheet) for p in docx.body.iter(w("p")))
    return [s for s in dict.fromkeys(used) if s]


def _style_findings(docx: Docx, path: str, breaks_rule: Callable[[etree._Element | None], bool],
                    what: str, fix: str) -> list[Finding]:
    """Return a finding for each style in use whose setting at `path` breaks the rule."""
    return [(f"style '{docx.sheet.name(style_id)}': {what}", fix)
            for style_id in _styles_setting(docx, path)
            if breaks_rule(docx.sheet.find(style_id, path))]


def _styles_setting(docx: Docx, path: str) -> list[str]:
    """Return the styles that set `path` for the paragraph styles in use (each once)."""
    owners = (docx.sheet.owner(style_id, path) for style_id in _used_paragraph_styles(docx))
    return [s for s in dict.fromkeys(owners) if s]


def check_body_text(docx: Docx, places: Places) -> list[Finding]:
    """Return findings when Normal text is under 12pt or in a serif font."""
    findings = []
    normal = docx.sheet.default_paragraph
    size = _run_value(docx, normal, "w:sz")
    half_points = int(size) if size else WORD_DEFAULT_HALF_POINTS
    if half_points < MIN_BODY_HALF_POINTS:
        findings.append(
            (
                f"style 'Normal': body text is {half_points / 2:g}pt, expected 12pt or more",
                "set the Normal style's font size to 12pt or more",
            )
        )
    font = _body_font(docx, normal)
    if font and _is_serif(font):
        findings.append(
            (
                f"style 'Normal': body text font '{font}' is a serif font",
                "use a sans serif font such as Arial for the Normal style",
            )
        )
    return findings


def _run_value(docx: Docx, style_id: str | None, tag: str) -> str | None:
    """Return the `w:val` of a run property from the style chain or the defaults."""
    node = docx.sheet.find(style_id, f"w:rPr/{tag}")
    if node is None:
        node = docx.sheet.defaults(f"w:rPrDefault/w:rPr/{tag}")
    return node.get(w("val")) if node is not None else None


def _body_font(docx: Docx, style_id: str | None) -> str | None:
    """Return the Latin font of a style, resolving theme fonts."""
    fonts = docx.sheet.find(style_id, "w:rPr/w:rFonts")
    if fonts is None:
        fonts = docx.sheet.defaults("w:rPrDefault/w:rPr/w:rFonts")
    if fonts is None:
        return None
    if fonts.get(w("ascii")):
        return fonts.get(w("ascii"))
    theme = fonts.get(w("asciiTheme"), "")
    kind = "major" if theme.startswith("major") else "minor"
    node = docx.theme.find(f".//a:{kind}Font/a:latin", XML_NS) if docx.theme is not None else None
    return node.get("typeface") if node is not None else None


def _is_serif(font: str) -> bool:
    """Return True for a known serif font."""
    name = font.casefold()
    return name in SERIF_FONTS or ("serif" in name and "sans" not in name)


def check_spacing(docx: Docx, places: Places) -> list[Finding]:
    """Return findings for runs of two or more empty paragraphs and runs of spaces."""
    findings: list[Finding] = []
    empties: list[etree._Element] = []
    for child in [*docx.body, None]:
        if child is not None and child.tag == w("p") and _is_empty(child):
            empties.append(child)
            continue
        if len(empties) >= 2:
            findings.append(
                (
                    f"{places.of(empties[0])}: {len(empties)} empty paragraphs in a row",
                    "remove them; use the styles' spacing before and after instead",
                )
            )
        empties = []
    for paragraph in docx.body.iter(w("p")):
        if SPACE_RUN.search(paragraph_text(paragraph)):
            findings.append(
                (
                    f"{places.of(paragraph)}: a run of spaces used for layout",
                    "use a single space, a tab stop or indentation",
                )
            )
    return findings


def _is_empty(paragraph: etree._Element) -> bool:
    """Return True for a paragraph with no text, picture, field, page or section break."""
    if paragraph_text(paragraph).strip():
        return False
    if paragraph.xpath(LAYOUT_CONTENT, namespaces=NS):
        return False
    return not paragraph.xpath(".//w:br[@w:type='page']", namespaces=NS)


def check_links(docx: Docx, places: Places) -> list[Finding]:
    """Return findings for link text that does not say where the link goes."""
    findings = []
    for link in docx.body.iter(w("hyperlink")):
        text = " ".join(paragraph_text(link).split())
        if text.casefold().strip(".") in VAGUE_LINKS or BARE_URL.match(text):
            findings.append(
                (
                    f"{places.of(link)}: link text '{text}' does not describe its target",
                    "use link text that says where the link goes",
                )
            )
    return findings


def check_underline(docx: Docx, places: Places) -> list[Finding]:
    """Return findings for underlined text outside links."""
    findings = []
    seen = set()
    for run in docx.body.iter(w("r")):
        if ancestor(run, "hyperlink") is not None:
            continue
        place = places.of(run)
        if _underlined(run.find("w:rPr/w:u", NS)) and place not in seen:
            seen.add(place)
            findings.append(
                (
                    f"{place}: underlined text that is not a link",
                    "use bold for emphasis; keep underlining for links",
                )
            )
    findings += _style_findings(docx, "w:rPr/w:u", _underlined, "underlined text",
                                "remove the underline from the style")
    return findings


def _underlined(u: etree._Element | None) -> bool:
    """Return True when a `w:u` underlines."""
    return u is not None and u.get(w("val"), "single") != "none"


def check_contrast(docx: Docx, places: Places) -> list[Finding]:
    """Return findings for text colours with too little contrast on a white page."""
    findings = []
    for style_id in _used_paragraph_styles(docx):
        colour = _run_value(docx, style_id, "w:color")
        large = _is_large(docx, style_id)
        if _low_contrast(colour, large):
            findings.append(
                (
                    (
                        f"style '{docx.sheet.name(style_id)}': text colour #{colour} has "
                        f"contrast {_contrast(colour):.1f}:1 on white, expected "
                        f"{3 if large else 4.5}:1"
                    ),
                    "use a darker colour",
                )
            )
    for run in docx.body.iter(w("r")):
        colour = run.find("w:rPr/w:color", NS)
        value = colour.get(w("val")) if colour is not None else None
        if _low_contrast(value, False):
            findings.append(
                (
                    (
                        f"{places.of(run)}: text colour #{value} has contrast "
                        f"{_contrast(value):.1f}:1 on white"
                    ),
                    "use a darker colour",
                )
            )
    return findings


def _is_large(docx: Docx, style_id: str) -> bool:
    """Return True for large text in WCAG's sense: 18pt, or 14pt bold."""
    half_points = int(_run_value(docx, style_id, "w:sz") or WORD_DEFAULT_HALF_POINTS)
    bold = docx.sheet.find(style_id, "w:rPr/w:b")
    is_bold = bold is not None and bold.get(w("val"), "1") not in ("0", "false")
    return half_points >= 36 or (is_bold and half_points >= 28)


def _low_contrast(colour: str | None, large: bool) -> bool:
    """Return True when a hex colour is below the contrast needed on white."""
    if not colour or not re.fullmatch(r"[0-9A-Fa-f]{6}", colour):
        return False
    return _contrast(colour) < (3.0 if large else 4.5)


def _contrast(colour: str) -> float:
    """Return the WCAG contrast ratio of a hex colour against white."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


RULES = (
    check_title,
    check_language,
    check_pictures,
    check_tables,
    check_headings,
    check_alignment,
    check_body_text,
    check_spacing,
    check_links,
    check_underline,
    check_contrast,
)
