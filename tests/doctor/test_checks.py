"""Each check doctor makes, on this computer and on Windows and Debian laid out on a fake disk."""

from __future__ import annotations

from pathlib import Path

import pytest
from fake_computer import FakeComputer

from report_builder.doctor import checks
from report_builder.doctor.checks import (
    MISSING,
    NOT_CHECKED,
    OK,
    OPTIONAL,
    Finding,
    examine,
    folder_finding,
)
from report_builder.doctor.fonts import FontMatch
from report_builder.doctor.remedies import DEBIAN

WIN64 = r"C:\Program Files\LibreOffice\program\soffice.exe"


def by_name(findings: list[Finding]) -> dict[str, Finding]:
    """Return the findings by what they are about."""
    return {finding.name: finding for finding in findings}


def test_a_folder_that_exists_can_be_written(tmp_path: Path) -> None:
    assert folder_finding(tmp_path, "the papers", "--out") == Finding(str(tmp_path), OK, "the papers: can be written")


def test_a_folder_yet_to_be_made_is_checked_in_the_folder_it_will_be_made_in(tmp_path: Path) -> None:
    finding = folder_finding(tmp_path / "out" / "papers", "the papers", "--out")
    assert (finding.status, finding.found) == (OK, f"the papers: will be made in {tmp_path}, which can be written")


def test_a_file_in_the_way_of_a_folder_is_missing_with_the_fix(tmp_path: Path) -> None:
    (tmp_path / "out").write_text("not a folder", encoding="utf-8")
    finding = folder_finding(tmp_path / "out" / "charts", "the charts", "--figures")
    assert finding.status == MISSING
    assert finding.found == f"cannot be made: {tmp_path / 'out'} is a file"
    assert "--figures" in finding.fix


def test_a_report_folder_with_problems_leaves_the_fonts_unchecked(tmp_path: Path) -> None:
    (tmp_path / "report.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    [finding] = checks.font_findings(tmp_path, DEBIAN)
    assert finding.status == NOT_CHECKED
    assert "report-builder check" in finding.found


def test_the_report_folders_templates_give_the_fonts(small_report: Path) -> None:
    names = [finding.name for finding in checks.font_findings(small_report, DEBIAN)]
    assert names == ["font Arial"]


@pytest.mark.parametrize(("used", "status", "said"), [
    pytest.param("Calibri", OK, "installed", id="installed"),
    pytest.param("Carlito", OK, "Carlito in its place, with the same letter widths", id="metric-compatible"),
    pytest.param("DejaVu Sans", MISSING, "LibreOffice would use DejaVu Sans", id="another-font"),
    pytest.param(None, NOT_CHECKED, "fc-match, which tells, is not on this computer", id="not-checked"),
])
def test_a_font_of_the_templates(monkeypatch: pytest.MonkeyPatch, used: str | None, status: str, said: str) -> None:
    monkeypatch.setattr(checks, "match_font", lambda font: FontMatch(font, used))
    finding = checks._font_finding("Calibri", DEBIAN)
    assert (finding.status, finding.name) == (status, "font Calibri")
    assert said in finding.found
    assert ("fonts-crosextra-carlito" in finding.install) == (status == MISSING)


def test_windows_with_libreoffice_but_not_its_python(tmp_path: Path) -> None:
    computer = FakeComputer("win32", {WIN64}, {"ProgramFiles": r"C:\Program Files"})
    found = by_name(examine(None, tmp_path / "out", tmp_path / "figures", computer.system()))
    assert found["LibreOffice"] == Finding("LibreOffice", OK, f"version not stated at {WIN64} (in the standard place)")
    assert found["UNO bridge"].status == MISSING
    assert "reinstall LibreOffice" in found["UNO bridge"].install


def test_debian_without_libreoffice(tmp_path: Path) -> None:
    computer = FakeComputer("linux", {"/usr/bin/apt-get"}, {"PATH": "/usr/bin"})
    found = by_name(examine(None, tmp_path / "out", tmp_path / "figures", computer.system()))
    assert found["LibreOffice"].status == MISSING
    assert "libreoffice-writer-nogui python3-uno" in found["LibreOffice"].install
    assert found["UNO bridge"] == Finding("UNO bridge", NOT_CHECKED, "comes with LibreOffice, which is missing")
    assert found["Python"].status == OK
    assert found["poppler"].status in (OK, OPTIONAL)


def test_a_wrong_soffice_variable_is_to_be_fixed(tmp_path: Path) -> None:
    computer = FakeComputer("linux", {"/usr/bin/soffice"}, {"PATH": "/usr/bin", "SOFFICE": "/nowhere/soffice"})
    finding = by_name(examine(None, tmp_path / "out", tmp_path / "figures", computer.system()))["LibreOffice"]
    assert (finding.status, finding.install) == (MISSING, "")
    assert "or unset it" in finding.fix
