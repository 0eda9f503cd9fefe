"""Documents for the publishing tests."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import docx
import pytest
from docx.document import Document as DocumentObject
from docx.shared import Pt, RGBColor

from report_builder.exhibits import Cell, DataTable
from report_builder.publish.libreoffice import libreoffice_available
from report_builder.word import (
    add_data_table,
    add_page_number_fields,
    add_ref,
    add_table_of_figures,
    add_toc,
    set_properties,
)

PARAGRAPH = "Independent reviewing officers chaired every review on time this year. " * 8


def needs_libreoffice() -> None:
    """Skip the calling test when LibreOffice is not installed."""
    if not libreoffice_available():
        pytest.skip("LibreOffice (soffice) with Python's uno module is not installed")


def long_report(sections: int = 8) -> DocumentObject:
    """Return an accessible report of about two pages per section, with a contents page."""
    document = docx.Document()
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(12)
    for name in ("Heading 1", "Heading 2", "Caption", "Title"):
        document.styles[name].font.color.rgb = RGBColor(0x1F, 0x38, 0x64)
    set_properties(
        document,
        "IRO annual report",
        "Reviews",
        "Children's Services",
        "IRO",
        datetime(2025, 6, 30),
    )
    add_page_number_fields(document.sections[0].footer.paragraphs[0])
    document.add_paragraph("IRO annual report 2024 to 2025", style="Title")
    add_toc(document, levels=2)
    add_table_of_figures(document, "Table", "Tables")
    document.add_page_break()
    for number in range(1, sections + 1):
        document.add_heading(f"Section {number}: reviews and participation", 1)
        for part in (1, 2):
            document.add_heading(f"Part {number}.{part} of the findings", 2)
            for _ in range(4):
                document.add_paragraph(PARAGRAPH)
        table = DataTable(
            f"t{number}",
            f"Reviews in quarter {number}",
            ["Quarter", "Reviews"],
            [[Cell(f"Q{number}"), Cell(100 + number, "count")]],
        )
        add_data_table(document, table, number, bookmark=f"_Ref_t{number}")
        add_ref(document.add_paragraph("See "), f"_Ref_t{number}", f"Table {number}")
    return document


@pytest.fixture
def report_docx(tmp_path: Path) -> Path:
    """Return a saved long report."""
    from report_builder.word import save_docx

    path = tmp_path / "report.docx"
    save_docx(long_report(), path)
    return path
