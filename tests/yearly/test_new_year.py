"""new: next year's folder from last year's (dates on, priorities carried) or a skeleton with guidance."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from report_edits import EXAMPLE

from report_builder.cli import main
from report_builder.content import blocks as b
from report_builder.content.models import HANDBOOK_MATTERS, ONLY_WITH_CIN
from report_builder.errors import ContentError
from report_builder.load import load_report
from report_builder.yearly.new_year import (
    a_year_on,
    last_years_priorities,
    start_from,
    start_skeleton,
)
from report_builder.yearly.skeleton import STANDARD_SECTIONS


def progress_items(folder: Path) -> list[b.ProgressItem]:
    """Return the progress items of a report folder."""
    report = load_report(folder)
    return [item for s in report.sections for block in s.section.body if isinstance(block, b.Progress)
            for item in block.progress]


@pytest.mark.skipif(not (EXAMPLE / "report.yaml").is_file(), reason="no example report")
def test_from_the_example_carries_every_priority(tmp_path: Path) -> None:
    last = tmp_path / "2025"
    shutil.copytree(EXAMPLE, last, ignore=shutil.ignore_patterns("out", "figures", ".cache"))
    start_from(last, tmp_path / "2026")
    priorities = last_years_priorities(load_report(last))
    assert priorities and [i.priority for i in progress_items(tmp_path / "2026")] == priorities
    assert all(i.progress is None for i in progress_items(tmp_path / "2026"))


def test_dates_move_on_and_comments_stay(small_report: Path, tmp_path: Path) -> None:
    new = tmp_path / "2026"
    result = start_from(small_report, new)
    report = load_report(new)
    assert report.meta.year_ending == 2026
    assert report.meta.document_control.date_agreed == date(2026, 6, 12)
    assert report.meta.committee.meeting_date == date(2026, 7, 14)
    assert (new / "council.yaml").read_text() == (small_report / "council.yaml").read_text()
    assert (new / "sections" / "purpose.yaml").read_text() == (small_report / "sections" / "purpose.yaml").read_text()
    assert report.sections[-1].section.title == "Priorities for 2026/27"
    assert any("priorities" in note for note in result.notes)


def test_progress_section_is_added_before_the_priorities(small_report: Path, tmp_path: Path) -> None:
    new = tmp_path / "2026"
    start_from(small_report, new)
    report = load_report(new)
    assert [s.name for s in report.sections] == ["purpose", "service", "progress", "priorities"]
    assert [i.priority for i in progress_items(new)] == [
        "First reviews on time", "Reports shared before reviews", "Caseloads within the Handbook range",
        "Children's voices in the record", "Sibling time"]


def test_last_years_figures_join_the_trend(small_report: Path, tmp_path: Path) -> None:
    start_from(small_report, tmp_path / "2026")
    text = (tmp_path / "2026" / "statistics.yaml").read_text()
    assert "- {year_ending: 2025, cla_at_end: 452," in text
    assert "year_ending: 2026\n" in text
    assert "# ONS mid-year estimates" in text


def test_refuses_a_folder_that_is_not_empty(small_report: Path) -> None:
    with pytest.raises(ContentError, match="already exists"):
        start_from(small_report, small_report)


def test_a_year_on_of_29_february() -> None:
    assert a_year_on(date(2024, 2, 29)) == date(2025, 2, 28)


def test_skeleton_has_every_standard_section_with_guidance(tmp_path: Path) -> None:
    folder = tmp_path / "first"
    start_skeleton(folder, 2025)
    report = load_report(folder)
    assert [s.name for s in report.sections] == [s.name for s in STANDARD_SECTIONS]
    assert all(s.section.guidance for s in report.sections)
    # child protection conferences are expected only of a report with a CIN census
    assert {m for s in report.sections for m in s.section.covers} == set(HANDBOOK_MATTERS) - set(ONLY_WITH_CIN)
    assert (folder / "data" / "ssda903" / "README.txt").is_file()


def test_skeleton_uses_the_council_profile(small_report: Path, tmp_path: Path) -> None:
    start_skeleton(tmp_path / "first", 2025, small_report / "council.yaml")
    assert load_report(tmp_path / "first").council.short_name == "Northbridge"


def test_new_command(small_report: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["new", str(tmp_path / "2026"), "--from", str(small_report)])
    assert result.exit_code == 0, result.output
    assert "next: carried 5 of last year's priorities" in result.output
    again = CliRunner().invoke(main, ["new", str(tmp_path / "2026"), "--from", str(small_report)])
    assert again.exit_code == 1 and "already exists and is not empty" in again.output
