"""Writing files: the one place the tool writes what it makes, whole or not at all, never over
something that is not a file.

Every file is written to a temporary file beside it (with the user's normal permissions, as the
umask gives them), synced, and renamed over the old one, so a reader sees the old file or the new
one, never half of one. What stands at the path is looked at first: a folder, a device, a FIFO or a
symbolic link is refused with a message rather than replaced (a link inside the folder the file
belongs to is written through, after checking where it points). A file another program holds
open, as Word does on Windows, is reported as such: close it and build again.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import shutil
import stat
from pathlib import Path

from report_builder.errors import Problem, PublishError, display_path

TEMPORARY_SUFFIX = ".tmp"
OPEN_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
NORMAL_MODE = 0o666
"""Files are created with this mode less the umask: the user's normal permissions."""
CLOSE_HINT = "close the document in Word and build again"
NOT_A_FILE = {
    stat.S_IFDIR: "a folder", stat.S_IFCHR: "a device", stat.S_IFBLK: "a device", stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFSOCK: "a socket", stat.S_IFLNK: "a symbolic link",
}


def not_a_file(path: Path) -> str | None:
    """Return what stands at path in words when it is not an ordinary file to read, links followed ('a
    FIFO (named pipe)', 'a device', 'a folder'), so that nothing reads /dev/zero or waits on a FIFO;
    None for an ordinary file or nothing there."""
    try:
        mode = Path(path).stat().st_mode
    except OSError:
        return None
    return None if stat.S_ISREG(mode) else NOT_A_FILE.get(stat.S_IFMT(mode), "not a file")


def write_file(path: Path, data: bytes, within: Path | None = None) -> Path:
    """Write data to path whole, replacing the file there; return the path written.

    A symbolic link is written through when it points to a file inside `within` (the report
    folder, for files the user keeps there); otherwise it is refused.
    Raises PublishError when the path is not a file, the folder cannot be written or the file is
    held open by another program; the old file is then untouched.
    """
    target = output_path(Path(path), within)
    temporary = _temporary(target)
    try:
        _fill(temporary, data, target)
        replace_file(temporary, target)
    except BaseException:
        _remove_quietly(temporary)
        raise
    return target


def write_quietly(path: Path, data: bytes) -> bool:
    """Write a cache file whole, or not at all; return whether it was written (a cache may fail)."""
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        write_file(path, data)
    except (OSError, PublishError):
        return False
    return True


def output_path(path: Path, within: Path | None = None) -> Path:
    """Return where writing to path writes: the path, or a link's target inside `within`.

    Raises PublishError when a folder, device, FIFO, socket or other link stands at the path.
    """
    try:
        info = path.lstat()
    except FileNotFoundError:
        return path
    except OSError as error:
        raise _error(path, error) from None
    kind = stat.S_IFMT(info.st_mode)
    if kind == stat.S_IFREG:
        return path
    if kind == stat.S_IFLNK and within is not None:
        target = path.resolve()
        root = within.resolve()
        if root in target.parents and (not target.exists() or target.is_file()):
            return output_path(target)
    what = NOT_A_FILE.get(kind, "not a file")
    raise PublishError(Problem(f"cannot write here: this is {what}, not a file", file=display_path(path),
                               hint=_refusal_hint(kind)))


def _refusal_hint(kind: int) -> str:
    """Return how to fix a path that is not a file."""
    if kind == stat.S_IFDIR:
        return "give a file name inside the folder, or move the folder away"
    if kind == stat.S_IFLNK:
        return "give the real file's path, or remove the link so the file can be written in its place"
    return "give the path of an ordinary file"


def replace_file(finished: Path, path: Path) -> None:
    """Move a finished file over path in one step (the final rename of every write).

    Raises PublishError when path is not a file, or the rename is refused (on Windows, when the
    file is open in Word); the old file is then untouched.
    """
    output_path(path)
    try:
        os.replace(finished, path)
    except PermissionError as error:
        raise PublishError(Problem(
            "cannot replace the file: another program has it open, or it may not be changed "
            f"({error.strerror or error})", file=display_path(path), hint=CLOSE_HINT)) from None
    except OSError as error:
        raise _error(path, error) from None
    _sync_folder(path.parent)


