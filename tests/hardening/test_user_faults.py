"""Class 9: a fault in the user's files is a located message with the fix and exit 1, never "a fault in
the tool" (exit 2): encrypted, empty or exploding PDF appendices, a template or appendix that is
really text, XXE or billion laughs in a template, an unusual zip, a too-long title, and more."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from report_builder.errors import PublishError
from report_builder.publish.pack import PackPart, make_agenda_pack
from report_builder.templates_default import annual_report_template
from report_builder.word.package import docx_bytes

from . import hostile_pdf, hostile_zip
from .conftest import Unchanged, clear_message, papers_in, run_cli

PDFS: dict[str, tuple[Callable[[Path], Path], str]] = {
    "RC4 40-bit": (lambda path: hostile_pdf.encrypted(path, "RC4-40"), "it is encrypted"),
    "RC4 128-bit": (lambda path: hostile_pdf.encrypted(path, "RC4-128"), "it is encrypted"),
    "owner password only": (lambda path: hostile_pdf.encrypted(path, "RC4-128", user=""), "it is encrypted"),
    "AES-256": (hostile_pdf.aes_marked, "it is encrypted"),
    "no pages": (hostile_pdf.no_pages, "it has no pages"),
    "decompression bomb": (hostile_pdf.bomb, "it cannot be read as a PDF (Limit reached while decompressing"),
    "not a PDF": (lambda path: (path.write_bytes(b"Minutes of the meeting\n"), path)[1],
                  "it cannot be read as a PDF"),
}


@pytest.mark.parametrize("name", PDFS, ids=PDFS)
def test_an_unusable_pdf_appendix_is_named_with_the_fix(tmp_path: Path, name: str) -> None:
    make, said = PDFS[name]
    covering = hostile_pdf.written(hostile_pdf.plain(), tmp_path / "covering.pdf")
    appendix = make(tmp_path / "action plan.pdf")
    with Unchanged(tmp_path, tmp_path / "out"):
        (tmp_path / "out").mkdir()
        with pytest.raises(PublishError) as caught:
            make_agenda_pack([PackPart("Covering report", covering), PackPart("Appendix 2 – Action plan", appendix)],
                             tmp_path / "out" / "pack.pdf", "Committee")
    [problem] = caught.value.problems
    assert Path(problem.file or "").name == "action plan.pdf"
    assert problem.message.startswith("'Appendix 2 – Action plan' cannot go into the agenda pack: ")
    assert said in problem.message and problem.hint and "build the paper's PDF first" not in problem.hint
    assert not (tmp_path / "out" / "pack.pdf").exists()


def use_template(report: Path, data: bytes) -> None:
    (report / "council.docx").write_bytes(data)
    path = report / "council.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("annual_report: default", "annual_report: council.docx"),
                    encoding="utf-8")


def with_header_xml(prolog: str) -> bytes:
    """Return the default template with a DTD (declaring entities) before its header's XML."""
    parts = hostile_zip.entries(docx_bytes(annual_report_template()))
    header = parts["word/header1.xml"].decode("utf-8")
    declaration, rest = header.split("?>", 1)
    parts["word/header1.xml"] = f"{declaration}?>{prolog}{rest}".encode()
    return hostile_zip.rezip(parts)


LAUGHS = '<!ENTITY lol0 "lol">' + "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))
"""Ten levels of ten: a billion 'lol's if an XML reader expands them."""
TEMPLATES = {
    "text saved as .docx": (b"Northbridge City Council\nAnnual report\n", "not a Word document (.docx): it is a text file"),
    "XXE in the header": (with_header_xml('<!DOCTYPE w:hdr [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'),
                          "word/header1.xml holds a document type declaration (DTD)"),
    "billion laughs in the header": (with_header_xml(f"<!DOCTYPE w:hdr [{LAUGHS}]>"),
                                     "word/header1.xml holds a document type declaration (DTD)"),
    "LZMA compression": (hostile_zip.other_compression(docx_bytes(annual_report_template())),
                         "refused unread: 'word/document.xml' is compressed in a way Word and Excel never use"),
    "a PDF named .docx": (b"%PDF-1.7\n%%EOF\n", "not a Word document (.docx): it is a PDF"),
}


