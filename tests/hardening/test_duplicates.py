"""Class 2: repeated rows do not inflate the figures. A review or episode row repeated exactly, or a
whole file repeated many times, is listed as a data problem with its line and the line it repeats,
counted once in the figures, and said in the paper's notes on the figures."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import EXPORT_YEAR, Unchanged, export_figures, run_cli, synthetic_export

YEAR = EXPORT_YEAR


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return synthetic_export(tmp_path_factory, seed=11, children=300)


def copy_of(export: Path, root: Path) -> Path:
    folder = root / "903"
    shutil.copytree(export, folder)
    return folder


def repeat_lines(path: Path, lines: list[int], times: int = 1) -> None:
    """Append copies of the numbered lines (the header is line 1) to the file."""
    rows = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(rows) + "".join(rows[n - 1] for n in lines) * times, encoding="utf-8")


def test_repeated_review_rows_are_listed_and_counted_once(export: Path, tmp_path: Path) -> None:
    folder = copy_of(export, tmp_path)
    before = export_figures(folder)
    reviews = folder / str(YEAR) / "reviews.csv"
    count = reviews.read_text(encoding="utf-8").count("\n")
    repeat_lines(reviews, list(range(2, 201)))
    assert export_figures(folder) == before
    checked = run_cli("stats", "--ssda903", folder, "--year", str(YEAR), "--format", "json", seconds=120)
    assert checked.exit_code == 0
    from report_builder.ssda903 import read_ssda903

    data = read_ssda903(folder)
    repeats = [p for p in data.problems if "repeats line" in p.message]
    assert len(repeats) == 100 and repeats[0].line == count + 1 and "repeats line 2:" in repeats[0].message
    assert any(p.message == "99 more rows have the same problem as the 100 listed (199 in all)" for p in data.problems)
    assert any(note.reason == "they repeated another review exactly" and note.rows == 199 for note in data.left_out)


def test_a_whole_reviews_file_repeated_fifty_times_gives_the_same_figures(export: Path, tmp_path: Path) -> None:
    folder = copy_of(export, tmp_path)
    before = export_figures(folder)
    reviews = folder / str(YEAR) / "reviews.csv"
    rows = reviews.read_text(encoding="utf-8").count("\n")
    repeat_lines(reviews, list(range(2, rows + 1)), times=50)
    assert export_figures(folder) == before


def test_a_repeated_episode_is_a_repeat_not_an_overlap(export: Path, tmp_path: Path) -> None:
    from report_builder.ssda903 import read_ssda903

    folder = copy_of(export, tmp_path)
    before = export_figures(folder)
    repeat_lines(folder / str(YEAR) / "episodes.csv", [2, 3])
    assert export_figures(folder) == before
    messages = [p.message for p in read_ssda903(folder).problems if p.file and p.file.endswith("episodes.csv")]
    assert messages == ["the row repeats line 2: the same child, dates and codes",
                        "the row repeats line 3: the same child, dates and codes"]


def test_check_lists_repeats_and_the_paper_says_they_were_left_out(small_report: Path, export: Path) -> None:
    from docx import Document

    data = small_report / "data" / "ssda903"
    shutil.copytree(export, data)
    path = small_report / "report.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("data:\n", "data:\n  ssda903: data/ssda903\n"),
                    encoding="utf-8")
    repeat_lines(data / str(YEAR) / "reviews.csv", [2, 3, 4])
    with Unchanged(small_report.parent, small_report / "out", small_report / "figures"):
        checked = run_cli("check", small_report, "--no-documents", seconds=120)
        assert checked.exit_code == 1
        assert "reviews.csv:" in checked.output and "the row repeats line 2" in checked.output
        built = run_cli("build", small_report, "--out", small_report / "out", "--figures", small_report / "figures",
                        "--draft", seconds=120)
    assert built.exit_code == 0, built.output
    annual = next(p for p in (small_report / "out").glob("*.docx") if "covering" not in p.name)
    text = "\n".join(p.text for p in Document(str(annual)).paragraphs)
    assert "3 review rows were left out of the figures because they repeated another review exactly." in text


def cin_figures(path: Path) -> tuple[dict[str, object], list[str]]:
    """Return the child protection figures `stats --cin` gives for a census, and its notes on rows left out."""
    import json

    outcome = run_cli("stats", "--cin", path, "--year", str(YEAR), "--format", "json", seconds=120)
    assert outcome.exit_code == 0, outcome.output
    figures = json.loads(outcome.stdout)
    notes = figures["cp"].pop("data_notes")
    return {name: value for name, value in figures.items() if name not in ("source", "data_notes")}, notes


def test_children_repeated_in_the_cin_census_do_not_repeat_their_plans_and_reviews(tmp_path: Path) -> None:
    import re

    from report_builder.cin import read_cin
    from report_builder.cin.plan_checks import REPEATED
    from report_builder.cin.synth import write_synthetic_cin

    census = write_synthetic_cin(tmp_path / "cin", children=400, years=1, seed=5, year_ending=YEAR)[0]
    before, notes = cin_figures(census)
    assert notes == []
    text = census.read_text(encoding="utf-8")
    with_plans = [c for c in re.findall(r"[ \t]*<Child>.*?</Child>\n", text, re.DOTALL) if "<CPPstartDate>" in c][:30]
    assert len(with_plans) == 30
    census.write_text(text.replace("</Children>", "".join(with_plans) + "</Children>", 1), encoding="utf-8")
    with Unchanged(tmp_path):
        after, notes = cin_figures(census)
    assert after == before
    assert "30 child protection plans were left out of the plan figures because they repeated an earlier plan " \
           "of the same child." in notes
    data = read_cin(census, YEAR)
    repeats = [p for p in data.problems if "the plan repeats the one at line" in p.message]
    assert len(repeats) >= 30 and all(p.line and p.line > text.count("\n") for p in repeats)
    assert any(note.reason == REPEATED for note in data.returns[YEAR].left_out)
