"""Find LibreOffice's `soffice` program, and a Python with LibreOffice's UNO bridge, where they are installed.

soffice is looked for in this order:

1. `REPORT_BUILDER_SOFFICE`, then `SOFFICE`: the program, or the folder LibreOffice is installed in
   (when one is set, nothing else is tried, so that the LibreOffice asked for is the one used);
2. `soffice`, then `libreoffice`, on PATH;
3. the standard places: on Windows `LibreOffice\\program\\soffice.exe` under Program Files and
   Program Files (x86) (wherever those folders are, from the environment); on macOS
   `LibreOffice.app/Contents/MacOS/soffice` in /Applications and ~/Applications; on Linux the
   Document Foundation's own packages, /opt/libreoffice*/program/soffice (the newest first; Debian's
   and Ubuntu's LibreOffice puts soffice on PATH).

The UNO bridge is LibreOffice's `uno` module, which only a Python built for that LibreOffice can import:
`REPORT_BUILDER_UNO_PYTHON` when set, else the Python that LibreOffice ships beside soffice
(`program\\python.exe` on Windows, `Contents/Resources/python` on macOS, `program/python` in /opt),
else the system's /usr/bin/python3 with the python3-uno package (Debian and Ubuntu).

Every look at the computer goes through a `System`, so that tests can lay out Windows and macOS
installs on any computer.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import PurePath, PurePosixPath, PureWindowsPath

SOFFICE_VARIABLES = ("REPORT_BUILDER_SOFFICE", "SOFFICE")
UNO_PYTHON_VARIABLE = "REPORT_BUILDER_UNO_PYTHON"
LINUX_PLACES = "/opt/libreoffice*/program/soffice"
"""Where the Document Foundation's own Linux packages install soffice."""
SYSTEM_PYTHON_WITH_UNO = "/usr/bin/python3"
"""Where Debian's and Ubuntu's python3-uno puts the bridge: the system's own Python."""
CHECK_SECONDS = 30


@dataclass(frozen=True)
class System:
    """What discovery asks of the computer: its platform, environment, programs and files."""

    platform: str
    """As sys.platform says it: 'win32', 'darwin' or 'linux'."""
    environ: Mapping[str, str]
    is_program: Callable[[str], bool]
    which: Callable[[str], str | None]
    """Return the program of that name on PATH, or None."""
    glob: Callable[[str], list[str]]
    resolve: Callable[[str], str]
    """Return the path with symbolic links followed (/usr/bin/soffice is a link into /usr/lib)."""
    imports_uno: Callable[[str], bool]
    """Return whether the Python at that path can import LibreOffice's uno module."""
    home: str

    @property
    def path(self) -> type[PurePath]:
        """Return the kind of path this system writes (backslashes and drive letters on Windows)."""
        return PureWindowsPath if self.platform == "win32" else PurePosixPath


@dataclass(frozen=True)
class Search:
    """The outcome of looking for a program: its path and how it was found, or what was tried."""

    path: str | None
    detail: str
    """How it was found ('on PATH', 'set in SOFFICE', …) or, when not found, where it was looked for."""

    @property
    def found(self) -> bool:
        """Return whether the program was found."""
        return self.path is not None


def this_system() -> System:
    """Return this computer, as discovery sees it."""
    return System(sys.platform, os.environ, _is_program, shutil.which, glob.glob, os.path.realpath,
                  _imports_uno, os.path.expanduser("~"))


def find_soffice() -> str | None:
    """Return the path of LibreOffice's soffice program, or None when it cannot be found."""
    return locate_soffice(this_system()).path


def find_uno_python() -> str | None:
    """Return a Python that can import LibreOffice's `uno` module, or None."""
    system = this_system()
    return locate_uno_python(system, locate_soffice(system).path).path


def locate_soffice(system: System) -> Search:
    """Return where soffice is: from the environment variables, PATH or the standard places."""
    for variable in SOFFICE_VARIABLES:
        if system.environ.get(variable, "").strip():
            return _from_variable(system, variable, _soffice_in)
    for name in ("soffice", "libreoffice"):
        if found := system.which(name):
            return Search(found, "on PATH")
    for place in standard_places(system):
        if system.is_program(place):
            return Search(place, "in the standard place")
    places = ", ".join(standard_places(system)) if system.platform in ("win32", "darwin") else LINUX_PLACES
    return Search(None, f"not on PATH, not set in {' or '.join(SOFFICE_VARIABLES)}, and not in {places}")