def prepare_folder(folder: Path, what: str = "output folder") -> Path:
    """Return the folder, made if it is missing.

    Raises PublishError when a file (or anything but a folder) stands at its path or it cannot be made.
    """
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise PublishError(Problem(f"the {what} is a file, not a folder", file=display_path(folder),
                                   hint=f"give a folder for the {what}, or move the file away"))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise PublishError(Problem(f"cannot make the {what}: {error.strerror or error}", file=display_path(folder),
                                   hint="check that the path is right and that you may write there")) from None
    return folder


def file_stem(text: str, ending: str = "", limit: int = 150) -> str:
    """Return text as a file name any system accepts: no control characters or characters Windows
    forbids (a dash instead), spaces collapsed, at most `limit` characters and STEM_BYTES bytes with
    the ending kept (cut at a space when one is near the end)."""
    text = re.sub(r"[\x00-\x1f\x7f]+", " ", text)
    text = re.sub(r"[\\/:*?\"<>|]+", "-", text)
    text = " ".join(text.split()).strip(" .-")
    room = limit - len(ending)
    while len(text) > room or len((text + ending).encode("utf-8")) > STEM_BYTES:
        cut = text[:min(room, len(text) - 1)]
        word = cut.rsplit(" ", 1)[0].rstrip(" .-")
        text = word if len(word) >= len(cut) * 2 // 3 else cut.rstrip(" .-")
    return (text + ending).strip() or "report"


STEM_BYTES = 190
"""The most bytes a file name's stem may take, so that with ' - covering report.docx' and a temporary
file's marks it stays inside the 255 bytes every disk allows (a character may take four)."""


def remove_stale_folders(parent: Path, prefix: str) -> None:
    """Remove the working folders named prefix + PID + '-…' in parent whose process is gone (a killed run's)."""
    try:
        folders = list(Path(parent).glob(f"{prefix}*"))
    except OSError:
        return
    for folder in folders:
        pid = folder.name[len(prefix):].split("-", 1)[0]
        if folder.is_dir() and not folder.is_symlink() and pid.isdigit() and not process_running(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def process_running(pid: int) -> bool:
    """Return whether a process with this id is running (or cannot be checked)."""
    if os.name == "nt":  # os.kill(pid, 0) would send Ctrl+C there; take it as running
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _temporary(path: Path) -> Path:
    """Return a new, unique temporary file's path beside path (the file itself not yet made)."""
    start = path.name.encode("utf-8")[:100].decode("utf-8", errors="ignore")  # 100 bytes: room on any disk
    return path.with_name(f".{start}.{secrets.token_hex(4)}{TEMPORARY_SUFFIX}")


def _fill(temporary: Path, data: bytes, path: Path) -> None:
    """Create the temporary file with the user's normal permissions and write data to it, synced.

    Raises PublishError when the folder is missing or not writable.
    """
    try:
        descriptor = os.open(temporary, OPEN_FLAGS, NORMAL_MODE)
    except OSError as error:
        raise _error(path, error) from None
    with os.fdopen(descriptor, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())


def _error(path: Path, error: OSError) -> PublishError:
    """Return the error raised when path cannot be written."""
    if error.errno == errno.ENAMETOOLONG:
        return PublishError(Problem("cannot write the file: its name is too long for the disk", file=display_path(path),
                                    hint="use a shorter title or output folder"))
    return PublishError(Problem(f"cannot write the file: {error.strerror or error}", file=display_path(path),
                                hint="check that the folder exists and that you may write there"))


def _remove_quietly(path: Path) -> None:
    """Remove a temporary file if it is still there."""
    try:
        os.unlink(path)
    except OSError:
        pass


def _sync_folder(folder: Path) -> None:
    """Flush the folder entry so the rename survives a crash (where the platform allows)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
