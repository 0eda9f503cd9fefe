"""Class 10: SSDA903 exports at their edges. Rows with more values than names, files and year folders
that are links out of the export, /dev/zero, a FIFO and a folder under a CSV's name, year folders
named 22-23 or not named for a year at all, last year's return in this year's folder, line numbers
when quoted values hold line breaks, and codes in lower case."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from .conftest import EXPORT_YEAR, Unchanged, clear_message, export_figures, run_cli, synthetic_export

YEAR = EXPORT_YEAR


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return synthetic_export(tmp_path_factory, seed=23, children=200)


@pytest.fixture
def folder(export: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "903"
    shutil.copytree(export, copy)
    return copy


def stats(folder: Path):  # type: ignore[no-untyped-def]
    return run_cli("stats", "--ssda903", folder, "--year", str(YEAR), "--format", "json", seconds=120)


def refused(folder: Path, *said: str) -> str:
    """Run stats on the folder, check it stopped with a message naming each of said, return the messages."""
    with Unchanged(folder.parent):
        outcome = stats(folder)
    clear_message(outcome)
    for words in said:
        assert words in outcome.stderr, outcome.stderr
    return outcome.stderr


def test_a_row_with_more_values_than_names_is_refused_at_its_line(folder: Path) -> None:
    path = folder / str(YEAR) / "reviews.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[4] += ",EXTRA"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    refused(folder, "reviews.csv:5: this line has more values than the first line has column names")


@pytest.mark.parametrize("what", ["file", "year folder"])
def test_a_link_out_of_the_export_is_refused(folder: Path, tmp_path: Path, what: str) -> None:
    outside = tmp_path / "elsewhere"
    if what == "file":
        outside.mkdir()
        (folder / str(YEAR) / "reviews.csv").rename(outside / "reviews.csv")
        (folder / str(YEAR) / "reviews.csv").symlink_to(outside / "reviews.csv")
    else:
        (folder / str(YEAR)).rename(outside)
        (folder / str(YEAR)).symlink_to(outside, target_is_directory=True)
    refused(folder, "is a link pointing outside the SSDA903 folder")


@pytest.mark.parametrize("what", ["dev-zero", "fifo", "folder"])
def test_what_is_not_a_file_under_a_csv_name_is_refused_at_once(folder: Path, what: str) -> None:
    path = folder / str(YEAR) / "uasc.csv"
    path.unlink(missing_ok=True)
    {"dev-zero": lambda: path.symlink_to("/dev/zero"), "fifo": lambda: os.mkfifo(path),
     "folder": lambda: path.mkdir()}[what]()
    said = {"dev-zero": "'uasc.csv' is a link pointing outside the SSDA903 folder",
            "fifo": "this is a device, FIFO or socket, not a CSV file", "folder": "this is a folder, not a CSV file"}
    refused(folder, f"uasc.csv: {said[what]}")


def test_a_year_folder_named_22_23_is_read_as_that_year(folder: Path) -> None:
    before = export_figures(folder)
    (folder / str(YEAR - 1)).rename(folder / f"{YEAR - 2002}-{YEAR - 2001}")
    assert export_figures(folder) == before


def test_two_folders_for_one_year_are_a_problem(folder: Path) -> None:
    shutil.copytree(folder / str(YEAR), folder / f"{YEAR - 2001}-{YEAR - 2000}")
    refused(folder, "two folders are named for 2024/25: 2025, 24-25")


def test_a_folder_of_csv_files_not_named_for_a_year_is_a_problem(folder: Path) -> None:
    shutil.copytree(folder / str(YEAR - 1), folder / "old export")
    refused(folder, "the folder 'old export' holds CSV files but its name is not a collection year")


def test_last_years_return_in_this_years_folder_is_said_so(folder: Path) -> None:
    shutil.rmtree(folder / str(YEAR))
    (folder / str(YEAR - 1)).rename(folder / str(YEAR))
    refused(folder, "the folder is named for 2024-25 but no episode starts or ends and no review is held in that "
                    "year; its latest date is in 2023-24")


def test_line_numbers_count_lines_when_quoted_values_hold_line_breaks(folder: Path) -> None:
    path = folder / str(YEAR) / "header.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    names = lines[0].split(",")
    note = names.index("UPN")
    cells = lines[1].split(",")
    cells[note] = '"A1\nB2\nC3"'  # a value over three lines
    lines[1] = ",".join(cells)
    bad = lines[3].split(",")
    bad[names.index("SEX")] = "Q"
    lines[3] = ",".join(bad)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    from report_builder.ssda903 import read_ssda903

    problems = [p for p in read_ssda903(folder).problems if "column SEX" in p.message]
    assert [p.line for p in problems] == [6]  # line 4 of records, pushed down by two line breaks


def test_codes_in_lower_case_are_read_with_one_note(folder: Path) -> None:
    before = export_figures(folder)
    path = folder / str(YEAR) / "episodes.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([lines[0], *(line.lower() for line in lines[1:])]) + "\n", encoding="utf-8")
    assert export_figures(folder) == before
    from report_builder.ssda903 import read_ssda903

    notes = [p for p in read_ssda903(folder).problems if "lower case" in p.message]
    assert len(notes) == 1 and notes[0].severity == "warning" and "PLACE" in notes[0].message


def as_workbook(folder: Path, year: int = YEAR, longer_row: str | None = None) -> Path:
    """Replace the year's CSV files by one workbook, a sheet per file (reviews' 5th row given one more value
    when longer_row is given); return the workbook."""
    import csv

    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for path in sorted((folder / str(year)).glob("*.csv")):
        sheet = book.create_sheet(path.stem)
        with path.open(encoding="utf-8-sig", newline="") as rows:
            for row in csv.reader(rows):
                sheet.append(row)
        path.unlink()
    if longer_row is not None:
        book["reviews"].cell(row=5, column=5, value=longer_row)
    book.save(folder / str(year) / "return.xlsx")
    return folder / str(year) / "return.xlsx"


def test_a_workbook_row_with_more_values_than_names_is_refused_at_its_row(folder: Path) -> None:
    as_workbook(folder, longer_row="EXTRA")
    refused(folder, "return.xlsx:reviews:5: this row has more values than the first row has column names — "
                    "delete what is right of the table's last column")


def test_a_workbook_linked_from_outside_the_export_is_refused(folder: Path, tmp_path: Path) -> None:
    book = as_workbook(folder)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    book.rename(outside / "return.xlsx")
    book.symlink_to(outside / "return.xlsx")
    refused(folder, "'return.xlsx' is a link pointing outside the SSDA903 folder")
