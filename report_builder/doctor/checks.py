"""The checks `report-builder doctor` makes: each thing the tool uses, whether it is there and
working, what it is needed for, and the command that installs it on this kind of system."""

from __future__ import annotations

import platform
import shutil
import sys
import tempfile
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from report_builder.doctor.fonts import METRIC_COMPATIBLE, match_font, template_fonts
from report_builder.doctor.remedies import MACOS, WINDOWS, font_remedy, remedy, system_kind
from report_builder.errors import ReportError, display_path
from report_builder.publish.soffice import (
    SOFFICE_VARIABLES,
    Search,
    System,
    locate_soffice,
    locate_uno_python,
    soffice_version,
    this_system,
)

OK, MISSING, OPTIONAL, NOT_CHECKED = "ok", "missing", "optional", "not checked"
"""How each thing stands: there and working; missing and needed; missing but not needed to build; unknown."""
MINIMUM_PYTHON = (3, 11)
LIBREOFFICE_NEED = ("page numbers on the contents page, PDFs and the agenda pack (without it, Word fills in "
                    "the page numbers when the paper is opened)")
FONT_NEED = ("the contents page's page numbers to match Word's: LibreOffice lays the pages out in the "
             "template's fonts, or fonts with the same letter widths")
TEMPLATE_KINDS = ("annual_report", "covering_report")


@dataclass(frozen=True)
class Finding:
    """One thing the tool uses: whether it is there, what was found, and how to get it when not."""

    name: str
    status: str
    found: str
    needed_for: str = ""
    install: str = ""
    """The command (or steps) that installs it on this kind of system."""
    fix: str = ""
    """What to do when it is not a matter of installing something."""


def examine(report_dir: Path | None, out_dir: Path, figures_dir: Path, system: System | None = None) -> list[Finding]:
    """Return a finding for each thing the tool uses, in the order a person would check them."""
    system = system or this_system()
    kind = system_kind(system)
    soffice = locate_soffice(system)
    return [
        python_finding(kind),
        libreoffice_finding(system, soffice, kind),
        uno_finding(system, soffice, kind),
        poppler_finding(kind),
        *font_findings(report_dir, kind),
        folder_finding(out_dir, "the papers", "--out"),
        folder_finding(figures_dir, "the charts", "--figures"),
    ]


def python_finding(kind: str) -> Finding:
    """Return how this Python stands against the 3.11 or newer the tool needs."""
    found = f"{platform.python_version()} at {sys.executable} (report_builder {_own_version()})"
    if sys.version_info >= MINIMUM_PYTHON:
        return Finding("Python", OK, found)
    return Finding("Python", MISSING, found, "report_builder, which needs Python 3.11 or newer", remedy("python", kind))


def libreoffice_finding(system: System, soffice: Search, kind: str) -> Finding:
    """Return where LibreOffice is and its version, or where it was looked for."""
    if soffice.path is not None:
        stated = soffice_version(soffice.path, system) or "version not stated"
        return Finding("LibreOffice", OK, f"{stated} at {soffice.path} ({soffice.detail})")
    if soffice.detail.startswith(SOFFICE_VARIABLES):
        return Finding("LibreOffice", MISSING, soffice.detail, LIBREOFFICE_NEED, fix="set it to LibreOffice's "
                       "soffice program (or the folder LibreOffice is installed in), or unset it")
    return Finding("LibreOffice", MISSING, soffice.detail, LIBREOFFICE_NEED, remedy("libreoffice", kind))


def uno_finding(system: System, soffice: Search, kind: str) -> Finding:
    """Return the Python with LibreOffice's UNO bridge, or why there is none."""
    if soffice.path is None:
        return Finding("UNO bridge", NOT_CHECKED, "comes with LibreOffice, which is missing")
    python = locate_uno_python(system, soffice.path)
    if python.path is not None:
        return Finding("UNO bridge", OK, f"{python.path} ({python.detail})")
    return Finding("UNO bridge", MISSING, python.detail, "the build to drive LibreOffice", remedy("uno", kind))


