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

from report_builder.errors import PublishError
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


def field_paragraph(code: str) -> object:
    """Return a paragraph holding a field with the code (split over two runs, as Word often writes it)."""
    half = len(code) // 2
    return parse_xml(
        f'<w:p {NAMESPACES}><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve">{code[:half]}</w:instrText></w:r>'
        f'<w:r><w:instrText xml:space="preserve">{code[half:]}</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>picture</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )


def template_with_field(code: str) -> bytes:
    document = annual_report_template()
    document.paragraphs[1]._p.addnext(field_paragraph(code))
    return docx_bytes(document)


def template_with_hyperlink(url: str) -> bytes:
    document = annual_report_template()
    rid = document.part.relate_to(url, RT.HYPERLINK, is_external=True)
    document.paragraphs[1]._p.append(parse_xml(f'<w:hyperlink {NAMESPACES} r:id="{rid}"><w:r><w:t>GOV.UK</w:t></w:r>'
                                               "</w:hyperlink>"))
    return docx_bytes(document)


def use_template(report: Path, template: bytes) -> None:
    (report / "council.docx").write_bytes(template)
    path = report / "council.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("annual_report: default", "annual_report: council.docx"),
                    encoding="utf-8")


def repackaged(data: bytes, change: dict[str, tuple[bytes, bytes]]) -> bytes:
    """Return a package with, in each named entry, the first bytes replaced by the second."""
    import io
    import zipfile

    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for entry in source.infolist():
            old, new = change.get(entry.filename, (b"", b""))
            package.writestr(entry.filename, source.read(entry.filename).replace(old, new) if old else
                             source.read(entry.filename))
    return out.getvalue()


def vml_picture(url: str) -> bytes:
    """Return a template whose body shows an older (VML) picture naming its image by URL, with no relationship."""
    document = annual_report_template()
    document.paragraphs[0]._p.append(parse_xml(
        f'<w:r {NAMESPACES} xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">'
        f'<w:pict><v:shape style="width:50pt;height:50pt"><v:imagedata src="{url}" o:title="x"/></v:shape>'
        "</w:pict></w:r>"))
    return docx_bytes(document)


