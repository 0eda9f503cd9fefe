"""Read an annual report back after it was edited in Word: paragraphs with their markup, and comments.

Tracked changes are taken as accepted (inserted text kept, deleted text dropped). Cross-references
(REF fields) come back as tokens naming the bookmark, so they can be written as `{{ ref('name') }}`.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from docx.styles import BabelFish
from lxml import etree

from report_builder.errors import ContentError, Problem, display_path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
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
class EditedDocument:
    """The body paragraphs (outside tables) and the comments of an edited .docx."""

    paragraphs: list[EditedParagraph]
    comments: dict[str, Comment]


def read_edited(path: Path) -> EditedDocument:
    """Return the paragraphs and comments of an edited .docx.

    Raises ContentError when the file is not a Word document.
    """
    try:
        with zipfile.ZipFile(path) as package:
            body = etree.fromstring(package.read("word/document.xml"))
            styles = _style_names(package)
            comments = _comments(package)
    except (OSError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError) as error:
        raise ContentError(Problem(f"cannot read the Word document: {error}", file=display_path(path),
                                   hint="give the .docx file saved from Word")) from None
    paragraphs = []
    for index, element in enumerate(body.iterfind(f".//{w('body')}/{w('p')}")):
        style_element = element.find(f"{w('pPr')}/{w('pStyle')}")
        style_id = style_element.get(w("val")) if style_element is not None else "Normal"
        plain, marked = paragraph_texts(element)
        ids = [c.get(w("id")) for c in element.iter(w("commentRangeStart"), w("commentReference"))]
        instructions = "".join(t.text or "" for t in element.iter(w("instrText")))
        has_field = bool(instructions.strip()) and not instructions.strip().upper().startswith("REF ")
        paragraphs.append(EditedParagraph(index, styles.get(style_id, style_id), plain, marked,
                                          list(dict.fromkeys(i for i in ids if i)), has_field))
    return EditedDocument(paragraphs, comments)


def paragraph_texts(paragraph: etree._Element) -> tuple[str, str]:
    """Return a paragraph's plain text and its text with **bold** and *italic* markup."""
    pieces: list[tuple[str, bool, bool]] = []
    field_depth, instruction, in_result, ref = 0, "", False, None
    for run in paragraph.iter(w("r")):
        if any(ancestor.tag in (w("del"), w("moveFrom")) for ancestor in run.iterancestors()):
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
            elif field_depth and (not in_result or ref):
                continue
            elif child.tag == w("t"):
                pieces.append((child.text or "", bold, italic))
            elif child.tag == w("tab"):
                pieces.append(("\t", False, False))
            elif child.tag in (w("br"), w("cr")):
                pieces.append((" ", False, False))
    plain = "".join(text for text, _b, _i in pieces)
    return plain, _marked(pieces)


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
        styles = etree.fromstring(package.read("word/styles.xml"))
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
        root = etree.fromstring(package.read("word/comments.xml"))
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
