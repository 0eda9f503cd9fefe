"""The install command for each missing piece, on each kind of system."""

from __future__ import annotations

import pytest
from fake_computer import FakeComputer

from report_builder.doctor import remedies
from report_builder.doctor.remedies import (
    DEBIAN,
    MACOS,
    OTHER,
    WINDOWS,
    font_remedy,
    remedy,
    system_kind,
)


@pytest.mark.parametrize(("computer", "kind"), [
    pytest.param(FakeComputer("win32"), WINDOWS, id="windows"),
    pytest.param(FakeComputer("darwin"), MACOS, id="macos"),
    pytest.param(FakeComputer("linux", {"/usr/bin/apt-get"}), DEBIAN, id="debian-or-ubuntu"),
    pytest.param(FakeComputer("linux"), OTHER, id="linux-without-apt"),
])
def test_system_kind(computer: FakeComputer, kind: str) -> None:
    assert system_kind(computer.system()) == kind


@pytest.mark.parametrize(("what", "kind", "command"), [
    pytest.param("libreoffice", DEBIAN, "apt-get install --no-install-recommends libreoffice-writer-nogui python3-uno",
                 id="libreoffice-debian"),
    pytest.param("libreoffice", WINDOWS, "winget install --id TheDocumentFoundation.LibreOffice",
                 id="libreoffice-windows"),
    pytest.param("libreoffice", MACOS, "brew install --cask libreoffice", id="libreoffice-macos"),
    pytest.param("uno", DEBIAN, "apt-get install python3-uno", id="uno-debian"),
    pytest.param("uno", WINDOWS, r"python.exe beside soffice.exe", id="uno-windows"),
    pytest.param("poppler", DEBIAN, "apt-get install poppler-utils", id="poppler-debian"),
    pytest.param("poppler", MACOS, "brew install poppler", id="poppler-macos"),
    pytest.param("python", DEBIAN, "apt-get install python3 python3-venv", id="python-debian"),
])
def test_remedy(what: str, kind: str, command: str) -> None:
    assert command in remedy(what, kind)


@pytest.mark.parametrize(("root", "prefix"), [pytest.param(0, "apt-get", id="root"),
                                              pytest.param(1000, "sudo apt-get", id="user")])
def test_sudo_only_when_not_root(monkeypatch: pytest.MonkeyPatch, root: int, prefix: str) -> None:
    monkeypatch.setattr(remedies.os, "geteuid", lambda: root, raising=False)
    assert remedy("poppler", DEBIAN).startswith(prefix)


@pytest.mark.parametrize(("font", "substitutes", "kind", "said"), [
    pytest.param("Arial", ("Liberation Sans", "Arimo"), DEBIAN, "apt-get install fonts-liberation", id="arial"),
    pytest.param("Calibri", ("Carlito",), DEBIAN, "apt-get install fonts-crosextra-carlito", id="calibri"),
    pytest.param("Segoe UI", (), DEBIAN, "install the font Segoe UI, or choose a font", id="no-substitute"),
    pytest.param("Calibri", ("Carlito",), WINDOWS, "install the font Calibri or Carlito", id="windows"),
])
def test_font_remedy(font: str, substitutes: tuple[str, ...], kind: str, said: str) -> None:
    assert said in font_remedy(font, substitutes, kind)
