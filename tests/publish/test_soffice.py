"""Where LibreOffice and its UNO bridge are found: each system's layout laid out on a fake disk, and
this computer's own LibreOffice when it has one."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from fake_computer import FakeComputer

from report_builder.publish import soffice
from report_builder.publish.soffice import (
    locate_soffice,
    locate_uno_python,
    standard_places,
    this_system,
    uno_python_candidates,
    version_command,
)

WINDOWS = {"ProgramFiles": r"C:\Program Files", "ProgramFiles(x86)": r"C:\Program Files (x86)",
           "ProgramW6432": r"C:\Program Files", "PATH": r"C:\Windows\system32;C:\Windows"}
WIN64 = r"C:\Program Files\LibreOffice\program\soffice.exe"
WIN32 = r"C:\Program Files (x86)\LibreOffice\program\soffice.exe"
MAC = "/Applications/LibreOffice.app/Contents/MacOS/soffice"
MAC_PYTHON = "/Applications/LibreOffice.app/Contents/Resources/python"
DEBIAN = {"PATH": "/usr/local/bin:/usr/bin:/bin"}
DEBIAN_LINK = {"/usr/bin/soffice": "/usr/lib/libreoffice/program/soffice"}
OPT = "/opt/libreoffice24.8/program/soffice"

FOUND = [
    pytest.param(FakeComputer("win32", {WIN64}, WINDOWS), WIN64, "in the standard place", id="windows-program-files"),
    pytest.param(FakeComputer("win32", {WIN32}, WINDOWS), WIN32, "in the standard place",
                 id="windows-program-files-x86"),
    pytest.param(FakeComputer("win32", {WIN64, WIN32}, WINDOWS), WIN64, "in the standard place",
                 id="windows-64-bit-before-32-bit"),
    pytest.param(FakeComputer("win32", {r"D:\Apps\LibreOffice\program\soffice.exe"}, {"ProgramFiles": r"D:\Apps"}),
                 r"D:\Apps\LibreOffice\program\soffice.exe", "in the standard place",
                 id="windows-program-files-on-another-drive"),
    pytest.param(FakeComputer("win32", {WIN32}, {}), WIN32, "in the standard place",
                 id="windows-without-program-files-variables"),
    pytest.param(FakeComputer("win32", {r"C:\PROGRAM FILES\LibreOffice\Program\SOFFICE.EXE"}, WINDOWS), WIN64,
                 "in the standard place", id="windows-file-names-in-any-case"),
    pytest.param(FakeComputer("win32", {r"C:\Tools\LO\program\soffice.exe", WIN64},
                              {**WINDOWS, "PATH": r"C:\Windows;C:\Tools\LO\program"}),
                 r"C:\Tools\LO\program\soffice.exe", "on PATH", id="windows-path-before-the-standard-place"),
    pytest.param(FakeComputer("win32", {r"E:\Portable\LibreOffice\program\soffice.exe", WIN64},
                              {**WINDOWS, "SOFFICE": r'"E:\Portable\LibreOffice"'}),
                 r"E:\Portable\LibreOffice\program\soffice.exe", "set in SOFFICE",
                 id="windows-soffice-names-the-install-folder-in-quotes"),
    pytest.param(FakeComputer("darwin", {MAC}), MAC, "in the standard place", id="macos-applications"),
    pytest.param(FakeComputer("darwin", {"/Users/sam/Applications/LibreOffice.app/Contents/MacOS/soffice"},
                              home="/Users/sam"),
                 "/Users/sam/Applications/LibreOffice.app/Contents/MacOS/soffice", "in the standard place",
                 id="macos-own-applications-folder"),
    pytest.param(FakeComputer("darwin", {MAC}, {"SOFFICE": "/Applications/LibreOffice.app"}), MAC, "set in SOFFICE",
                 id="macos-soffice-names-the-app"),
    pytest.param(FakeComputer("linux", {"/usr/bin/soffice"}, DEBIAN), "/usr/bin/soffice", "on PATH", id="debian"),
    pytest.param(FakeComputer("linux", {"/snap/bin/libreoffice"}, {"PATH": "/usr/bin:/snap/bin"}),
                 "/snap/bin/libreoffice", "on PATH", id="linux-only-a-libreoffice-command"),
    pytest.param(FakeComputer("linux", {"/opt/libreoffice7.6/program/soffice", OPT}, DEBIAN), OPT,
                 "in the standard place", id="linux-document-foundation-packages-newest-first"),
    pytest.param(FakeComputer("linux", {"/usr/bin/soffice", OPT}, {**DEBIAN, "REPORT_BUILDER_SOFFICE": OPT,
                                                                   "SOFFICE": "/usr/bin/soffice"}),
                 OPT, "set in REPORT_BUILDER_SOFFICE", id="report-builder-soffice-before-soffice"),
]


@pytest.mark.parametrize(("computer", "path", "how"), FOUND)
def test_soffice_is_found(computer: FakeComputer, path: str, how: str) -> None:
    assert locate_soffice(computer.system()) == soffice.Search(path, how)


NOT_FOUND = [
    pytest.param(FakeComputer("win32", set(), WINDOWS),
                 r"not in C:\Program Files\LibreOffice\program\soffice.exe, "
                 r"C:\Program Files (x86)\LibreOffice\program\soffice.exe", id="windows"),
    pytest.param(FakeComputer("darwin", set(), home="/Users/sam"),
                 "not in /Applications/LibreOffice.app/Contents/MacOS/soffice, "
                 "/Users/sam/Applications/LibreOffice.app/Contents/MacOS/soffice", id="macos"),
    pytest.param(FakeComputer("linux", set(), DEBIAN), "not in /opt/libreoffice*/program/soffice", id="linux"),
    pytest.param(FakeComputer("linux", {"/usr/bin/soffice"}, {**DEBIAN, "SOFFICE": "/usr/local/lo/soffice"}),
                 "SOFFICE is set to '/usr/local/lo/soffice', which is not a program",
                 id="a-wrong-soffice-is-not-passed-over"),
]


@pytest.mark.parametrize(("computer", "said"), NOT_FOUND)
def test_where_soffice_was_looked_for_is_said(computer: FakeComputer, said: str) -> None:
    search = locate_soffice(computer.system())
    assert search.path is None
    assert said in search.detail


UNO = [
    pytest.param(FakeComputer("win32", {WIN64, r"C:\Program Files\LibreOffice\program\python.exe"}, WINDOWS,
                              uno={r"C:\Program Files\LibreOffice\program\python.exe"}),
                 WIN64, r"C:\Program Files\LibreOffice\program\python.exe", "LibreOffice's own Python", id="windows"),
    pytest.param(FakeComputer("darwin", {MAC, MAC_PYTHON}, uno={MAC_PYTHON}), MAC, MAC_PYTHON,
                 "LibreOffice's own Python", id="macos"),
    pytest.param(FakeComputer("linux", {"/usr/bin/soffice", "/usr/bin/python3"}, DEBIAN, DEBIAN_LINK,
                              uno={"/usr/bin/python3"}),
                 "/usr/bin/soffice", "/usr/bin/python3", "the system's Python, with python3-uno", id="debian"),
    pytest.param(FakeComputer("linux", {OPT, "/opt/libreoffice24.8/program/python", "/usr/bin/python3"}, DEBIAN,
                              uno={"/opt/libreoffice24.8/program/python", "/usr/bin/python3"}),
                 OPT, "/opt/libreoffice24.8/program/python", "LibreOffice's own Python",
                 id="linux-document-foundation-package-before-the-system-python"),
    pytest.param(FakeComputer("linux", {"/usr/bin/soffice", "/srv/py/bin/python"},
                              {**DEBIAN, "REPORT_BUILDER_UNO_PYTHON": "/srv/py/bin/python"}, uno={"/srv/py/bin/python"}),
                 "/usr/bin/soffice", "/srv/py/bin/python", "set in REPORT_BUILDER_UNO_PYTHON", id="variable"),
]


@pytest.mark.parametrize(("computer", "soffice_path", "python", "how"), UNO)
def test_uno_bridge_is_found(computer: FakeComputer, soffice_path: str, python: str, how: str) -> None:
    assert locate_uno_python(computer.system(), soffice_path) == soffice.Search(python, how)


NO_UNO = [
    pytest.param(FakeComputer("linux", {"/usr/bin/soffice", "/usr/bin/python3"}, DEBIAN, DEBIAN_LINK),
                 "/usr/bin/soffice", "/usr/bin/python3 cannot import LibreOffice's uno module",
                 id="debian-without-python3-uno"),
    pytest.param(FakeComputer("win32", {WIN64}, WINDOWS), WIN64,
                 r"none of C:\Program Files\LibreOffice\program\python.exe is there", id="windows-without-its-python"),
    pytest.param(FakeComputer("darwin", {MAC}), MAC, f"none of {MAC_PYTHON}, /usr/bin/python3 is there",
                 id="macos-without-its-python"),
    pytest.param(FakeComputer("linux", {"/usr/bin/soffice", "/usr/bin/python3"},
                              {**DEBIAN, "REPORT_BUILDER_UNO_PYTHON": "/usr/bin/python3"}),
                 "/usr/bin/soffice", "REPORT_BUILDER_UNO_PYTHON is set to '/usr/bin/python3', which cannot import uno",
                 id="variable-naming-a-python-without-uno"),
    pytest.param(FakeComputer("linux", {"/usr/bin/python3"}, DEBIAN, uno={"/usr/bin/python3"}), None,
                 "LibreOffice was not found", id="no-libreoffice"),
]


@pytest.mark.parametrize(("computer", "soffice_path", "said"), NO_UNO)
def test_a_missing_uno_bridge_is_explained(computer: FakeComputer, soffice_path: str | None, said: str) -> None:
    search = locate_uno_python(computer.system(), soffice_path)
    assert search.path is None
    assert said in search.detail


def test_windows_paths_keep_backslashes_and_drive_letters() -> None:
    system = FakeComputer("win32", set(), {"ProgramFiles": r"D:\Programme"}).system()
    assert standard_places(system)[0] == r"D:\Programme\LibreOffice\program\soffice.exe"
    assert uno_python_candidates(system, r"D:\Programme\LibreOffice\program\soffice.exe") == [
        r"D:\Programme\LibreOffice\program\python.exe"]


@pytest.mark.parametrize(("computer", "command"), [
    pytest.param(FakeComputer("win32", {WIN64, WIN64[:-4] + ".com"}), [WIN64[:-4] + ".com", "--version"],
                 id="windows-console-launcher"),
    pytest.param(FakeComputer("win32", {WIN64}), [WIN64, "--version"], id="windows-without-console-launcher"),
    pytest.param(FakeComputer("linux", {"/usr/bin/soffice"}), ["/usr/bin/soffice", "--version"], id="linux"),
])
def test_version_command(computer: FakeComputer, command: list[str]) -> None:
    assert version_command(computer.system(), command[0].replace(".com", ".exe")) == command


needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed here")


@needs_soffice
def test_this_computers_libreoffice_is_found_with_its_version() -> None:
    found = locate_soffice(this_system())
    assert found == soffice.Search(shutil.which("soffice"), "on PATH")
    assert (soffice.soffice_version(found.path or "") or "").count(".") >= 2


@needs_soffice
def test_report_builder_soffice_may_name_the_folder_libreoffice_is_in(monkeypatch: pytest.MonkeyPatch) -> None:
    program = Path(os.path.realpath(shutil.which("soffice") or ""))
    monkeypatch.setenv("REPORT_BUILDER_SOFFICE", str(program.parent))
    monkeypatch.setenv("PATH", "")
    assert locate_soffice(this_system()) == soffice.Search(str(program), "set in REPORT_BUILDER_SOFFICE")


def test_a_program_that_does_not_run_states_no_version(tmp_path: Path) -> None:
    assert soffice.soffice_version(str(tmp_path / "soffice")) is None
