"""Read an annual report back after it was edited in Word: paragraphs with their markup, tables,
text boxes, headers and footers, and comments.

Tracked changes are taken as accepted (inserted text kept, deleted text dropped). Cross-references
(REF fields) come back as tokens naming the bookmark, so they can be written as `{{ ref('name') }}`.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from docx.styles import BabelFish
from lxml import etree

from report_builder.errors import ContentError, Problem, display_path
from report_builder.packages import SAFE_XML, check_word_package

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
MAX_PARAGRAPHS = 20_000
"""More paragraphs than any annual report has (the example has about 400): refused before matching."""
NS = {"w": W}
RUNNING_PART = re.compile(r"word/(header|footer)\d*\.xml")
REF_TOKEN = re.compile(r"⟨ref:(?P<bookmark>[^⟩]+)⟩")
NUMBER_PREFIX = re.compile(r"^\d+(?:\.\d+)*\t")
HEADING_PREFIX = re.compile(r"^\d+\.\s+")


def w(tag: str) -> str:
    """Return a WordprocessingML tag in Clark notation."""
    return f"{{{W}}}{tag}"


@dataclass
class EditedParagraph:
    """A paragraph as the reader now sees it: plain text, text with **bold**/*italic* markup, its style."""

    index: int
    style: str
    plain: str
    marked: str
    comment_ids: list[str] = field(default_factory=list)
    has_field: bool = False
    """Whether the paragraph holds a field other than a cross-reference (a contents list, for example)."""


@dataclass(frozen=True)
class Comment:
    """A comment left in Word."""

    id: str
    author: str
    text: str


@dataclass
class EditedTable:
    """A table of the body: the text of each cell (header row first), and what stands around it."""

    index: int
    before: int
    """The number of body paragraphs before the table (the index of the paragraph after it)."""
    rows: list[list[str]]
    caption: str = ""
    """The text of the caption paragraph just before the table ('' when there is none)."""
    comment_ids: list[tuple[int, int, str]] = field(default_factory=list)
    """(row, column, comment id) of each comment on a cell."""


@dataclass(frozen=True)
class TextBox:
    """The text of a text box, and the index of the body paragraph it is anchored in."""

    paragraph: int
    text: str


@dataclass
class EditedDocument:
    """The body paragraphs (outside tables), tables, text boxes, header and footer texts and comments."""

    paragraphs: list[EditedParagraph]
    comments: dict[str, Comment]
    tables: list[EditedTable] = field(default_factory=list)
    text_boxes: list[TextBox] = field(default_factory=list)
    running: list[tuple[str, str]] = field(default_factory=list)
    """('header' or 'footer', text) of each paragraph with text in a header or footer, fields left out."""


def read_edited(path: Path | bytes) -> EditedDocument:
    """Return the paragraphs, tables and comments of an edited .docx (a path, or the file's bytes).

    Raises ContentError when the file is not a Word document.
    """
    shown = "the document" if isinstance(path, bytes) else display_path(path)
    check_word_package(path, shown, ContentError, links=False)
    try:
        with zipfile.ZipFile(io.BytesIO(path) if isinstance(path, bytes) else path) as package:
            body = etree.fromstring(package.read("word/document.xml"), SAFE_XML)
            styles = _style_names(package)
            comments = _comments(package)
            running = _running_texts(package)
    except (OSError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError) as error:
        raise ContentError(Problem(f"cannot read the Word document: {error}", file=shown,
                                   hint="give the .docx file saved from Word")) from None
    if body.tag == f"{{{STRICT}}}document":
        raise ContentError(Problem("the document was saved as Strict Open XML, which this tool does not read",
                                   file=shown, hint="in Word, save it again as a Word Document (.docx), not "
                                                    "'Strict Open XML Document'"))
    document = EditedDocument([], comments, running=running)
    container = body.find(w("body"))
    for element in _blocks(container) if container is not None else []:
        if element.tag == w("p"):
            document.paragraphs.append(_paragraph(element, len(document.paragraphs), styles))
            document.text_boxes += [TextBox(len(document.paragraphs) - 1, text) for text in _text_boxes(element)]
        elif element.tag == w("tbl"):
            document.tables.append(_table(element, document, styles))
        if len(document.paragraphs) > MAX_PARAGRAPHS:
            raise ContentError(Problem(f"the document has more than {MAX_PARAGRAPHS:,} paragraphs, far more than an "
                                       "annual report", file=shown,
                                       hint="give the annual report the build wrote, as edited in Word"))
    return document


def _blocks(container: etree._Element) -> Iterator[etree._Element]:
    """Yield a container's paragraphs and tables in order, reading through content controls (w:sdt)."""
    for element in container:
        if element.tag == w("sdt"):
            content = element.find(w("sdtContent"))
            if content is not None:
                yield from _blocks(content)
        elif element.tag in (w("p"), w("tbl")):
            yield element


def _paragraph(element: etree._Element, index: int, styles: dict[str, str]) -> EditedParagraph:
    """Return one body paragraph as read."""
    plain, marked = paragraph_texts(element)
    instructions = "".join(t.text or "" for t in element.iter(w("instrText")))
    has_field = bool(instructions.strip()) and not instructions.strip().upper().startswith("REF ")
    return EditedParagraph(index, styles.get(_style_id(element), _style_id(element)), plain, marked,
                           _comment_ids(element), has_field)


def _style_id(paragraph: etree._Element) -> str:
    """Return a paragraph's style id ('Normal' when it has none)."""
    style_element = paragraph.find(f"{w('pPr')}/{w('pStyle')}")
    return style_element.get(w("val")) if style_element is not None else "Normal"


def _comment_ids(element: etree._Element) -> list[str]:
    """Return the ids of the comments anchored in an element, each once."""
    ids = [c.get(w("id")) for c in element.iter(w("commentRangeStart"), w("commentReference"))]
    return list(dict.fromkeys(i for i in ids if i))


def _table(element: etree._Element, document: EditedDocument, styles: dict[str, str]) -> EditedTable:
    """Return a body table: each cell's paragraphs joined by a space; the caption just before it."""
    before = len(document.paragraphs)
    previous = document.paragraphs[-1] if document.paragraphs else None
    caption = previous.plain.strip() if previous is not None and previous.style == "Caption" else ""
    table = EditedTable(len(document.tables), before, [], caption)
    for row_number, row in enumerate(element.iterfind(w("tr"))):
        cells = []
        for column, cell in enumerate(row.iterfind(w("tc"))):
            cells.append(" ".join(paragraph_texts(p)[0].strip() for p in cell.iter(w("p"))).strip())
            table.comment_ids += [(row_number, column, i) for i in _comment_ids(cell)]
        table.rows.append(cells)
    return table


def _text_boxes(paragraph: etree._Element) -> list[str]:
    """Return the text of each text box anchored in a paragraph (a box's fallback copy left out)."""
    texts = []
    for box in paragraph.iter(w("txbxContent")):
        if any(ancestor.tag == f"{{{MC}}}Fallback" for ancestor in box.iterancestors()):
            continue
        text = " ".join(paragraph_texts(p)[0].strip() for p in box.iterfind(w("p"))).strip()
        if text:
            texts.append(text)
    return texts


def _running_texts(package: zipfile.ZipFile) -> list[tuple[str, str]]:
    """Return ('header' or 'footer', text) of each paragraph with text in the headers and footers."""
    found = []
    for name in sorted(n for n in package.namelist() if RUNNING_PART.fullmatch(n)):
        kind = RUNNING_PART.fullmatch(name).group(1)  # type: ignore[union-attr]
        for paragraph in etree.fromstring(package.read(name), SAFE_XML).iter(w("p")):
            text = " ".join(paragraph_texts(paragraph, field_results=False)[0].split())
            if text:
                found.append((kind, text))
    return found


def paragraph_texts(paragraph: etree._Element, field_results: bool = True) -> tuple[str, str]:
    """Return a paragraph's plain text and its text with **bold** and *italic* markup.

    Text boxes anchored in the paragraph are left out; so are the results of fields other than
    cross-references when field_results is False (page numbers in a footer, for example).
    """
    pieces: list[tuple[str, bool, bool]] = []
    field_depth, instruction, in_result, ref = 0, "", False, None
    for run in paragraph.iter(w("r")):
        if _skipped(run, paragraph):
            continue
        bold, italic = _flag(run, "b"), _flag(run, "i")
        for child in run:
            if child.tag == w("fldChar"):
                kind = child.get(w("fldCharType"))
                if kind == "begin":
                    field_depth, instruction, in_result, ref = field_depth + 1, "", False, None
                elif kind == "separate":
                    in_result, ref = True, _ref_bookmark(instruction)
                    if ref:
                        pieces.append((f"⟨ref:{ref}⟩", False, False))
                elif kind == "end":
                    field_depth, in_result, ref = max(field_depth - 1, 0), False, None
            elif child.tag == w("instrText"):
                instruction += child.text or ""
            elif field_depth and (not in_result or ref or not field_results):
                continue
            elif child.tag == w("t"):  # the build ties dates and "Figure 3" with no-break spaces
                pieces.append(((child.text or "").replace("\u00a0", " "), bold, italic))
            elif child.tag == w("tab"):
                pieces.append(("\t", False, False))
            elif child.tag in (w("br"), w("cr")):
                pieces.append((" ", False, False))
    plain = "".join(text for text, _b, _i in pieces)
    return plain, _marked(pieces)


def _skipped(run: etree._Element, paragraph: etree._Element) -> bool:
    """Return whether a run is deleted text (a tracked deletion or move) or in a text box of the paragraph."""
    for ancestor in run.iterancestors():
        if ancestor is paragraph:
            return False
        if ancestor.tag in (w("del"), w("moveFrom"), w("txbxContent")):
            return True
    return False


def _ref_bookmark(instruction: str) -> str | None:
    """Return the bookmark a REF field points to, or None for other fields."""
    parts = instruction.split()
    return parts[1] if len(parts) > 1 and parts[0].upper() == "REF" else None


def _flag(run: etree._Element, tag: str) -> bool:
    """Return whether a run's bold or italic property is on."""
    element = run.find(f"{w('rPr')}/{w(tag)}")
    return element is not None and element.get(w("val"), "true") not in ("0", "false", "off")


def _marked(pieces: list[tuple[str, bool, bool]]) -> str:
    """Return the text with **bold** and *italic* around runs so formatted (spaces kept outside)."""
    merged: list[list[object]] = []
    for text, bold, italic in pieces:
        if merged and merged[-1][1:] == [bold, italic]:
            merged[-1][0] = str(merged[-1][0]) + text
        else:
            merged.append([text, bold, italic])
    out = []
    for text, bold, italic in merged:
        text = str(text)
        core = text.strip()
        if not core or not (bold or italic):
            out.append(text)
            continue
        mark = "**" if bold else "*"
        lead, trail = text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]
        out.append(f"{lead}{mark}{core}{mark}{trail}")
    return "".join(out)


def _style_names(package: zipfile.ZipFile) -> dict[str, str]:
    """Return the paragraph style names by style id."""
    try:
        styles = etree.fromstring(package.read("word/styles.xml"), SAFE_XML)
    except KeyError:
        return {}
    names = {}
    for style in styles.iterfind(w("style")):
        name = style.find(w("name"))
        if name is not None:
            names[style.get(w("styleId"))] = BabelFish.internal2ui(name.get(w("val")))
    return names


def _comments(package: zipfile.ZipFile) -> dict[str, Comment]:
    """Return the document's comments by id."""
    try:
        root = etree.fromstring(package.read("word/comments.xml"), SAFE_XML)
    except KeyError:
        return {}
    found = {}
    for comment in root.iterfind(w("comment")):
        text = " ".join(paragraph_texts(p)[0] for p in comment.iterfind(w("p"))).strip()
        found[comment.get(w("id"))] = Comment(comment.get(w("id")), comment.get(w("author"), "someone"), text)
    return found


def strip_number(text: str, heading: bool = False) -> str:
    """Return text without the paragraph number ('1.2<tab>') or heading number ('3. ') the composer adds."""
    return (HEADING_PREFIX if heading else NUMBER_PREFIX).sub("", text, count=1)
