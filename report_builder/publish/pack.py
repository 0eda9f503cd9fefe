"""The agenda pack: the committee's papers as one PDF, stamped and bookmarked.

Each page gets the pack header (committee, meeting date, agenda item) at the top and
"Agenda pack page N of M" at the bottom, drawn in Helvetica from a small content stream and
marked as a pagination artifact so that screen readers skip it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.errors import PdfReadError
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from report_builder.errors import Problem, PublishError, display_path
from report_builder.word.package import atomic_write_bytes

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
    writer.page_mode = "/UseOutlines"
    buffer = io.BytesIO()
    writer.write(buffer)
    atomic_write_bytes(Path(out_pdf), buffer.getvalue())


def _read_parts(parts: list[PackPart]) -> list[PdfReader]:
    """Return a reader per part. Raises PublishError listing every unreadable part."""
    if not parts:
        raise PublishError(Problem("cannot make an agenda pack without papers"))
    readers, problems = [], []
    for part in parts:
        try:
            readers.append(PdfReader(part.pdf))
        except (OSError, PdfReadError) as error:
            problems.append(
                Problem(
                    f"cannot read paper '{part.title}' for the agenda pack: {error}",
                    file=display_path(part.pdf),
                    hint="build the paper's PDF first",
                )
            )
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
