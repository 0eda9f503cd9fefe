"""Refresh a Word document's indexes in LibreOffice and export it; run with the system python3.

This script runs in the interpreter that ships LibreOffice's `uno` module (Debian's
/usr/bin/python3), not in the project's environment, so it imports nothing from report_builder.

    python3 uno_refresh.py IN.docx --pdf OUT.pdf [--docx OUT.docx] [--json OUT.json]

It starts a private headless LibreOffice, loads the document hidden, updates every index twice
(the second pass settles page numbers after the contents has grown), exports a tagged PDF with
bookmarks, optionally stores LibreOffice's own .docx copy, and writes the text of each index as
JSON: ``{"indexes": [{"kind": ..., "lines": [...]}, ...]}`` in document order.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
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


def start_office(soffice: str, profile: Path, pipe: str) -> subprocess.Popen:
    """Return a started headless soffice process listening on a named pipe."""
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


def run(source: Path, pdf: Path | None, docx: Path | None, soffice: str) -> list[dict]:
    """Return the refreshed indexes' text after exporting; LibreOffice is always shut down."""
    profile = Path(tempfile.mkdtemp(prefix="report_builder_lo_"))
    pipe = f"report_builder_{os.getpid()}"
    office = start_office(soffice, profile, pipe)
    try:
        desktop = connect(pipe, office)
        indexes = convert(desktop, source, pdf, docx)
        _terminate(desktop)
        return indexes
    finally:
        _stop(office)
        shutil.rmtree(profile, ignore_errors=True)


def convert(desktop: object, source: Path, pdf: Path | None, docx: Path | None) -> list[dict]:
    """Return the refreshed indexes' text of source, opened hidden, after exporting; it is closed again.

    Raises RuntimeError when LibreOffice cannot open the document.
    """
    document = desktop.loadComponentFromURL(
        source.resolve().as_uri(), "_blank", 0, properties(Hidden=True, ReadOnly=False)
    )
    if document is None:
        raise RuntimeError(f"LibreOffice could not open {source}")
    try:
        indexes = refresh(document)
        export(document, pdf, docx)
    finally:
        document.close(True)
    return indexes


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


def main(argv: list[str] | None = None) -> int:
    """Run the refresh from the command line; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("--pdf", type=Path)
    parser.add_argument("--docx", type=Path)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--soffice", default=shutil.which("soffice") or "soffice")
    args = parser.parse_args(argv)
    try:
        indexes = run(args.source, args.pdf, args.docx, args.soffice)
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
