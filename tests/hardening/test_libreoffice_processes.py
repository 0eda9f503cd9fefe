"""Class 5: LibreOffice never outlives the build. Interrupted (Ctrl+C, SIGTERM, SIGHUP, kill -9), timed
out or failing on a document it cannot open, the build leaves no LibreOffice process behind, and the
files LibreOffice worked on live in the output folder, where the next build clears them.

After each interrupt the test lists the process tree: every process whose command line names the
test's folder (LibreOffice's profile and working files are there, so its processes say so).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from report_builder.errors import PublishError
from report_builder.publish.libreoffice import libreoffice_available, update_indexes_and_export

from .conftest import Unchanged, papers_in, run_cli

pytestmark = [pytest.mark.libreoffice,
              pytest.mark.skipif(not libreoffice_available(), reason="needs LibreOffice")]
CLI = "from report_builder.cli import main; main()"


def processes_naming(marker: Path) -> list[str]:
    """Return 'pid command line' of every process whose command line names the marker folder."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
        except OSError:
            continue
        if str(marker) in command:
            found.append(f"{entry.name} {command[:200]}")
    return found


def settled(marker: Path, seconds: float = 20.0) -> list[str]:
    """Return the processes naming marker once none is left, or those still there after the seconds."""
    deadline = time.monotonic() + seconds
    while (left := processes_naming(marker)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return left


def wait_for_libreoffice(marker: Path, process: subprocess.Popen, seconds: float = 180.0) -> None:  # type: ignore[type-arg]
    """Wait until LibreOffice itself (soffice.bin) runs for the build."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if any("soffice.bin" in line for line in processes_naming(marker)):
            time.sleep(1.0)  # into its work: loading the document
            return
        assert process.poll() is None, "the build ended before LibreOffice started"
        time.sleep(0.1)
    raise AssertionError("LibreOffice did not start")


@pytest.mark.parametrize("number", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGKILL],
                         ids=["ctrl-c", "sigterm", "sighup", "kill-9"])
def test_an_interrupted_build_leaves_no_libreoffice_and_the_next_build_clears_its_files(
        small_report: Path, tmp_path: Path, number: signal.Signals) -> None:
    out, figures = tmp_path / "out", tmp_path / "figures"
    command = [sys.executable, "-c", CLI, "build", str(small_report), "--out", str(out), "--figures", str(figures),
               "--pdf"]
    with Unchanged(tmp_path, out, figures):
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            wait_for_libreoffice(tmp_path, process)
            os.kill(process.pid, number)
            _, errors = process.communicate(timeout=60)
        finally:
            if process.poll() is None:
                process.kill()
        left = settled(tmp_path, seconds=3)  # ended at once, not left to finish its work
        assert not left, "left running:\n" + "\n".join(left)
    if number != signal.SIGKILL:
        assert process.returncode == 130, errors.decode()
        assert b"Stopped. Earlier outputs are untouched." in errors
        assert not list(out.glob(".building-*")), "the stopped build did not remove its staging folder"
    assert not papers_in(out)
    rebuilt = run_cli("build", small_report, "--out", out, "--figures", figures, "--draft", seconds=120)
    assert rebuilt.exit_code == 0, rebuilt.output
    assert not list(out.glob(".building-*")) and not list(out.rglob(".libreoffice-*"))
    assert not list(out.rglob("export.pdf"))


def unreadable_docx(path: Path) -> Path:
    """Write a .docx LibreOffice cannot open (a package with no document in it)."""
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
    return path


def test_a_document_libreoffice_cannot_open_is_a_message_and_leaves_nothing_running(tmp_path: Path) -> None:
    source = unreadable_docx(tmp_path / "appendix.docx")
    with Unchanged(tmp_path, tmp_path / "out"):
        (tmp_path / "out").mkdir()
        with pytest.raises(PublishError) as caught:
            update_indexes_and_export(source, None, tmp_path / "out" / "appendix.pdf")
        assert "appendix.docx: LibreOffice could not convert the document" in str(caught.value)
        assert not settled(tmp_path)
    assert list((tmp_path / "out").iterdir()) == []


def test_a_timed_out_conversion_leaves_nothing_running(tmp_path: Path) -> None:
    from report_builder.templates_default import annual_report_template
    from report_builder.word.package import save_docx

    (tmp_path / "out").mkdir()
    save_docx(annual_report_template(), tmp_path / "paper.docx")
    # half a second: less than LibreOffice takes to start, however warm the machine's caches are
    with pytest.raises(PublishError, match=r"took longer than 0\.5 s and was stopped"):
        update_indexes_and_export(tmp_path / "paper.docx", None, tmp_path / "out" / "paper.pdf", timeout=0.5)
    left = settled(tmp_path)
    assert not left, "left running:\n" + "\n".join(left)
    assert list((tmp_path / "out").iterdir()) == []
