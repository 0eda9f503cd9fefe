"""check: one fault of each kind planted in a clean report is reported, at its place, and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from report_edits import EXAMPLE, replace_in

from report_builder.checks.run import CheckOptions, format_findings, run_checks
from report_builder.cli import main
from report_builder.errors import Problem

FAST = CheckOptions(documents=False)


@pytest.fixture
def clean_report(small_report: Path) -> Path:
    """Return the small report with every IRO Handbook matter covered (its other findings are warnings)."""
    replace_in(small_report / "sections" / "service.yaml", "covers: [service_development]",
               "covers: [service_development, dispute_resolution, participation, review_timeliness, resources,"
               " sibling_contact]")
    return small_report


def findings(folder: Path, options: CheckOptions = FAST) -> set[tuple[str, int | None, str, str]]:
    """Return each finding as (file name, line, severity, message) for comparison."""
    return {(Path(p.file or "").name, p.line, p.severity, p.message) for p in run_checks(folder, options)}


def planted(clean: Path, plant) -> list[tuple[str, int | None, str, str]]:  # type: ignore[no-untyped-def]
    """Return the findings that planting a fault adds to a clean report's findings."""
    before = findings(clean)
    plant(clean)
    return sorted(findings(clean) - before)


def test_clean_report_has_no_errors(clean_report: Path) -> None:
    assert not [f for f in findings(clean_report) if f[2] == "error"]


def test_missing_handbook_matter_is_an_error_at_the_sections_list(clean_report: Path) -> None:
    added = planted(clean_report, lambda r: replace_in(r / "sections" / "service.yaml", " sibling_contact]", "]"))
    message = "no section covers the IRO Handbook matter 'sibling_contact': sibling contact (local procedures)"
    assert added == [("report.yaml", 20, "error", message)]


def test_priority_without_progress_is_an_error_at_its_line(clean_report: Path) -> None:
    def plant(report: Path) -> None:
        with (report / "sections" / "purpose.yaml").open("a", encoding="utf-8") as file:
            file.write("  - progress:\n      - priority: Shorter waits\n        progress: Done.\n"
                       "      - priority: Better records\n        progress:\n")

    assert planted(clean_report, plant) == [
        ("purpose.yaml", 19, "error", "no progress written for last year's priority 'Better records'")]


def test_hand_typed_number_equal_to_a_statistic_is_a_warning(clean_report: Path) -> None:
    added = planted(clean_report, lambda r: replace_in(
        r / "sections" / "service.yaml", "Second point with {{ reviews.held }} reviews",
        "Second point with 1,290 reviews"))
    assert added == [("service.yaml", 13, "warning",
                      "'1,290' is typed by hand; it is the figure reviews.held (1,290)")]


def test_hand_typed_number_close_to_a_statistic_is_an_error(clean_report: Path) -> None:
    added = planted(clean_report, lambda r: replace_in(
        r / "sections" / "service.yaml", "Second point with {{ reviews.held }} reviews",
        "Second point with 1,209 reviews"))
    assert added == [("service.yaml", 13, "error",
                      "'1,209' is close to, but not the same as, reviews.held (1,290)")]


def test_small_count_about_children_is_an_error(clean_report: Path) -> None:
    added = planted(clean_report, lambda r: replace_in(
        r / "sections" / "service.yaml", "      - First step", "      - 3 children were placed for adoption"))
    message = "'3 children' gives a count from 1 to 5 in a public paper, which could identify a child"
    assert added == [("service.yaml", 15, "error", message)]


def test_long_sentence_is_a_warning_quoting_its_start(clean_report: Path) -> None:
    long = "This sentence " + "goes on and on " * 8 + "until it ends."
    added = planted(clean_report, lambda r: replace_in(r / "sections" / "service.yaml", "      - Second step",
                                                        f"      - {long}"))
    assert added == [("service.yaml", 16, "warning",
                      "sentence of 37 words: 'This sentence goes on and on goes on…'")]


def test_unknown_placeholder_is_an_error_with_a_suggestion(clean_report: Path) -> None:
    replace_in(clean_report / "sections" / "service.yaml", "{{ reviews.held }} reviews", "{{ reviews.helt }} reviews")
    problems = [p for p in run_checks(clean_report, FAST) if p.severity == "error"]
    assert [(Path(p.file or "").name, p.line, p.message) for p in problems] == [
        ("service.yaml", 13, "unknown statistic 'reviews.helt'")]
    assert "reviews.held" in (problems[0].hint or "")


def test_ignores_years_dates_references_ages_periods_and_tables(clean_report: Path) -> None:
    text = ("In June 2024, under section 7.11 and paragraph 25, 12 children aged 16 (2024/25) were seen on "
            "14 March 2025; {{ reviews.held }} reviews. Children looked after for 28 days or more at 31 March "
            "have their first review within 20 working days.")
    added = planted(clean_report, lambda r: replace_in(r / "sections" / "service.yaml", "      - First step",
                                                        f"      - \"{text}\""))
    assert added == []


def test_without_report_yaml_the_year_is_not_known_so_only_it_is_checked(clean_report: Path) -> None:
    replace_in(clean_report / "report.yaml", "year_ending: 2025", "year_ending: twenty")
    problems = run_checks(clean_report, FAST)
    assert [(p.file, p.line) for p in problems] == [("report/report.yaml", 3)]


def test_findings_are_grouped_by_file_errors_first() -> None:
    problems = [Problem("w", "b.yaml", 1, severity="warning"), Problem("e", "a.yaml", 2),
                Problem("e2", "b.yaml", 5)]
    from report_builder.checks.run import order

    assert format_findings(order(problems)) == [
        "a.yaml", "  error: a.yaml:2: e", "b.yaml", "  error: b.yaml:5: e2", "  warning: b.yaml:1: w"]


def test_check_command_exit_codes(clean_report: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(main, ["check", str(clean_report), "--no-documents"])
    assert ok.exit_code == 0, ok.output
    replace_in(clean_report / "sections" / "service.yaml", " sibling_contact]", "]")
    failed = runner.invoke(main, ["check", str(clean_report), "--no-documents"])
    assert failed.exit_code == 1
    assert "report/report.yaml:20:1: no section covers the IRO Handbook matter 'sibling_contact'" in failed.output


@pytest.mark.skipif(not (EXAMPLE / "report.yaml").is_file(), reason="no example report")
def test_the_example_has_no_errors_including_its_built_papers() -> None:
    problems = run_checks(EXAMPLE)
    assert [str(p) for p in problems if p.severity == "error"] == []
