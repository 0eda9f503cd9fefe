"""Class 7: every zip the tool opens (a council template, an edited document for import-edits, an
appendix, an Excel return) is checked before it is parsed: entries, total size, how much each entry
expands, compression method and encryption. A bomb is refused with its file named, exit 1, in
little memory; nothing outside the output folder changes."""

from __future__ import annotations

import resource
from collections.abc import Callable
from pathlib import Path

import pytest

from report_builder.errors import DataError
from report_builder.packages import check_zip
from report_builder.templates_default import annual_report_template
from report_builder.word.package import docx_bytes

from . import hostile_zip
from .conftest import Unchanged, clear_message, papers_in, run_cli

HOSTILE: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "expands a thousand times": (hostile_zip.expanding, "expands"),
    "ten thousand entries": (hostile_zip.many_entries, "more than the 10,000 any document has"),
    "LZMA compression": (hostile_zip.other_compression, "compressed in a way Word and Excel never use"),
    "encrypted entries": (hostile_zip.encrypted, "it is encrypted"),
}
"""How each hostile package is made, and what its message says."""


@pytest.fixture(scope="module")
def plain() -> bytes:
    return docx_bytes(annual_report_template())


@pytest.fixture(scope="module")
def hostile(plain: bytes) -> dict[str, bytes]:
    return {name: make(plain) for name, (make, _said) in HOSTILE.items()}


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.mark.parametrize("name", HOSTILE, ids=HOSTILE)
def test_a_hostile_template_is_refused_by_template_check_check_and_build(small_report: Path, hostile: dict[str, bytes],
                                                                         name: str) -> None:
    (small_report / "council.docx").write_bytes(hostile[name])
    path = small_report / "council.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("annual_report: default", "annual_report: council.docx"),
                    encoding="utf-8")
    before = peak_mb()
    with Unchanged(small_report.parent, small_report / "out", small_report / "figures"):
        for command in (["template", "check", small_report / "council.docx"],
                        ["check", small_report, "--no-documents"],
                        ["build", small_report, "--out", small_report / "out", "--figures", small_report / "figures",
                         "--draft"]):
            outcome = run_cli(*command, seconds=60)
            assert outcome.exit_code == 1, outcome.output
            assert "council.docx: refused unread: " in outcome.output, outcome.output
            assert HOSTILE[name][1] in outcome.output
    assert not papers_in(small_report / "out")
    assert peak_mb() - before < 200


@pytest.mark.parametrize("name", HOSTILE, ids=HOSTILE)
def test_a_hostile_edited_document_is_refused_by_import_edits(small_report: Path, tmp_path: Path,
                                                              hostile: dict[str, bytes], name: str) -> None:
    edited = tmp_path / "edited.docx"
    edited.write_bytes(hostile[name])
    with Unchanged(tmp_path):
        outcome = run_cli("import-edits", edited, small_report, "--write", seconds=60)
    clear_message(outcome)
    assert "edited.docx: refused unread: " in outcome.stderr and HOSTILE[name][1] in outcome.stderr


def test_sizes_a_zip_lies_about_do_not_get_past(small_report: Path, tmp_path: Path, plain: bytes) -> None:
    edited = tmp_path / "edited.docx"
    edited.write_bytes(hostile_zip.lying(plain, megabytes=200))
    before = peak_mb()
    with Unchanged(tmp_path):
        outcome = run_cli("import-edits", edited, small_report, seconds=60)
        template = run_cli("template", "check", edited, seconds=60)
    for result in (outcome, template):
        clear_message(result)
        assert "edited.docx: word/document.xml is damaged" in result.stderr, result.stderr
    assert peak_mb() - before < 100, "the lying entry was read past its stated size"


