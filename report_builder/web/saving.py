"""Writing the page's files: one save of a file at a time, never over a change made elsewhere.

Every save names the version of the file it was made from: the page carries the version it last
saved (a hidden field), and the answer to each save gives it the new one. When the file on disk is
still that version, the save is written. When it is another version, someone else changed the file
(a text editor, another tab) and the save is a conflict: nothing is written and both versions are
shown. One case is not a conflict: the version on disk is one this page wrote itself, from the
version the save names, in the same editor (an autosave was still on its way when a button was
pressed). Each editor's save holds the whole section as that editor has it, so the later save
carries on over the earlier one. The versions the page wrote are remembered, with the editor that
wrote each and the version it replaced, to follow that chain.

Versions are short hashes of a file's text (`version_of`); a file that does not exist has the
version of empty text. Files are written by files.write_file, the one place the tool writes a file:
whole or not at all, never over a link, device or FIFO (a link to a file inside the report folder is
written through).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from report_builder.files import write_file

CHAIN_LIMIT = 500
"""How many of its own saves the page remembers, to follow the chain of an editor's saves."""


class Conflict(Exception):
    """Raised when a file changed on disk since the page read it; carries what is on disk now."""

    def __init__(self, path: Path, on_disk: str):
        super().__init__(f"{path.name} changed on disk")
        self.path = path
        self.on_disk = on_disk


def version_of(text: str) -> str:
    """Return the version of a file's text: a short hash of its bytes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def read_text(path: Path) -> str:
    """Return a file's text as the page reads it (empty when it does not exist)."""
    return path.read_text(encoding="utf-8-sig") if path.is_file() else ""


@dataclass(frozen=True)
class Saved:
    """The outcome of a save: the file's version now, and whether anything was written."""

    version: str
    written: bool


@dataclass
class Saves:
    """The page's saves: one at a time for each file, and the chain of versions each editor wrote."""

    within: Path | None = None
    """The report folder: a link to a file inside it is written through, any other link refused."""
    _wrote: OrderedDict[str, tuple[str, str]] = field(default_factory=OrderedDict)
    """Version written → (editor that wrote it, version it replaced)."""
    _locks: dict[Path, threading.Lock] = field(default_factory=dict)
    _guard: threading.Lock = field(default_factory=threading.Lock)

    def save(self, path: Path, text: str, made_from: str, editor: str = "") -> Saved:
        """Write text to path when the file is still the version made_from (or one this editor wrote from it).

        Nothing is written when the file already holds text. Raises Conflict when the file changed
        on disk otherwise, PublishError when it cannot be written.
        """
        with self._lock_of(path):
            on_disk = read_text(path)
            disk_version = version_of(on_disk)
            if disk_version != made_from and not self.follows(editor, made_from, disk_version):
                raise Conflict(path, on_disk)
            version = version_of(text)
            if text == on_disk:
                return Saved(version, False)
            write_file(path, text.encode("utf-8"), self.within)
            if editor:
                self._remember(version, editor, disk_version)
            return Saved(version, True)

    def follows(self, editor: str, made_from: str, on_disk: str) -> bool:
        """Return whether the version on disk was written by this editor, save after save, from made_from."""
        version, steps = on_disk, 0
        while editor and version in self._wrote and steps <= len(self._wrote):
            writer, replaced = self._wrote[version]
            if writer != editor:
                return False
            if replaced == made_from:
                return True
            version, steps = replaced, steps + 1
        return False

    def _remember(self, version: str, editor: str, replaced: str) -> None:
        self._wrote[version] = (editor, replaced)
        self._wrote.move_to_end(version)
        while len(self._wrote) > CHAIN_LIMIT:
            self._wrote.popitem(last=False)

    def _lock_of(self, path: Path) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(Path(path).resolve(), threading.Lock())
