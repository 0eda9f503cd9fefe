"""Word fields written as field XML with their results filled in: captions, references, contents.

A field is `w:fldChar begin`, the instruction (`w:instrText`), `w:fldChar separate`, the cached
result runs and `w:fldChar end`. The cached result is what a reader sees until the fields are
updated, so it is always the right text here (numbers come from the caller's counters).
"""

from __future__ import annotations

import re
from typing import Literal

from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.text.paragraph import Paragraph

from report_builder.word._xml import add_styled_paragraph, element, find_style, text_run

CaptionKind = Literal["Figure", "Table"]
CAPTION_KINDS: tuple[str, ...] = ("Figure", "Table")
BOOKMARK_PATTERN = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,39}$")
TOC_PLACEHOLDER = "The contents will appear here when the document's fields are updated."
FIGURES_PLACEHOLDER = "The list will appear here when the document's fields are updated."
SETTINGS_AFTER_UPDATE = (
    "w:hdrShapeDefaults",
    "w:footnotePr",
    "w:endnotePr",
    "w:compat",
    "w:docVars",
    "w:rsids",
    "m:mathPr",
    "w:attachedSchema",
    "w:themeFontLang",
    "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures",
    "w:forceUpgrade",
    "w:captions",
    "w:readModeInkLockDown",
    "w:smartTagType",
    "sl:schemaLibrary",
    "w:shapeDefaults",
    "w:doNotEmbedSmartTags",
    "w:decimalSymbol",
    "w:listSeparator",
)
"""The settings.xml children that must follow `w:updateFields` (ECMA-376 order)."""


def field_runs(instruction: str, result: list[BaseOxmlElement]) -> list[BaseOxmlElement]:
    """Return the runs of a complex field: begin, instruction, separate, `result`, end."""
    instruction_text = element("w:instrText")
    instruction_text.text = f" {instruction.strip()} "
    instruction_text.set(qn("xml:space"), "preserve")
    return [
        _char_run("begin"),
        _wrap_run(instruction_text),
        _char_run("separate"),
        *result,
        _char_run("end"),
    ]


def _char_run(kind: str) -> BaseOxmlElement:
    """Return a run holding `w:fldChar` of the given type."""
    return _wrap_run(element("w:fldChar", fldCharType=kind))


def _wrap_run(child: BaseOxmlElement) -> BaseOxmlElement:
    """Return a `w:r` holding `child`."""
    run = element("w:r")
    run.append(child)
    return run


def append_field(paragraph: Paragraph, instruction: str, result: str) -> None:
    """Append a field with `instruction` and cached `result` text to the paragraph."""
    for run in field_runs(instruction, [text_run(result)]):
        paragraph._p.append(run)


def bookmark_name(name: str) -> str:
    """Return a valid hidden Word bookmark name for a report name: 'rate per 10k' -> '_Ref_rate_per_10k'."""
    cleaned = re.sub(r"[^A-Za-z0-9_]", "_", name.strip())
    return f"_Ref_{cleaned}"[:40]


def check_bookmark(bookmark: str) -> str:
    """Return the bookmark name unchanged. Raises ValueError when Word would reject it."""
    if not BOOKMARK_PATTERN.match(bookmark):
        raise ValueError(
            "expected a bookmark name of up to 40 letters, digits or underscores not starting "
            f"with a digit, got {bookmark!r} (bookmark_name() makes one from any name)"
        )
    return bookmark


def next_bookmark_id(document: DocumentObject) -> int:
    """Return one more than the largest bookmark id in the document body (1 when none)."""
    ids = document.element.body.xpath("//w:bookmarkStart/@w:id")
    return max((int(i) for i in ids if i.lstrip("-").isdigit()), default=0) + 1


