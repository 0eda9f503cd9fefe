"""Uploads of this year's SSDA903 return: CSV files or one Excel workbook, checked, kept, nothing lost."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from workbooks import workbook_of

from report_builder.errors import Problem
from report_builder.ssda903.synth import write_synthetic
from report_builder.web.uploads import Kept, accept, data_files


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a year's folder of SSDA903 CSV files (2024-25), as the case management system exports them."""
    root = tmp_path_factory.mktemp("export")
    write_synthetic(root, children=60, years=1, seed=7, year_ending=2025)
    return root / "2025"


@pytest.fixture
def year(exported: Path, tmp_path: Path) -> Path:
    """Return a copy of the year's folder, holding the CSV files."""
    folder = tmp_path / "ssda903" / "2025"
    folder.mkdir(parents=True)
    for path in exported.glob("*.csv"):
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


def test_a_workbook_is_kept_for_the_year_and_the_csv_files_set_aside(year: Path, exported: Path) -> None:
    csv_files = sorted(path.name for path in year.glob("*.csv"))
    kept = accept(year, "SSDA903 2024-25.xlsx", workbook_of(exported))
    assert isinstance(kept, Kept) and kept.path == year / "SSDA903 2024-25.xlsx"
    assert sorted(kept.set_aside) == csv_files and not list(year.glob("*.csv"))
    assert sorted(p.name.rsplit("-", 2)[0] for p in (year / ".replaced").iterdir()) == [n[:-4] for n in csv_files]
    assert [(f.name, f.kind) for f in data_files(year)] == [("SSDA903 2024-25.xlsx", "The whole return, a sheet for each file")]


def test_the_kept_workbook_gives_the_same_figures_as_the_csv_files(year: Path, exported: Path) -> None:
    from report_builder.ssda903 import compute_statistics, read_ssda903

    from_csv = compute_statistics(read_ssda903(year.parent), 2025, "Testshire").model_dump()
    accept(year, "return.xlsx", workbook_of(exported))
    read = read_ssda903(year.parent)
    assert read.problems == () and compute_statistics(read, 2025, "Testshire").model_dump() == from_csv


@pytest.mark.parametrize(("uploaded", "kept_as"), [
    ("~$return.xlsx", "return.xlsx"), ("Return: 2025-26.xlsx", "Return- 2025-26.xlsx"),
], ids=["named-like-a-lock-file", "characters-windows-forbids"])
def test_a_workbook_is_kept_under_a_name_the_reader_and_any_system_take(
        year: Path, exported: Path, uploaded: str, kept_as: str) -> None:
    kept = accept(year, uploaded, workbook_of(exported))
    assert isinstance(kept, Kept) and kept.path.name == kept_as


def test_a_workbook_beside_csv_files_is_listed_as_not_read(year: Path, exported: Path) -> None:
    (year / "copied in.xlsx").write_bytes(workbook_of(exported))
    kinds = {f.name: f.kind for f in data_files(year)}
    assert kinds["copied in.xlsx"] == "Not read: the CSV files here are read instead"
    assert kinds["reviews.csv"] == "Reviews"


def test_a_second_workbook_replaces_the_first_which_is_kept(year: Path, exported: Path) -> None:
    accept(year, "first.xlsx", workbook_of(exported))
    kept = accept(year, "second.xlsx", workbook_of(exported))
    assert isinstance(kept, Kept) and kept.set_aside == ("first.xlsx",)
    assert [f.name for f in data_files(year)] == ["second.xlsx"]
    assert any(p.name.startswith("first-") for p in (year / ".replaced").iterdir())


def test_a_csv_file_sets_a_workbook_aside_and_says_its_other_sheets_are_not_read(year: Path, exported: Path) -> None:
    accept(year, "return.xlsx", workbook_of(exported))
    kept = accept(year, "Reviews export.csv", (exported / "reviews.csv").read_bytes())
    assert isinstance(kept, Kept) and kept.path.name == "reviews.csv"
    assert kept.set_aside == ("return.xlsx",) and kept.workbook_set_aside
    assert kept.summary() == (
        "Kept Reviews export.csv as reviews.csv, this year's file of reviews. It replaces return.xlsx, now kept in "
        "the folder's .replaced folder, so nothing is lost. The workbook's other sheets are no longer read: upload "
        "the rest of the return as CSV files too, or upload the workbook again.")


