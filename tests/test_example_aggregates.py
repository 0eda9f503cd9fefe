"""The second example: a smaller council's report built from statistics.yaml alone, as a newcomer builds it."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from report_builder.build import build
from report_builder.checks.run import CheckOptions, run_checks
from report_builder.load import load_report
from report_builder.outputs import PublishOptions
from report_builder.statistics.sources import compute_statistics

EXAMPLE = Path(__file__).parents[1] / "content" / "example-aggregates"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("aggregates")
    return build(EXAMPLE, PublishOptions(out_dir=out / "papers", figures_dir=out / "figures",
                                         cache_dir=out / "cache")).written  # as it stands: not a draft


def text_of(path: Path) -> str:
    document = Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells).replace("\xa0", " ")  # dates keep together


def test_has_no_ssda903_export_and_no_problems() -> None:
    assert not (EXAMPLE / "data").exists()
    report = load_report(EXAMPLE)
    assert report.meta.data.ssda903 is None
    assert [str(p) for p in run_checks(EXAMPLE, CheckOptions(documents=False))] == []


def test_figures_are_the_councils_own_and_nothing_more() -> None:
    stats, warnings = compute_statistics(load_report(EXAMPLE))
    assert warnings == [] and stats.source == "aggregates"
    assert (stats.cla.at_end, stats.reviews.held, stats.reviews.children_all_on_time) == (184, 468, 152)
    assert (stats.reviews.on_time, stats.participation.pct, stats.participation.codes) == (None, None, {})
    assert len(stats.years()) == 5


def test_the_papers_say_which_measure_each_figure_is(built: list[Path]) -> None:
    annual = text_of(next(p for p in built if p.name.endswith("2025-26.docx")))
    covering = text_of(next(p for p in built if p.name.endswith("covering report.docx")))
    assert "Of these 161 children, 152 had all their reviews on time: 94.4% of children." in annual
    assert "Counting children, 92.3% of children took part in every review they had in the year." in annual
    assert "94.4% of children in care for 28 days or more had all their reviews on time (152 of 161" in covering
    assert "At 31 March 2026 Westmoor looked after 184 children, compared with 171 a year earlier." in annual


def test_tables_show_the_councils_breakdowns(built: list[Path]) -> None:
    document = Document(str(next(p for p in built if p.name.endswith("2025-26.docx"))))
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    assert ["Full care orders", "117", "64%"] in rows
    assert ["16 and over", "37", "22", "59", "32%"] in rows
    assert ["White", "151", "82%"] in rows and ["Other ethnic group", "c", "c"] in rows


def test_the_minute_says_each_measure_and_the_year_of_each_comparator() -> None:
    from report_builder.minute import draft_minute

    report = load_report(EXAMPLE)
    stats, _ = compute_statistics(report)
    minute = draft_minute(report, stats).as_text()
    assert "45 children in care per 10,000 children, compared with 67 for England (at 31 March 2025)." in minute
    assert ("94.4% of children looked after for 28 days or more at 31 March (152 of 161 children) had all their "
            "reviews on time.") in minute
    assert "92.3% of children (131 of 142 children with a review) took part in every review they had." in minute
    assert "% of reviews" not in minute and "of their reviews" not in minute and "timescales" not in minute
