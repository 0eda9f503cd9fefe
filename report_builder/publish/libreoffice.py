"""Fill the contents page with real page numbers and export a tagged PDF, through LibreOffice.

LibreOffice is driven through its UNO API by `uno_refresh.py`, run with the Python that has the
`uno` module (found by `soffice.py`), in a private profile so that it never disturbs a
LibreOffice the user has open. LibreOffice's own re-saved .docx is not published: it stamps the
clock into the properties, renumbers the revision, loses the language and rewrites fields. The
original document is kept instead, and only the contents results (entries and page numbers)
LibreOffice computed are written into its TOC fields, so the .docx stays byte-identical across
builds and keeps everything the accessibility check asks for.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from docx import Document

from report_builder.errors import Problem, PublishError, display_path
from report_builder.files import remove_stale_folders, write_file
from report_builder.publish.contents import fill_contents
from report_builder.publish.processes import end_group, group_options
from report_builder.publish.soffice import find_soffice, find_uno_python
from report_builder.word.package import save_docx

SCRIPT = Path(__file__).with_name("uno_refresh.py")
TIMEOUT_SECONDS = 180.0
INSTALL_HINT = "run 'report-builder doctor' to see what to install, or build with --draft"
BUILD_HINT = "build the Word document first"
FAIL_HINT = "check that the document opens in LibreOffice Writer, then build again"


@dataclass(frozen=True)
class Refreshed:
    """What LibreOffice did: the lines of each index in document order, and how long it took."""

    indexes: list[list[str]]
    seconds: float


def libreoffice_available() -> bool:
    """Return True when LibreOffice and a Python with `uno` are both installed."""
    return find_soffice() is not None and find_uno_python() is not None


def update_indexes_and_export(
    docx_in: Path,
    docx_out: Path | None,
    pdf_out: Path | None,
    timeout: float = TIMEOUT_SECONDS,
) -> Refreshed:
    """Return what LibreOffice refreshed, after writing the filled .docx and the tagged PDF.

    `docx_out` is `docx_in` with its contents fields filled with LibreOffice's entries and
    page numbers (nothing else changes; it may be the same path); `pdf_out` is LibreOffice's
    tagged PDF export with bookmarks. Both are written whole. LibreOffice's own files (its
    profile, the exported PDF) are kept in a hidden working folder beside the outputs, which the
    next run clears if this one was killed.
    Raises PublishError when LibreOffice is missing, fails or takes longer than `timeout`.
    """
    docx_in = Path(docx_in)
    beside = Path(pdf_out or docx_out or docx_in).parent
    remove_stale_folders(beside, WORK_PREFIX)
    with tempfile.TemporaryDirectory(dir=beside, prefix=f"{WORK_PREFIX}{os.getpid()}-") as folder:
        work = Path(folder)
        pdf = work / "export.pdf" if pdf_out is not None else None  # exported only when asked for
        started = time.monotonic()
        indexes = _run_script(docx_in, pdf, work, timeout)
        seconds = time.monotonic() - started
        if docx_out is not None:
            document = Document(str(docx_in))
            fill_contents(document, indexes)
            save_docx(document, Path(docx_out))
        if pdf_out is not None and pdf is not None:
            write_file(Path(pdf_out), pdf.read_bytes())
    return Refreshed(indexes, seconds)


WORK_PREFIX = ".libreoffice-"
"""LibreOffice's working folders are named .libreoffice-PID-…, so one a killed build left can be told apart."""


def export_pdf(docx_in: Path, pdf_out: Path, timeout: float = TIMEOUT_SECONDS) -> None:
    """Write docx_in laid out by LibreOffice as a tagged PDF with bookmarks, fields brought up to date but
    its contents pages as they are (the agenda pack's, whose page numbers are already the pack's).

    LibreOffice runs as update_indexes_and_export runs it: fetching nothing, ended with all its processes.
    Raises PublishError when LibreOffice is missing, fails or takes longer than timeout.
    """
    docx_in, pdf_out = Path(docx_in), Path(pdf_out)
    remove_stale_folders(pdf_out.parent, WORK_PREFIX)
    with tempfile.TemporaryDirectory(dir=pdf_out.parent, prefix=f"{WORK_PREFIX}{os.getpid()}-") as folder:
        work = Path(folder)
        _run_script(docx_in, work / "export.pdf", work, timeout, export_only=True)
        if not (work / "export.pdf").is_file():
            raise _error(docx_in, "LibreOffice made no PDF", FAIL_HINT)
        write_file(pdf_out, (work / "export.pdf").read_bytes())


def _run_script(docx_in: Path, pdf: Path | None, work: Path, timeout: float,
                export_only: bool = False) -> list[list[str]]:
    """Return each index's lines after running the UNO script in the working folder (none with
    export_only, which exports the PDF without updating the indexes). Raises PublishError."""
    soffice, python = find_soffice(), find_uno_python()
    if soffice is None or python is None:
        missing = "LibreOffice (soffice)" if soffice is None else "Python's uno module"
        raise _error(
            docx_in, f"cannot make the PDF or fill the contents: {missing} not found", INSTALL_HINT
        )
    if not docx_in.is_file():
        raise _error(docx_in, "cannot convert: the document does not exist", BUILD_HINT)
    listened = None if export_only else _run_listening(docx_in, pdf, timeout)
    if listened is not None:
        return listened
    report = work / "indexes.json"
    command = [python, str(SCRIPT), str(docx_in), *(["--pdf", str(pdf)] if pdf else []), "--json", str(report),
               "--profile", str(work / "profile"), "--soffice", soffice, "--watch-caller",
               *(["--export-only"] if export_only else [])]
    _run(command, docx_in, work / "errors.txt", timeout)
    data = json.loads(report.read_text(encoding="utf-8"))
    return [index["lines"] for index in data["indexes"]]


def _run_listening(docx_in: Path, pdf: Path | None, timeout: float) -> list[list[str]] | None:
    """Return each index's lines from the LibreOffice kept listening (listening.py), or None without one."""
    from report_builder.publish.listening import OfficeGone, listening_office

    office = listening_office()
    if office is None:
        return None
    try:
        return office.refresh(docx_in, pdf, timeout)
    except OfficeGone:
        return None  # a fresh LibreOffice, as build starts one, does it instead and reports what is wrong


def _run(command: list[str], docx_in: Path, errors: Path, timeout: float) -> None:
    """Run the command as the leader of its own process group, and end the whole group afterwards.

    The group is ended however the run ends: done, failed, timed out, or stopped by Ctrl+C or a
    signal (the command line turns SIGTERM and SIGHUP into a stop, so this runs). The script holds
    a pipe from this process on its standard input and ends the group itself if this process dies
    without a chance to (kill -9).
    Raises PublishError when it fails or takes longer than `timeout`.
    """
    with open(errors, "wb") as stderr:
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=stderr,
                                   **group_options())
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        raise _error(
            docx_in, f"LibreOffice took longer than {timeout:g} s and was stopped", FAIL_HINT
        ) from None
    finally:
        end_group(process)
    if process.returncode != 0:
        lines = errors.read_text(encoding="utf-8", errors="replace").strip().splitlines()
        detail = lines[-1].split(": ", 1)[-1] if lines else "no message"
        raise _error(docx_in, f"LibreOffice could not convert the document: {detail}", FAIL_HINT)


def _error(docx_in: Path, message: str, hint: str) -> PublishError:
    """Return a PublishError about converting `docx_in`."""
    return PublishError(Problem(message, file=display_path(docx_in), hint=hint))
