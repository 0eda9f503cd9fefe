"""Zip packages (.docx, .xlsx) checked before anything reads them: every zip the tool opens goes
through `check_zip`, and Word packages through `check_word_package` as well.

A zip is refused when it is not a zip at all (saying what it looks like instead), when it holds
more entries or more uncompressed bytes than any real document, when an entry expands far more
than documents do (a zip bomb), or when it uses encryption or a compression method Word never
writes. A Word package is refused besides when an XML part carries a document type declaration
(which Word never writes, and which XML readers may use to fetch files or expand entities without
end), when it links to a picture or other part outside itself (which a converter would fetch: an external
relationship, a target that is a URL or a path whatever its mode says, an older VML picture's image
or an imported HTML or RTF part), or
when a field would pull in a file (INCLUDEPICTURE, INCLUDETEXT, LINK, DDE).
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from lxml import etree

from report_builder.errors import ContentError, Problem, ReportError
from report_builder.files import not_a_file

SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
"""An XML parser that expands no entity, loads no DTD and fetches nothing."""
HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
ATTACHED_TEMPLATE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate"
MACRO_TYPES = ("vbaProject", "vbaData", "keyMapCustomizations", "wordVbaData")
FETCHING_FIELDS = {"INCLUDEPICTURE", "INCLUDETEXT", "INCLUDE", "LINK", "DDEAUTO", "DDE", "IMPORT"}
"""Fields that pull in a file or another program's data when they are updated."""
OUTSIDE = re.compile(r"^\s*(?:[A-Za-z][A-Za-z0-9+.-]*:|//|\\\\)")
"""A target that names a place outside the package (a URL, a drive, a network share), whatever its mode says."""
VML = "urn:schemas-microsoft-com:vml"
VML_LINKS = ("src", "{urn:schemas-microsoft-com:office:office}href", "{urn:schemas-microsoft-com:office:office}althref")
"""Attributes by which a VML picture (Word's older drawings) names its image."""
ALT_CHUNK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk"
SAVE_AGAIN = "save the file again from Word as a Word Document (.docx)"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CHUNK = 1024 * 1024


@dataclass(frozen=True)
class ZipLimits:
    """The most a zip may hold before it is refused unread."""

    total_bytes: int = 200 * 1024 * 1024
    """Uncompressed bytes of all entries together (REPORT_BUILDER_MAX_ZIP_MB megabytes, when set)."""
    entries: int = 10_000
    ratio: int = 500
    """How many times an entry may expand (documents' XML expands 5 to 30 times; deflate can reach about 1,000)."""
    ratio_from: int = 1024 * 1024
    """Entries smaller than this (uncompressed) are not held to the ratio."""

    @classmethod
    def current(cls) -> ZipLimits:
        """Return the limits, with REPORT_BUILDER_MAX_ZIP_MB if it is set."""
        megabytes = os.environ.get("REPORT_BUILDER_MAX_ZIP_MB")
        return cls(total_bytes=int(megabytes) * 1024 * 1024) if megabytes and megabytes.isdigit() else cls()


def check_zip(source: Path | bytes, where: str, expected: str = "Word document (.docx)",
              error: type[ReportError] = ContentError, limits: ZipLimits | None = None) -> None:
    """Check that a zip is safe to open: a zip, within the limits, with nothing encrypted or unusual.

    `where` is how the file is named in messages; `expected` what it should be.
    Raises `error` with one problem saying what is wrong and how to fix it.
    """
    if isinstance(source, Path) and (what := not_a_file(source)) is not None:
        raise error(Problem(f"this is {what}, not a {expected}", file=where, hint=f"give the {expected} itself"))
    try:
        with _open(source) as package:
            infos = package.infolist()
    except zipfile.BadZipFile:
        raise error(Problem(f"not {_a(expected)}: {_looks_like(source)}", file=where, hint=_hint(expected))) from None
    except (OSError, ValueError, EOFError) as problem:
        raise error(Problem(f"cannot read it as {_a(expected)} ({_said(problem)})", file=where,
                            hint=_hint(expected))) from None
    problem = _zip_problem(infos, limits or ZipLimits.current())
    if problem is not None:
        raise error(Problem(f"refused unread: {problem}", file=where, hint=_hint(expected)))
    damaged = _damaged_entry(source)
    if damaged is not None:
        raise error(Problem(f"{damaged} is damaged: its contents do not match what the zip says of it",
                            file=where, hint=_hint(expected)))


