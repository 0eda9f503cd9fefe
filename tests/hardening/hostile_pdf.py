"""Hostile PDFs built in the tests: encrypted, empty, a decompression bomb, and full of active content."""

from __future__ import annotations

import io
import zlib
from pathlib import Path

from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    EncodedStreamObject,
    FloatObject,
    NameObject,
    NumberObject,
    TextStringObject,
)


def plain(pages: int = 1) -> PdfWriter:
    """Return a writer with blank A4 pages."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    return writer


def written(writer: PdfWriter, path: Path) -> Path:
    """Write the PDF to path and return it."""
    buffer = io.BytesIO()
    writer.write(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def encrypted(path: Path, algorithm: str, user: str = "user") -> Path:
    """Write a one-page PDF encrypted with the algorithm (user password '' for owner-password-only)."""
    writer = plain()
    writer.encrypt(user_password=user, owner_password="owner", algorithm=algorithm)
    return written(writer, path)


def aes_marked(path: Path) -> Path:
    """Write a PDF whose encryption dictionary says AES-256 (as a reader without the cipher meets it)."""
    data = encrypted(path, "RC4-128").read_bytes()
    data = data.replace(b"/V 2", b"/V 5").replace(b"/R 3", b"/R 6")
    path.write_bytes(data)
    return path


def no_pages(path: Path) -> Path:
    return written(PdfWriter(), path)


def bomb(path: Path, megabytes: int = 120) -> Path:
    """Write a one-page PDF whose content stream is 150 KB that expands to megabytes of spaces."""
    compressor = zlib.compressobj(9)
    chunk = b" " * (1024 * 1024)
    data = b"".join(compressor.compress(chunk) for _ in range(megabytes)) + compressor.flush()
    writer = plain()
    stream = EncodedStreamObject()
    stream._data = data
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    writer.pages[0][NameObject("/Contents")] = writer._add_object(stream)
    return written(writer, path)


def action(kind: str, **entries: str) -> DictionaryObject:
    """Return an action dictionary of the kind (JavaScript, Launch, URI …)."""
    found = DictionaryObject({NameObject("/Type"): NameObject("/Action"), NameObject("/S"): NameObject(f"/{kind}")})
    for key, value in entries.items():
        found[NameObject(f"/{key}")] = TextStringObject(value)
    return found


def link(writer: PdfWriter, page: DictionaryObject, rectangle: tuple[int, ...], act: DictionaryObject) -> None:
    """Add a link annotation doing the action to the page."""
    annotation = DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Link"),
        NameObject("/Rect"): ArrayObject([FloatObject(v) for v in rectangle]), NameObject("/A"): act,
        NameObject("/AA"): DictionaryObject({NameObject("/E"): action("JavaScript", JS="app.alert('enter')")}),
    })
    annotations = page.get("/Annots") or ArrayObject()
    annotations.append(writer._add_object(annotation))
    page[NameObject("/Annots")] = annotations


def active(path: Path) -> Path:
    """Write a two-page PDF carrying every kind of active content, and one web link that is kept."""
    writer = plain(2)
    root = writer._root_object
    root[NameObject("/OpenAction")] = action("JavaScript", JS="app.launchURL('http://127.0.0.1:9/open', true);")
    root[NameObject("/AA")] = DictionaryObject({NameObject("/WC"): action("JavaScript", JS="app.alert('close')")})
    script = DecodedStreamObject()
    script.set_data(b"app.launchURL('http://127.0.0.1:9/names', true);")
    names = DictionaryObject({NameObject("/Names"): ArrayObject([TextStringObject("start"), writer._add_object(
        action("JavaScript", JS="app.launchURL('http://127.0.0.1:9/doc', true);"))])})
    files = DictionaryObject({NameObject("/Names"): ArrayObject([TextStringObject("payload.exe"), writer._add_object(
        DictionaryObject({NameObject("/Type"): NameObject("/Filespec"), NameObject("/F"): TextStringObject("x")}))])})
    root[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): names, NameObject("/EmbeddedFiles"): files})
    first, second = writer.pages
    first[NameObject("/AA")] = DictionaryObject({NameObject("/O"): action("JavaScript", JS="app.launchURL('x')")})
    link(writer, first, (10, 10, 100, 30), action("Launch", F="cmd.exe"))
    link(writer, first, (10, 40, 100, 60), action("JavaScript", JS="app.launchURL('http://127.0.0.1:9/link')"))
    link(writer, first, (10, 70, 100, 90), action("URI", URI="file:///etc/passwd"))
    link(writer, first, (10, 100, 100, 120), action("SubmitForm", F="http://127.0.0.1:9/submit"))
    link(writer, second, (10, 10, 100, 30), action("URI", URI="https://www.gov.uk/kept"))
    attachment = DictionaryObject({NameObject("/Type"): NameObject("/Annot"),
                                   NameObject("/Subtype"): NameObject("/FileAttachment"),
                                   NameObject("/Rect"): ArrayObject([NumberObject(0)] * 4)})
    second[NameObject("/Annots")].append(writer._add_object(attachment))
    bookmark = writer.add_outline_item(title="Run", page_number=0)
    bookmark.get_object()[NameObject("/A")] = action("JavaScript", JS="app.launchURL('http://127.0.0.1:9/mark')")
    return written(writer, path)
