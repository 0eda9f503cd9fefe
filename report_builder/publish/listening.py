"""A LibreOffice kept listening between builds, for a process that builds again and again (the authoring page).

`report-builder build` starts a private LibreOffice for each document and shuts it down again
(`libreoffice.py`): seconds of start-up each time. A process that builds repeatedly calls
`start_listening()` once; from then on `libreoffice.update_indexes_and_export` sends each document
to one LibreOffice that stays running, driven by `uno_listen.py` in the Python with LibreOffice's
`uno` module, and the results are the same as a fresh LibreOffice gives.

The helper and its LibreOffice run in a process group of their own, so a Ctrl+C meant for the
server does not cut them off mid-document; `stop_listening()` ends the whole group, and the helper
ends LibreOffice itself when the process that started it goes away (its standard input closes).
When the listening LibreOffice fails in any way (it died, it hung, it cannot be started), it is
stopped and the document is refreshed by a fresh LibreOffice as `build` does, which reports any
real problem with the document.
"""

from __future__ import annotations

import json
import queue
import subprocess
import threading
from pathlib import Path
from typing import IO

from report_builder.publish.processes import group_options, kill_tree

SCRIPT = Path(__file__).with_name("uno_listen.py")
STOP_SECONDS = 15.0


class OfficeGone(Exception):
    """Raised when the listening LibreOffice cannot answer: it is stopped, and a fresh one is used instead."""


class ListeningOffice:
    """The helper process (`uno_listen.py`) and the LibreOffice it keeps running."""

    def __init__(self, python: str, soffice: str):
        self.process = subprocess.Popen(
            [python, str(SCRIPT), "--soffice", soffice], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, text=True, encoding="utf-8", **group_options())
        self._lock = threading.Lock()

    @property
    def alive(self) -> bool:
        """Return whether the helper is still running."""
        return self.process.poll() is None

    def refresh(self, source: Path, pdf: Path | None, timeout: float) -> list[list[str]]:
        """Return the lines of each index of source after LibreOffice refreshed it and wrote its PDF.

        Raises OfficeGone when the listening LibreOffice does not answer within timeout, or fails.
        """
        request = json.dumps({"source": str(Path(source).resolve()), "pdf": str(Path(pdf).resolve()) if pdf else None})
        with self._lock:
            try:
                self.process.stdin.write(request + "\n")  # type: ignore[union-attr]
                self.process.stdin.flush()  # type: ignore[union-attr]
            except OSError as error:
                self.stop()
                raise OfficeGone(str(error)) from None
            line = _read_line(self.process.stdout, timeout)  # type: ignore[arg-type]
        if line is None:
            self.stop()
            raise OfficeGone(f"no answer within {timeout:.0f} s")
        answer = json.loads(line)
        if "error" in answer:
            raise OfficeGone(answer["error"])
        return [index["lines"] for index in answer["indexes"]]

    def stop(self) -> None:
        """End the helper and its LibreOffice: asked to finish first, then the whole group killed."""
        if self.process.stdin is not None and not self.process.stdin.closed:
            try:
                self.process.stdin.close()
            except OSError:
                pass
        try:
            self.process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            pass
        kill_tree(self.process.pid)
        if self.process.poll() is None:
            self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()


def _read_line(stream: IO[str], timeout: float) -> str | None:
    """Return the next line of stream, or None when it ends or none comes within timeout."""
    lines: queue.Queue[str] = queue.Queue(maxsize=1)
    reader = threading.Thread(target=lambda: lines.put(stream.readline()), daemon=True)
    reader.start()
    try:
        return lines.get(timeout=timeout) or None
    except queue.Empty:
        return None


_office: ListeningOffice | None = None


def start_listening() -> bool:
    """Start a LibreOffice listening for this process's builds; return False when LibreOffice is not installed."""
    global _office
    from report_builder.publish.soffice import find_soffice, find_uno_python

    soffice, python = find_soffice(), find_uno_python()
    if soffice is None or python is None:
        return False
    if _office is not None and not _office.alive:
        _office.stop()  # what is left of it: its pipes, and any process of its group
        _office = None
    if _office is None:
        _office = ListeningOffice(python, soffice)
    return True


def listening_office() -> ListeningOffice | None:
    """Return the LibreOffice listening for this process's builds (started again if it ended), or None."""
    if _office is not None and not _office.alive:
        start_listening()
    return _office


def stop_listening() -> None:
    """End the listening LibreOffice, if one was started."""
    global _office
    if _office is not None:
        _office.stop()
        _office = None