def _damaged_entry(source: Path | bytes) -> str | None:
    """Return the first entry whose contents differ from its stated size or checksum, or None.

    Each entry is decompressed a megabyte at a time and never past its stated size, so an entry
    that claims to be small but expands without end is found in bounded memory before any reader
    (python-docx, openpyxl) reads it whole.
    """
    with _open(source) as package:
        for info in package.infolist():
            try:
                with package.open(info) as stream:
                    while stream.read(CHUNK):
                        pass
            except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
                return info.filename[:80]
    return None


def _open(source: Path | bytes) -> zipfile.ZipFile:
    """Return the zip at the path, or of the bytes."""
    return zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source)


def _zip_problem(infos: list[zipfile.ZipInfo], limits: ZipLimits) -> str | None:
    """Return what makes the zip unsafe to read, or None."""
    if len(infos) > limits.entries:
        return f"it holds {len(infos):,} files, more than the {limits.entries:,} any document has"
    total = sum(info.file_size for info in infos)
    if total > limits.total_bytes:
        return (f"it expands to {total / 1024 ** 2:,.0f} MB, more than the {limits.total_bytes // 1024 ** 2:,} MB "
                "allowed (REPORT_BUILDER_MAX_ZIP_MB to change)")
    for info in infos:
        if info.flag_bits & 0x1:
            return "it is encrypted (password-protected)"
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            return f"'{info.filename[:60]}' is compressed in a way Word and Excel never use"
        if info.file_size >= limits.ratio_from and info.file_size > limits.ratio * max(info.compress_size, 1):
            return (f"'{info.filename[:60]}' expands {info.file_size // max(info.compress_size, 1):,} times, "
                    "far more than any document (a zip bomb)")
    return None


def _looks_like(source: Path | bytes) -> str:
    """Return what a file that is not a zip looks like, in words."""
    try:
        start = source[:2048] if isinstance(source, bytes) else _head(source)
    except OSError:
        return "it cannot be read"
    if not start:
        return "the file is empty"
    if start.startswith(b"%PDF"):
        return "it is a PDF"
    if start.startswith(b"\xd0\xcf\x11\xe0"):
        return "it is an old-style Office file (.doc or .xls) or an encrypted one"
    if start.lstrip().startswith((b"<?xml", b"<")):
        return "it is an XML or web page file"
    try:
        start.decode("utf-8")
    except UnicodeDecodeError:
        return "it is not a zip package"
    return "it is a text file"


def _head(path: Path) -> bytes:
    with open(path, "rb") as stream:
        return stream.read(2048)


def _a(kind: str) -> str:
    """Return a kind of file with its article: 'a Word document (.docx)', 'an Excel workbook (.xlsx)'."""
    return f"{'an' if kind[:1].upper() in 'AEIOU' else 'a'} {kind}"


def _hint(expected: str) -> str:
    """Return how to fix a file that is not the package expected."""
    if "Word" in expected:
        return SAVE_AGAIN
    return f"save it again as {_a(expected)}"


def _said(problem: BaseException) -> str:
    """Return an error's own words without the class name."""
    return getattr(problem, "strerror", None) or str(problem) or "unreadable"


@dataclass(frozen=True)
class Package:
    """What a checked Word package holds that a build leaves out, as warnings."""

    warnings: list[Problem]


def check_word_package(source: Path | bytes, where: str, error: type[ReportError] = ContentError,
                       links: bool = True) -> Package:
    """Check a Word package before anything parses it: `check_zip`, then its XML and relationships.

    Raises `error` listing every part that declares a DTD, or (with `links`, for a document that
    will be laid out or published) links outside the package (hyperlinks apart) or holds a field
    that pulls in a file. Returns warnings for what a build drops: macros and the link to the
    template the document was made from.
    """
    check_zip(source, where, error=error)
    problems: list[Problem] = []
    warnings: list[Problem] = []
    with _open(source) as package:
        for name in package.namelist():
            if not name.endswith((".xml", ".rels")):
                if name.rsplit("/", 1)[-1].startswith(MACRO_TYPES):
                    warnings.append(Problem(f"{name}: macros are left out of the papers", file=where,
                                            hint="nothing to do; save the template as .docx to drop them",
                                            severity="warning"))
                continue
            with package.open(name) as stream:
                problems += _part_problems(name, stream, where, warnings, links)
    if problems:
        raise error(problems)
    return Package(warnings)


def _part_problems(name: str, stream: IO[bytes], where: str, warnings: list[Problem], links: bool) -> list[Problem]:
    """Return the problems of one XML part: a DTD, links outside the package, fields that fetch."""
    data = stream.read()
    if _declares_dtd(data):
        return [Problem(f"{name} holds a document type declaration (DTD), which Word never writes", file=where,
                        hint=SAVE_AGAIN)]
    try:
        root = etree.fromstring(data, SAFE_XML)
    except etree.XMLSyntaxError:
        return [Problem(f"{name} is not well-formed XML", file=where, hint=SAVE_AGAIN)]
    if not links:
        return []
    if name.endswith(".rels"):
        return list(_external_links(name, root, where, warnings))
    return list(_fetching_fields(name, root, where))


