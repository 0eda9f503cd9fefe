"""The child protection half of the report, end to end: the example's section, covering report and minute,
and a council whose IROs do not chair conferences, whose papers say nothing about child protection."""

from __future__ import annotations

import json
from dataclasses import replace
import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from docx import Document

from report_edits import EXAMPLE
from report_builder.build import BuildResult, build
from report_builder.checks.handbook import check_handbook_coverage
from report_builder.checks.numbers import check_typed_numbers
from report_builder.checks.texts import narrative_texts
from report_builder.cli import main
from report_builder.load import load_report
from report_builder.minute import draft_minute
from report_builder.outputs import PublishOptions
from report_builder.statistics.sources import compute_statistics
from report_builder.statistics.vocabulary import values

CP_CHARTS = ("cp_rate", "icpc_timeliness", "rcpc_timeliness", "cp_category", "cp_duration", "cp_second_plans")


def build_draft(report: Path, folder: Path) -> BuildResult:
    return build(report, PublishOptions(out_dir=folder / "out", figures_dir=folder / "figures",
                                        cache_dir=folder / "cache", draft=True))


def document_text(path: Path) -> str:
    document = Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def paper(result: BuildResult, ending: str) -> Path:
    return next(p for p in result.written if p.name.endswith(ending))


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildResult, Path]:
    folder = tmp_path_factory.mktemp("cp_example")
    return build_draft(EXAMPLE, folder), folder


def test_example_child_protection_section_has_every_figure(example) -> None:
    result, folder = example
    text = document_text(paper(result, "2025-26.docx"))
    stats, _ = compute_statistics(load_report(EXAMPLE))
    cp = stats.cp
    assert "{{" not in text and "cp." not in text
    assert "7. Child protection conferences" in text or "Child protection conferences" in text
    assert f"the chairs held {cp.icpc.held} initial conferences and {cp.rcpc.held} review conferences" in text
    assert f"{cp.plans.at_end} children were subject to a child protection plan" in text
    assert "Children subject to a child protection plan per 10,000 children, by year, beside statistical neighbours" in text
    assert "Source: CIN census, 2025/26" in text
    assert "the council's target of 85%" in text
    assert sorted(p.name.split("_2025")[0] for p in (folder / "figures").glob("*.png") if p.name.startswith(CP_CHARTS)) == sorted(CP_CHARTS)


def test_example_covering_report_and_minute_quote_the_headline_figures(example) -> None:
    result, _ = example
    report = load_report(EXAMPLE)
    stats, _ = compute_statistics(report)
    covering = document_text(paper(result, "covering report.docx"))
    shown = values(stats, True)
    assert f"{stats.cp.plans.at_end} children were subject to a child protection plan" in covering
    assert f"{shown['cp.icpc.on_time_pct']} of initial conferences were held within 15 working days" in covering
    minute = draft_minute(report, stats).as_text()
    assert f"{stats.cp.plans.at_end} children were subject to a child protection plan at 31 March 2026" in minute
    assert f"{shown['cp.rcpc.on_time_pct']} of review conferences were on time" in minute


def test_example_notes_on_the_figures_are_the_census_notes() -> None:
    stats, warnings = compute_statistics(load_report(EXAMPLE))
    assert all(note in stats.data_notes for note in stats.cp.data_notes)
    assert not [w for w in warnings if "CIN census" in w.message]  # the example's census is clean


def without_child_protection(root: Path) -> Path:
    """Return a copy of the example as a council whose IROs do not chair conferences would write it."""
    report = root / "no_cp"
    shutil.copytree(EXAMPLE, report, ignore=shutil.ignore_patterns("cin"))
    meta = yaml.safe_load((report / "report.yaml").read_text(encoding="utf-8"))
    del meta["data"]["cin"]
    meta["sections"].remove("child_protection")
    (report / "report.yaml").write_text(yaml.safe_dump(meta, sort_keys=False), encoding="utf-8")
    (report / "sections" / "child_protection.yaml").unlink()
    covering = yaml.safe_load((report / "covering.yaml").read_text(encoding="utf-8"))
    covering["background"] = [p for p in covering["background"] if "cp." not in p]
    (report / "covering.yaml").write_text(yaml.safe_dump(covering, sort_keys=False), encoding="utf-8")
    return report