def standard_places(system: System) -> list[str]:
    """Return where LibreOffice's installer puts soffice on this kind of system, most likely first."""
    path = system.path
    if system.platform == "win32":
        folders = [system.environ.get("ProgramFiles") or r"C:\Program Files",
                   system.environ.get("ProgramW6432") or "",
                   system.environ.get("ProgramFiles(x86)") or r"C:\Program Files (x86)"]
        return _unique(str(path(f, "LibreOffice", "program", "soffice.exe")) for f in folders if f)
    if system.platform == "darwin":
        roots = ["/Applications", str(path(system.home, "Applications"))]
        return [str(path(root, "LibreOffice.app", "Contents", "MacOS", "soffice")) for root in roots]
    return sorted(system.glob(LINUX_PLACES), key=_version_key, reverse=True)


def locate_uno_python(system: System, soffice: str | None) -> Search:
    """Return a Python that can import LibreOffice's uno module, or say why there is none."""
    if system.environ.get(UNO_PYTHON_VARIABLE, "").strip():
        search = _from_variable(system, UNO_PYTHON_VARIABLE, _program)
        if search.path is not None and not system.imports_uno(search.path):
            return Search(None, f"{UNO_PYTHON_VARIABLE} is set to '{search.path}', which cannot import uno")
        return search
    if soffice is None:
        return Search(None, "LibreOffice was not found, so neither was its UNO bridge")
    candidates = uno_python_candidates(system, soffice)
    present = [python for python in candidates if system.is_program(python)]
    for python in present:
        if system.imports_uno(python):
            own = python != SYSTEM_PYTHON_WITH_UNO
            return Search(python, "LibreOffice's own Python" if own else "the system's Python, with python3-uno")
    if not present:
        return Search(None, f"LibreOffice's Python is missing: none of {', '.join(candidates)} is there")
    return Search(None, f"{' and '.join(present)} cannot import LibreOffice's uno module")


def uno_python_candidates(system: System, soffice: str | None) -> list[str]:
    """Return the Pythons that may have LibreOffice's uno module: LibreOffice's own first."""
    candidates = []
    if soffice is not None:
        program = system.path(system.resolve(soffice))
        if system.platform == "win32":
            candidates.append(str(program.parent / "python.exe"))
        elif system.platform == "darwin":  # Contents/MacOS/soffice beside Contents/Resources/python
            candidates.append(str(program.parent.parent / "Resources" / "python"))
        else:
            candidates.append(str(program.parent / "python"))
    if system.platform != "win32":
        candidates.append(SYSTEM_PYTHON_WITH_UNO)
    return _unique(candidates)


def version_command(system: System, soffice: str) -> list[str]:
    """Return the command that prints LibreOffice's version.

    On Windows soffice.exe prints nothing to a console; soffice.com beside it does.
    """
    if system.platform == "win32" and soffice.lower().endswith(".exe"):
        console = soffice[:-4] + ".com"
        if system.is_program(console):
            return [console, "--version"]
    return [soffice, "--version"]


def soffice_version(soffice: str, system: System | None = None) -> str | None:
    """Return LibreOffice's version as it states it (e.g. '7.4.7.2'), or None when it says nothing."""
    command = version_command(system or this_system(), soffice)
    try:
        said = subprocess.run(command, capture_output=True, text=True, timeout=CHECK_SECONDS, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r"(\d+(?:\.\d+)+)", said)
    return match.group(1) if match else None


def _soffice_in(system: System, value: str) -> str | None:
    """Return soffice given as a program or as a folder LibreOffice is installed in, or None."""
    path = system.path(value)
    name = "soffice.exe" if system.platform == "win32" else "soffice"
    candidates = [path, path / name, path / "program" / name, path / "Contents" / "MacOS" / name]
    return next((str(p) for p in candidates if system.is_program(str(p))), None)


def _program(system: System, value: str) -> str | None:
    """Return value when it is a program, else None."""
    return value if system.is_program(value) else None


def _from_variable(system: System, variable: str, find: Callable[[System, str], str | None]) -> Search:
    """Return the program an environment variable names (quotes around it allowed)."""
    value = system.environ[variable].strip().strip('"')
    found = find(system, value)
    if found is None:
        return Search(None, f"{variable} is set to '{value}', which is not a program")
    return Search(found, f"set in {variable}")


def _version_key(path: str) -> tuple[int, ...]:
    """Return the version in a path such as /opt/libreoffice24.8/… as numbers, for sorting."""
    return tuple(int(n) for n in re.findall(r"\d+", path))


def _unique(items: Iterable[str]) -> list[str]:
    """Return the items without repeats, in their order."""
    return list(dict.fromkeys(items))


def _is_program(path: str) -> bool:
    """Return whether path is a file this user can run."""
    return os.path.isfile(path) and os.access(path, os.X_OK)


@cache
def _imports_uno(python: str) -> bool:
    """Return whether this Python can import LibreOffice's uno module (asked once per run)."""
    try:
        check = subprocess.run([python, "-c", "import uno"], capture_output=True, timeout=CHECK_SECONDS, check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return check.returncode == 0
