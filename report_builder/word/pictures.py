"""Charts in Word: caption above (as GOV.UK and ONS do), picture with alt text, one source line, and the
chart's figures as a table, beneath it or in an annex the source line points to."""

from __future__ import annotations

from docx.document import Document as DocumentObject
from docx.shared import Emu, Mm
from docx.text.paragraph import Paragraph

from report_builder.exhibits import Chart
from report_builder.word._xml import add_styled_paragraph, add_text_run, element, text_width
from report_builder.word.fields import add_ref, add_seq_caption, bookmark_name, check_bookmark, next_bookmark_id
from report_builder.word.tables import SUPPRESSED_NOTE, add_notes, append_table, table_notes

DATA_TITLE = "Data for Figure {number}"
FIGURES_AT = " The figures are in {where}."


def add_chart(
    document: DocumentObject,
    chart: Chart,
    number: int,
    with_table: bool = False,
    bookmark: str | None = None,
    figures_at: tuple[str, str] | None = None,
    data_mark: str | None = None,
) -> None:
    """Append "Figure N: title" (a SEQ caption), the picture and one source line; then, if asked, its data.

    The picture is `chart.width_mm` wide, at most the text width of the last section; its
    `wp:docPr` carries the alt text (`descr`) and the title. figures_at (bookmark, label) ends the
    source line with a cross-reference to where the chart's figures are ("Data for Figure 3" in the
    annex, or a statistics table). The data table below, when asked, is titled "Data for Figure N"
    (its label bookmarked as data_mark, for other charts of the same figures to point to) and does not
    take a table number. Raises FileNotFoundError when the PNG is missing.
    """
    add_seq_caption(document, "Figure", number, chart.title, bookmark or bookmark_name(chart.name))
    add_picture(document, chart, _picture_width(document, chart))
    below = with_table and chart.table is not None
    notes = [SUPPRESSED_NOTE] if chart.table is not None and chart.table.has_suppressed and not below else []
    lines = add_notes(document, chart.source, notes)
    if figures_at is not None and lines:
        _point_to(lines[0], *figures_at)
    if below:
        add_chart_data(document, chart, number, bookmark=data_mark)


def _point_to(paragraph: Paragraph, bookmark: str, label: str) -> None:
    """End the paragraph with "The figures are in <label>." the label a cross-reference (REF)."""
    before, after = FIGURES_AT.split("{where}")
    if not paragraph.text.rstrip().endswith("."):
        before = "." + before
    add_text_run(paragraph, before)
    add_ref(paragraph, bookmark, label)
    add_text_run(paragraph, after)


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


def add_chart_data(document: DocumentObject, chart: Chart, number: int, bookmark: str | None = None) -> None:
    """Append the chart's figures as a table under an unnumbered caption "Data for Figure N: title", its
    label bookmarked (for the chart's source line to point to) when bookmark is given; the source line
    is the chart's, so the table carries only its notes."""
    assert chart.table is not None
    caption = add_styled_paragraph(document, "Caption")
    caption.paragraph_format.keep_with_next = True
    label = DATA_TITLE.format(number=number).replace(" ", "\u00a0")
    if bookmark:
        mark_id = str(next_bookmark_id(document))
        caption._p.append(element("w:bookmarkStart", id=mark_id, name=check_bookmark(bookmark)))
        add_text_run(caption, label)
        caption._p.append(element("w:bookmarkEnd", id=mark_id))
    else:
        add_text_run(caption, label)
    add_text_run(caption, f": {chart.title}")
    notes = table_notes(chart.table)
    append_table(document, chart.table, keep_with_next=bool(notes))
    add_notes(document, "", notes)
