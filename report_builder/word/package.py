"""Save Word documents so that the same inputs give the same bytes, written atomically."""

from __future__ import annotations

import io
import os
import tempfile
import threading
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

from docx.opc import pkgwriter

from report_builder.errors import Problem, PublishError, display_path

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
"""The zip entry time of every part: the earliest a zip can hold, so no clock leaks in."""
FILE_MODE = 0o644


class Savable(Protocol):
    """A python-docx `Document` or a docxtpl `DocxTemplate`: anything with `save(stream)`."""

    def save(self, stream: io.BytesIO) -> None: ...


def docx_bytes(document: Savable) -> bytes:
    """Return the document as .docx bytes with fixed entry times and a stable entry order."""
    buffer = io.BytesIO()
    with _parts_stored():
        document.save(buffer)
    return normalise_zip(buffer.getvalue())


class _StoredZipWriter:
    """python-docx's physical package writer, storing the parts in the zip rather than deflating them."""

    def __init__(self, pkg_file: io.BytesIO) -> None:
        self._zip = zipfile.ZipFile(pkg_file, "w", compression=zipfile.ZIP_STORED)

    def write(self, pack_uri, blob: bytes) -> None:  # type: ignore[no-untyped-def]
        """Add one part under its member name, as python-docx's own writer does."""
        self._zip.writestr(pack_uri.membername, blob)

    def close(self) -> None:
        """Finish the zip."""
        self._zip.close()


_SAVING = threading.Lock()


@contextmanager
def _parts_stored() -> Iterator[None]:
    """Have python-docx store the parts uncompressed while the block runs.

    normalise_zip deflates every part once when it rewrites the zip, so python-docx deflating them
    first only doubled the work (a tenth of a second for a report with a dozen charts). The bytes
    written in the end do not depend on how the parts came in. python-docx picks its writer by the
    name PhysPkgWriter in docx.opc.pkgwriter, so that name is swapped for the block; the lock keeps
    two threads saving at once from restoring it in the wrong order.
    """
    with _SAVING:
        original = pkgwriter.PhysPkgWriter
        pkgwriter.PhysPkgWriter = _StoredZipWriter  # type: ignore[misc,assignment]
        try:
            yield
        finally:
            pkgwriter.PhysPkgWriter = original  # type: ignore[misc]


def normalise_zip(data: bytes) -> bytes:
    """Return the zip rewritten with fixed entry times and attributes, entries in their order."""
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(output, "w") as target:
        for name in source.namelist():
            entry = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0
            entry.external_attr = 0
            target.writestr(entry, source.read(name))
    return output.getvalue()


def save_docx(document: Savable, path: Path) -> None:
    """Write the document to `path`, byte-identical for the same content, atomically.

    Raises PublishError when the file cannot be written; the previous file is then untouched.
    """
    atomic_write_bytes(Path(path), docx_bytes(document))


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a synced temporary file in the same folder and a rename.

    Raises PublishError when the folder is missing or not writable; the old file is then kept.
    """
    path = Path(path)
    try:
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise _write_error(path, error) from error
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, FILE_MODE)
        os.replace(temporary, path)
    except OSError as error:
        _remove_quietly(temporary)
        raise _write_error(path, error) from error
    except BaseException:
        _remove_quietly(temporary)
        raise
    _sync_folder(path.parent)


def _write_error(path: Path, error: OSError) -> PublishError:
    """Return the error to raise when `path` cannot be written."""
    return PublishError(
        Problem(
            f"cannot write the file: {error.strerror or error}",
            file=display_path(path),
            hint="check that the folder exists, is writable and the file is not open in Word",
        )
    )


def _remove_quietly(path: str) -> None:
    """Remove a temporary file if it is still there."""
    try:
        os.unlink(path)
    except FileNotFoundError:
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
