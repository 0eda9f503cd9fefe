"""Editing one section: the findings beside its blocks are exactly what `check` says about its file."""

from __future__ import annotations

from pathlib import Path

import pytest

from report_builder.checks.run import content_checks
from report_builder.draw import unknown_exhibits
from report_builder.load import load_report
from report_builder.statistics.sources import compute_statistics
from report_builder.web.sections import section_findings

TROUBLE = {
    "purpose": ["IROs chaired {{ reviews.helt }} reviews.", "This year 452 children were in our care."],
    "service": [("Three children (2) were placed out of the region, and {{ iro.fte }} IROs chaired their "
                "reviews, which, when everything that was considered and everything that was decided and "
                "everything that was written down by every single person at every single one of the many "
                "meetings is counted, took far longer than anyone in the service would ever have wished."),
                {"chart": "rate_per_10kk"}],
}
"""Text each check has something to say about: a misspelt figure, a typed number, a long sentence, an unknown chart."""


@pytest.fixture
def troubled_report(small_report: Path) -> Path:
    """Return the small report with text in two sections that the checks find fault with."""
    import yaml

    for name, blocks in TROUBLE.items():
        path = small_report / "sections" / f"{name}.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["body"] = [*blocks, *data["body"]]
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return small_report


def test_a_sections_findings_alone_are_checks_findings_for_its_file(troubled_report: Path) -> None:
    report = load_report(troubled_report)
    stats, _ = compute_statistics(report, troubled_report / "out" / ".cache" / "statistics")
    whole = content_checks(report, stats) + unknown_exhibits(report)
    for loaded in report.sections:
        expected = [p for p in whole if p.file == loaded.source.file]
        assert section_findings(report, loaded.name, loaded.section, loaded.source, stats) == expected, loaded.name
    found = {p.message.split(":")[0] for p in whole if p.file and p.file.endswith(("purpose.yaml", "service.yaml"))}
    assert len(found) >= 3, found  # the test means something only when there are findings to compare


@pytest.mark.parametrize(("message", "hint", "expected"), [
    ("unknown statistic 'reviews.helt'", "did you mean 'reviews.held'?", ("reviews.helt", "reviews.held")),
    ("unknown statistic 'reviews.zzz'", "available names: reviews.held, reviews.on_time", None),
    ("unknown chart 'cla_trnd'", "did you mean 'cla_trend'?", None),
    ("sentence of 33 words: 'This counts the children…'", "split it or cut words", None),
], ids=["misspelt figure", "no close name", "chart (chosen from a list)", "not about a name"])
def test_a_misspelt_figure_offers_the_name_check_suggests(message: str, hint: str, expected: object) -> None:
    from report_builder.errors import Problem
    from report_builder.web.sections import suggested_name

    assert suggested_name(Problem(message, hint=hint)) == expected