def alt_chunk(url: str) -> bytes:
    """Return a template holding an HTML part (altChunk) whose picture is at the URL."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    document = annual_report_template()
    html = f'<html><body><p>Imported</p><img src="{url}"></body></html>'.encode()
    part = Part(PackURI("/word/chunk.html"), "text/html", html, document.part.package)
    rid = document.part.relate_to(part, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk")
    document.element.body.insert(0, parse_xml(f'<w:altChunk {NAMESPACES} r:id="{rid}"/>'))
    return docx_bytes(document)


def disguised_links(url: str) -> dict[str, tuple[bytes, str]]:
    """Return templates that link outside themselves in less usual ways, with the message each must give."""
    linked = document_linking_to(f"{url}/body.png", f"{url}/header.png")
    rels = "word/_rels/document.xml.rels"
    picture = f"word/document.xml links to a picture outside the document ({url}/body.png)"
    return {
        "no target mode": (repackaged(linked, {rels: (b' TargetMode="External"', b"")}), picture),
        "target mode in lower case": (repackaged(linked, {rels: (b'"External"', b'"external"')}), picture),
        "embedded from a URL": (repackaged(linked, {rels: (b' TargetMode="External"', b""),
                                                    "word/document.xml": (b"r:link=", b"r:embed=")}), picture),
        "VML picture": (vml_picture(f"{url}/vml.png"),
                        f"word/document.xml links to a picture outside the document ({url}/vml.png)"),
        "altChunk": (alt_chunk(f"{url}/chunk.png"), "word/document.xml holds a part in another format"),
        "field named by a QUOTE field": (template_with_field(f' QUOTE "INCLUDEPICTURE" "{url}/q.png" '),
                                         "word/document.xml holds an INCLUDEPICTURE field"),
    }


DISGUISES = ["no target mode", "target mode in lower case", "embedded from a URL", "VML picture", "altChunk",
             "field named by a QUOTE field"]


@pytest.mark.parametrize("case", DISGUISES)
def test_a_link_in_disguise_is_refused_where_it_is(small_report: Path, tmp_path: Path, listener: Listener,
                                                   case: str) -> None:
    from .conftest import Unchanged, run_cli

    template, place = disguised_links(f"http://127.0.0.1:{listener.port}")[case]
    use_template(small_report, template)
    with Unchanged(tmp_path, small_report / "out", small_report / "figures"):
        outcome = run_cli("template", "check", small_report / "council.docx", seconds=60)
    assert outcome.exit_code == 1, outcome.output
    assert f"council.docx: {place}" in outcome.stderr, outcome.output
    assert listener.received == []


@pytest.mark.libreoffice
@pytest.mark.skipif(not libreoffice_available(), reason="needs LibreOffice")
@pytest.mark.parametrize("case", DISGUISES)
def test_libreoffice_fetches_nothing_a_link_in_disguise_points_to(tmp_path: Path, listener: Listener,
                                                                  case: str) -> None:
    source = tmp_path / "disguised.docx"
    source.write_bytes(disguised_links(f"http://127.0.0.1:{listener.port}")[case][0])
    try:
        update_indexes_and_export(source, None, tmp_path / "disguised.pdf", timeout=120)
    except PublishError:
        pass  # a document LibreOffice cannot read fetches nothing either
    assert listener.received == []


def linking_templates(port: int, picture: Path) -> dict[str, tuple[bytes, list[str]]]:
    """Return templates that would fetch, with the places their messages must name."""
    url = f"http://127.0.0.1:{port}"
    return {
        "linked pictures over http": (document_linking_to(f"{url}/body.png", f"{url}/header.png"),
                                      [f"word/document.xml links to a picture outside the document ({url}/body.png)",
                                       f"word/header1.xml links to a picture outside the document ({url}/header.png)"]),
        "linked picture from a file": (document_linking_to(picture.as_uri(), picture.as_uri()),
                                       [f"word/document.xml links to a picture outside the document ({picture.as_uri()})"]),
        "INCLUDEPICTURE field": (template_with_field(f' INCLUDEPICTURE "{url}/field.png" \\d '),
                                 ["word/document.xml holds an INCLUDEPICTURE field, which pulls in a file"]),
        "INCLUDETEXT field": (template_with_field(f' INCLUDETEXT "{picture.parent / "secret.txt"}" '),
                              ["word/document.xml holds an INCLUDETEXT field"]),
    }


@pytest.mark.parametrize("case", ["linked pictures over http", "linked picture from a file", "INCLUDEPICTURE field",
                                  "INCLUDETEXT field"])
def test_a_template_that_links_outside_itself_is_refused_where_the_link_is(small_report: Path, tmp_path: Path,
                                                                           listener: Listener, case: str) -> None:
    from .conftest import Unchanged, papers_in, run_cli

    template, places = linking_templates(listener.port, image_file(tmp_path))[case]
    use_template(small_report, template)
    with Unchanged(tmp_path, small_report / "out", small_report / "figures"):
        for command in (["template", "check", small_report / "council.docx"], ["check", small_report, "--no-documents"],
                        ["build", small_report, "--out", small_report / "out", "--figures", small_report / "figures",
                         "--draft"]):
            outcome = run_cli(*command, seconds=60)
            assert outcome.exit_code == 1, outcome.output
            for place in places:
                assert f"council.docx: {place}" in outcome.output, (place, outcome.output)
    assert not papers_in(small_report / "out")
    assert listener.received == []


def test_a_hyperlink_is_not_a_fetch_and_is_kept(small_report: Path, tmp_path: Path) -> None:
    from .conftest import run_cli

    use_template(small_report, template_with_hyperlink("https://www.gov.uk/"))
    assert run_cli("template", "check", small_report / "council.docx", seconds=60).exit_code == 0


@pytest.mark.libreoffice
@pytest.mark.skipif(not libreoffice_available(), reason="needs LibreOffice")
def test_an_appendix_that_links_outside_itself_stops_the_pack(small_report: Path, tmp_path: Path,
                                                             listener: Listener) -> None:
    from .conftest import Unchanged, papers_in, run_cli

    url = f"http://127.0.0.1:{listener.port}"
    (small_report / "action plan.docx").write_bytes(document_linking_to(f"{url}/body.png", f"{url}/header.png"))
    path = small_report / "report.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "sections:\n", "extra_appendices:\n- title: Action plan\n  file: action plan.docx\nsections:\n", 1),
        encoding="utf-8")
    with Unchanged(tmp_path, small_report / "out", small_report / "figures"):
        outcome = run_cli("build", small_report, "--out", small_report / "out", "--figures", small_report / "figures",
                          "--pack", seconds=300)
    assert outcome.exit_code == 1, outcome.output
    assert f"action plan.docx: word/document.xml links to a picture outside the document ({url}/body.png)" \
        in outcome.stderr
    assert not papers_in(small_report / "out")
    assert listener.received == []