def test_a_zip_over_the_total_limit_is_refused_and_the_limit_can_be_raised(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    parts = hostile_zip.entries(docx_bytes(annual_report_template()))
    big = hostile_zip.rezip({**parts, "word/media/photo.bin": os.urandom(3 * 1024 * 1024)})
    monkeypatch.setenv("REPORT_BUILDER_MAX_ZIP_MB", "2")
    with pytest.raises(DataError) as caught:
        check_zip(big, "return.xlsx", "Excel workbook (.xlsx)", DataError)
    said = str(caught.value.problems[0])
    assert said.startswith("return.xlsx: refused unread: it expands to ") and "MB, more than the 2 MB allowed" in said
    monkeypatch.setenv("REPORT_BUILDER_MAX_ZIP_MB", "10")
    check_zip(big, "return.xlsx", "Excel workbook (.xlsx)", DataError)


@pytest.mark.parametrize(("data", "said"), [
    (b"CHILD,SEX\n1,M\n", "it is a text file"), (b"", "the file is empty"), (b"%PDF-1.7\n", "it is a PDF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(200), "old-style Office file"), (bytes(range(256)) * 4, "not a zip"),
], ids=["text", "empty", "pdf", "old-office", "binary"])
def test_what_is_not_a_zip_is_named_for_what_it_is(tmp_path: Path, data: bytes, said: str) -> None:
    path = tmp_path / "return.xlsx"
    path.write_bytes(data)
    with pytest.raises(DataError) as caught:
        check_zip(path, "return.xlsx", "Excel workbook (.xlsx)", DataError)
    assert said in caught.value.problems[0].message
    assert caught.value.problems[0].hint == "save it again as an Excel workbook (.xlsx)"


def workbook(folder: Path, year: int = 2025, far_cell: str | None = None) -> Path:
    """Write a small SSDA903 return as a workbook (header, episodes, reviews sheets) in folder/year, with a
    value in far_cell of the header sheet if given; return the workbook."""
    from openpyxl import Workbook

    book = Workbook()
    header = book.active
    header.title = "header"
    header.append(["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"])
    for title, columns in (("episodes", ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC",
                                         "REC", "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"]),
                           ("reviews", ["CHILD", "DOB", "REVIEW", "REVIEW_CODE"])):
        book.create_sheet(title).append(columns)
    if far_cell:
        header[far_cell] = "x"
    (folder / str(year)).mkdir(parents=True, exist_ok=True)
    path = folder / str(year) / "return.xlsx"
    book.save(path)
    return path


def test_a_workbook_that_says_it_is_a_million_rows_and_16384_columns_is_read_as_far_as_its_cells_go(
        tmp_path: Path) -> None:
    book = workbook(tmp_path / "903", far_cell="XFD1048576")
    assert book.stat().st_size < 10_000
    before = peak_mb()
    with Unchanged(tmp_path):
        outcome = run_cli("stats", "--ssda903", tmp_path / "903", "--year", "2025", seconds=60)
    assert peak_mb() - before < 300, "the sheet was filled out to the size it states"
    assert outcome.exit_code in (0, 1) and "Traceback" not in outcome.output


def test_a_value_further_right_than_any_table_goes_is_a_problem_at_its_row(tmp_path: Path) -> None:
    workbook(tmp_path / "903", far_cell="CW3")  # column 101
    with Unchanged(tmp_path):
        outcome = run_cli("stats", "--ssda903", tmp_path / "903", "--year", "2025", seconds=60)
    clear_message(outcome)
    assert "903/2025/return.xlsx:header:3: row 3 has a value in column 101" in outcome.stderr, outcome.stderr


def test_a_workbook_whose_table_of_texts_unpacks_past_any_return_is_refused_unread(tmp_path: Path) -> None:
    import os

    book = workbook(tmp_path / "903")
    parts = {name: data for name, data in hostile_zip.entries(book.read_bytes()).items()
             if not name.endswith("sharedStrings.xml")}
    texts = b"".join(b"<si><t>%s</t></si>" % os.urandom(6).hex().encode() for _ in range(2_100_000))
    parts["xl/sharedStrings.xml"] = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' \
        + texts + b"</sst>"  # 56 MB of texts, packed to about 25
    book.write_bytes(hostile_zip.rezip(parts))
    del texts, parts
    before = peak_mb()
    with Unchanged(tmp_path):
        outcome = run_cli("stats", "--ssda903", tmp_path / "903", "--year", "2025", seconds=60)
    clear_message(outcome)
    assert "903/2025/return.xlsx: refused unread: its table of texts (sharedStrings.xml) expands to 56 MB, " \
           "more than the 50 MB any return needs" in outcome.stderr, outcome.stderr
    assert peak_mb() - before < 100
