"""The agenda pack: the committee's papers as one PDF.

`make_pack` lays the front sheet, the covering report and the annual report out as one Word document
in LibreOffice (see pack_document), so the pack is one tagged PDF with one page-number scheme; further
appendices given as files follow, their pages numbered on in the same place (drawn in Helvetica from a
small content stream, marked as a pagination artifact so that screen readers skip it).
`make_agenda_pack` joins finished PDFs with a stamped header and footer, for papers made elsewhere.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from report_builder.errors import Problem, PublishError
from report_builder.files import write_file
from report_builder.publish.pack_document import FrontSheet
from report_builder.publish.pdf_safety import open_pdf, remove_active_content

FONT_NAME = "/PackStamp"
FONT_SIZE = 9
EDGE = 14.0
"""Distance in points from the page edge to the stamped text's baseline."""
LEFT = 42.0
PAGE_LABEL = "Agenda pack page {page} of {pages}"


@dataclass(frozen=True)
class PackPart:
    """One paper in the pack: the bookmark title and its PDF."""

    title: str
    pdf: Path


def make_agenda_pack(parts: list[PackPart], out_pdf: Path, header: str) -> None:
    """Write the parts as one PDF with continuous stamped page numbers and bookmarks.

    Each part gets a bookmark with its title, holding the part's own bookmarks (its headings).
    Raises PublishError naming every part that is missing or not a readable PDF.
    """
    readers = _read_parts(parts)
    writer = PdfWriter()
    for part, reader in zip(parts, readers):
        writer.append(reader, outline_item=part.title, import_outline=True)
    total = len(writer.pages)
    for number, page in enumerate(writer.pages, start=1):
        stamp_page(page, header, PAGE_LABEL.format(page=number, pages=total))
    remove_active_content(writer)
    writer.page_mode = "/UseOutlines"
    buffer = io.BytesIO()
    writer.write(buffer)
    write_file(Path(out_pdf), buffer.getvalue())


def _read_parts(parts: list[PackPart]) -> list[PdfReader]:
    """Return a reader per part. Raises PublishError listing every unreadable part."""
    if not parts:
        raise PublishError(Problem("cannot make an agenda pack without papers"))
    readers, problems = [], []
    for part in parts:
        try:
            readers.append(open_pdf(part.pdf, part.title))
        except PublishError as error:
            problems += error.problems
    if problems:
        raise PublishError(problems)
    return readers


def stamp_page(page: PageObject, header: str, footer: str) -> None:
    """Draw the header at the top and the footer at the bottom of the page, over its content."""
    if page.rotation:
        page.transfer_rotation_to_content()
    box = page.cropbox
    left, bottom = float(box.left), float(box.bottom)
    width, height = float(box.width), float(box.height)
    overlay = PageObject.create_blank_page(width=width + left, height=height + bottom)
    overlay[NameObject("/Resources")] = _font_resources()
    stream = DecodedStreamObject()
    stream.set_data(
        _text(header, left + LEFT, bottom + height - EDGE - FONT_SIZE, "Header")
        + _text(footer, left + LEFT, bottom + EDGE, "Footer")
    )
    overlay[NameObject("/Contents")] = stream
    page.merge_page(overlay)


def _font_resources() -> DictionaryObject:
    """Return page resources holding the standard Helvetica font."""
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }
    )
    return DictionaryObject({NameObject("/Font"): DictionaryObject({NameObject(FONT_NAME): font})})


def _text(text: str, x: float, y: float, kind: str) -> bytes:
    """Return content-stream operators drawing `text` at (x, y) as a pagination artifact."""
    return (
        (
            f"/Artifact <</Type /Pagination /Subtype /{kind}>> BDC q 0 g BT "
            f"{FONT_NAME} {FONT_SIZE} Tf {x:.2f} {y:.2f} Td ("
        ).encode("ascii")
        + _pdf_string(text)
        + b") Tj ET Q EMC\n"
    )


def _pdf_string(text: str) -> bytes:
    """Return the text in WinAnsi encoding, escaped for a PDF literal string."""
    raw = text.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def pdf_page_count(path: Path) -> int:
    """Return the number of pages of a PDF."""
    return len(PdfReader(path).pages)


