"""Shared fixtures: a small real report folder copied for each test, and built papers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from report_edits import FIXTURES


@pytest.fixture
def small_report(tmp_path: Path) -> Path:
    """Return a fresh copy of the small aggregates-based report folder."""
    folder = tmp_path / "report"
    shutil.copytree(FIXTURES / "small_report", folder)
    return folder
