"""Two versions of a section compared as a reader sees them: by block, in words."""

from __future__ import annotations

import pytest

from report_builder.web.differences import Difference, block_text, section_differences

BASE = """title: What we are worried about
body:
  - First paragraph.
  - heading: Caseloads
  - Second paragraph.
  - bullets: [Late reviews, Reports not shared]
"""


@pytest.mark.parametrize(("theirs", "mine", "expected"), [
    (BASE.replace("What we are", "What"), BASE,
     [Difference("The title", "What worried about", "What we are worried about")]),
    (BASE, BASE.replace("Second paragraph.", "Second paragraph, rewritten."),
     [Difference("Paragraph 2", "Second paragraph.", "Second paragraph, rewritten.")]),
    (BASE, BASE.replace("  - heading: Caseloads\n", "  - quote: My IRO listens.\n  - heading: Caseloads\n"),
     [Difference("Quote 1", "", "“My IRO listens.”")]),
    (BASE, BASE.replace("  - First paragraph.\n", ""),
     [Difference("Paragraph 1 (not in yours)", "First paragraph.", "")]),
    (BASE, BASE.replace("Reports not shared", "Reports shared late"),
     [Difference("Bullet list 1", "• Late reviews\n• Reports not shared", "• Late reviews\n• Reports shared late")]),
    (BASE, "# a comment\n" + BASE, []),
], ids=["title", "paragraph", "block added", "block taken out", "list", "comment only"])
def test_differences_are_named_by_block_and_read_in_words(theirs: str, mine: str, expected: list[Difference]) -> None:
    assert section_differences(theirs, mine) == expected


def test_a_version_that_is_not_yaml_gives_no_comparison() -> None:
    assert section_differences("title: [unclosed", BASE) is None


@pytest.mark.parametrize(("block", "text"), [
    ({"table": {"title": "Stages", "columns": ["Stage", "Days"], "rows": [["Informal", 5]]}}, "Stages\nStage | Days\nInformal | 5"),
    ({"priorities": [{"priority": "Fewer late reviews", "detail": "By March"}]}, "Fewer late reviews – By March"),
    ({"quote": "They listen.", "by": "A young person aged 15"}, "“They listen.” — A young person aged 15"),
    ({"chart": "cla_trend"}, "cla_trend"),
    ({"page_break": True}, "(a new page)"),
], ids=["table", "priorities", "quote", "chart", "page break"])
def test_each_kind_of_block_reads_as_words(block: object, text: str) -> None:
    assert block_text(block) == text
