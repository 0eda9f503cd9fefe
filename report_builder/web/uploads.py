"""This year's SSDA903 files as the data page keeps them: uploads recognised, checked and kept, nothing lost.

A return comes as CSV files (one per table, each recognised by its column names, whatever it is
called) or as one Excel workbook (a sheet per table, named like the file: ssda903/workbook.py). A
workbook passes the zip gate every zip passes and must have a sheet the return names before it is
kept. The year's folder holds one or the other: the reader takes the CSV files when there are any,
so a workbook sets the CSV files aside, and a CSV file sets a workbook aside. Whatever an upload
replaces is moved to a .replaced folder beside it, stamped with the time, never deleted; the new
file is written whole by files.write_file.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from report_builder.errors import Problem
from report_builder.files import file_stem, write_file

MAX_UPLOAD_BYTES = 200 * 1024 * 1024
"""The largest upload accepted at once (a large council's SSDA903 episodes file is tens of megabytes)."""
REPLACED = ".replaced"
"""The folder, inside the year's folder, that keeps the files an upload replaced."""
FILE_KINDS = {
    "header": "The children (header)", "episodes": "Episodes of care", "reviews": "Reviews",
    "uasc": "Unaccompanied asylum-seeking children", "missing": "Missing or away from placement",
    "oc2": "Outcomes: health and offending (OC2)", "oc3": "Outcomes: care leavers (OC3)",
    "ad1": "Adoption (AD1)", "placed_for_adoption": "Placed for adoption",
}
"""Each file of the SSDA903 return as the DfE's guidance names it."""
WORKBOOK_KIND = "The whole return, a sheet for each file"
SAVE_AS_XLSX = "open it in Excel and save it as an Excel Workbook (.xlsx), a sheet for each file, then upload that"


@dataclass(frozen=True)
class Kept:
    """An upload kept as this year's file, and the files it set aside (now in the .replaced folder)."""

    path: Path
    set_aside: tuple[str, ...] = ()
    uploaded: str = ""
    """The name the file was uploaded with."""

    @property
    def workbook_set_aside(self) -> bool:
        """Return whether a CSV file set a workbook aside (whose other sheets then are not read)."""
        return self.path.suffix == ".csv" and any(name.lower().endswith(".xlsx") for name in self.set_aside)

    def summary(self) -> str:
        """Return what was kept, as the page says it: 'Kept Reviews 2026.csv as reviews.csv, this year's …'."""
        named = self.path.name if self.uploaded in ("", self.path.name) else f"{self.uploaded} as {self.path.name}"
        kind = FILE_KINDS.get(self.path.stem, "").lower()
        what = "this year's return" if self.path.suffix == ".xlsx" else f"this year's file of {kind or 'the return'}"
        said = [f"Kept {named}, {what}."]
        if self.set_aside == (self.path.name,):
            said.append(f"The {self.path.name} it replaces is kept in the folder's {REPLACED} folder, so nothing is lost.")
        elif self.set_aside:
            said.append(f"It replaces {', '.join(self.set_aside)}, now kept in the folder's {REPLACED} folder, "
                        "so nothing is lost.")
        if self.workbook_set_aside:
            said.append("The workbook's other sheets are no longer read: upload the rest of the return as CSV files "
                        "too, or upload the workbook again.")
        return " ".join(said)


@dataclass(frozen=True)
class DataFile:
    """One of this year's SSDA903 files as the page lists it."""

    name: str
    kind: str
    size: int
    changed: datetime


def year_folder(report: Any) -> Path:
    """Return the folder this year's SSDA903 files go in (the year's own folder when there are year folders)."""
    root = report.path(report.meta.data.ssda903 or "data/ssda903")
    return root / str(report.meta.year_ending)


def accept(folder: Path, name: str, data: bytes) -> Problem | Kept:
    """Return where an uploaded file was kept in the year's folder, or the problem that kept it out."""
    suffix = Path(name).suffix.lower()
    if len(data) > MAX_UPLOAD_BYTES:
        return Problem(f"{name} is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB",
                       hint="check that the right file was exported")
    if suffix == ".xlsx":
        return _accept_workbook(folder, name, data)
    if suffix in (".xlsm", ".xls", ".xlsb", ".ods"):
        return Problem(f"{name} is not an Excel Workbook (.xlsx)", hint=SAVE_AS_XLSX)
    if suffix != ".csv":
        return Problem(f"{name} is not a CSV file or an Excel workbook",
                       hint="upload the SSDA903 files as CSV (one file per table) or as one .xlsx workbook")
    first = data[:4096].decode("utf-8-sig", errors="replace").splitlines()[:1]
    kind = file_kind(first[0] if first else "")
    if kind is None:
        return Problem(f"{name}: its first row does not name the columns of an SSDA903 file",
                       hint="export the file with its header row (CHILD, SEX, DOB … for the header file)")
    replaced = [p for p in _entries(folder) if _is_workbook(p) or _csv_of(p) == kind]
    return replace(_kept(folder, f"{kind}.csv", data, replaced), uploaded=name)


def file_kind(first_line: str) -> str | None:
    """Return which SSDA903 file a CSV is (header, episodes, reviews …) from its column names, or None."""
    from report_builder.ssda903.codes import COLUMNS, REQUIRED_COLUMNS

    columns = {name.strip().strip('"').upper() for name in first_line.split(",")}
    best, score = None, 0
    for kind, names in COLUMNS.items():
        required = set(REQUIRED_COLUMNS.get(kind, names))
        if required <= columns and len(columns & set(names)) > score:
            best, score = kind, len(columns & set(names))
    return best


def _accept_workbook(folder: Path, name: str, data: bytes) -> Problem | Kept:
    """Return where an uploaded workbook was kept (setting the year's CSV files aside), or its problem."""
    from report_builder.ssda903.codes import REQUIRED_FILES
    from report_builder.ssda903.csvfile import NotCsv
    from report_builder.ssda903.workbook import sheet_tables

    try:
        tables = sheet_tables(data, name)
    except NotCsv as error:
        return error.problem
    if not set(tables) & set(FILE_KINDS):
        listed = ", ".join(tables) or "none"
        return Problem(f"{name}: no sheet is named like a file of the return (its sheets: {listed})",
                       hint=f"name each sheet like the file it holds: {', '.join(REQUIRED_FILES)}")
    replaced = [p for p in _entries(folder) if p.suffix.lower() == ".csv" or _is_workbook(p)]
    kept_as = file_stem(Path(name).stem.lstrip("~$"), ".xlsx")  # the reader passes over Excel's lock files, ~$…
    return replace(_kept(folder, kept_as, data, replaced), uploaded=name)


def data_files(folder: Path) -> list[DataFile]:
    """Return this year's SSDA903 files in the folder (CSV files and workbooks), with what each one is."""
    files = []
    paths = sorted(p for p in _entries(folder) if p.suffix.lower() == ".csv" or _is_workbook(p))
    has_csv = any(_csv_of(path) for path in paths)
    for path in paths:
        status = path.stat()
        kind = FILE_KINDS.get(_csv_of(path) or "", "")
        if _is_workbook(path):  # the reader takes the CSV files when there are any (ssda903/reader.py)
            kind = "Not read: the CSV files here are read instead" if has_csv else WORKBOOK_KIND
        files.append(DataFile(path.name, kind or "Not one of the return's files: not read",
                              status.st_size, datetime.fromtimestamp(status.st_mtime)))
    return files


def _entries(folder: Path) -> list[Path]:
    """Return the ordinary files in the folder (none when it is not there yet)."""
    return [p for p in folder.iterdir() if p.is_file()] if folder.is_dir() else []


def _is_workbook(path: Path) -> bool:
    return path.suffix.lower() == ".xlsx" and not path.name.startswith("~$")


def _csv_of(path: Path) -> str | None:
    """Return the table a CSV file's name stands for ('Reviews.csv' -> 'reviews'), or None for another file."""
    return path.stem.strip().lower() if path.suffix.lower() == ".csv" else None


def _kept(folder: Path, name: str, data: bytes, replaced: list[Path]) -> Kept:
    """Return the upload written as folder/name, the files it replaces set aside first.

    Raises PublishError when it cannot be written; the files set aside are then put back.
    """
    folder.mkdir(parents=True, exist_ok=True)
    moved = _set_aside(folder, replaced)
    try:
        return Kept(write_file(folder / name, data), tuple(sorted(path.name for path in replaced)))
    except BaseException:
        for old, now in zip(replaced, moved, strict=True):
            now.replace(old)
        raise


def _set_aside(folder: Path, paths: list[Path]) -> list[Path]:
    """Move the files to the folder's .replaced folder, stamped with the time; return where each went."""
    if not paths:
        return []
    kept = folder / REPLACED
    kept.mkdir(parents=True, exist_ok=True)
    stamp, moved = time.strftime("%Y%m%d-%H%M%S"), []
    for path in paths:
        target, count = kept / f"{path.stem}-{stamp}{path.suffix}", 1
        while target.exists():  # set aside twice in a second: neither is lost
            count += 1
            target = kept / f"{path.stem}-{stamp}-{count}{path.suffix}"
        path.replace(target)
        moved.append(target)
    return moved
