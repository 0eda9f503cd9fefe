"""SSDA903 returns as Excel workbooks in tests: a year's CSV files as one workbook, a sheet per file."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

SHEET_TITLES = {"header": "Header", "episodes": "Episodes", "reviews": "Reviews", "uasc": "UASC",
                "missing": "Missing", "oc2": "OC2", "placed_for_adoption": "Placed for adoption"}


def as_cell(text: str) -> object:
    """Return a CSV value as Excel would hold it: a date, a whole number, or text."""
    if len(text) == 10 and text[2] == text[5] == "/":
        return datetime.strptime(text, "%d/%m/%Y")
    return int(text) if text.isdigit() and not text.startswith("0") else text or None


def workbook_of(folder: Path, bad_place: bool = False) -> bytes:
    """Return the folder's CSV files as one workbook, a sheet per file (with bad_place, episodes' row 6 placed 'R4')."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for path in sorted(folder.glob("*.csv")):
        sheet = book.create_sheet(SHEET_TITLES[path.stem])
        with path.open(newline="", encoding="utf-8") as stream:
            for index, row in enumerate(csv.reader(stream)):
                sheet.append(row if index == 0 else [as_cell(value) for value in row])
    if bad_place:
        episodes = book["Episodes"]
        place = [cell.value for cell in episodes[1]].index("PLACE") + 1
        episodes.cell(row=6, column=place, value="R4")
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()
