"""Nothing unwritten is published: `new` marks its prompts, `check` and `build` refuse them, a draft is marked."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from docx import Document

from report_edits import FIXTURES, replace_in
from report_builder.build import build
from report_builder.checks.run import CheckOptions, run_checks
from report_builder.checks.unwritten import is_prompt
from report_builder.cli import main
from report_builder.errors import ReportError
from report_builder.outputs import PublishOptions
from report_builder.word.draft import DRAFT_MARK
from report_builder.yearly.skeleton import STANDARD_SECTIONS


@pytest.fixture
def first_report(tmp_path: Path) -> Path:
    """Return a folder made by `report-builder new`, with the small report's figures so that it can build."""
    folder = tmp_path / "first"
    result = CliRunner().invoke(main, ["new", str(folder), "--year", "2025", "--quiet"])
    assert result.exit_code == 0, result.output
    shutil.copy(FIXTURES / "small_report" / "statistics.yaml", folder / "statistics.yaml")
    replace_in(folder / "report.yaml", "  ssda903: data/ssda903      # the SSDA903 export: one folder per collection year\n",
               "")
    return folder


def options(tmp_path: Path, **extra: object) -> PublishOptions:
    return PublishOptions(out_dir=tmp_path / "out", figures_dir=tmp_path / "fig", cache_dir=tmp_path / "cache", **extra)


@pytest.mark.parametrize(("text", "prompt"), [
    ("[Name of the Director]", True), ("  [Write this section here.\n More.]  ", True),
    ("The [draft] plan was agreed.", False), ("[1] and [2]", False), ("", False),
], ids=["name", "multi-line", "brackets-inside", "two-pairs", "empty"])
def test_a_prompt_is_a_text_wholly_in_square_brackets(text: str, prompt: bool) -> None:
    assert is_prompt(text) is prompt


def test_check_names_every_unwritten_section_file(first_report: Path) -> None:
    findings = run_checks(first_report, CheckOptions(documents=False))
    unwritten = [p for p in findings if p.severity == "error" and p.message.startswith("still to write")]
    files = {Path(p.file).name for p in unwritten if "/sections/" in str(p.file)}
    assert files == {f"{s.name}.yaml" for s in STANDARD_SECTIONS}
    assert all(p.line and p.column for p in unwritten)
    assert {Path(p.file).name for p in unwritten} >= {"council.yaml", "covering.yaml", "report.yaml"}


def test_build_refuses_to_publish_prompts_and_lists_them_all(first_report: Path, tmp_path: Path) -> None:
    with pytest.raises(ReportError) as caught:
        build(first_report, options(tmp_path))
    messages = [str(p) for p in caught.value.problems]
    assert len([m for m in messages if "/sections/" in m]) == len(STANDARD_SECTIONS) + 1  # the priority's two
    assert all("--draft" in m for m in messages)
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("*.docx"))


def test_progress_not_written_is_refused_too(small_report: Path, tmp_path: Path) -> None:
    section = yaml.safe_load((small_report / "sections" / "priorities.yaml").read_text())
    section["body"].append({"progress": [{"priority": "Improve first reviews"}]})
    (small_report / "sections" / "priorities.yaml").write_text(yaml.safe_dump(section, sort_keys=False))
    with pytest.raises(ReportError) as caught:
        build(small_report, options(tmp_path))
    assert [p.message for p in caught.value.problems] == [
        "no progress written for last year's priority 'Improve first reviews'"]
    assert build(small_report, options(tmp_path, draft=True)).written


def test_a_draft_builds_and_is_marked_draft_on_every_page(first_report: Path, tmp_path: Path) -> None:
    result = build(first_report, options(tmp_path, draft=True))
    assert re.search(r"DRAFT on every page: \d+ part\(s\) still to write", " ".join(result.notes))
    for path in result.written:
        document = Document(str(path))
        for section in document.sections:
            headers = [section.header] + ([section.first_page_header]
                                          if section.different_first_page_header_footer else [])
            assert all(h.paragraphs[0].text == DRAFT_MARK for h in headers), path.name


def test_the_cli_says_what_is_unwritten_and_fails(first_report: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(first_report), "--out", str(tmp_path / "out"),
                                       "--figures", str(tmp_path / "fig")])
    assert result.exit_code == 1
    assert "still to write: '[Name of the Director]'" in result.output
    assert "Traceback" not in result.output
