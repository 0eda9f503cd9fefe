"""Save Word documents so that the same inputs give the same bytes (written by `files.write_file`)."""

from __future__ import annotations

import io
import threading
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

from docx.opc import pkgwriter

from report_builder.files import write_file

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
"""The zip entry time of every part: the earliest a zip can hold, so no clock leaks in."""


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
    """Write the document to `path`, byte-identical for the same content, whole or not at all.

    Raises PublishError when the file cannot be written; the previous file is then untouched.
    """
    write_file(Path(path), docx_bytes(document))
