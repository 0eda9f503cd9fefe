"""Class 8: a write never replaces what is not a file (a link, FIFO, device or folder), writes with the
user's normal permissions, and a paper held open by Word is a message to close it, not a fault."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from report_builder import files

from .conftest import Unchanged, clear_message, papers_in, run_cli

ANNUAL = "Northbridge Independent Reviewing Officer Annual Report 2024-25.docx"


def make(kind: str, path: Path, outside: Path) -> None:
    """Make what is named by kind at path: a link to a file outside, a FIFO, a folder, a device or a dangling link."""
    outside.write_text("the user's own file")
    if kind == "link to a file outside":
        path.symlink_to(outside)
    elif kind == "dangling link":
        path.symlink_to(path.parent / "nowhere")
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
        (path / "inside.txt").write_text("kept")
    elif kind == "device":
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 7))  # /dev/full


KINDS = ["link to a file outside", "dangling link", "fifo", "folder",
         pytest.param("device", marks=pytest.mark.skipif(os.geteuid() != 0, reason="mknod needs root"))]


@pytest.mark.parametrize("kind", KINDS)
def test_stats_output_that_is_not_a_file_is_refused(small_report: Path, tmp_path: Path, kind: str,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "figures.csv"
    make(kind, target, tmp_path / "outside.csv")
    monkeypatch.chdir(tmp_path)  # the message names the path as given, a link as the link
    with Unchanged(tmp_path):
        outcome = run_cli("stats", small_report, "--format", "csv", "-o", "figures.csv")
    clear_message(outcome)
    assert "  error: figures.csv: cannot write here: this is a" in outcome.stderr, outcome.stderr
    assert (tmp_path / "outside.csv").read_text() == "the user's own file"


@pytest.mark.parametrize("kind", KINDS)
def test_a_paper_path_that_is_not_a_file_stops_the_build_before_any_work(small_report: Path, tmp_path: Path,
                                                                        kind: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    make(kind, out / ANNUAL, tmp_path / "outside.docx")
    with Unchanged(tmp_path, tmp_path / "figures", out / ".cache"):
        outcome = run_cli("build", small_report, "--out", out, "--figures", tmp_path / "figures", "--draft")
    clear_message(outcome)
    assert f"{ANNUAL}: cannot write here: this is a" in outcome.stderr
    assert not list(out.glob("*covering report.docx"))


def test_an_output_folder_that_is_a_file_is_a_message(small_report: Path, tmp_path: Path) -> None:
    (tmp_path / "out").write_text("not a folder")
    with Unchanged(tmp_path):
        for command in (["build", small_report, "--out", tmp_path / "out", "--draft"],
                        ["minute", small_report, "--out", tmp_path / "out"]):
            outcome = run_cli(*command)
            clear_message(outcome)
            assert "out: the output folder is a file, not a folder" in outcome.stderr, outcome.stderr


@pytest.fixture
def umask() -> Iterator[int]:
    old = os.umask(0o022)
    yield 0o022
    os.umask(old)


def test_every_output_has_the_users_normal_permissions(small_report: Path, tmp_path: Path, umask: int) -> None:
    outcome = run_cli("build", small_report, "--out", tmp_path / "out", "--figures", tmp_path / "figures", "--draft")
    assert outcome.exit_code == 0, outcome.output
    written = [p for folder in (tmp_path / "out", tmp_path / "figures") for p in folder.rglob("*") if p.is_file()]
    assert any(p.suffix == ".png" for p in written) and any(p.suffix == ".docx" for p in written)
    assert any(".cache" in p.parts for p in written)
    modes = {p.relative_to(tmp_path): oct(stat.S_IMODE(p.stat().st_mode)) for p in written}
    assert set(modes.values()) == {oct(0o666 & ~umask)}, modes


def test_a_paper_open_in_word_is_a_message_and_the_old_papers_stay(small_report: Path, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    assert run_cli("build", small_report, "--out", out, "--figures", tmp_path / "figures", "--draft").exit_code == 0
    before = {p.name: p.read_bytes() for p in papers_in(out)}
    real = os.replace

    def locked(source: str | Path, target: str | Path) -> None:
        if Path(target).name == ANNUAL:  # Windows refuses to replace a document Word has open
            raise PermissionError(13, "The process cannot access the file because it is being used by another process")
        real(source, target)

    path = small_report / "sections" / "purpose.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("This report tells", "This year's report tells"),
                    encoding="utf-8")
    monkeypatch.setattr(files.os, "replace", locked)
    outcome = run_cli("build", small_report, "--out", out, "--figures", tmp_path / "figures", "--draft")
    clear_message(outcome)
    assert f"{ANNUAL}: cannot replace the file: another program has it open" in outcome.stderr
    assert outcome.stderr.rstrip().endswith("— close the document in Word and build again")
    assert {p.name: p.read_bytes() for p in papers_in(out)}[ANNUAL] == before[ANNUAL]
    assert not list(out.glob(".building-*"))


def test_import_edits_writes_through_a_link_inside_the_report(small_report: Path, tmp_path: Path) -> None:
    from docx import Document

    shared = small_report / "shared"
    shared.mkdir()
    (small_report / "sections" / "purpose.yaml").rename(shared / "purpose.yaml")
    (small_report / "sections" / "purpose.yaml").symlink_to(shared / "purpose.yaml")
    assert run_cli("build", small_report, "--out", tmp_path / "out", "--figures", tmp_path / "figures",
                   "--draft").exit_code == 0
    document = Document(str(tmp_path / "out" / ANNUAL))
    paragraph = next(p for p in document.paragraphs if p.text.startswith("The report gives figures"))
    paragraph.add_run(" Added in Word.")
    document.save(str(tmp_path / "edited.docx"))
    with Unchanged(tmp_path, shared, tmp_path / "out", tmp_path / "figures"):
        outcome = run_cli("import-edits", tmp_path / "edited.docx", small_report, "--write")
    assert outcome.exit_code == 0, outcome.output
    assert (small_report / "sections" / "purpose.yaml").is_symlink()
    assert "Added in Word." in (shared / "purpose.yaml").read_text(encoding="utf-8")
