"""Data tables in Word: numbered caption, a header row repeated on each page, source and notes.

The table is built as one piece of XML (not cell by cell through python-docx) so that a table of
thousands of rows takes well under a second.
"""

from __future__ import annotations

from docx.document import Document as DocumentObject
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from report_builder.exhibits import Cell, DataTable
from report_builder.formatting import NOT_AVAILABLE, SUPPRESSED
from report_builder.word._xml import add_styled_paragraph, add_text_run, find_style, first_style, text_width
from report_builder.word.fields import add_seq_caption, bookmark_name


def escape(text: str, entities: dict[str, str] | None = None) -> str:
    """Return text with &, < and > (and any other `entities`) escaped for XML.

    The same as xml.sax.saxutils.escape, which imports urllib, http and email (about 25 ms of
    start-up) for three replacements.
    """
    text = text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
    for character, entity in (entities or {}).items():
        text = text.replace(character, entity)
    return text


TABLE_STYLES = ("Report Table", "Table Grid")
CELL_STYLES = ("Table Text", "Table Contents")
NOTE_STYLE = "Source"
NOTE_SIZE = Pt(10)
TWIPS_PER_EMU = 1 / 635
SUPPRESSED_NOTE = f"{SUPPRESSED} = not shown, to protect children's privacy (see the notes on the figures)."
"""The one-line footnote of a table or chart that hides figures; the notes on the figures explain it."""
SMALL_TABLE_ROWS = 15
"""Tables of up to this many rows (besides the header) never split across pages."""
ROWS_EACH_SIDE = 3
"""A longer table splits only with at least this many rows on each side, its header row repeated."""
TEXT_ROWS_EACH_SIDE = 2
"""A table of a few rows of running text (progress against priorities) splits with two rows on each side."""
NOT_AVAILABLE_NOTE = f"{NOT_AVAILABLE} = figure not available."


def add_data_table(
    document: DocumentObject, table: DataTable, number: int, bookmark: str | None = None
) -> None:
    """Append "Table N: title" (a SEQ caption), the table, its source line and its notes.

    The caption is bookmarked as `bookmark` (default: `bookmark_name(table.name)`) for REF
    fields. Raises ValueError when a row does not have one cell per column.
    """
    add_seq_caption(document, "Table", number, table.title, bookmark or bookmark_name(table.name))
    notes = table_notes(table)
    append_table(document, table, keep_with_next=bool(table.source.strip() or notes))
    lines = add_notes(document, table.source, notes)
    for line in lines[:-1]:
        line.paragraph_format.keep_with_next = True


def table_notes(table: DataTable) -> list[str]:
    """Return the table's footnotes, with the symbols' meanings where the table uses them."""
    notes = list(table.footnotes)
    if table.has_suppressed:
        notes.append(SUPPRESSED_NOTE)
    if any(cell.value is None and not cell.suppressed for row in table.rows for cell in row):
        notes.append(NOT_AVAILABLE_NOTE)
    return notes


def add_notes(document: DocumentObject, source: str, notes: list[str]) -> list[Paragraph]:
    """Return appended source line and notes, in the "Source" style or small Normal text."""
    lines = [_source_text(source)] if source.strip() else []
    return [_add_note(document, line) for line in lines + notes]


def _source_text(source: str) -> str:
    """Return the source line, starting "Source:" once."""
    text = source.strip()
    return text if text.casefold().startswith("source") else f"Source: {text}"


def _add_note(document: DocumentObject, text: str) -> Paragraph:
    """Return an appended note paragraph."""
    style = find_style(document, NOTE_STYLE)
    paragraph = add_styled_paragraph(document, NOTE_STYLE)
    run = add_text_run(paragraph, text)
    if style is None:
        run.font.size = NOTE_SIZE
    return paragraph


def append_table(document: DocumentObject, table: DataTable, keep_with_next: bool = False) -> Table:
    """Return the table appended to the document body, header row first, no merged cells.

    Rows never split; a table of up to SMALL_TABLE_ROWS rows is kept on one page, and a longer one
    splits only with ROWS_EACH_SIDE rows on each side (its header row repeats), its paragraphs kept
    with the next row as Word and LibreOffice do. keep_with_next keeps the last row with the
    paragraph after the table (its source line). Raises ValueError when a row does not have one
    cell per column.
    """
    _check_shape(table)
    widths = column_widths(table, round(text_width(document) * TWIPS_PER_EMU))
    style = first_style(document, *TABLE_STYLES)
    cell_style = first_style(document, *CELL_STYLES)
    xml = _table_xml(
        table,
        widths,
        style.style_id if style is not None else None,
        cell_style.style_id if cell_style is not None else None,
        keep_rows(len(table.rows), keep_with_next, table_lines(table, widths) > LONG_TABLE_LINES),
    )
    element = document.element.body._insert_tbl(parse_xml(xml))
    return Table(element, document._body)


def _check_shape(table: DataTable) -> None:
    """Raise ValueError unless every row has one cell per column."""
    for index, row in enumerate(table.rows, start=1):
        if len(row) != len(table.columns):
            raise ValueError(
                f"table '{table.name}': expected {len(table.columns)} cells in row {index}, "
                f"got {len(row)}"
            )


TWIPS_PER_CHARACTER = 145
"""About one average character of 11pt sans serif text, in twips (1/20 point)."""


