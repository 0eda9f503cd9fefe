"""Seed 004 (Central Bedfordshire, 2011/12) from exactly the figures it gives: the paper says them, and
invents nothing; what it asks for and does not have, it says so."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from docx import Document

from report_builder.build import build
from report_builder.checks.run import CheckOptions, run_checks
from report_builder.load import load_report
from report_builder.minute import draft_minute
from report_builder.outputs import PublishOptions
from report_builder.statistics.sources import compute_statistics
from report_edits import FIXTURES, replace_in


@pytest.fixture
def seed_004(tmp_path: Path) -> Path:
    folder = tmp_path / "seed_004"
    shutil.copytree(FIXTURES / "seed_004", folder)
    return folder


@pytest.fixture(scope="module")
def paper(tmp_path_factory: pytest.TempPathFactory) -> Document:
    out = tmp_path_factory.mktemp("built")
    result = build(FIXTURES / "seed_004", PublishOptions(out_dir=out / "papers", figures_dir=out / "figures",
                                                         cache_dir=out / "cache", draft=True))
    return Document(str(next(p for p in result.written if p.name.endswith("2011-12.docx"))))


def paragraphs(document: Document) -> str:
    return "\n".join(p.text for p in document.paragraphs)


def table_after(document: Document, title: str) -> list[list[str]]:
    """Return the cells of the table whose caption contains the title."""
    captions = [t for t in document.tables if title in _caption(document, t)]
    return [[cell.text for cell in row.cells] for row in captions[0].rows]


def _caption(document: Document, table) -> str:  # type: ignore[no-untyped-def]
    previous = table._element.getprevious()
    while previous is not None and not previous.tag.endswith("}p"):
        previous = previous.getprevious()
    return "".join(previous.itertext()) if previous is not None else ""


def test_the_paper_says_the_seeds_own_headline_figures(paper: Document) -> None:
    text = paragraphs(paper)
    assert "97.5% (194 of 199)" in text
    assert "91.1% (143 of 157 children)" in text
    assert "stood at 208, up from 176 a year earlier. There were 590 reviews held" in text


def test_legal_status_shares_are_the_seeds(paper: Document) -> None:
    rows = table_after(paper, "by legal status")
    shares = {row[0]: row[2] for row in rows[1:]}
    assert [shares["Interim care orders"], shares["Full care orders"],
            shares["Voluntary agreements under section 20"], shares["Placement orders"]] == ["32%", "25%", "40%", "3%"]
    assert rows[-1][:3] == ["Total", "208", "100%"]


def test_ages_by_sex_are_given_not_zero(paper: Document) -> None:
    rows = table_after(paper, "by age and sex")
    assert rows[0] == ["Age band", "Boys", "Girls", "Total", "%"]
    assert rows[4] == ["10 to 15", "45", "27", "72", "35%"]
    assert rows[-1] == ["Total", "120", "88", "208", "100%"]


def test_nothing_is_invented() -> None:
    report = load_report(FIXTURES / "seed_004")
    stats, warnings = compute_statistics(report)
    assert warnings == []
    assert (stats.started.total, stats.ceased.total, stats.reviews.on_time, stats.reviews.on_time_pct) == (
        None, None, None, None)
    assert (stats.participation.codes, stats.participation.pct) == ({}, None)
    minute = draft_minute(report, stats).as_text()
    assert re.findall(r"\d+\.\d%", minute) == ["97.5%", "91.1%"]
    assert "started to be looked after" not in minute and "timescales" not in minute
    assert ("97.5% of children looked after for 28 days or more at 31 March (194 of 199 children) had all their "
            "reviews on time.") in minute
    assert "91.1% of children (143 of 157 children with a review) took part in every review they had." in minute


def findings(folder: Path) -> list[str]:
    return [str(p) for p in run_checks(folder, CheckOptions(documents=False)) if p.severity == "error"]


NOT_GIVEN = [
    ("a figure asked for but not given", "{{ reviews.on_time }} reviews were on time.",
     "reviews.on_time has no value for 2011/12 — add it to statistics.yaml, or rewrite the sentence without it"),
    ("a figure only an SSDA903 export gives", "{{ reviews.not_judged }} reviews could not be judged.",
     "reviews.not_judged has no value for 2011/12 — it comes from an SSDA903 export only (data: ssda903: in "
     "report.yaml), or rewrite the sentence without it"),
]


@pytest.mark.parametrize(("sentence", "message"), [c[1:] for c in NOT_GIVEN], ids=[c[0] for c in NOT_GIVEN])
def test_a_figure_asked_for_but_not_given(seed_004: Path, sentence: str, message: str) -> None:
    replace_in(seed_004 / "sections" / "timeliness.yaml", "  - The performance target was 95%.",
               f"  - In all, {sentence}")
    assert findings(seed_004) == [f"seed_004/sections/timeliness.yaml:8:13: {message}"]


def test_every_placeholder_of_a_sentence_at_its_own_place_in_check_and_build(seed_004: Path, tmp_path: Path) -> None:
    from report_builder.errors import ReportError

    replace_in(seed_004 / "sections" / "timeliness.yaml", "  - The performance target was 95%.",
               "  - In all, {{ reviews.on_time }} reviews were on time and {{ reviews.lat }} late.")
    expected = [
        "seed_004/sections/timeliness.yaml:8:13: reviews.on_time has no value for 2011/12 — add it to "
        "statistics.yaml, or rewrite the sentence without it",
        "seed_004/sections/timeliness.yaml:8:60: unknown statistic 'reviews.lat' — did you mean 'reviews.late'?",
    ]
    assert findings(seed_004) == expected
    with pytest.raises(ReportError) as raised:
        build(seed_004, PublishOptions(out_dir=tmp_path / "out", figures_dir=tmp_path / "fig",
                                       cache_dir=tmp_path / "cache", draft=True))
    assert [str(p) for p in raised.value.problems] == expected


def council_template(folder: Path, text: str) -> None:
    """Give the report a covering report template of its own, with a paragraph of text at the top."""
    from report_builder.templates_default import covering_report_template

    document = covering_report_template()
    document.paragraphs[0].insert_paragraph_before(text)
    document.save(str(folder / "covering.docx"))
    replace_in(folder / "council.yaml", "covering_report: default", "covering_report: covering.docx")


def test_a_figure_not_given_shown_by_a_word_template(seed_004: Path, tmp_path: Path) -> None:
    from report_builder.errors import ReportError

    council_template(seed_004, "On time: {{ reviews.on_time }}; against England {{ "
                               "comparators.england.reviews.on_time_pct }}.")
    assert [f[f.index("seed_004/"):] for f in findings(seed_004)] == [
        "seed_004/covering.docx: paragraph 1: reviews.on_time has no value for 2011/12 — add it to "
        "statistics.yaml, or rewrite the sentence without it",
        "seed_004/covering.docx: paragraph 1: comparators.england.reviews.on_time_pct has no value for 2011/12 — "
        "add it to the comparators file (data: comparators: in report.yaml), or rewrite the sentence without it",
    ]
    with pytest.raises(ReportError) as raised:
        build(seed_004, PublishOptions(out_dir=tmp_path / "out", figures_dir=tmp_path / "fig",
                                       cache_dir=tmp_path / "cache", draft=True))
    assert [p.message for p in raised.value.problems] == [
        "covering.docx: the body (word/document.xml): paragraph 1: reviews.on_time has no value for 2011/12",
        "covering.docx: the body (word/document.xml): paragraph 1: comparators.england.reviews.on_time_pct has "
        "no value for 2011/12",
    ]
    assert not list((tmp_path / "out").glob("*.docx"))


def test_a_word_template_may_leave_out_a_part_for_a_figure_not_given(seed_004: Path, tmp_path: Path) -> None:
    council_template(seed_004, "NI 66: {{ reviews.all_on_time_pct }}.{% if reviews.on_time %} On time: "
                               "{{ reviews.on_time }}.{% endif %}")
    assert findings(seed_004) == []
    result = build(seed_004, PublishOptions(out_dir=tmp_path / "out", figures_dir=tmp_path / "fig",
                                            cache_dir=tmp_path / "cache", draft=True))
    covering = Document(str(next(p for p in result.written if p.name.endswith("covering report.docx"))))
    assert covering.paragraphs[0].text == "NI 66: 97.5%."


def test_a_misspelt_figure(seed_004: Path) -> None:
    replace_in(seed_004 / "sections" / "timeliness.yaml", "  - The performance target was 95%.",
               "  - In all, {{ reviews.on_tme }} reviews were on time.")
    assert findings(seed_004) == [
        "seed_004/sections/timeliness.yaml:8:13: unknown statistic 'reviews.on_tme' — did you mean 'reviews.on_time'?"
    ]


def test_a_year_that_is_not_the_reports(seed_004: Path) -> None:
    replace_in(seed_004 / "statistics.yaml", "year_ending: 2012", "year_ending: 2013")
    assert findings(seed_004) == [
        "seed_004/statistics.yaml:2:14: year_ending is 2013 in statistics.yaml but 2012 in report.yaml (the "
        "report is for 2011/12) — the figures must be for the report's year: correct one of the two files"
    ]


def test_a_year_mismatch_and_a_figure_not_given_in_one_round(seed_004: Path) -> None:
    replace_in(seed_004 / "statistics.yaml", "year_ending: 2012", "year_ending: 2013")
    replace_in(seed_004 / "sections" / "timeliness.yaml", "  - The performance target was 95%.",
               "  - In all, {{ reviews.on_time }} reviews were on time.")
    assert sorted(findings(seed_004)) == [
        "seed_004/sections/timeliness.yaml:8:13: reviews.on_time has no value for 2011/12 — add it to "
        "statistics.yaml, or rewrite the sentence without it",
        "seed_004/statistics.yaml:2:14: year_ending is 2013 in statistics.yaml but 2012 in report.yaml (the "
        "report is for 2011/12) — the figures must be for the report's year: correct one of the two files",
    ]


def test_neither_source_of_figures(seed_004: Path) -> None:
    (seed_004 / "statistics.yaml").unlink()
    assert findings(seed_004) == [
        "seed_004/report.yaml:21:15: no figures: statistics.yaml does not exist and report.yaml names no SSDA903 "
        "folder — give the year's figures in statistics.yaml (see content/example-aggregates), or put the SSDA903 "
        "export in data/ssda903 and add data: ssda903: data/ssda903 to report.yaml"
    ]


def test_a_missing_ssda903_folder_points_to_statistics_yaml(seed_004: Path) -> None:
    replace_in(seed_004 / "report.yaml", "data:\n", "data:\n  ssda903: data/ssda903\n")
    assert findings(seed_004) == [
        "seed_004/report.yaml:21:12: the SSDA903 folder data/ssda903 (named in report.yaml) does not exist — put "
        "the SSDA903 export there (header.csv, episodes.csv and reviews.csv, one folder per year), or, to build "
        "from the figures in statistics.yaml alone, remove 'ssda903:' from data: in report.yaml"
    ]


def test_every_kind_of_problem_in_one_round(seed_004: Path) -> None:
    replace_in(seed_004 / "sections" / "participation.yaml", "covers:", "coverz:")
    replace_in(seed_004 / "statistics.yaml", "  held: 590", "  held: 590\n  on_time: 600")
    replace_in(seed_004 / "sections" / "timeliness.yaml", "  - The performance target was 95%.",
               "  - In all, {{ started.total }} children started and {{ ceased.totl }} ceased.")
    found = findings(seed_004)
    assert any("participation.yaml" in f and "unknown key 'coverz'" in f for f in found), found
    assert any("report.yaml" in f and "no section covers the IRO Handbook matter 'participation'" in f
               for f in found), found
    assert any("statistics.yaml" in f and "reviews.on_time (600) is more than reviews.held (590)" in f
               for f in found), found
    assert any("timeliness.yaml" in f and "unknown statistic 'ceased.totl'" in f for f in found), found
    assert any("timeliness.yaml" in f and "started.total has no value for 2011/12" in f for f in found), found
    assert len(found) == 5


def test_build_reports_content_and_placeholder_problems_together(seed_004: Path, tmp_path: Path) -> None:
    from report_builder.errors import ReportError

    replace_in(seed_004 / "sections" / "participation.yaml", "covers:", "coverz:")
    replace_in(seed_004 / "sections" / "timeliness.yaml", "  - The performance target was 95%.",
               "  - In all, {{ started.total }} children started.")
    with pytest.raises(ReportError) as raised:
        build(seed_004, PublishOptions(out_dir=tmp_path / "out", figures_dir=tmp_path / "fig",
                                       cache_dir=tmp_path / "cache", draft=True))
    messages = [str(p) for p in raised.value.problems]
    assert any("unknown key 'coverz'" in m for m in messages), messages
    assert any("started.total has no value for 2011/12" in m for m in messages), messages



def test_check_on_the_command_line_says_every_problem_and_exits_1(seed_004: Path) -> None:
    import subprocess

    from command_line import REPORT_BUILDER

    replace_in(seed_004 / "sections" / "timeliness.yaml", "  - The performance target was 95%.",
               "  - In all, {{ reviews.on_time }} reviews were on time and {{ reviews.lat }} late.")
    replace_in(seed_004 / "statistics.yaml", "year_ending: 2012", "year_ending: 2013")
    done = subprocess.run([*REPORT_BUILDER, "check", "seed_004", "--no-documents"], cwd=seed_004.parent,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "Traceback" not in done.stdout + done.stderr
    out = done.stdout + done.stderr
    for expected in (
        "seed_004/sections/timeliness.yaml:8:13: reviews.on_time has no value for 2011/12 — add it to statistics.yaml, "
        "or rewrite the sentence without it",
        "seed_004/sections/timeliness.yaml:8:60: unknown statistic 'reviews.lat' — did you mean 'reviews.late'?",
        "seed_004/statistics.yaml:2:14: year_ending is 2013 in statistics.yaml but 2012 in report.yaml",
        "3 errors, 0 warnings",
    ):
        assert expected in out, out
