"""Keep one headless LibreOffice listening and refresh each document asked for; run with the system python3.

This is the long-running form of `uno_refresh.py`, for the authoring page's build worker: starting
LibreOffice takes seconds, refreshing a document once it is running a fraction of that. Like
uno_refresh.py it runs in the interpreter that ships LibreOffice's `uno` module, and imports
nothing from report_builder, only uno_refresh beside it.

    python3 uno_listen.py --soffice PATH

It starts a private headless LibreOffice (its own profile, a named pipe), then reads one request a
line on standard input, ``{"source": "IN.docx", "pdf": "OUT.pdf" or null}``, and answers each with
one line on standard output: ``{"indexes": [...]}`` as uno_refresh.py writes them, or
``{"error": "..."}``. When standard input closes (the worker that started it has ended, however it
ended) it shuts LibreOffice down, removes the profile and exits. A LibreOffice that died between
requests is started again for the next one.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import IO

import uno_refresh  # type: ignore[import-not-found]  # beside this script, on sys.path[0]


class Office:
    """The LibreOffice this script keeps running: its process, its desktop and its profile."""

    def __init__(self, soffice: str):
        self.soffice = soffice
        self.profile = Path(tempfile.mkdtemp(prefix="report_builder_lo_"))
        self.pipe = f"report_builder_listen_{os.getpid()}"
        self.process = None
        self.desktop = None

    def ready(self) -> object:
        """Return LibreOffice's desktop, starting LibreOffice first when it is not running."""
        if self.process is None or self.process.poll() is not None:
            self.process = uno_refresh.start_office(self.soffice, self.profile, self.pipe)
            self.desktop = uno_refresh.connect(self.pipe, self.process)
        return self.desktop

    def convert(self, source: Path, pdf: Path | None) -> list[dict]:
        """Return the refreshed indexes of source after exporting its PDF; retried once on a new LibreOffice."""
        try:
            return uno_refresh.convert(self.ready(), source, pdf, None)
        except Exception:
            if self.process is not None and self.process.poll() is None:
                raise
            return uno_refresh.convert(self.ready(), source, pdf, None)

    def close(self) -> None:
        """Shut LibreOffice down and remove its profile."""
        if self.desktop is not None:
            uno_refresh._terminate(self.desktop)
        if self.process is not None:
            uno_refresh._stop(self.process)
        shutil.rmtree(self.profile, ignore_errors=True)


def answer(office: Office, line: str) -> dict:
    """Return the answer to one request line."""
    try:
        request = json.loads(line)
        pdf = Path(request["pdf"]) if request.get("pdf") else None
        return {"indexes": office.convert(Path(request["source"]), pdf)}
    except Exception as error:  # noqa: BLE001 -- reported to the caller, which raises PublishError
        return {"error": f"{type(error).__name__}: {error}"}


def serve(office: Office, requests: IO[str], answers: IO[str]) -> None:
    """Answer every request until the requests end."""
    for line in requests:
        if line.strip():
            answers.write(json.dumps(answer(office, line), ensure_ascii=False) + "\n")
            answers.flush()


def main(argv: list[str] | None = None) -> int:
    """Run until standard input closes; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--soffice", default=shutil.which("soffice") or "soffice")
    args = parser.parse_args(argv)
    answers = sys.stdout
    sys.stdout = sys.stderr  # nothing else may write into the answers
    office = Office(args.soffice)
    try:
        office.ready()  # start LibreOffice now, while the page is being used, not at the first build
        serve(office, sys.stdin, answers)
    finally:
        office.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
