"""Fill the results of a document's contents fields with page numbers computed elsewhere.

LibreOffice lays the document out and reports each index's lines ("Heading text<TAB>page");
here those lines become the cached result of the matching TOC field in the original document,
as Word writes it: one paragraph per entry, a hyperlink to a `_Toc` bookmark on the heading and
a PAGEREF field holding the page number. The TOC field itself stays, so Word can update it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

from docx.document import Document as DocumentObject
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from lxml import etree

from report_builder.errors import Problem, PublishError
from report_builder.word._xml import text_width
from report_builder.word.stylesheet import NS, StyleSheet, paragraph_level, paragraph_text, w

TWIPS_PER_EMU = 1 / 635
INDENT_PER_LEVEL = 220
LEVELS = re.compile(r'\\o\s+"(\d)-(\d)"')
BOOKMARK_NAMES = etree.XPath("//w:bookmarkStart/@w:name", namespaces=NS)
BOOKMARK_IDS = etree.XPath("//w:bookmarkStart/@w:id", namespaces=NS)
CAPTION = re.compile(r'\\c\s+"?([^"\\]+?)"?(\s|$)')


@dataclass(frozen=True)
class Entry:
    """One line of a refreshed index: the text shown, the page number and the target paragraph."""

    text: str
    page: str
    target: etree._Element
    level: int


@dataclass(frozen=True)
class TocField:
    """A TOC field in the body: its instruction and its `begin` and `end` runs."""

    instruction: str
    begin: etree._Element
    end: etree._Element


def find_toc_fields(body: etree._Element) -> list[TocField]:
    """Return the body's outermost TOC fields in document order."""
    found: list[TocField] = []
    stack: list[list] = []
    for node in body.iter(w("fldChar"), w("instrText")):
        kind = node.get(w("fldCharType"))
        if node.tag == w("instrText") and stack:
            stack[-1][1] += node.text or ""
        elif kind == "begin":
            stack.append([node.getparent(), ""])
        elif kind == "end" and stack:
            begin, instruction = stack.pop()
            if not stack and instruction.strip().startswith("TOC"):
                found.append(TocField(instruction.strip(), begin, node.getparent()))
    return found


def fill_contents(document: DocumentObject, indexes: list[list[str]]) -> int:
    """Return how many TOC fields were filled from `indexes` (one list of lines per field).

    Raises PublishError when the indexes do not match the document's TOC fields.
    """
    body = document.element.body
    fields = find_toc_fields(body)
    if len(fields) != len(indexes):
        raise _mismatch(f"{len(fields)} contents fields in the document, {len(indexes)} indexes")
    sheet = StyleSheet(document.styles.element)
    width = round(text_width(document) * TWIPS_PER_EMU)
    for field, lines in zip(fields, indexes):
        entries = _entries(field, lines, _targets(body, field, sheet))
        _replace_result(field, [_entry_xml(e, sheet, width, _bookmark(e, body)) for e in entries])
    return len(fields)


def _mismatch(detail: str) -> PublishError:
    """Return the error raised when LibreOffice's indexes do not fit the document."""
    return PublishError(
        Problem(
            f"cannot fill the contents page: {detail}",
            hint="build again; if it persists, report it with the .docx attached",
        )
    )


def _targets(
    body: etree._Element, field: TocField, sheet: StyleSheet
) -> list[tuple[etree._Element, int]]:
    """Return the paragraphs a TOC field lists, with their levels, in document order."""
    inside = set(_result_paragraphs(field))
    caption = CAPTION.search(field.instruction)
    levels = LEVELS.search(field.instruction)
    low, high = (int(levels.group(1)), int(levels.group(2))) if levels else (1, 9)
    found = []
    for paragraph in body.iter(w("p")):
        if paragraph in inside or not paragraph_text(paragraph).strip():
            continue
        if caption:
            if _has_sequence(paragraph, caption.group(1)):
                found.append((paragraph, 1))
            continue
        level = paragraph_level(paragraph, sheet)
        if level is not None and low <= level <= high:
            found.append((paragraph, level))
    return found


def _has_sequence(paragraph: etree._Element, label: str) -> bool:
    """Return True when the paragraph holds a `SEQ label` field (a caption)."""
    pattern = re.compile(rf"^\s*SEQ\s+{re.escape(label)}\b")
    return any(pattern.match(node.text or "") for node in paragraph.iter(w("instrText")))


def _entries(
    field: TocField, lines: list[str], targets: list[tuple[etree._Element, int]]
) -> list[Entry]:
    """Return the entries pairing LibreOffice's lines with the document's target paragraphs.

    Raises PublishError when the number or the text of the entries differs.
    """
    lines = [line for line in lines if line.strip()]
    if len(lines) != len(targets):
        raise _mismatch(
            f"'{field.instruction}' lists {len(lines)} entries in LibreOffice but the document "
            f"has {len(targets)}"
        )
    entries = []
    for line, (paragraph, level) in zip(lines, targets):
        text, _, page = line.rpartition("\t")
        expected = _normal(paragraph_text(paragraph))
        if not _normal(text).endswith(expected):
            raise _mismatch(f"expected an entry for '{expected}', got '{text}'")
        entries.append(Entry(text.strip(), page.strip(), paragraph, level))
    return entries


def _normal(text: str) -> str:
    """Return text with runs of white space as one space, trimmed."""
    return " ".join(text.split())


