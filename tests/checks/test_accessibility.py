"""Tests for the accessibility check: a good document passes, each planted fault is found."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import docx
import pytest
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, RGBColor

from report_builder.checks.accessibility import check_docx_accessibility
from report_builder.exhibits import Cell, Chart, DataTable
from report_builder.word import add_chart, add_data_table, add_toc, save_docx, set_properties

WP_DOC_PR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"


def write_png(path: Path) -> Path:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    rows = b"".join(b"\x00" + b"\x80" * 8 for _ in range(4))
    header = struct.pack(">IIBBBBB", 8, 4, 8, 0, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
    return path


def good_document(png: Path) -> DocumentObject:
    """Return a document that meets every rule."""
    document = docx.Document()
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(12)
    for name in ("Heading 1", "Heading 2", "Heading 3", "Caption", "Title"):
        document.styles[name].font.color.rgb = RGBColor(0x1F, 0x38, 0x64)
    set_properties(
        document,
        "IRO annual report",
        "Independent reviewing",
        "Children's Services",
        "IRO",
        datetime(2025, 6, 30),
    )
    document.add_paragraph("IRO annual report", style="Title")
    add_toc(document)
    document.add_heading("Purpose of the report", 1)
    document.add_paragraph("This report covers the year to 31 March 2025.")
    document.add_heading("Children in care", 2)
    chart = Chart(
        "in_care", "Children in care", "Line chart: numbers rose from 410 to 468.", "SSDA903", png
    )
    add_chart(document, chart, 1)
    add_data_table(
        document,
        DataTable(
            "t", "Placements", ["Type", "Children"], [[Cell("Foster care"), Cell(1302, "count")]]
        ),
        1,
    )
    document.add_heading("Participation", 1)
    link = parse_xml(
        f'<w:hyperlink {nsdecls("w")} w:anchor="_Ref_x"><w:r><w:rPr><w:u w:val="single"/></w:rPr>'
        "<w:t>the participation strategy</w:t></w:r></w:hyperlink>"
    )
    paragraph = document.add_paragraph("Read ")
    paragraph._p.append(link)
    return document


def add_link(text: str) -> Callable[[DocumentObject], None]:
    def plant(document: DocumentObject) -> None:
        link = parse_xml(
            f'<w:hyperlink {nsdecls("w")} w:anchor="x"><w:r><w:t>{text}</w:t></w:r></w:hyperlink>'
        )
        document.paragraphs[-1]._p.append(link)

    return plant


def first_row_not_header(document: DocumentObject) -> None:
    header = document.tables[0].rows[0]._tr.trPr.find(qn("w:tblHeader"))
    header.getparent().remove(header)


def merge_cells(document: DocumentObject) -> None:
    table = document.tables[0]
    table.add_row()
    table.cell(2, 0).merge(table.cell(2, 1))


def blank_paragraphs(document: DocumentObject) -> None:
    document.add_paragraph()
    document.add_paragraph()
    document.add_paragraph("After the gap")


def set_docpr(descr: str) -> Callable[[DocumentObject], None]:
    def plant(document: DocumentObject) -> None:
        document.element.body.find(".//" + WP_DOC_PR).set("descr", descr)

    return plant


def style_change(name: str, change: Callable) -> Callable[[DocumentObject], None]:
    def plant(document: DocumentObject) -> None:
        change(document.styles[name])

    return plant


def default_language(value: str) -> Callable[[DocumentObject], None]:
    def plant(document: DocumentObject) -> None:
        styles = document.styles.element
        lang = styles.find(
            f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}"
        )
        lang.set(qn("w:val"), value)

    return plant


def set_attr(obj, name, value):
    setattr(obj, name, value)


FAULTS = {
    "no-title": (
        lambda d: set_attr(d.core_properties, "title", ""),
        "document properties: no title",
    ),
    "en-us": (default_language("en-US"), "default language: expected en-GB, got en-US"),
    "no-alt-text": (set_docpr(""), "picture 'image1.png' in paragraph 8: no alt text"),
    "file-name-alt-text": (
        set_docpr("chart.png"),
        "picture 'image1.png' in paragraph 8: alt text is a file name ('chart.png')",
    ),
    "no-header-row": (first_row_not_header, "table 1, row 1: not marked as a header row"),
    "merged-cell": (merge_cells, "table 1, row 3, cell 1: merged cell"),
    "first-heading-level-2": (
        lambda d: set_attr(d.paragraphs[3], "style", d.styles["Heading 2"]),
        "paragraph 4 ('Purpose of the report'): heading level 2, expected level 1",
    ),
    "skipped-level": (
        lambda d: set_attr(d.paragraphs[5], "style", d.styles["Heading 3"]),
        "paragraph 6 ('Children in care'): heading level 3, expected level 2 or less",
    ),
    "justified-paragraph": (
        lambda d: set_attr(d.paragraphs[4], "alignment", WD_ALIGN_PARAGRAPH.JUSTIFY),
        "paragraph 5 ('This report covers the year to 31 March'): justified text",
    ),
    "justified-style": (
        style_change(
            "Normal",
            lambda s: set_attr(s.paragraph_format, "alignment", WD_ALIGN_PARAGRAPH.JUSTIFY),
        ),
        "style 'Normal': justified text",
    ),
    "small-text": (
        style_change("Normal", lambda s: set_attr(s.font, "size", Pt(11))),
        "style 'Normal': body text is 11pt, expected 12pt or more",
    ),
    "serif-font": (
        style_change("Normal", lambda s: set_attr(s.font, "name", "Times New Roman")),
        "style 'Normal': body text font 'Times New Roman' is a serif font",
    ),
    "blank-paragraphs": (blank_paragraphs, "paragraph 13: 2 empty paragraphs in a row"),
    "spaces-for-layout": (
        lambda d: d.add_paragraph("Name:      Jo"),
        "paragraph 13 ('Name: Jo'): a run of spaces used for layout",
    ),
    "click-here": (
        add_link("click here"),
        "paragraph 12 ('Read the participation strategyclick her'): link text 'click here' does not describe its target",
    ),
    "bare-url": (
        add_link("https://example.org/iro"),
        "link text 'https://example.org/iro' does not describe its target",
    ),
    "underline": (
        lambda d: set_attr(d.paragraphs[4].runs[0], "underline", True),
        "paragraph 5 ('This report covers the year to 31 March'): underlined text that is not a link",
    ),
    "low-contrast": (
        lambda d: set_attr(d.paragraphs[4].runs[0].font.color, "rgb", RGBColor(0xAA, 0xAA, 0xAA)),
        "paragraph 5 ('This report covers the year to 31 March'): text colour #AAAAAA has contrast 2.3:1 on white",
    ),
}


@pytest.fixture
def build(tmp_path: Path) -> Callable[[Callable[[DocumentObject], None] | None], Path]:
    png = write_png(tmp_path / "chart.png")

    def make(plant: Callable[[DocumentObject], None] | None = None) -> Path:
        document = good_document(png)
        if plant:
            plant(document)
        path = tmp_path / "report.docx"
        save_docx(document, path)
        return path

    return make


def test_good_document_passes(build):
    assert check_docx_accessibility(build()) == []


@pytest.mark.parametrize(("plant", "expected"), FAULTS.values(), ids=FAULTS.keys())
def test_each_planted_fault_is_reported_with_its_place(build, plant, expected):
    problems = check_docx_accessibility(build(plant))
    assert len(problems) == 1, [str(p) for p in problems]
    assert expected in problems[0].message
    assert problems[0].hint
    assert problems[0].file.endswith("report.docx")


def test_unreadable_file_is_one_problem(tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"not a zip")
    problems = check_docx_accessibility(path)
    assert len(problems) == 1 and "cannot read the Word document" in problems[0].message


def test_decorative_picture_needs_no_alt_text(build):
    def decorative(document: DocumentObject) -> None:
        doc_pr = document.element.body.find(".//" + WP_DOC_PR)
        doc_pr.set("descr", "")
        doc_pr.append(
            parse_xml(
                '<a:extLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}">'
                '<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/></a:ext></a:extLst>'
            )
        )

    assert check_docx_accessibility(build(decorative)) == []