def poppler_finding(kind: str) -> Finding:
    """Return where poppler's pdftoppm and pdftotext are (the tests use them; builds do not)."""
    programs = {name: shutil.which(name) for name in ("pdftoppm", "pdftotext")}
    if all(programs.values()):
        return Finding("poppler", OK, ", ".join(str(path) for path in programs.values()))
    missing = " and ".join(name for name, path in programs.items() if path is None)
    return Finding("poppler", OPTIONAL, f"{missing} not found", "the tests, and looking at pages as pictures "
                   "(builds do not need it)", remedy("poppler", kind))


def font_findings(report_dir: Path | None, kind: str) -> list[Finding]:
    """Return, for each font the report's templates use, the font this computer gives for it."""
    try:
        fonts = sorted(set().union(*(template_fonts(data) for data in _templates(report_dir))))
    except ReportError as error:
        where = display_path(report_dir or Path("."))
        return [Finding("fonts", NOT_CHECKED, f"{where} has {len(error.problems)} problem(s) "
                        f"(report-builder check {where} lists them), so its templates' fonts are not known")]
    return [_font_finding(font, kind) for font in fonts]


def folder_finding(folder: Path, holds: str, option: str) -> Finding:
    """Return whether the output folder can be written (or made, where it does not exist yet)."""
    name = display_path(folder)
    existing = folder
    while not existing.exists() and existing.parent != existing:
        existing = existing.parent
    fix = f"choose another folder with {option}, or ask for write access to it"
    if not existing.is_dir():
        return Finding(name, MISSING, f"cannot be made: {display_path(existing)} is a file", holds, fix=fix)
    try:
        with tempfile.TemporaryFile(dir=existing):
            pass
    except OSError as error:
        return Finding(name, MISSING, f"{display_path(existing)} cannot be written ({error.strerror})", holds,
                       fix=fix)
    if existing == folder:
        return Finding(name, OK, f"{holds}: can be written")
    parent = "this folder" if display_path(existing) == "." else display_path(existing)
    return Finding(name, OK, f"{holds}: will be made in {parent}, which can be written")


def _font_finding(font: str, kind: str) -> Finding:
    """Return the finding for one font of the templates."""
    match = match_font(font)
    name = f"font {font}"
    if match.used is None:
        usual = " (Windows and macOS come with Arial, Times New Roman and Courier New)" if kind in (WINDOWS, MACOS) else ""
        return Finding(name, NOT_CHECKED, f"fontconfig's fc-match, which tells, is not on this computer{usual}")
    if match.installed:
        return Finding(name, OK, "installed")
    if match.substitute:
        return Finding(name, OK, f"{match.substitute} in its place, with the same letter widths")
    substitutes = METRIC_COMPATIBLE.get(font.casefold(), ())
    return Finding(name, MISSING, f"not installed: LibreOffice would use {match.used}, whose letters are not the "
                   "same widths", FONT_NEED, font_remedy(font, substitutes, kind))


def _templates(report_dir: Path | None) -> list[bytes]:
    """Return the .docx bytes of the report's two templates (the default ones without a report).

    Raises ReportError when the report folder cannot be read.
    """
    from report_builder.compose.templates import default_template_bytes

    if report_dir is None:
        return [default_template_bytes(kind, None) for kind in TEMPLATE_KINDS]
    from report_builder.load import load_report

    report = load_report(report_dir)
    chosen = {kind: getattr(report.council.templates, kind) for kind in TEMPLATE_KINDS}
    return [default_template_bytes(kind, None) if name == "default" else report.path(name).read_bytes()
            for kind, name in chosen.items()]


def system_name(kind: str) -> str:
    """Return the name of this computer's system as its users know it, e.g. 'Debian GNU/Linux 12 (bookworm)'."""
    if kind == WINDOWS:
        return f"Windows {platform.release()}"
    if kind == MACOS:
        return f"macOS {platform.mac_ver()[0]}"
    try:
        return platform.freedesktop_os_release().get("PRETTY_NAME", kind)
    except OSError:
        return f"{platform.system()} {platform.release()}"


def _own_version() -> str:
    """Return the installed report_builder's version."""
    try:
        return version("report_builder")
    except PackageNotFoundError:
        return "not installed, run from its folder"