def test_council_whose_iros_do_not_chair_conferences_gets_nothing_about_child_protection(tmp_path) -> None:
    report = without_child_protection(tmp_path)
    loaded = load_report(report)
    stats, _ = compute_statistics(loaded)
    assert stats.cp is None
    assert not [name for name in values(stats) if name.startswith("cp.")]
    assert check_handbook_coverage(loaded) == []  # conferences are not expected of this council
    result = build_draft(report, tmp_path)
    papers = "\n".join(document_text(p) for p in result.written if p.suffix == ".docx")
    papers += draft_minute(loaded, stats).as_text()
    for words in ("CIN census", "child protection plan", "initial conference", "review conference",
                  "Initial child protection", "category of abuse"):
        assert words.lower() not in papers.lower(), words
    assert not [p for p in (tmp_path / "figures").glob("*") if p.name.startswith(CP_CHARTS)]


def test_a_report_with_a_census_must_cover_conferences(tmp_path) -> None:
    report = tmp_path / "report"
    shutil.copytree(EXAMPLE, report, ignore=shutil.ignore_patterns("ssda903", "cin"))
    section = report / "sections" / "child_protection.yaml"
    section.write_text(section.read_text(encoding="utf-8").replace("covers: [child_protection]", "covers: []"),
                       encoding="utf-8")
    problems = check_handbook_coverage(load_report(report))
    assert [p.message for p in problems] == [
        "no section covers the IRO Handbook matter 'child_protection': the child protection conferences the "
        "IROs chair, where they chair them (Working Together 2023)"]


def test_hand_typed_child_protection_figure_is_found() -> None:
    report = load_report(EXAMPLE)
    stats, _ = compute_statistics(report)
    texts = [t for t in narrative_texts(report) if "cp.plans.at_end" in t.text][:1]
    typed = [replace(t, text=t.text.replace("{{ cp.plans.at_end }}", str(stats.cp.plans.at_end))) for t in texts]
    assert typed
    problems = check_typed_numbers(typed, values(stats, True))
    assert any("cp.plans.at_end" in p.message for p in problems), [p.message for p in problems]


def test_stats_for_any_census(tmp_path) -> None:
    runner = CliRunner()
    census = EXAMPLE / "data" / "cin"
    shown = runner.invoke(main, ["stats", "--cin", str(census), "--year", "2026", "--population", "58400",
                                 "--format", "json"])
    assert shown.exit_code == 0, shown.output
    figures = json.loads(shown.output)
    assert set(figures) == {"council", "period", "cp", "comparators"}
    assert figures["cp"]["plans"]["rate_per_10k"] == round(figures["cp"]["plans"]["at_end"] * 10_000 / 58_400, 1)
    table = runner.invoke(main, ["stats", "--cin", str(census / "cin_census_2026.xml"), "--year", "2026"])
    assert table.exit_code == 0 and re.search(r"^cp\.icpc\.held\s+\d", table.output, re.MULTILINE)
    assert "cla.at_end" not in table.output
    missing = runner.invoke(main, ["stats", "--cin", str(census)])
    assert missing.exit_code == 1 and "--cin needs --year" in missing.output


def test_synth_cin_writes_a_census_per_year(tmp_path) -> None:
    done = CliRunner().invoke(main, ["synth", "--cin", str(tmp_path / "cin"), "--children", "80", "--years", "2"])
    assert done.exit_code == 0, done.output
    assert sorted(p.name for p in (tmp_path / "cin").iterdir()) == ["cin_census_2025.xml", "cin_census_2026.xml"]