def add_seq_caption(
    document: DocumentObject, kind: CaptionKind, number: int, title: str, bookmark: str
) -> Paragraph:
    """Return an appended caption "Figure 3: title" whose label and number are bookmarked.

    The number is a `SEQ kind` field with `number` as its result; the bookmark wraps
    "Figure 3" so that a REF field to it reads "Figure 3". Raises ValueError for an unknown
    kind or an invalid bookmark name.
    """
    if kind not in CAPTION_KINDS:
        raise ValueError(f"expected a caption kind of {' or '.join(CAPTION_KINDS)}, got {kind!r}")
    paragraph = add_styled_paragraph(document, "Caption")
    paragraph.paragraph_format.keep_with_next = True
    mark_id = str(next_bookmark_id(document))
    p = paragraph._p
    p.append(element("w:bookmarkStart", id=mark_id, name=check_bookmark(bookmark)))
    p.append(text_run(f"{kind}\u00a0"))  # "Figure 3" never breaks across lines
    for run in field_runs(f"SEQ {kind} \\* ARABIC", [text_run(str(number))]):
        p.append(run)
    p.append(element("w:bookmarkEnd", id=mark_id))
    p.append(text_run(f": {title}"))
    return paragraph


def add_ref(paragraph: Paragraph, bookmark: str, text: str) -> None:
    """Append a cross-reference `REF bookmark \\h` showing `text` (e.g. "Figure 3")."""
    append_field(paragraph, f"REF {check_bookmark(bookmark)} \\h", text)


def add_toc(document: DocumentObject, levels: int = 2, title: str = "Contents") -> Paragraph:
    """Return the appended contents field paragraph (headings 1 to `levels`), after its title.

    The title uses the "TOC Heading" style when the document has it, so that it is not itself
    a heading in the contents. Raises ValueError when `levels` is not 1 to 9.
    """
    if not 1 <= levels <= 9:
        raise ValueError(f"expected contents levels from 1 to 9, got {levels}")
    _add_list_title(document, title)
    return _add_index_field(document, f'TOC \\o "1-{levels}" \\h \\z \\u', TOC_PLACEHOLDER)


def add_table_of_figures(
    document: DocumentObject, kind: CaptionKind, title: str | None = None
) -> Paragraph:
    """Return the appended list of figures or tables field paragraph (`TOC \\h \\z \\c "kind"`)."""
    if kind not in CAPTION_KINDS:
        raise ValueError(f"expected a caption kind of {' or '.join(CAPTION_KINDS)}, got {kind!r}")
    if title:
        _add_list_title(document, title)
    return _add_index_field(document, f'TOC \\h \\z \\c "{kind}"', FIGURES_PLACEHOLDER)


def _add_list_title(document: DocumentObject, title: str) -> Paragraph:
    """Return an appended title for a contents list, in "TOC Heading" style when defined."""
    style = find_style(document, "TOC Heading")
    paragraph = add_styled_paragraph(document, "TOC Heading")
    paragraph.add_run(title).bold = style is None
    return paragraph


def _add_index_field(document: DocumentObject, instruction: str, placeholder: str) -> Paragraph:
    """Return an appended paragraph holding an index field with a placeholder result."""
    paragraph = document.add_paragraph()
    append_field(paragraph, instruction, placeholder)
    return paragraph


def add_page_number_fields(paragraph: Paragraph, pattern: str = "Page {page} of {pages}") -> None:
    """Append "Page X of Y" to the paragraph, X and Y being PAGE and NUMPAGES fields."""
    fields = {"page": "PAGE", "pages": "NUMPAGES"}
    for piece in re.split(r"(\{page\}|\{pages\})", pattern):
        name = piece.strip("{}")
        if piece.startswith("{") and name in fields:
            append_field(paragraph, f"{fields[name]} \\* Arabic", "1")
        elif piece:
            paragraph._p.append(text_run(piece))


def set_update_fields_on_open(document: DocumentObject) -> None:
    """Ask Word to update every field when the document is opened (`w:updateFields`)."""
    settings = document.settings.element
    for old in settings.findall(qn("w:updateFields")):
        settings.remove(old)
    settings.insert_element_before(element("w:updateFields", val="true"), *SETTINGS_AFTER_UPDATE)