@pytest.mark.parametrize("name", TEMPLATES, ids=TEMPLATES)
def test_a_template_that_is_not_a_safe_word_document_is_a_located_message(small_report: Path, name: str) -> None:
    data, said = TEMPLATES[name]
    use_template(small_report, data)
    with Unchanged(small_report.parent, small_report / "out", small_report / "figures"):
        for command in (["template", "check", small_report / "council.docx"],
                        ["build", small_report, "--out", small_report / "out", "--figures", small_report / "figures",
                         "--draft"]):
            outcome = run_cli(*command, seconds=60)
            clear_message(outcome)
            assert f"council.docx: {said}" in outcome.stderr, outcome.stderr
    assert not papers_in(small_report / "out")


def test_a_very_long_title_with_control_characters_makes_a_file_name_any_disk_takes(small_report: Path) -> None:
    path = small_report / "report.yaml"
    title = "Independent\tReviewing\x07Officer " + "Annual Report " * 30
    path.write_text(path.read_text(encoding="utf-8").replace(
        "title: Independent Reviewing Officer Annual Report", f'title: "{title}"'.replace("\t", "\\t")
        .replace("\x07", "\\a"), 1), encoding="utf-8")
    outcome = run_cli("build", small_report, "--out", small_report / "out", "--figures", small_report / "figures",
                      "--draft", seconds=60)
    assert outcome.exit_code == 0, outcome.output
    names = [p.name for p in papers_in(small_report / "out")]
    assert len(names) == 2 and all(len(n) <= 180 and n.isprintable() for n in names), names
    assert all(n.startswith("Northbridge Independent Reviewing Officer Annual Report Annual") for n in names)


@pytest.mark.parametrize("title", ["📄📄📄 " * 80, "Adroddiad" + "ŵ" * 300],
                         ids=["four-byte characters", "one long word"])
def test_a_long_title_in_characters_of_several_bytes_makes_a_file_name_any_disk_takes(small_report: Path,
                                                                                     title: str) -> None:
    path = small_report / "report.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "title: Independent Reviewing Officer Annual Report", f'title: "{title.strip()}"', 1), encoding="utf-8")
    outcome = run_cli("build", small_report, "--out", small_report / "out", "--figures", small_report / "figures",
                      "--draft", seconds=60)
    assert outcome.exit_code == 0, outcome.output
    names = [p.name for p in papers_in(small_report / "out")]
    assert len(names) == 2 and all(len(n.encode("utf-8")) <= 230 for n in names), names
    assert all(n.startswith(f"Northbridge {title[:3]}") for n in names), names


def test_a_population_of_ten_to_the_400_is_a_located_message(small_report: Path) -> None:
    path = small_report / "statistics.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  2025: 58400", "  2025: 1" + "0" * 400), encoding="utf-8")
    with Unchanged(small_report.parent, small_report / "out", small_report / "figures"):
        outcome = run_cli("build", small_report, "--out", small_report / "out", "--figures", small_report / "figures",
                          "--draft", seconds=60)
    clear_message(outcome)
    assert "statistics.yaml:" in outcome.stderr and "is larger than any figure a report holds" in outcome.stderr


def test_a_fifo_in_last_years_folder_stops_new_before_anything_is_made(small_report: Path, tmp_path: Path) -> None:
    import os

    os.mkfifo(small_report / "sections" / "notes.yaml")
    with Unchanged(tmp_path):
        outcome = run_cli("new", tmp_path / "next year", "--from", small_report, seconds=60)
    clear_message(outcome)
    assert "notes.yaml: this is not an ordinary file or folder" in outcome.stderr
    assert not (tmp_path / "next year").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".next year")]


NOT_A_NEW_FOLDER = {
    "link to an empty folder elsewhere": ("is a link, not a new folder",
                                          lambda path, elsewhere: path.symlink_to(elsewhere, target_is_directory=True)),
    "link to nothing": ("is a link, not a new folder", lambda path, elsewhere: path.symlink_to(elsewhere / "gone")),
    "fifo": ("is already there and is not a folder", lambda path, _elsewhere: __import__("os").mkfifo(path)),
    "file": ("is already there and is not a folder", lambda path, _elsewhere: path.write_text("notes")),
}


