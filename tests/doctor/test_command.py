"""report-builder doctor as a person runs it, with LibreOffice present and hidden (a PATH without it),
and build pointing to doctor when LibreOffice is missing."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from command_line import REPORT_BUILDER


def run(*args: str | Path, cwd: Path, path: str | None = None) -> subprocess.CompletedProcess[str]:
    """Return report-builder's run in cwd, with PATH replaced when given."""
    environment = {**os.environ, "PATH": path} if path is not None else None
    return subprocess.run([*REPORT_BUILDER, *map(str, args)], cwd=cwd, env=environment, capture_output=True,
                          text=True, timeout=120, check=False)


def line(output: str, name: str) -> str:
    """Return what the output says about name (its continued lines too), spaces run together."""
    entries = [" ".join(entry.split()) for entry in re.split(r"\n(?=  \S)", output)]
    found = [entry for entry in entries if re.match(rf"\S+( checked)? {name}\b", entry)]
    assert found, f"nothing about {name} in:\n{output}"
    return found[0]


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_with_libreoffice_everything_needed_is_here(small_report: Path, tmp_path: Path) -> None:
    result = run("doctor", small_report, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.fullmatch(r"ok LibreOffice \d+\.\d+\S* at \S+ \(on PATH\)", line(result.stdout, "LibreOffice"))
    assert line(result.stdout, "UNO bridge").startswith("ok UNO bridge /")
    assert line(result.stdout, "font Arial").startswith("ok font Arial")
    assert line(result.stdout, "out") == "ok out the papers: will be made in this folder, which can be written"
    assert result.stdout.rstrip().endswith("Everything report-builder needs is here.")


def test_with_libreoffice_hidden_it_says_what_to_install(tmp_path: Path) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    result = run("doctor", cwd=tmp_path, path=str(empty))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    libreoffice = line(result.stdout, "LibreOffice")
    assert libreoffice.startswith("missing LibreOffice not on PATH, not set in REPORT_BUILDER_SOFFICE or SOFFICE")
    assert "needed for page numbers on the contents page, PDFs and the agenda pack" in libreoffice
    if Path("/usr/bin/apt-get").exists():
        assert "to install: apt-get install --no-install-recommends libreoffice-writer-nogui python3-uno" in (
            libreoffice.replace("sudo ", ""))
    assert line(result.stdout, "UNO bridge") == "not checked UNO bridge comes with LibreOffice, which is missing"
    assert result.stdout.rstrip().endswith("1 thing is missing (LibreOffice): see above, then run "
                                           "report-builder doctor again.")


def test_build_points_to_doctor_when_libreoffice_is_missing(small_report: Path, tmp_path: Path) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    built = run("build", small_report, "--out", tmp_path / "out", "--figures", tmp_path / "figures", cwd=tmp_path,
                path=str(empty))
    assert built.returncode == 0, built.stderr
    assert "'report-builder doctor' says what is missing and how to install it" in built.stdout
    refused = run("build", small_report, "--out", tmp_path / "out", "--pdf", cwd=tmp_path, path=str(empty))
    assert refused.returncode == 1
    assert "making PDFs needs LibreOffice, which was not found — run 'report-builder doctor'" in refused.stderr
