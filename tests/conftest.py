"""Shared fixtures: a small real report folder copied for each test, and built papers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLE = Path(__file__).parents[1] / "content" / "example"


@pytest.fixture
def small_report(tmp_path: Path) -> Path:
    """Return a fresh copy of the small aggregates-based report folder."""
    folder = tmp_path / "report"
    shutil.copytree(FIXTURES / "small_report", folder)
    return folder


def replace_in(path: Path, old: str, new: str) -> None:
    """Replace text in a file, failing loudly if the text is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
