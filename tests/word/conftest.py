"""Documents and pictures for the Word building-block tests."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.document import Document as DocumentObject
from docx.shared import Pt, RGBColor


def png_bytes(width: int = 40, height: int = 20) -> bytes:
    """Return a small grey PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def png(tmp_path: Path) -> Path:
    """Return the path of a small PNG chart picture."""
    path = tmp_path / "chart.png"
    path.write_bytes(png_bytes())
    return path


def accessible_document() -> DocumentObject:
    """Return python-docx's default document with accessible body text and colours."""
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(12)
    for name in ("Heading 1", "Heading 2", "Heading 3", "Caption", "Title"):
        document.styles[name].font.color.rgb = RGBColor(0x1F, 0x38, 0x64)
    return document


@pytest.fixture
def document() -> DocumentObject:
    """Return an empty accessible document."""
    return accessible_document()


@pytest.fixture
def reopen(tmp_path: Path) -> Callable[[DocumentObject], DocumentObject]:
    """Return a function that saves a document and opens it again."""

    def save_and_open(document: DocumentObject) -> DocumentObject:
        path = tmp_path / "reopened.docx"
        document.save(str(path))
        return docx.Document(str(path))

    return save_and_open
