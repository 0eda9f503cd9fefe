"""install.sh's own checks, run on a copy of it (the install itself is what CI runs, as the README says)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

INSTALL = Path(__file__).parents[1] / "install.sh"


def install(tmp_path: Path, *args: str, python: str | None = None) -> subprocess.CompletedProcess[str]:
    """Return the run of a copy of install.sh in tmp_path, with PYTHON set when given."""
    copy = tmp_path / "install.sh"
    shutil.copy(INSTALL, copy)
    environment = {**os.environ, **({"PYTHON": python} if python else {})}
    return subprocess.run(["bash", str(copy), *args], cwd=tmp_path, env=environment, capture_output=True, text=True,
                          timeout=60, check=False)


def fake_python(tmp_path: Path, version: str) -> str:
    """Return a program that answers install.sh's question about its version as an old Python would."""
    program = tmp_path / "python3.9"
    program.write_text(f"#!/bin/sh\necho {version}\n", encoding="utf-8")
    program.chmod(0o755)
    return str(program)


def test_an_older_python_is_refused_naming_its_version_and_what_to_install(tmp_path: Path) -> None:
    result = install(tmp_path, python=fake_python(tmp_path, "3.9.2"))
    assert result.returncode == 1
    assert "needs Python 3.11 or newer" in result.stderr and "is Python 3.9.2" in result.stderr
    assert "apt-get install python3.11 python3.11-venv" in result.stderr
    assert "PYTHON=python3.11 ./install.sh" in result.stderr
    assert not (tmp_path / ".venv").exists()


def test_a_python_that_is_not_there_is_named(tmp_path: Path) -> None:
    result = install(tmp_path, python="python3.99")
    assert result.returncode == 1
    assert "no 'python3.99' found" in result.stderr


@pytest.mark.parametrize(("args", "said"), [
    pytest.param(["--tests"], "unknown option '--tests'", id="unknown-option"),
    pytest.param(["--help"], "./install.sh --test   also what the tests need", id="help"),
])
def test_options(tmp_path: Path, args: list[str], said: str) -> None:
    result = install(tmp_path, *args)
    assert said in result.stdout + result.stderr
    assert result.returncode == (0 if args == ["--help"] else 1)