def pdf_text(path: Path) -> list[str]:
    """Return the extracted text of each page of a PDF."""
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def pdf_outline_titles(path: Path) -> list[tuple[int, str]]:
    """Return the PDF's bookmarks as (depth, title) in order, depth 0 at the top."""
    reader = PdfReader(path)
    found: list[tuple[int, str]] = []

    def walk(items: list, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, str(item.title)))

    walk(reader.outline, 0)
    return found


@dataclass(frozen=True)
class PackInputs:
    """What the agenda pack is made from: the front sheet, the two papers (as .docx and their own PDFs) and
    any further appendices as PDFs."""

    front: FrontSheet
    covering: PackPart
    """The covering report: its .docx is `pdf.with_suffix('.docx')` beside its PDF."""
    annual: PackPart
    appendices: list[PackPart]
    author: str
    created: datetime


def make_pack(inputs: PackInputs, covering_docx: Path, annual_docx: Path, out_pdf: Path, staging: Path) -> None:
    """Write the agenda pack as one tagged PDF laid out by LibreOffice: front sheet, covering report, annual
    report, one page-number scheme; further appendices follow, numbered on in the same place.

    Raises PublishError when a paper cannot be read or LibreOffice fails.
    """
    from report_builder.publish.libreoffice import export_pdf
    from report_builder.publish.pack_document import PackPaper, pack_document
    from report_builder.word.package import save_docx

    readers = _read_parts([inputs.covering, inputs.annual, *inputs.appendices])
    covering_pages, annual_pages = len(readers[0].pages), len(readers[1].pages)
    extra = sum(len(r.pages) for r in readers[2:])
    document = pack_document(inputs.front, [PackPaper(inputs.covering.title, covering_docx),
                                            PackPaper(inputs.annual.title, annual_docx)],
                             inputs.author, inputs.created, pages_before=[1, 1 + covering_pages])
    total = 1 + covering_pages + annual_pages + extra
    if extra:
        _total_pages_as_text(document, total)
    source = staging / "pack.docx"
    save_docx(document, source)
    laid_out = staging / "pack-papers.pdf"
    export_pdf(source, laid_out)
    reader = PdfReader(laid_out)
    writer = PdfWriter(clone_from=reader)  # keeps the structure tree, language and title
    writer.page_mode = "/UseOutlines"
    first = len(writer.pages)
    starts = [("Front sheet", 0), (inputs.covering.title, 1), (inputs.annual.title, 1 + covering_pages)]
    _outline_by_paper(writer, reader, starts, first)
    for part, reader in zip(inputs.appendices, readers[2:]):
        writer.append(reader, outline_item=part.title, import_outline=False)
    for number in range(first, len(writer.pages)):
        stamp_page(writer.pages[number], "", PAGE_OF.format(page=number + 1, pages=total))
    remove_active_content(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    write_file(Path(out_pdf), buffer.getvalue())


PAGE_OF = "Page {page} of {pages}"


def _outline_by_paper(writer: PdfWriter, reader: PdfReader, starts: list[tuple[str, int]], end: int) -> None:
    """Replace the laid-out PDF's bookmarks (its headings) with one bookmark per paper holding its headings."""
    headings: list[tuple[int, str, int]] = []

    def walk(items: list, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                headings.append((depth, str(item.title), reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    if NameObject("/Outlines") in writer._root_object:
        del writer._root_object[NameObject("/Outlines")]
    bounds = [*(start for _title, start in starts[1:]), end]
    for (title, start), stop in zip(starts, bounds):
        parents = [writer.add_outline_item(title=title, page_number=start)]
        for depth, heading, page in headings:
            if start <= page < stop:
                parents = parents[: depth + 1]
                parents.append(writer.add_outline_item(title=heading, page_number=page, parent=parents[-1]))


def _total_pages_as_text(document, total: int) -> None:  # type: ignore[no-untyped-def]
    """Write the pack's page count into its footers as text (LibreOffice counts only the pages it lays out,
    not the appendices added after)."""
    from docx.oxml.ns import qn

    for section in document.sections:
        for part in (section.footer, section.first_page_header):
            for instruction in part._element.iter(qn("w:instrText")):
                if instruction.text and instruction.text.strip().startswith("NUMPAGES"):
                    instruction.text = f" QUOTE {total} "