def contents_paragraphs(field: TocField) -> list[etree._Element]:
    """Return the paragraphs holding a contents field's entries (its result)."""
    return _result_paragraphs(field)


def _result_paragraphs(field: TocField) -> list[etree._Element]:
    """Return the paragraphs from the one holding the field's begin to the one holding its end."""
    first, last = _paragraph_of(field.begin), _paragraph_of(field.end)
    paragraphs = [first]
    while paragraphs[-1] is not last:
        following = paragraphs[-1].getnext()
        if following is None:
            raise _mismatch(f"the field '{field.instruction}' does not end where it began")
        paragraphs.append(following)
    return [p for p in paragraphs if p.tag == w("p")]


def _paragraph_of(run: etree._Element) -> etree._Element:
    """Return the paragraph holding a run (through hyperlinks and the like)."""
    node = run
    while node is not None and node.tag != w("p"):
        node = node.getparent()
    if node is None:
        raise _mismatch("a contents field lies outside a paragraph")
    return node


def _bookmark(entry: Entry, body: etree._Element) -> str:
    """Return the name of a `_Toc` bookmark around the target paragraph, adding one if needed."""
    for start in entry.target.findall("w:bookmarkStart", NS):
        if start.get(w("name"), "").startswith("_Toc"):
            return start.get(w("name"))
    names = set(BOOKMARK_NAMES(body))
    ids = [int(i) for i in BOOKMARK_IDS(body) if i.isdigit()]
    number = next(n for n in range(1, len(names) + 2) if f"_Toc{n:09d}" not in names)
    name, mark_id = f"_Toc{number:09d}", str(max(ids, default=0) + 1)
    start = parse_xml(f'<w:bookmarkStart {nsdecls("w")} w:id="{mark_id}" w:name="{name}"/>')
    end = parse_xml(f'<w:bookmarkEnd {nsdecls("w")} w:id="{mark_id}"/>')
    properties = entry.target.find("w:pPr", NS)
    entry.target.insert(0 if properties is None else 1, start)
    entry.target.append(end)
    return name


def _entry_xml(entry: Entry, sheet: StyleSheet, width: int, bookmark: str) -> etree._Element:
    """Return one contents entry paragraph: linked text, a dotted tab and the page number."""
    style_id = _entry_style(sheet, entry)
    style = f'<w:pStyle w:val="{style_id}"/>' if style_id else ""
    indent = "" if style_id else f'<w:ind w:left="{INDENT_PER_LEVEL * (entry.level - 1)}"/>'
    page = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> PAGEREF {bookmark} \\h </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r><w:t>{escape(entry.page)}</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    return parse_xml(
        f'<w:p {nsdecls("w")}><w:pPr>{style}<w:tabs><w:tab w:val="right" w:leader="dot" '
        f'w:pos="{width}"/></w:tabs>{indent}</w:pPr>'
        f'<w:hyperlink w:anchor="{bookmark}" w:history="1">'
        f'<w:r><w:t xml:space="preserve">{escape(entry.text)}</w:t></w:r><w:r><w:tab/></w:r>'
        f"{page}</w:hyperlink></w:p>"
    )


def _entry_style(sheet: StyleSheet, entry: Entry) -> str | None:
    """Return the id of the template's "toc N" (or "table of figures") style, if it has one."""
    is_caption = paragraph_level(entry.target, sheet) is None
    wanted = "table of figures" if is_caption else f"toc {entry.level}"
    return sheet.id_named(wanted)


def _replace_result(field: TocField, entries: list[etree._Element]) -> None:
    """Replace the field's paragraphs with the entries, the field's begin in the first, end in the last."""
    old = _result_paragraphs(field)
    first, last = old[0], old[-1]
    before = _children_before(first, field.begin)
    after = _children_after(last, field.end)
    code = _field_code(field)
    if not entries:
        entries = [parse_xml(f"<w:p {nsdecls('w')}/>")]
    _prepend_runs(entries[0], before + code)
    for node in [field.end, *after]:
        entries[-1].append(node)
    first.addprevious(entries[0])
    anchor = entries[0]
    for entry in entries[1:]:
        anchor.addnext(entry)
        anchor = entry
    for paragraph in old:
        paragraph.getparent().remove(paragraph)


def _field_code(field: TocField) -> list[etree._Element]:
    """Return the field's runs from begin to separate (its code), detached from the document."""
    runs = [field.begin]
    node = field.begin.getnext()
    while node is not None:
        runs.append(node)
        if node.find("w:fldChar", NS) is not None:
            break
        node = node.getnext()
    return runs


def _children_before(paragraph: etree._Element, run: etree._Element) -> list[etree._Element]:
    """Return the paragraph's content before `run` (not its properties)."""
    result = []
    for child in paragraph:
        if child is run:
            break
        if child.tag != w("pPr"):
            result.append(child)
    return result


def _children_after(paragraph: etree._Element, run: etree._Element) -> list[etree._Element]:
    """Return the paragraph's content after `run`."""
    children = list(paragraph)
    return children[children.index(run) + 1 :] if run in children else []


def _prepend_runs(paragraph: etree._Element, runs: list[etree._Element]) -> None:
    """Insert runs at the start of the paragraph's content, after its properties."""
    position = 1 if paragraph.find("w:pPr", NS) is not None else 0
    for offset, run in enumerate(runs):
        paragraph.insert(position + offset, run)