def _declares_dtd(data: bytes) -> bool:
    """Return whether XML bytes declare a document type before their root element."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    if b"<!DOCTYPE" in head.upper():
        return True
    return b"\x00<\x00!\x00D" in head or b"<\x00!\x00D\x00" in head  # UTF-16 spelt out


def _external_links(name: str, root: etree._Element, where: str, warnings: list[Problem]) -> Iterator[Problem]:
    """Yield a problem for each relationship to something outside the package (hyperlinks apart)."""
    for relationship in root:
        kind, target = relationship.get("Type", ""), relationship.get("Target", "")[:120]
        if kind == ALT_CHUNK:
            yield Problem(f"{_owner(name)} holds a part in another format (an HTML or RTF 'altChunk') that Word "
                          "converts when it opens the file", file=where, hint="open it in Word and save it again "
                          "(Word makes the part ordinary text)")
            continue
        if relationship.get("TargetMode", "").lower() != "external" and not OUTSIDE.match(target):
            continue
        if kind == HYPERLINK:
            continue
        if kind == ATTACHED_TEMPLATE:
            warnings.append(Problem(f"{_owner(name)}: the link to the template it was made from ({target}) is left "
                                    "out of the papers", file=where, hint="nothing to do", severity="warning"))
            continue
        what = kind.rsplit("/", 1)[-1]
        yield Problem(f"{_owner(name)} links to {_article(what)} outside the document ({target})", file=where,
                      hint="put the picture or file into the document itself (in Word: Insert, Pictures, This "
                           "Device, without 'Link to File'), then save it again")


def _owner(rels_name: str) -> str:
    """Return the part a relationships part belongs to ('word/_rels/header1.xml.rels' -> 'word/header1.xml')."""
    folder, _, file = rels_name.rpartition("_rels/")
    return (folder + file.removesuffix(".rels")) or "the package"


def _article(kind: str) -> str:
    names = {"image": "a picture", "oleObject": "an embedded object", "subDocument": "a subdocument",
             "frame": "a frame", "package": "a package", "audio": "a sound", "video": "a video"}
    return names.get(kind, f"a part ({kind})")


def _fetching_fields(name: str, root: etree._Element, where: str) -> Iterator[Problem]:
    """Yield a problem for each field that pulls in a file or another program's data, and each older
    (VML) picture that names its image by a URL or a path outside the package."""
    for code in [*_field_codes(root), *(n.get(f"{{{W}}}instr", "") for n in root.iter(f"{{{W}}}fldSimple"))]:
        field = _fetching_field(code)
        if field is not None:
            article = "an" if field[0] in "AEIOU" else "a"
            yield Problem(f"{name} holds {article} {field} field, which pulls in a file: "
                          f"'{' '.join(code.split())[:80]}'", file=where,
                          hint="put the picture or text into the document itself and delete the field")
    for node in root.iter(f"{{{VML}}}*"):
        target = next((node.get(a, "") for a in VML_LINKS if OUTSIDE.match(node.get(a, ""))), None)
        if target is not None:
            yield Problem(f"{name} links to a picture outside the document ({target[:120]})", file=where,
                          hint="put the picture into the document itself (in Word: Insert, Pictures, This "
                               "Device, without 'Link to File'), then save it again")


def _fetching_field(code: str) -> str | None:
    """Return the name of the fetching field a field code is, or names for an outer field (QUOTE, SET), or None."""
    words = [word.strip('"').upper() for word in code.split()]
    if not words:
        return None
    if words[0] in FETCHING_FIELDS:
        return words[0]
    return next((w for w in words[1:] if w in FETCHING_FIELDS), None) if words[0] in ("QUOTE", "SET") else None


def _field_codes(root: etree._Element) -> Iterator[str]:
    """Yield the code of every complex field (a code may be split over runs, and fields nest)."""
    stack: list[str] = []
    for node in root.iter(f"{{{W}}}fldChar", f"{{{W}}}instrText"):
        if node.tag == f"{{{W}}}instrText":
            if stack:
                stack[-1] += node.text or ""
        elif node.get(f"{{{W}}}fldCharType") == "begin":
            stack.append("")
        elif node.get(f"{{{W}}}fldCharType") == "end" and stack:
            yield stack.pop()
    yield from stack
