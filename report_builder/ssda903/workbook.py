"""Read an SSDA903 return kept as one Excel workbook: a sheet per table, each named like the CSV file.

Performance teams often hand the 903 over this way. Each sheet is turned into the CSV text the
export would have held (dates written dd/mm/yyyy, whole numbers without a decimal point, empty cells
empty) and read by the CSV reader, so the same checks, messages and figures apply; a row is named
`file.xlsx:sheet:row`, its row in Excel. The workbook is read with openpyxl, in read-only mode,
values only (a formula gives its last calculated value).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from report_builder.errors import Problem, display_path
from report_builder.ssda903.csvfile import NotCsv, check_size, max_csv_bytes

WORKBOOK_SUFFIX = ".xlsx"
MAX_SHARED_TEXT_BYTES = 50 * 1024**2
"""The most a workbook's table of texts (xl/sharedStrings.xml) may unpack to. openpyxl holds it whole
in memory; a real return's (the children's ids and a few codes) is a few megabytes."""
MAX_COLUMNS = 100
"""The most columns read from a sheet (an SSDA903 table has at most about 20): a value further right is a
problem, and a sheet that says it is 16,384 columns wide is never filled out to that."""
EXCEL_ROWS = 1_048_576
"""The most rows Excel allows in a sheet: a row numbered beyond it is not read."""
_FIX = "save the workbook from Excel as .xlsx (Excel Workbook), one sheet per table"


def workbooks_in(folder: Path) -> list[Path]:
    """Return the Excel workbooks in a folder (not Excel's own '~$' lock files), by name."""
    return sorted(
        path for path in folder.iterdir()
        if path.suffix.lower() == WORKBOOK_SUFFIX and not path.name.startswith("~$") and path.is_file()
    )


def sheet_key(title: str) -> str:
    """Return the table a sheet's title names: 'Placed for adoption' -> 'placed_for_adoption'."""
    name = title.strip().lower().removesuffix(".csv")
    return re.sub(r"[\s\-]+", "_", name)


def check_workbook(path: Path) -> None:
    """Refuse a workbook too large to be an export, or that is not a workbook, before it is opened.

    The size is checked as a CSV file's is; the packing by the zip gate every zip passes
    (packages.py), with room for the largest export (a zip bomb is still refused).
    Raises NotCsv with the problem to show.
    """
    from report_builder.errors import DataError
    from report_builder.packages import ZipLimits, check_zip

    check_size(path)
    try:
        check_zip(path, display_path(path), "Excel workbook (.xlsx)", DataError,
                  replace(ZipLimits.current(), total_bytes=max_csv_bytes()))
    except DataError as error:
        found = error.problems[0]
        if found.message.startswith("refused unread"):  # too big, too many parts or packed like a zip bomb
            raise NotCsv(replace(found, hint="check that the right file was exported")) from None
        raise NotCsv(Problem("this is not a readable Excel workbook (.xlsx)", found.file,
                             hint=f"{found.message}; {_FIX}")) from None
    _check_shared_text(path)


def _check_shared_text(path: Path) -> None:
    """Raise NotCsv when the workbook's table of texts unpacks to more than MAX_SHARED_TEXT_BYTES (the
    zip gate has checked that each part's stated size is true)."""
    import zipfile

    with zipfile.ZipFile(path) as package:
        size = sum(i.file_size for i in package.infolist() if i.filename.lower().endswith("sharedstrings.xml"))
    if size > MAX_SHARED_TEXT_BYTES:
        raise NotCsv(Problem(f"refused unread: its table of texts (sharedStrings.xml) expands to "
                             f"{size / 1024**2:,.0f} MB, more than the {MAX_SHARED_TEXT_BYTES // 1024**2} MB "
                             "any return needs", display_path(path), hint="check that the right file was exported"))


def read_workbook(path: Path) -> dict[str, tuple[Path, str]]:
    """Return each sheet as (where it is, for messages: 'file.xlsx:sheet'; its CSV text), by table name.

    Raises NotCsv when the file is not a workbook that can be read.
    """
    from openpyxl import load_workbook

    check_workbook(path)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged file; each means the same to a person
        raise NotCsv(Problem("this is not a readable Excel workbook (.xlsx)", display_path(path), hint=_FIX)) from None
    try:
        return {sheet_key(sheet.title): (Path(f"{path}:{sheet.title}"), sheet_text(path, sheet))
                for sheet in book.worksheets}
    finally:
        book.close()


def sheet_text(path: Path, sheet) -> str:  # type: ignore[no-untyped-def]
    """Return a sheet's rows as CSV text, each value as the 903's CSV export writes it.

    The sheet is read as far as its cells go, not as far as it says it goes: at most MAX_COLUMNS
    columns and EXCEL_ROWS rows, each row as wide as the header row or its own last value.
    Raises NotCsv naming the row with a value beyond MAX_COLUMNS.
    """
    sheet.reset_dimensions()  # openpyxl would otherwise fill every row out to the size the sheet states
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    width = 0
    for number, row in enumerate(sheet.iter_rows(max_row=EXCEL_ROWS, max_col=MAX_COLUMNS + 1, values_only=True), 1):
        if len(row) > MAX_COLUMNS and row[MAX_COLUMNS] is not None:
            raise NotCsv(Problem(f"row {number} has a value in column {MAX_COLUMNS + 1}, further right than any "
                                 "SSDA903 table goes", f"{display_path(path)}:{sheet.title}:{number}",
                                 hint="delete what is right of the table's last column, or export the sheet again"))
        used = max((i + 1 for i, value in enumerate(row) if value is not None), default=0)
        width = width or used
        writer.writerow([cell_text(value) for value in row[:max(used, width)]])
    return buffer.getvalue()


def cell_text(value: object) -> str:
    """Return a cell's value as CSV text: dd/mm/yyyy for a date, 123 for a whole number, '' for empty."""
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def sheet_problem(path: Path, name: str, found: list[str]) -> Problem:
    """Return the problem of a workbook without the sheet a table needs."""
    listed = ", ".join(found) or "none"
    return Problem(f"the workbook has no sheet named {name}", display_path(path),
                   hint=f"name each sheet like the file it stands for (header, episodes, reviews); its sheets are: "
                        f"{listed}")
