"""Writing files: whole or not at all, with the user's permissions, never over what is not a file."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest

from report_builder.errors import PublishError
from report_builder.files import file_stem, output_path, prepare_folder, write_file, write_quietly


def test_a_file_is_written_whole_with_the_users_permissions(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write_file(tmp_path / "a.docx", b"new")
    finally:
        os.umask(old)
    assert (tmp_path / "a.docx").read_bytes() == b"new"
    assert stat.S_IMODE((tmp_path / "a.docx").stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx"]


def test_a_file_held_open_is_a_message_to_close_it_and_the_old_file_stays(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "pack.pdf"
    path.write_bytes(b"old")

    def refuse(_source: object, _target: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(PublishError) as caught:
        write_file(path, b"new")
    assert str(caught.value.problems[0]).endswith("— close the document in Word and build again")
    assert caught.value.problems[0].file.endswith("pack.pdf")
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pack.pdf"]


def test_a_missing_folder_is_a_message(tmp_path: Path) -> None:
    with pytest.raises(PublishError, match="check that the folder exists"):
        write_file(tmp_path / "missing" / "out.docx", b"x")


def make(kind: str, path: Path) -> None:
    """Make a folder, FIFO, link to a file outside, or dangling link at path."""
    outside = path.parent.parent / "outside.txt"
    outside.write_text("kept")
    {"folder": lambda: path.mkdir(), "fifo": lambda: os.mkfifo(path), "link": lambda: path.symlink_to(outside),
     "dangling link": lambda: path.symlink_to(path.parent / "nowhere")}[kind]()


@pytest.mark.parametrize(("kind", "message"), [
    ("folder", "this is a folder, not a file"), ("fifo", "this is a FIFO (named pipe), not a file"),
    ("link", "this is a symbolic link, not a file"), ("dangling link", "this is a symbolic link, not a file"),
])
def test_what_is_not_a_file_is_refused_and_left_as_it_was(tmp_path: Path, kind: str, message: str) -> None:
    (tmp_path / "out").mkdir()
    path = tmp_path / "out" / "figures.csv"
    make(kind, path)
    before = path.lstat()
    with pytest.raises(PublishError, match=re.escape(message)):
        write_file(path, b"x")
    assert path.lstat().st_mode == before.st_mode and path.lstat().st_ino == before.st_ino
    assert (tmp_path / "outside.txt").read_text() == "kept"


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_a_device_is_refused_even_for_root(tmp_path: Path) -> None:
    path = tmp_path / "full"
    os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    with pytest.raises(PublishError, match="this is a device, not a file"):
        write_file(path, b"x")
    assert stat.S_ISCHR(path.lstat().st_mode)


def test_a_link_inside_the_folder_is_written_through(tmp_path: Path) -> None:
    (tmp_path / "sections").mkdir()
    (tmp_path / "shared.yaml").write_text("old")
    (tmp_path / "sections" / "purpose.yaml").symlink_to(tmp_path / "shared.yaml")
    written = write_file(tmp_path / "sections" / "purpose.yaml", b"new", within=tmp_path)
    assert written == (tmp_path / "shared.yaml").resolve()
    assert (tmp_path / "shared.yaml").read_text() == "new"
    assert (tmp_path / "sections" / "purpose.yaml").is_symlink()


def test_a_link_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "report").mkdir()
    (tmp_path / "elsewhere.yaml").write_text("old")
    (tmp_path / "report" / "purpose.yaml").symlink_to(tmp_path / "elsewhere.yaml")
    with pytest.raises(PublishError, match="symbolic link"):
        write_file(tmp_path / "report" / "purpose.yaml", b"new", within=tmp_path / "report")
    assert (tmp_path / "elsewhere.yaml").read_text() == "old"


def test_a_cache_that_cannot_be_written_is_passed_over(tmp_path: Path) -> None:
    (tmp_path / "cache").write_text("a file where the folder should be")
    assert write_quietly(tmp_path / "cache" / "entry.json", b"{}") is False
    assert write_quietly(tmp_path / "ok" / "entry.json", b"{}") is True


def test_an_output_folder_that_is_a_file_is_a_message(tmp_path: Path) -> None:
    (tmp_path / "out").write_text("x")
    with pytest.raises(PublishError, match="the output folder is a file, not a folder"):
        prepare_folder(tmp_path / "out")
    assert output_path(tmp_path / "new.docx") == tmp_path / "new.docx"


@pytest.mark.parametrize(("title", "expected"), [
    ("Annual\nReport\t2024\x07", "Annual Report 2024 2024-25"),
    ("What/Why: a <report>?", "What-Why- a -report 2024-25"),
    ("word " * 100, ("word " * 28).strip() + " 2024-25"),
    ("\x00\x01", "2024-25"),
], ids=["control-characters", "forbidden-characters", "too-long", "nothing-left"])
def test_file_stems_are_safe_on_any_disk(title: str, expected: str) -> None:
    stem = file_stem(title, " 2024-25")
    assert stem == expected
    assert len(stem) <= 150 and not any(ord(c) < 32 for c in stem)
