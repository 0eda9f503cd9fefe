"""Bad content gets one clear message per problem, at file:line:column, all at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from report_edits import replace_in
from report_builder.errors import ContentError
from report_builder.load import inside, load_report


def messages(folder: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_report(folder)
    return [str(problem) for problem in caught.value.problems]


def test_the_small_report_loads(small_report: Path) -> None:
    report = load_report(small_report)
    assert [s.name for s in report.sections] == ["purpose", "service", "priorities"]
    assert report.council.short_name == "Northbridge"


def test_yaml_syntax_error(small_report: Path) -> None:
    replace_in(small_report / "sections" / "service.yaml", "      - First step\n", "      - First step\n - broken\n")
    assert messages(small_report) == [
        "report/sections/service.yaml:16:2: YAML syntax error: expected <block end>, but found "
        "'<block sequence start>' (while parsing a block mapping) — check the indentation and that text "
        "containing ': ' or starting with a symbol is in quotes"
    ]


def test_unknown_key_suggests_the_right_one(small_report: Path) -> None:
    replace_in(small_report / "sections" / "priorities.yaml", "title:", "titel:")
    assert messages(small_report) == [
        "report/sections/priorities.yaml:1:1: missing required key 'title' — add 'title:' here",
        "report/sections/priorities.yaml:1:1: unknown key 'titel' — did you mean 'title'?",
    ]


def test_missing_section_file_and_field_reported_together(small_report: Path) -> None:
    replace_in(small_report / "report.yaml", "- service\n", "- servise\n")
    replace_in(small_report / "covering.yaml", "  name: Martin Greaves\n", "")
    assert messages(small_report) == [
        "report/covering.yaml:56:3: missing required key 'name' — add 'name:' here",
        "report/report.yaml:22:3: section 'servise' has no file sections/servise.yaml — did you mean 'service'?",
    ]


def test_unknown_block_kind(small_report: Path) -> None:
    replace_in(small_report / "sections" / "service.yaml", "  - chart: rate_per_10k", "  - chrt: rate_per_10k")
    assert messages(small_report) == [
        "report/sections/service.yaml:24:5: not a known kind of block (found ['chrt']) — write plain text for a "
        "paragraph, or start the block with one of: heading, bullets, numbered, quote, table, chart, "
        "statistics_table, priorities, progress, page_break, unnumbered"
    ]


def test_wrong_type_says_what_was_expected(small_report: Path) -> None:
    replace_in(small_report / "report.yaml", "year_ending: 2025", "year_ending: twenty")
    assert messages(small_report) == [
        "report/report.yaml:3:14: year_ending: expected a whole number, found 'twenty' — write a whole number "
        "without commas, e.g. 1469"
    ]


def test_covering_headings_must_match_the_council_profile(small_report: Path) -> None:
    replace_in(small_report / "covering.yaml", "  Law:", "  Laws:")
    assert messages(small_report) == [
        "report/covering.yaml:36:3: 'Laws' is not one of the council's covering-report headings — did you mean 'Law'?",
        "report/covering.yaml:34:3: no text for the heading 'Law' — add 'Law:' under implications with at least "
        "one paragraph",
    ]


@pytest.mark.parametrize("name", ["../../etc/passwd", "/etc/passwd"], ids=["dot-dot", "absolute"])
def test_paths_outside_the_report_are_refused(small_report: Path, name: str) -> None:
    with pytest.raises(ContentError) as caught:
        inside(small_report, name)
    assert "points outside the report folder" in str(caught.value)


def test_symlink_pointing_outside_is_refused(small_report: Path, tmp_path: Path) -> None:
    outside = tmp_path / "secret.yaml"
    outside.write_text("name: x\n")
    (small_report / "link.yaml").symlink_to(outside)
    with pytest.raises(ContentError):
        inside(small_report, "link.yaml")