@pytest.mark.parametrize("start", [["--from", "REPORT"], []], ids=["from last year", "first report"])
@pytest.mark.parametrize("kind", NOT_A_NEW_FOLDER, ids=NOT_A_NEW_FOLDER)
def test_new_into_what_is_not_a_new_folder_is_a_message_and_changes_nothing(small_report: Path, tmp_path: Path,
                                                                           kind: str, start: list[str]) -> None:
    said, make = NOT_A_NEW_FOLDER[kind]
    (tmp_path / "elsewhere").mkdir()
    make(tmp_path / "next", tmp_path / "elsewhere")
    with Unchanged(tmp_path):
        outcome = run_cli("new", tmp_path / "next", *[str(small_report) if a == "REPORT" else a for a in start],
                          seconds=60)
    clear_message(outcome)
    assert f"next {said} — give a new folder name" in outcome.stderr, outcome.stderr
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_a_folder_named_like_a_csv_in_the_export_is_a_located_message(tmp_path: Path) -> None:
    from report_builder.ssda903.synth import write_synthetic

    write_synthetic(tmp_path / "903", children=50, years=1, seed=3, year_ending=2025)
    (tmp_path / "903" / "2025" / "uasc.csv").unlink(missing_ok=True)
    (tmp_path / "903" / "2025" / "uasc.csv").mkdir()
    outcome = run_cli("stats", "--ssda903", tmp_path / "903", "--year", "2025", seconds=60)
    clear_message(outcome)
    assert "uasc.csv: this is a folder, not a CSV file" in outcome.stderr


@pytest.mark.parametrize("arguments", [["build", "--nope"], ["stats", "--format", "pdf"], ["synth"]],
                         ids=["unknown-option", "bad-choice", "missing-argument"])
def test_a_mistyped_command_exits_1_not_the_faults_2(arguments: list[str]) -> None:
    outcome = run_cli(*arguments)
    assert outcome.exit_code == 1 and "Error:" in outcome.output and "fault in the tool" not in outcome.output


NOT_FILES = {
    "template check of /dev/zero": (["template", "check", "/dev/zero"],
                                    "/dev/zero: this is a device, not a Word document (.docx)"),
    "template check of a FIFO": (["template", "check", "{fifo}"], "fifo.docx: this is a FIFO (named pipe), not a Word"),
    "import-edits of /dev/zero": (["import-edits", "/dev/zero", "{report}"], "/dev/zero: this is a device, not a Word"),
    "import-edits of a FIFO": (["import-edits", "{fifo}", "{report}"], "fifo.docx: this is a FIFO (named pipe), not a"),
    "a council template that is a FIFO": (["check", "{report}", "--no-documents"],
                                          "council.docx: this is a FIFO (named pipe), not a Word document"),
    "a comparators file that is a FIFO": (["check", "{report}", "--no-documents"],
                                          "comparators.csv: cannot read the comparators file: this is a FIFO"),
}


@pytest.mark.parametrize("case", NOT_FILES, ids=NOT_FILES)
def test_what_is_not_a_file_is_said_so_at_once_never_read(small_report: Path, tmp_path: Path, case: str) -> None:
    import os
    import subprocess
    import sys

    arguments, said = NOT_FILES[case]
    fifo = tmp_path / "fifo.docx"
    os.mkfifo(fifo)
    if "council template" in case:
        os.mkfifo(small_report / "council.docx")
        path = small_report / "council.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("annual_report: default", "annual_report: council.docx"),
                        encoding="utf-8")
    if "comparators" in case:
        os.mkfifo(small_report / "comparators.csv")
        path = small_report / "report.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("data:\n", "data:\n  comparators: comparators.csv\n", 1),
                        encoding="utf-8")
    command = [a.format(fifo=fifo, report=small_report) for a in arguments]
    with Unchanged(tmp_path):  # a FIFO read would wait for ever, /dev/zero would fill the memory: a child process
        done = subprocess.run([sys.executable, "-m", "report_builder", *command], capture_output=True, text=True,
                              timeout=60, check=False)
    said_all = done.stdout + done.stderr
    assert done.returncode == 1, said_all
    assert said in said_all and "Traceback" not in said_all, said_all
