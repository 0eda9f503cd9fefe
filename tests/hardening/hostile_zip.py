"""Hostile zip packages built in the tests from a real .docx: bombs, lies and oddities."""

from __future__ import annotations

import io
import struct
import zipfile

CHUNK = b" " * (1024 * 1024)


def deflated(name: str) -> zipfile.ZipInfo:
    """Return an entry to be written deflated, as Word writes them."""
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def entries(docx: bytes) -> dict[str, bytes]:
    """Return the entries of a zip by name."""
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        return {name: package.read(name) for name in package.namelist()}


def rezip(parts: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED,
          special: dict[str, int] | None = None) -> bytes:
    """Return the parts as a zip; entries named in `special` use that compression method instead."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", compression) as package:
        for name, data in parts.items():
            package.writestr(zipfile.ZipInfo(name), data, compress_type=(special or {}).get(name, compression))
    return output.getvalue()


def expanding(docx: bytes, megabytes: int = 60) -> bytes:
    """Return the .docx with its document.xml padded by megabytes of spaces: a few hundred KB that expands
    a thousand times (a zip bomb that is still a valid document)."""
    parts = entries(docx)
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            if name != "word/document.xml":
                package.writestr(name, data)
                continue
            head, tail = data.split(b"<w:body>", 1)
            with package.open(deflated(name), "w", force_zip64=True) as stream:
                stream.write(head + b"<w:body>")
                for _ in range(megabytes):
                    stream.write(CHUNK)
                stream.write(tail)
    return output.getvalue()


def many_entries(docx: bytes, count: int = 10_001) -> bytes:
    """Return the .docx with count more (empty) entries."""
    return rezip({**entries(docx), **{f"customXml/empty{n}.bin": b"" for n in range(count)}})


def other_compression(docx: bytes) -> bytes:
    """Return the .docx with document.xml compressed with LZMA, which Word never uses."""
    return rezip(entries(docx), special={"word/document.xml": zipfile.ZIP_LZMA})


def encrypted(docx: bytes) -> bytes:
    """Return the .docx with every entry marked as encrypted (the flag bit, in both headers)."""
    data = bytearray(docx)
    for signature, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (at := data.find(signature, start)) >= 0:
            (flags,) = struct.unpack_from("<H", data, at + flags_at)
            struct.pack_into("<H", data, at + flags_at, flags | 0x1)
            start = at + 4
    return bytes(data)


def lying(docx: bytes, megabytes: int = 200) -> bytes:
    """Return the .docx whose document.xml holds megabytes of spaces while its headers say it is 1 KB."""
    data = bytearray(expanding(docx, megabytes))
    name = b"word/document.xml"
    for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        start = 0
        while (at := data.find(signature, start)) >= 0:
            if data[at + name_at:at + name_at + len(name)] == name:
                struct.pack_into("<I", data, at + size_at, 1024)
            start = at + 4
    return bytes(data)
