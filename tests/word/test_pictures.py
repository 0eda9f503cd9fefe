"""Tests for charts in Word: caption above, picture with alt text, source, data table."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx.oxml.ns import qn
from docx.shared import Mm

from report_builder.exhibits import Cell, Chart, DataTable
from report_builder.word.pictures import add_chart

WP_DOC_PR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"


def make_chart(png: Path, width_mm: float = 160.0, table: DataTable | None = None) -> Chart:
    return Chart(
        name="in_care",
        title="Children in care, 2021 to 2025",
        alt_text="Line chart: children in care rose from 410 in 2021 to 468 in 2025.",
        source="SSDA903 return",
        png=png,
        table=table,
        width_mm=width_mm,
    )


def test_chart_has_caption_above_picture_then_source(document, reopen, png):
    add_chart(document, make_chart(png), 2)
    caption, picture, source = reopen(document).paragraphs[-3:]
    assert caption.text == "Figure\u00a02: Children in care, 2021 to 2025"
    assert caption.paragraph_format.keep_with_next
    assert picture._p.find(".//" + WP_DOC_PR) is not None
    assert source.text == "Source: SSDA903 return"


def test_picture_has_alt_text_and_title(document, reopen, png):
    add_chart(document, make_chart(png), 1)
    doc_pr = reopen(document).element.body.find(".//" + WP_DOC_PR)
    assert doc_pr.get("descr").startswith("Line chart: children in care rose")
    assert doc_pr.get("title") == "Children in care, 2021 to 2025"


def test_picture_ids_are_deterministic(document, png):
    add_chart(document, make_chart(png), 1)
    add_chart(document, make_chart(png), 2)
    ids = [d.get("id") for d in document.element.body.iter(WP_DOC_PR)]
    assert ids == ["1", "2"]


@pytest.mark.parametrize(
    ("asked", "expected"), [(100, Mm(100)), (400, None)], ids=["fits", "capped"]
)
def test_picture_width_is_capped_at_text_width(document, png, asked, expected):
    add_chart(document, make_chart(png, width_mm=asked), 1)
    section = document.sections[-1]
    text_width = section.page_width - section.left_margin - section.right_margin
    assert document.inline_shapes[0].width == (expected or text_width)


def test_chart_data_table_follows_when_asked(document, png):
    table = DataTable(
        "in_care_data", "In care", ["Year", "Children"], [[Cell("2025"), Cell(468, "count")]]
    )
    add_chart(document, make_chart(png, table=table), 4, with_table=True)
    body = [child.tag.split("}")[1] for child in document.element.body][-4:]
    assert body == ["p", "p", "tbl", "sectPr"]
    assert [p.text for p in document.paragraphs[-2:]] == [
        "Source: SSDA903 return",
        "Data\u00a0for\u00a0Figure\u00a04: Children in care, 2021 to 2025",
    ]
    assert [c.text for c in document.tables[0].rows[1].cells] == ["2025", "468"]


def test_the_source_line_points_to_where_the_figures_are(document, reopen, png):
    add_chart(document, make_chart(png), 3, figures_at=("_Ref_dat_in_care", "Data for Figure 3"))
    source = reopen(document).paragraphs[-1]
    assert source.text == "Source: SSDA903 return. The figures are in Data for Figure 3."
    assert [n.text.strip() for n in source._p.iter(qn("w:instrText"))] == ["REF _Ref_dat_in_care \\h"]


def test_missing_picture_is_reported(document, tmp_path):
    with pytest.raises(FileNotFoundError, match="in_care"):
        add_chart(document, make_chart(tmp_path / "missing.png"), 1)
