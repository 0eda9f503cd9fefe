"""Class 3: nothing a document links to is fetched. Templates and appendices that link to an image (over
HTTP or as a file elsewhere) are refused where the link is; and LibreOffice, the second wall, runs
with linked files blocked, so even a document that reached it fetches nothing.

A listener on 127.0.0.1 stands where the links point and must receive nothing.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from pypdf import PdfReader

from report_builder.publish.libreoffice import libreoffice_available, update_indexes_and_export
from report_builder.templates_default import annual_report_template
from report_builder.word.package import docx_bytes

NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)


class Listener:
    """A TCP listener on 127.0.0.1 that records every connection made to it."""

    def __init__(self) -> None:
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.socket.settimeout(0.2)
        self.port = self.socket.getsockname()[1]
        self.received: list[bytes] = []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stopping.is_set():
            try:
                connection, _address = self.socket.accept()
            except TimeoutError:
                continue
            with connection:
                connection.settimeout(1)
                try:
                    self.received.append(connection.recv(4096) or b"(connected)")
                except OSError:
                    self.received.append(b"(connected)")

    def stop(self) -> None:
        self.stopping.set()
        self.thread.join()
        self.socket.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    listening = Listener()
    yield listening
    listening.stop()


def linked_picture(part, target: str) -> object:  # type: ignore[no-untyped-def]
    """Return a run showing a picture that is linked (r:link), not embedded, from the part."""
    rid = part.relate_to(target, RT.IMAGE, is_external=True)
    return parse_xml(
        f'<w:r {NAMESPACES}><w:drawing><wp:inline><wp:extent cx="914400" cy="914400"/>'
        '<wp:docPr id="77" name="Linked picture" descr="A linked picture"/><a:graphic>'
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr>'
        '<pic:cNvPr id="77" name="linked.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill>'
        f'<a:blip r:link="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm>'
        '<a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
        "</a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
    )


def document_linking_to(body: str, header: str) -> bytes:
    """Return a .docx whose body and header each show a picture linked to the given targets."""
    document = annual_report_template()
    document.paragraphs[0]._p.append(linked_picture(document.part, body))
    header_part = document.sections[0].header
    header_part.paragraphs[0]._p.append(linked_picture(header_part.part, header))
    return docx_bytes(document)


def image_file(folder: Path) -> Path:
    """Write a small PNG outside the report, the file a link would pull in."""
    from PIL import Image

    path = folder / "outside.png"
    Image.new("RGB", (40, 40), (200, 0, 0)).save(path)
    return path


@pytest.mark.libreoffice
@pytest.mark.skipif(not libreoffice_available(), reason="needs LibreOffice")
def test_libreoffice_fetches_nothing_a_document_links_to(tmp_path: Path, listener: Listener) -> None:
    picture = image_file(tmp_path)
    url = f"http://127.0.0.1:{listener.port}"
    source = tmp_path / "linked.docx"
    source.write_bytes(document_linking_to(f"{url}/body.png", picture.as_uri()))
    update_indexes_and_export(source, None, tmp_path / "linked.pdf")
    assert listener.received == []
    assert sum(len(page.images) for page in PdfReader(tmp_path / "linked.pdf").pages) == 0