def test_a_csv_file_replacing_its_own_kind_says_so_once(year: Path, exported: Path) -> None:
    kept = accept(year, "reviews.csv", (exported / "reviews.csv").read_bytes())
    assert isinstance(kept, Kept) and kept.summary() == (
        "Kept reviews.csv, this year's file of reviews. The reviews.csv it replaces is kept in the folder's .replaced "
        "folder, so nothing is lost.")


def zip_of(parts: int) -> bytes:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as package:
        for index in range(parts):
            package.writestr(f"xl/part{index}.xml", "")
    return stream.getvalue()


@pytest.mark.parametrize(("name", "content", "said"), [
    ("return.xlsx", b"CHILD,SEX,DOB\n1,1,01/01/2010\n", "not a readable Excel workbook (.xlsx)"),
    ("return.xlsx", b"", "not a readable Excel workbook (.xlsx)"),
    ("return.xlsx", zip_of(3), "not a readable Excel workbook"),
    ("return.xls", b"\xd0\xcf\x11\xe0", "is not an Excel Workbook (.xlsx)"),
    ("return.xlsm", b"PK", "is not an Excel Workbook (.xlsx)"),
    ("return.txt", b"CHILD,SEX\n", "is not a CSV file or an Excel workbook"),
], ids=["text-named-xlsx", "empty", "zip-not-a-workbook", "old-excel", "macro-workbook", "text-file"])
def test_a_file_that_is_not_a_workbook_is_refused_and_nothing_set_aside(
        year: Path, name: str, content: bytes, said: str) -> None:
    before = sorted(p.name for p in year.iterdir())
    found = accept(year, name, content)
    assert isinstance(found, Problem) and said in str(found), str(found)
    assert sorted(p.name for p in year.iterdir()) == before


def test_a_workbook_packed_like_a_zip_bomb_is_refused_by_the_zip_gate(year: Path) -> None:
    from report_builder.packages import ZipLimits

    found = accept(year, "return.xlsx", zip_of(ZipLimits.current().entries + 1))
    assert isinstance(found, Problem) and "refused unread" in found.message, str(found)
    assert not list(year.glob("*.xlsx"))


def test_a_workbook_without_a_sheet_named_like_a_file_is_refused(year: Path) -> None:
    from openpyxl import Workbook

    stream = io.BytesIO()
    Workbook().save(stream)
    found = accept(year, "return.xlsx", stream.getvalue())
    assert isinstance(found, Problem) and "its sheets: sheet" in found.message and "header, episodes, reviews" in (
        found.hint or "")
    assert not list(year.glob("*.xlsx")) and list(year.glob("*.csv"))


@pytest.fixture
def report_with_903(small_report: Path, exported: Path) -> Path:
    """Return the small report reading its children from an SSDA903 folder (the year's CSV files)."""
    report = small_report / "report.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace(
        "data:\n  statistics: statistics.yaml", "data:\n  statistics: statistics.yaml\n  ssda903: data/ssda903"),
        encoding="utf-8")
    folder = small_report / "data" / "ssda903" / "2025"
    folder.mkdir(parents=True)
    for path in exported.glob("*.csv"):
        (folder / path.name).write_bytes(path.read_bytes())
    return small_report


def test_the_page_keeps_an_uploaded_workbook_and_lists_its_problem_by_sheet_and_row(  # type: ignore[no-untyped-def]
        report_with_903: Path, page, exported: Path) -> None:
    data = workbook_of(exported, bad_place=True)
    answer = page.post("/data/upload", data={}, files={"files": ("SSDA903 return.xlsx", data, "application/octet-stream")})
    assert answer.status_code == 200, answer.text
    text = answer.text
    assert "Kept SSDA903 return.xlsx, this year&#39;s return. It replaces episodes.csv, header.csv" in text
    row = next(r for r in text.split("<tr>") if "&#39;R4&#39; is not a placement code" in r)
    assert '<span class="file-name">SSDA903 return.xlsx</span>, <span class="sheet-name">sheet Episodes</span></td><td>6</td>' in row
    children = [line.split(",")[0] for line in (exported / "header.csv").read_text(encoding="utf-8").splitlines()[1:]]
    assert not [child for child in children if f">{child}<" in text or f" {child} " in text]
