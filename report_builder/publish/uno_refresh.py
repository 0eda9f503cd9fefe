"""Refresh a Word document's indexes in LibreOffice and export it; run with the system python3.

This script runs in the interpreter that ships LibreOffice's `uno` module (Debian's
/usr/bin/python3), not in the project's environment, so it imports nothing from report_builder.

    python3 uno_refresh.py IN.docx --pdf OUT.pdf [--docx OUT.docx] [--json OUT.json] [--profile DIR]

It starts a private headless LibreOffice, loads the document hidden, updates every index twice
(the second pass settles page numbers after the contents has grown), exports a tagged PDF with
bookmarks, optionally stores LibreOffice's own .docx copy, and writes the text of each index as
JSON: ``{"indexes": [{"kind": ..., "lines": [...]}, ...]}`` in document order.

LibreOffice runs with its profile set to fetch nothing a document links to (linked images, over
the network or from other files) and to run no macro. The caller starts this script as the leader
of its own process group, with a pipe on standard input: when the pipe closes (the caller ended,
however it ended), the whole group, LibreOffice with it, is killed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]

CONNECT_SECONDS = 60.0
PDF_OPTIONS = {
    "UseTaggedPDF": True,
    "PDFUACompliance": True,
    "ExportBookmarks": True,
    "ExportNotes": False,
    "UseLosslessCompression": True,
}


def properties(**values: object) -> tuple:
    """Return a tuple of UNO PropertyValue from keyword arguments."""
    result = []
    for name, value in values.items():
        prop = PropertyValue()
        prop.Name = name
        prop.Value = value
        result.append(prop)
    return tuple(result)


SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="BlockUntrustedRefererLinks"
 oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution"
 oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel"
 oor:op="fuse"><value>3</value></prop></item>
</oor:items>
"""
"""The private profile's settings: links of documents outside trusted locations (there are none) are
not followed, so nothing is fetched over the network or read from another file; no macro runs."""
NEVER_EXECUTE = 0
"""com.sun.star.document.MacroExecMode.NEVER_EXECUTE"""
NO_UPDATE = 0
"""com.sun.star.document.UpdateDocMode.NO_UPDATE: links are not updated on loading."""


def write_settings(profile: Path) -> None:
    """Write the private profile's settings before LibreOffice first starts with it."""
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(SETTINGS, encoding="utf-8")


def start_office(soffice: str, profile: Path, pipe: str) -> subprocess.Popen:
    """Return a started headless soffice process listening on a named pipe (in this script's process group)."""
    write_settings(profile)
    command = [
        soffice,
        "--headless",
        "--invisible",
        "--nologo",
        "--norestore",
        "--nodefault",
        "--nolockcheck",
        f"-env:UserInstallation={profile.as_uri()}",
        f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
    ]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def connect(pipe: str, office: subprocess.Popen) -> object:
    """Return LibreOffice's desktop once it accepts connections. Raises RuntimeError."""
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.monotonic() + CONNECT_SECONDS
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except NoConnectException:
            if office.poll() is not None:
                raise RuntimeError(f"LibreOffice exited early with code {office.returncode}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"LibreOffice did not start within {CONNECT_SECONDS:.0f} s")
            time.sleep(0.2)
    return context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)


def ordered_indexes(document: object) -> list:
    """Return the document's indexes in the order they appear in the body text."""
    supplier = document.getDocumentIndexes()
    indexes = [supplier.getByIndex(i) for i in range(supplier.getCount())]
    text = document.getText()

    def position(index: object) -> int:
        start = index.getAnchor().getStart()
        return sum(1 for other in indexes if _before(text, other, start))

    return sorted(indexes, key=position)


def _before(text: object, other: object, start: object) -> bool:
    """Return True when the other index starts before `start`."""
    try:
        return text.compareRegionStarts(other.getAnchor().getStart(), start) > 0
    except Exception:  # noqa: BLE001 -- regions in other texts (frames, headers) cannot be compared
        return False


def refresh(document: object) -> list[dict]:
    """Return the text of every index after updating indexes and fields twice."""
    for _ in range(2):
        document.getTextFields().refresh()
        for index in ordered_indexes(document):
            index.update()
        document.refresh()
    return [
        {
            "kind": index.getImplementationName(),
            "title": index.getPropertyValue("Title"),
            "lines": index.getAnchor().getString().splitlines(),
        }
        for index in ordered_indexes(document)
    ]


