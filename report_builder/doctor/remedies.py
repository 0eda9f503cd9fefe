"""How to install each thing the tool uses, on each kind of system: one home for every install command.

Debian and Ubuntu are tested on this project's machines; the Windows and macOS commands are those
of LibreOffice's, winget's and Homebrew's own instructions, and are untested here.
"""

from __future__ import annotations

import os

from report_builder.publish.soffice import System

DEBIAN, WINDOWS, MACOS, OTHER = "Debian or Ubuntu", "Windows", "macOS", "this system"
DOWNLOAD = "https://www.libreoffice.org/download/"

REMEDIES: dict[str, dict[str, str]] = {
    "python": {
        DEBIAN: "{sudo}apt-get install python3 python3-venv (Debian 12 and Ubuntu 24.04 have 3.11 or newer)",
        WINDOWS: "winget install --id Python.Python.3.12",
        MACOS: "brew install python@3.12 (or the installer from https://www.python.org/downloads/)",
        OTHER: "install Python 3.11 or newer from https://www.python.org/downloads/",
    },
    "libreoffice": {
        DEBIAN: "{sudo}apt-get install --no-install-recommends libreoffice-writer-nogui python3-uno",
        WINDOWS: f"winget install --id TheDocumentFoundation.LibreOffice (or the installer from {DOWNLOAD})",
        MACOS: f"brew install --cask libreoffice (or the disk image from {DOWNLOAD})",
        OTHER: f"install LibreOffice Writer with this system's package manager, or from {DOWNLOAD}",
    },
    "uno": {
        DEBIAN: "{sudo}apt-get install python3-uno",
        WINDOWS: f"reinstall LibreOffice from {DOWNLOAD}: its Python (python.exe beside soffice.exe) comes with it",
        MACOS: f"reinstall LibreOffice from {DOWNLOAD}: its Python (Contents/Resources/python) comes with it",
        OTHER: "install LibreOffice's Python bridge (often called python3-uno or libreoffice-pyuno), or set "
               "REPORT_BUILDER_UNO_PYTHON to a Python that can import uno",
    },
    "poppler": {
        DEBIAN: "{sudo}apt-get install poppler-utils",
        WINDOWS: "conda install -c conda-forge poppler (or unpack a poppler-windows release and put its bin "
                 "folder on PATH)",
        MACOS: "brew install poppler",
        OTHER: "install poppler-utils with this system's package manager",
    },
}
"""What to run, by what is missing and the kind of system ({sudo} is 'sudo ' unless already root)."""
FONT_PACKAGES = {
    "liberation sans": "fonts-liberation", "liberation serif": "fonts-liberation",
    "liberation mono": "fonts-liberation", "liberation sans narrow": "fonts-liberation",
    "carlito": "fonts-crosextra-carlito", "caladea": "fonts-crosextra-caladea",
}
"""The Debian and Ubuntu packages of the metric-compatible fonts."""


def system_kind(system: System) -> str:
    """Return the kind of system whose install commands apply: Debian or Ubuntu, Windows, macOS or other."""
    if system.platform == "win32":
        return WINDOWS
    if system.platform == "darwin":
        return MACOS
    return DEBIAN if system.is_program("/usr/bin/apt-get") else OTHER


def remedy(what: str, kind: str) -> str:
    """Return the command (or step) that installs `what` on this kind of system."""
    return REMEDIES[what][kind].replace("{sudo}", _sudo())


def font_remedy(font: str, substitutes: tuple[str, ...], kind: str) -> str:
    """Return how to get the font, or one with the same letter widths, on this kind of system."""
    packages = sorted({FONT_PACKAGES[s.casefold()] for s in substitutes if s.casefold() in FONT_PACKAGES})
    if kind == DEBIAN and packages:
        return f"{_sudo()}apt-get install {' '.join(packages)} (fonts with the same letter widths as {font})"
    alternative = f" or {', '.join(substitutes)}" if substitutes else ""
    return f"install the font {font}{alternative}, or choose a font this computer has in the template"


def _sudo() -> str:
    """Return 'sudo ' unless this process is already root (or the system has no such idea)."""
    geteuid = getattr(os, "geteuid", None)
    return "" if geteuid is not None and geteuid() == 0 else "sudo "
