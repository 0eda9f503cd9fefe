"""Read one SSDA903 CSV file as exported: any encoding we can recognise, any header case, stray spaces."""

from __future__ import annotations

import csv
import io
import os
import re
import stat
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from report_builder.errors import Problem, display_path

if TYPE_CHECKING:
    import pandas as pd

LINE = "_line"
"""Column holding each row's line number in its file (the header is line 1)."""
FILE = "_file"
"""Column holding the path of the file each row came from, as a user sees it."""

_FIX_EXPORT = "export the table again from the case management system as CSV (comma-separated)"


@dataclass(frozen=True)
class CsvText:
    """A file's text, with a warning when it had to be read in a fallback encoding."""

    text: str
    warning: Problem | None = None


def decode(path: Path, raw: bytes) -> CsvText:
    """Return the file's text: UTF-8 (with or without a BOM), else Windows-1252 with a warning.

    Raises NotCsv when the bytes are a workbook or not text at all.
    """
    where = display_path(path)
    if raw.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise NotCsv(
            Problem(
                "this is an Excel workbook, not a CSV file",
                where,
                hint=f"{_FIX_EXPORT}, or save it from Excel as 'CSV UTF-8'",
            )
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw[:4096]:
        raise NotCsv(
            Problem(
                "this file is not plain text (it looks like UTF-16 or a binary file)",
                where,
                hint=f"{_FIX_EXPORT}, encoded as UTF-8",
            )
        )
    try:
        return CsvText(_line_ends(raw.decode("utf-8-sig")))
    except UnicodeDecodeError:
        warning = Problem(
            "this file is not valid UTF-8; it was read as Windows-1252 (cp1252)",
            where,
            severity="warning",
            hint="check that names and codes read correctly, or export again as UTF-8",
        )
        return CsvText(_line_ends(raw.decode("cp1252", errors="replace")), warning)


def _line_ends(text: str) -> str:
    """Return text with old Mac line ends (CR alone) as newlines; Windows CRLF is read as it is."""
    return text.replace("\r", "\n") if "\r" in text and "\n" not in text else text


def max_csv_bytes() -> int:
    """Return the largest CSV file read: 500 MB, or REPORT_BUILDER_MAX_CSV_MB megabytes."""
    return int(os.environ.get("REPORT_BUILDER_MAX_CSV_MB", "500")) * 1024 * 1024


def check_size(path: Path) -> None:
    """Raise NotCsv unless path is an ordinary file no larger than any real SSDA903 export (so a
    folder, a FIFO, a device such as /dev/zero or a huge file is never read)."""
    try:
        info = path.stat()
    except OSError as error:
        raise NotCsv(Problem(f"cannot read the file ({error.strerror or error})", display_path(path),
                             hint="check that the file is there and may be read")) from None
    if not stat.S_ISREG(info.st_mode):
        what = "a folder" if stat.S_ISDIR(info.st_mode) else "a device, FIFO or socket"
        raise NotCsv(Problem(f"this is {what}, not a CSV file", display_path(path),
                             hint="put the exported CSV file here under this name, or rename what is here"))
    limit = max_csv_bytes()
    if info.st_size > limit:
        raise NotCsv(
            Problem(
                f"the file is larger than {limit // (1024 * 1024):,} MB ({info.st_size / 1024**3:.1f} GB), "
                "far more than an SSDA903 export",
                display_path(path),
                hint="check that the right file was exported; set REPORT_BUILDER_MAX_CSV_MB to read a larger one",
            )
        )


class NotCsv(Exception):
    """Raised when a file cannot be read as CSV; carries the Problem to show."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def header_columns(path: Path, text: str) -> list[str]:
    """Return the file's column names as written in its first line.

    Raises NotCsv when the first line is empty or the file uses another separator.
    """
    first = text.split("\n", 1)[0].rstrip("\r")
    if not first.strip():
        raise NotCsv(
            Problem(
                "the file is empty or its first line is blank; expected a line of column names",
                display_path(path),
                1,
                hint=_FIX_EXPORT,
            )
        )
    for separator, name in ((";", "semicolons"), ("\t", "tabs"), ("|", "vertical bars")):
        if "," not in first and separator in first:
            raise NotCsv(
                Problem(
                    f"values are separated by {name}, not commas",
                    display_path(path),
                    1,
                    hint=_FIX_EXPORT,
                )
            )
    return next(csv.reader([first]))


def normalise(name: str) -> str:
    """Return a column name as the reader uses it: stripped, upper case, BOM removed."""
    return name.replace("\ufeff", "").strip().upper()


def read_table(
    path: Path, text: str, wanted: tuple[str, ...], used: tuple[str, ...] | None = None
) -> pd.DataFrame:
    """Return the wanted columns (those present) as stripped text, blank rows dropped.

    With `used`, only those of the wanted columns are returned (fewer to parse and carry); a row
    still counts as blank only when every wanted column is empty. Each row keeps the number of the
    line it starts on in the file (LINE: the header is line 1, and a quoted value holding a line
    break makes a row span lines) and the file's path (FILE).
    Raises NotCsv when pandas cannot parse the file, or a row has more values than there are
    column names.
    """
    text = strip_spaces(text)
    names = header_columns(path, text)
    keep: dict[int, str] = {}
    for position, name in enumerate(names):
        if normalise(name) in wanted and normalise(name) not in keep.values():
            keep[position] = normalise(name)
    read = {position: column for position, column in keep.items() if used is None or column in used}
    _refuse_extra_values(path, text, len(names))
    table = _parse(path, text, read or keep)
    table[LINE] = record_lines(text, len(table))
    if len(table.columns) > 1 and not (table.iloc[:, 0] != "").all():
        filled = _filled(path, text, keep, table if len(read) == len(keep) else None)
        table = table[filled].reset_index(drop=True)
    table[FILE] = display_path(path)
    return table


def _parse(path: Path, text: str, columns: dict[int, str]) -> pd.DataFrame:
    """Return the columns at the positions as text, renamed as the reader uses them.

    Raises NotCsv when pandas cannot parse the file.
    """
    import pandas as pd

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", pd.errors.ParserWarning)
            table = pd.read_csv(
                io.BytesIO(text.encode("utf-8")),  # pandas parses bytes a third faster than a str
                encoding="utf-8",
                dtype=str,
                usecols=sorted(columns),
                index_col=False,
                na_filter=False,
                skip_blank_lines=False,
            )
    except (ValueError, pd.errors.ParserError, pd.errors.ParserWarning) as error:
        message = str(error).strip().splitlines()[-1]
        raise NotCsv(
            Problem(f"not a readable CSV file ({message})", display_path(path), hint=_FIX_EXPORT)
        ) from None
    return table.set_axis([columns[position] for position in sorted(columns)], axis=1)


def _refuse_extra_values(path: Path, text: str, width: int) -> None:
    """Raise NotCsv naming the first line with more values than the first line has column names."""
    lines = lines_with_extra_values(text, width)
    if lines:
        sheet = ".xlsx:" in path.as_posix()  # a workbook's sheet, read as CSV text (workbook.py)
        line = "row" if sheet else "line"
        more = f" (and {len(lines) - 1:,} more {line}s like it)" if len(lines) > 1 else ""
        hint = ("delete what is right of the table's last column, or export the sheet again" if sheet
                else f"{_FIX_EXPORT}; a value containing a comma must be in double quotes")
        raise NotCsv(Problem(f"this {line} has more values than the first {line} has column names{more}",
                             display_path(path), lines[0], hint=hint))


def lines_with_extra_values(text: str, width: int) -> list[int]:
    """Return the lines whose rows have more than `width` values.

    Without quotes a row's values are its commas plus one, counted over the bytes at once; with
    quotes (a value may hold a comma or a line break), the rows are read properly.
    """
    if '"' in text:
        found, line = [], 1
        for row in csv.reader(io.StringIO(text)):
            if line > 1 and len(row) > width:
                found.append(line)
            line += 1 + sum(value.count("\n") for value in row)
        return found
    import numpy as np

    data = np.frombuffer(text.encode("utf-8"), dtype=np.uint8)
    starts = np.concatenate(([0], np.flatnonzero(data == ord("\n")) + 1))
    starts = starts[starts < len(data)]
    if len(starts) == 0:
        return []
    per_line = np.add.reduceat((data == ord(",")).view(np.uint8), starts, dtype=np.uint32)
    return [int(index) + 1 for index in np.flatnonzero(per_line > width - 1) if index > 0]


_QUOTED_OR_LINE_END = re.compile(r'"(?:[^"]|"")*"|\n')


def record_lines(text: str, records: int) -> list[int] | range:
    """Return the line each data record starts on (the header is line 1).

    A record is one line, unless a quoted value holds line breaks: then the records after it start
    further down, and each is found by reading the quotes.
    """
    if '"' not in text or not re.search(r'"[^"\n]*\n', text):
        return range(2, records + 2)
    starts, line = [], 1
    for match in _QUOTED_OR_LINE_END.finditer(text):
        if match.group(0) == "\n":
            line += 1
            starts.append(line)
        else:
            line += match.group(0).count("\n")
    starts = starts[:records]
    return starts + list(range(line + 1, line + 1 + records - len(starts)))


def _filled(path: Path, text: str, keep: dict[int, str], table: pd.DataFrame | None) -> pd.Series:
    """Return which rows have a value in any wanted column (`table` when it holds them all).

    Reached only when the first column has empty values, so the second read is rare.
    """
    if table is None:
        table = _parse(path, text, keep)
    return (table[list(keep.values())] != "").any(axis=1)


_PADDING = re.compile(r"[ \t\xa0]*(,|\r?\n)[ \t\xa0]*")
_SIGNS_OF_PADDING = (" ,", ", ", " \n", "\n ")


def padded(text: str) -> bool:
    """Return whether any value in the CSV text has spaces, tabs or non-breaking spaces around it."""
    if text != text.strip(" ") or "\t" in text or "\xa0" in text:
        return True
    return " " in text and _space_beside_separator(text)


def _space_beside_separator(text: str) -> bool:
    """Return whether a space follows a comma or line end, or comes before one.

    Searching the text for " ,", ", ", " \n", "\n " and " \r" costs a pass each and is slow when
    values hold spaces (postcodes); numpy looks at the bytes around each space in one pass.
    Multi-byte UTF-8 characters never contain these ASCII bytes, so the bytes tell the truth.
    """
    import numpy as np

    data = np.frombuffer(text.encode("utf-8"), dtype=np.uint8)
    spaces = np.flatnonzero(data == ord(" "))
    spaces = spaces[(spaces > 0) & (spaces < len(data) - 1)]  # the ends were checked by strip
    before, after = data[spaces - 1], data[spaces + 1]
    return bool(np.isin(before, _BYTES_BEFORE).any() or np.isin(after, _BYTES_AFTER).any())


_BYTES_BEFORE = (ord(","), ord("\n"))
_BYTES_AFTER = (ord(","), ord("\n"), ord("\r"))


def strip_spaces(text: str) -> str:
    """Return the CSV text without spaces around values (the 903 has no free text, so none are kept)."""
    if not padded(text):
        return text
    return _PADDING.sub(r"\1", text).strip(" \t\xa0")
