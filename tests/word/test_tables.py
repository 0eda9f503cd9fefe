"""Tests for data tables in Word."""

from __future__ import annotations

import time

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from report_builder.exhibits import Cell, DataTable
from report_builder.word.tables import SUPPRESSED_NOTE, add_data_table


def placements() -> DataTable:
    return DataTable(
        name="placements",
        title="Placements on 31 March 2025",
        columns=["Placement type", "Children", "Percentage"],
        rows=[
            [Cell("Foster care"), Cell(1302, "count"), Cell(71.4, "percent")],
            [Cell("Residential"), Cell(3, "count", suppressed=True), Cell(None, "percent")],
            [Cell("Total"), Cell(1469, "count"), Cell(100.0, "percent")],
        ],
        has_total_row=True,
        source="SSDA903 return",
        footnotes=["Figures are rounded."],
    )


def test_caption_table_source_and_notes(document, reopen):
    add_data_table(document, placements(), 2)
    reopened = reopen(document)
    texts = [p.text for p in reopened.paragraphs]
    assert texts[-5] == "Table\u00a02: Placements on 31 March 2025"
    assert texts[-4:] == [
        "Source: SSDA903 return",
        "Figures are rounded.",
        SUPPRESSED_NOTE,
        ": = figure not available.",
    ]
    table = reopened.tables[0]
    assert [c.text for c in table.rows[0].cells] == placements().columns
    assert [c.text for c in table.rows[2].cells] == ["Residential", "c", ":"]


def test_header_row_repeats_and_rows_do_not_split(document, reopen):
    add_data_table(document, placements(), 1)
    rows = reopen(document).tables[0].rows
    assert rows[0]._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    assert all(r._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is None for r in rows[1:])
    assert all(r._tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for r in rows)


def test_numbers_right_text_left_header_and_total_bold(document, reopen):
    add_data_table(document, placements(), 1)
    rows = reopen(document).tables[0].rows
    alignments = [c.paragraphs[0].alignment for c in rows[1].cells]
    assert alignments == [
        WD_ALIGN_PARAGRAPH.LEFT,
        WD_ALIGN_PARAGRAPH.RIGHT,
        WD_ALIGN_PARAGRAPH.RIGHT,
    ]
    assert all(c.paragraphs[0].runs[0].bold for c in rows[0].cells + rows[-1].cells)
    assert not any(c.paragraphs[0].runs[0].bold for c in rows[1].cells)


def test_table_style_prefers_report_table(document):
    add_data_table(document, placements(), 1)
    assert document.tables[0].style.name == "Table Grid"
    document.styles.add_style("Report Table", 3)
    add_data_table(document, placements(), 2)
    assert document.tables[1].style.name == "Report Table"


def test_column_widths_fill_the_text_width(document):
    add_data_table(document, placements(), 1)
    section = document.sections[-1]
    text_twips = round((section.page_width - section.left_margin - section.right_margin) / 635)
    grid = document.tables[0]._tbl.tblGrid
    widths = [int(col.get(qn("w:w"))) for col in grid.iter(qn("w:gridCol"))]
    assert sum(widths) == text_twips
    assert widths[0] > widths[1]


def test_no_merged_cells(document):
    add_data_table(document, placements(), 1)
    xml = document.tables[0]._tbl.xml
    assert "gridSpan" not in xml and "vMerge" not in xml


def test_ragged_row_is_refused(document):
    table = DataTable("bad", "Bad", ["A", "B"], [[Cell("only one")]])
    with pytest.raises(ValueError, match="expected 2 cells in row 1, got 1"):
        add_data_table(document, table, 1)


def test_escapes_markup_characters(document, reopen):
    table = DataTable("esc", "Esc", ["A & B", "<C>"], [[Cell('"x" & <y>'), Cell(1, "count")]])
    add_data_table(document, table, 1)
    assert reopen(document).tables[0].rows[1].cells[0].text == '"x" & <y>'


def test_large_table_builds_quickly(document):
    rows = [[Cell(f"Child {i}"), Cell(i, "count"), Cell(i / 7, "percent")] for i in range(2000)]
    started = time.perf_counter()
    add_data_table(document, DataTable("big", "Big", ["Name", "Count", "Share"], rows), 1)
    assert time.perf_counter() - started < 2.0
    assert len(document.tables[0].rows) == 2001
