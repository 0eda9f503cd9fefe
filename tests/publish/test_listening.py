"""A LibreOffice kept listening between builds: the same results as a fresh one, started again when it dies, ended whole."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from report_builder.publish import listening
from report_builder.publish.libreoffice import update_indexes_and_export
from report_builder.publish.pack import pdf_text

from .conftest import needs_libreoffice

pytestmark = pytest.mark.libreoffice


def offices_of(helper_pid: int) -> list[int]:
    """Return the ids of the LibreOffice processes listening on the helper's pipe."""
    pipe = f"report_builder_listen_{helper_pid}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and pipe in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def wait_for(condition, seconds: float = 60.0) -> None:  # type: ignore[no-untyped-def]
    """Wait until condition() is true."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "waited too long"
        time.sleep(0.1)


@pytest.fixture
def listening_office() -> Iterator[listening.ListeningOffice]:
    """Return a LibreOffice listening for this process's builds, ended after the test."""
    needs_libreoffice()
    assert listening.start_listening()
    office = listening.listening_office()
    assert office is not None
    yield office
    listening.stop_listening()


def test_the_listening_libreoffice_numbers_the_contents_as_a_fresh_one_does(
        listening_office, report_docx: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    warm = update_indexes_and_export(report_docx, tmp_path / "warm.docx", tmp_path / "warm.pdf")
    again = update_indexes_and_export(report_docx, tmp_path / "again.docx", None)
    listening.stop_listening()
    fresh = update_indexes_and_export(report_docx, tmp_path / "fresh.docx", None)
    assert warm.indexes == again.indexes == fresh.indexes
    assert any(line.startswith("Section 8") for line in warm.indexes[0])
    assert (tmp_path / "warm.docx").read_bytes() == (tmp_path / "fresh.docx").read_bytes()
    assert "Section 8: reviews and participation" in "\n".join(pdf_text(tmp_path / "warm.pdf"))
    assert not (tmp_path / "again.pdf").exists()


def test_a_libreoffice_that_died_between_builds_is_started_again(
        listening_office, report_docx: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    wait_for(lambda: offices_of(listening_office.process.pid))
    update_indexes_and_export(report_docx, tmp_path / "first.docx", None)
    for pid in offices_of(listening_office.process.pid):
        os.kill(pid, signal.SIGKILL)
    refreshed = update_indexes_and_export(report_docx, tmp_path / "second.docx", None)
    assert any(line.startswith("Section 8") for line in refreshed.indexes[0])
    assert listening.listening_office() is listening_office and listening_office.alive


def test_a_helper_that_is_gone_is_started_again(
        listening_office, report_docx: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    os.killpg(listening_office.process.pid, signal.SIGKILL)
    listening_office.process.wait()
    refreshed = update_indexes_and_export(report_docx, tmp_path / "out.docx", None)
    assert any(line.startswith("Section 8") for line in refreshed.indexes[0])
    replacement = listening.listening_office()
    assert replacement is not None and replacement is not listening_office and replacement.alive


def test_a_listening_libreoffice_that_fails_gives_way_to_a_fresh_one(
        report_docx: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    needs_libreoffice()
    broken = tmp_path / "broken_helper.py"
    broken.write_text("import sys\nfor line in sys.stdin:\n    print('{\"error\": \"broken\"}', flush=True)\n")
    monkeypatch.setattr(listening, "SCRIPT", broken)
    assert listening.start_listening()
    try:
        refreshed = update_indexes_and_export(report_docx, tmp_path / "out.docx", None)
    finally:
        listening.stop_listening()
    assert any(line.startswith("Section 8") for line in refreshed.indexes[0])


def test_stopping_ends_the_helper_and_its_libreoffice(listening_office) -> None:  # type: ignore[no-untyped-def]
    helper = listening_office.process.pid
    wait_for(lambda: offices_of(helper))
    listening.stop_listening()
    assert listening.listening_office() is None
    wait_for(lambda: not offices_of(helper), seconds=20)
    assert listening_office.process.poll() is not None


def test_the_helper_ends_its_libreoffice_when_the_process_that_started_it_goes(
        listening_office) -> None:  # type: ignore[no-untyped-def]
    helper = listening_office.process.pid
    wait_for(lambda: offices_of(helper))
    listening_office.process.stdin.close()  # as when this process is killed: the helper's input ends
    wait_for(lambda: not offices_of(helper) and listening_office.process.poll() is not None, seconds=30)