def export(document: object, pdf: Path | None, docx: Path | None) -> None:
    """Write the PDF and LibreOffice's own .docx copy where asked."""
    if docx is not None:
        document.storeToURL(docx.resolve().as_uri(), properties(FilterName="MS Word 2007 XML"))
    if pdf is not None:
        filter_data = uno.Any("[]com.sun.star.beans.PropertyValue", properties(**PDF_OPTIONS))
        document.storeToURL(
            pdf.resolve().as_uri(),
            properties(FilterName="writer_pdf_Export", FilterData=filter_data),
        )


def run(source: Path, pdf: Path | None, docx: Path | None, soffice: str, profile: Path | None = None,
        indexes: bool = True) -> list[dict]:
    """Return the refreshed indexes' text after exporting (none without `indexes`, which leaves the
    indexes as they are and only brings the fields up to date); LibreOffice is always shut down."""
    profile = (profile or Path(tempfile.mkdtemp(prefix="report_builder_lo_"))).resolve()
    pipe = f"report_builder_{os.getpid()}"
    office = start_office(soffice, profile, pipe)
    desktop = None
    try:
        desktop = connect(pipe, office)
        return convert(desktop, source, pdf, docx, indexes)
    finally:
        if desktop is not None:
            _terminate(desktop)
        _stop(office)
        shutil.rmtree(profile, ignore_errors=True)


def convert(desktop: object, source: Path, pdf: Path | None, docx: Path | None, indexes: bool = True) -> list[dict]:
    """Return the refreshed indexes' text of source, opened hidden, after exporting; it is closed again.

    Raises RuntimeError when LibreOffice cannot open the document.
    """
    document = desktop.loadComponentFromURL(
        source.resolve().as_uri(), "_blank", 0,
        properties(Hidden=True, ReadOnly=False, MacroExecutionMode=NEVER_EXECUTE, UpdateDocMode=NO_UPDATE),
    )
    if document is None:
        raise RuntimeError("LibreOffice cannot open it as a document")
    try:
        if indexes:
            found = refresh(document)
        else:
            document.getTextFields().refresh()
            found = []
        export(document, pdf, docx)
    finally:
        document.close(True)
    return found


def _terminate(desktop: object) -> None:
    """Ask LibreOffice to quit; the bridge drops as it does, which is expected."""
    try:
        desktop.terminate()
    except Exception:  # noqa: BLE001, S110 -- the bridge closes as LibreOffice quits
        pass


def _stop(office: subprocess.Popen) -> None:
    """Wait briefly for soffice to exit, then kill it."""
    try:
        office.wait(timeout=15)
    except subprocess.TimeoutExpired:
        office.kill()
        office.wait()


def end_group(*_args: object) -> None:
    """Kill this script's whole process group: itself, soffice and everything soffice started
    (on Windows, which has no such groups, this script's process tree)."""
    if os.name == "nt":
        subprocess.run(["taskkill", "/F", "/T", "/PID", str(os.getpid())], capture_output=True, check=False)
        os._exit(1)
    os.killpg(os.getpgrp(), signal.SIGKILL)


def watch_caller() -> None:
    """End the process group as soon as standard input closes: the caller has gone, however it went."""
    def wait_for_end() -> None:
        try:
            while os.read(0, 4096):  # the descriptor itself: a buffered reader's lock would hold up exiting
                pass
        except OSError:
            pass
        end_group()

    threading.Thread(target=wait_for_end, daemon=True).start()


def main(argv: list[str] | None = None) -> int:
    """Run the refresh from the command line; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("--pdf", type=Path)
    parser.add_argument("--docx", type=Path)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--profile", type=Path, help="The folder for LibreOffice's private profile.")
    parser.add_argument("--soffice", default=shutil.which("soffice") or "soffice")
    parser.add_argument("--watch-caller", action="store_true", help="End everything when standard input closes.")
    parser.add_argument("--export-only", action="store_true", help="Leave the indexes as they are; export only.")
    args = parser.parse_args(argv)
    if args.watch_caller:
        watch_caller()
        for name in ("SIGTERM", "SIGINT", "SIGHUP", "SIGBREAK"):  # those this system has
            if hasattr(signal, name):
                signal.signal(getattr(signal, name), end_group)
    try:
        indexes = run(args.source, args.pdf, args.docx, args.soffice, args.profile, not args.export_only)
    except Exception as error:  # noqa: BLE001 -- reported to the caller, which raises PublishError
        print(f"{type(error).__name__}: {error}", file=sys.stderr)
        return 1
    report = json.dumps({"indexes": indexes}, ensure_ascii=False)
    if args.json:
        args.json.write_text(report, encoding="utf-8")
    else:
        print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
