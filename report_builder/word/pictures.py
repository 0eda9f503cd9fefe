"""Charts in Word: caption above (as GOV.UK and ONS do), picture with alt text, source, data."""

from __future__ import annotations

from docx.document import Document as DocumentObject
from docx.shared import Emu, Mm

from report_builder.exhibits import Chart
from report_builder.word._xml import add_styled_paragraph, text_width
from report_builder.word.fields import add_seq_caption, bookmark_name
from report_builder.word.tables import add_notes, append_table, table_notes

DATA_TITLE = "Data for Figure {number}: {title}"


def add_chart(
    document: DocumentObject,
    chart: Chart,
    number: int,
    with_table: bool = False,
    bookmark: str | None = None,
) -> None:
    """Append "Figure N: title" (a SEQ caption), the picture, its source and, if asked, its data.

    The picture is `chart.width_mm` wide, at most the text width of the last section; its
    `wp:docPr` carries the alt text (`descr`) and the title. The data table is titled "Data for
    Figure N" and does not take a table number. Raises FileNotFoundError when the PNG is missing.
    """
    add_seq_caption(document, "Figure", number, chart.title, bookmark or bookmark_name(chart.name))
    add_picture(document, chart, _picture_width(document, chart))
    add_notes(document, chart.source, [])
    if with_table and chart.table is not None:
        _add_chart_data(document, chart, number)


def _picture_width(document: DocumentObject, chart: Chart) -> Emu:
    """Return the chart's width, capped at the text width."""
    return Emu(min(Mm(chart.width_mm), text_width(document)))


def add_picture(document: DocumentObject, chart: Chart, width: Emu) -> None:
    """Append the chart's picture in its own paragraph, kept with the source line below it."""
    if not chart.png.is_file():
        raise FileNotFoundError(f"chart '{chart.name}': picture not found: {chart.png}")
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.keep_with_next = True
    shape = paragraph.add_run().add_picture(str(chart.png), width=width)
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", chart.alt_text)
    doc_pr.set("title", chart.title)


def _add_chart_data(document: DocumentObject, chart: Chart, number: int) -> None:
    """Append the chart's figures as a table under an unnumbered caption."""
    assert chart.table is not None
    title = add_styled_paragraph(document, "Caption", DATA_TITLE.format(number=number, title=chart.title))
    title.paragraph_format.keep_with_next = True
    append_table(document, chart.table)
    add_notes(document, chart.table.source, table_notes(chart.table))
