"""SSDA903 returns as Excel workbooks: the same checks, messages and figures as the CSV files."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from workbooks import workbook_of

from report_builder.errors import DataError
from report_builder.ssda903 import compute_statistics, read_ssda903
from report_builder.ssda903.synth import write_synthetic


def to_workbook(folder: Path, name: str = "SSDA903 return.xlsx") -> Path:
    """Replace the folder's CSV files by one workbook, a sheet per file, and return its path."""
    (folder / name).write_bytes(workbook_of(folder))
    for path in folder.glob("*.csv"):
        path.unlink()
    return folder / name


@pytest.fixture(scope="module")
def returns(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    as_csv, as_xlsx = tmp_path_factory.mktemp("csv"), tmp_path_factory.mktemp("xlsx")
    for folder in (as_csv, as_xlsx):
        write_synthetic(folder, children=160, years=2, seed=4)
    for year in as_xlsx.iterdir():
        to_workbook(year)
    return as_csv, as_xlsx


def test_the_same_data_as_csv_and_as_xlsx_give_identical_figures(returns: tuple[Path, Path]) -> None:
    as_csv, as_xlsx = returns
    assert not list(as_xlsx.rglob("*.csv"))
    from_csv, from_xlsx = read_ssda903(as_csv), read_ssda903(as_xlsx)
    assert from_csv.problems == from_xlsx.problems == ()
    assert (compute_statistics(from_csv, 2026, "Testshire").model_dump()
            == compute_statistics(from_xlsx, 2026, "Testshire").model_dump())


def test_a_bad_row_is_named_by_workbook_sheet_and_row(returns: tuple[Path, Path], tmp_path: Path) -> None:
    from openpyxl import load_workbook

    folder = tmp_path / "2026"
    folder.mkdir()
    book = load_workbook(returns[1] / "2026" / "SSDA903 return.xlsx")
    place = [cell.value for cell in book["Episodes"][1]].index("PLACE") + 1
    book["Episodes"].cell(row=6, column=place, value="R4")
    book.save(folder / "SSDA903 return.xlsx")
    problems = [str(p) for p in read_ssda903(folder).problems]
    assert any(p.endswith("SSDA903 return.xlsx:Episodes:6: column PLACE: 'R4' is not a placement code in "
                                "2025-26 — expected one of A3, A4, A5, A6, K1, K2, K3, P1, P3, R1, R2, R3, R5, S1, "
                                "T0, T1, T2, T3, T4, U1, U2, U3, U4, U5, U6, Z11, Z12, Z13, Z14; correct it in the "
                                "case management system and export again") for p in problems), problems


def test_a_workbook_without_a_sheet_says_which_it_has(tmp_path: Path) -> None:
    from openpyxl import Workbook

    from report_builder.ssda903.codes import COLUMNS

    book = Workbook()
    book.active.title = "Header"
    book.active.append(list(COLUMNS["header"]))
    book.create_sheet("Episodes").append(list(COLUMNS["episodes"]))
    book.save(tmp_path / "903.xlsx")
    with pytest.raises(DataError) as raised:
        read_ssda903(tmp_path, year_ending=2026)
    assert [p.message for p in raised.value.problems] == ["the workbook has no sheet named reviews"]
    assert raised.value.problems[0].hint.endswith("its sheets are: header, episodes")


@pytest.mark.parametrize("content", [b"not a workbook at all", b"PK\x03\x04 broken"], ids=["text", "broken zip"])
def test_a_file_that_is_not_a_workbook_is_refused(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "903.xlsx").write_bytes(content)
    with pytest.raises(DataError) as raised:
        read_ssda903(tmp_path, year_ending=2026)
    assert [p.message for p in raised.value.problems] == ["this is not a readable Excel workbook (.xlsx)"]


def test_a_workbook_that_unpacks_to_far_more_is_refused_unopened(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "903.xlsx", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * 20_000_000)
    with pytest.raises(DataError) as raised:
        read_ssda903(tmp_path, year_ending=2026)
    [problem] = raised.value.problems
    assert problem.message.startswith("refused unread: ") and "times" in problem.message, problem.message


def test_two_workbooks_for_one_year_are_refused(returns: tuple[Path, Path], tmp_path: Path) -> None:
    source = returns[1] / "2026" / "SSDA903 return.xlsx"
    for name in ("a.xlsx", "b.xlsx"):
        (tmp_path / name).write_bytes(source.read_bytes())
    with pytest.raises(DataError) as raised:
        read_ssda903(tmp_path, year_ending=2026)
    assert [p.message for p in raised.value.problems] == ["the folder holds 2 Excel workbooks (a.xlsx, b.xlsx)"]