def column_widths(table: DataTable, total: int) -> list[int]:
    """Return column widths in twips summing to `total`.

    Each column first gets room for its longest word (which cannot wrap), then the rest of the width
    is shared by how much longer each column's longest text is.
    """
    texts = [[heading] for heading in table.columns]
    for row in table.rows[:200]:
        for column, cell in zip(texts, row):
            column.append(cell.text)
    words = [max((len(w) for t in column for w in t.split()), default=1) + 2 for column in texts]
    lines = [max(len(t) for t in column) + 2 for column in texts]
    minimum = [min(w * TWIPS_PER_CHARACTER, total // 2) for w in words]
    if sum(minimum) >= total:
        widths = [total * m // sum(minimum) for m in minimum]
    else:
        extra = [max(line * TWIPS_PER_CHARACTER - m, 0) for line, m in zip(lines, minimum)]
        spare = total - sum(minimum)
        share = sum(extra) or 1
        widths = [m + (spare * e // share if sum(extra) else spare // len(minimum)) for m, e in zip(minimum, extra)]
    widths[0] += total - sum(widths)
    return widths


LONG_TABLE_LINES = 24
"""A table whose rows take more lines of text than this is long, however few its rows: it may split."""


def table_lines(table: DataTable, widths: list[int]) -> int:
    """Return about how many lines of text the table's rows take at their column widths."""
    def lines(text: str, width: int) -> int:
        per_line = max(width // TWIPS_PER_CHARACTER - 1, 1)
        return max(1, -(-len(text) // per_line))

    rows = [[Cell(h) for h in table.columns], *table.rows]
    return sum(max(lines(cell.text, width) for cell, width in zip(row, widths)) for row in rows)


def keep_rows(data_rows: int, keep_with_next: bool, long: bool = False) -> list[bool]:
    """Return, for the header row and each data row, whether it is kept with the row after it."""
    count = data_rows + 1
    if data_rows <= SMALL_TABLE_ROWS and not long:
        keep = [True] * count
    else:
        side = ROWS_EACH_SIDE if data_rows > SMALL_TABLE_ROWS else TEXT_ROWS_EACH_SIDE
        keep = [i < side or i >= count - side for i in range(count)]
    keep[-1] = keep_with_next
    return keep


def _table_xml(
    table: DataTable, widths: list[int], style_id: str | None, cell_style_id: str | None,
    keep: list[bool] | None = None,
) -> str:
    """Return the `w:tbl` XML for the table."""
    numeric = _numeric_columns(table)
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
    header = [Cell(heading) for heading in table.columns]
    last = len(table.rows) - 1
    keep = keep or [False] * (len(table.rows) + 1)
    rows = [_row_xml(header, widths, numeric, cell_style_id, header=True, bold=True, keep=keep[0])]
    rows += [
        _row_xml(row, widths, numeric, cell_style_id, bold=table.has_total_row and i == last, keep=keep[i + 1])
        for i, row in enumerate(table.rows)
    ]
    return (
        f"<w:tbl {nsdecls('w')}>{_table_properties(table, sum(widths), style_id)}"
        f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


def _table_properties(table: DataTable, width: int, style_id: str | None) -> str:
    """Return `w:tblPr`: style, full text width, and which rows the style should mark."""
    style = f'<w:tblStyle w:val="{escape(style_id)}"/>' if style_id else ""
    last_row = "1" if table.has_total_row else "0"
    return (
        f'<w:tblPr>{style}<w:tblW w:w="{width}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
        f'<w:tblLook w:firstRow="1" w:lastRow="{last_row}" w:firstColumn="0" '
        'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
        f"<w:tblCaption w:val={_attribute(table.title)}/></w:tblPr>"
    )


def _attribute(text: str) -> str:
    """Return `text` as a quoted XML attribute value."""
    return '"' + escape(text, {'"': "&quot;"}) + '"'


def _numeric_columns(table: DataTable) -> list[bool]:
    """Return, per column, True when its cells hold numbers (so it is right-aligned)."""
    return [any(row[index].numeric for row in table.rows) for index in range(len(table.columns))]


def _row_xml(
    cells: list[Cell],
    widths: list[int],
    numeric: list[bool],
    cell_style_id: str | None,
    header: bool = False,
    bold: bool = False,
    keep: bool = False,
) -> str:
    """Return one `w:tr`: rows never split across pages; the header row repeats on each page."""
    repeat = "<w:tblHeader/>" if header else ""
    cell_xml = "".join(
        _cell_xml(cell.text, width, "right" if is_numeric else "left", cell_style_id, bold, keep)
        for cell, width, is_numeric in zip(cells, widths, numeric)
    )
    return f"<w:tr><w:trPr><w:cantSplit/>{repeat}</w:trPr>{cell_xml}</w:tr>"


def _cell_xml(text: str, width: int, align: str, cell_style_id: str | None, bold: bool, keep: bool = False) -> str:
    """Return one `w:tc` holding one paragraph of text (kept with the next row when keep is set)."""
    keep_next = "<w:keepNext/>" if keep else ""
    style = (
        f'<w:pStyle w:val="{escape(cell_style_id)}"/>{keep_next}'
        if cell_style_id
        else f'{keep_next}<w:spacing w:before="0" w:after="0"/>'
    )
    run_properties = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
        f'<w:p><w:pPr>{style}<w:jc w:val="{align}"/></w:pPr>'
        f'<w:r>{run_properties}<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p></w:tc>'
    )
