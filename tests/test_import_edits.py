"""import-edits: a director's edits in Word come back into the YAML, and a rebuild holds them."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from docx.oxml.ns import qn

from report_builder.build import build
from report_builder.cli import main
from report_builder.import_edits import import_edits, restore_placeholders, write_imported
from report_builder.load import load_report
from report_builder.outputs import PublishOptions
from report_builder.statistics.sources import compute_statistics

ANNUAL = "Northbridge Independent Reviewing Officer Annual Report 2024-25.docx"


def build_to(folder: Path, out: Path) -> Path:
    build(folder, PublishOptions(out_dir=out, figures_dir=out / "figures", cache_dir=out / "cache", draft=True))
    return out / ANNUAL


def paragraph(document, start: str):  # type: ignore[no-untyped-def]
    return next(p for p in document.paragraphs if p.text.startswith(start))


def imported(edited: Path, folder: Path):  # type: ignore[no-untyped-def]
    report = load_report(folder)
    return import_edits(edited, report, compute_statistics(report)[0])


@pytest.fixture
def built(small_report: Path, tmp_path: Path) -> Path:
    return build_to(small_report, tmp_path / "out")


def test_round_trip_keeps_every_edit(small_report: Path, built: Path, tmp_path: Path) -> None:
    document = Document(str(built))
    changed = paragraph(document, "1.2\t")
    for run in changed.runs[2:]:
        run.text = ""
    changed.runs[1].text = "The report sets out our figures and our plans."
    deleted = paragraph(document, "2.2\tSymbols stay")
    deleted._element.getparent().remove(deleted._element)
    paragraph(document, "What children told us").insert_paragraph_before(
        "IROs met every child before the review.", style="Numbered Paragraph")
    number = paragraph(document, "Second point with")
    number.runs[0].text = number.runs[0].text.replace("1,290", "1,300")
    kept = paragraph(document, "2.1\t")
    kept.runs[1].text = kept.runs[1].text.replace("At 31 March the service had", "On 31 March there were")
    edited = tmp_path / "edited.docx"
    document.save(str(edited))

    result = imported(edited, small_report)
    assert result.unplaced == []
    write_imported(result)
    service = (small_report / "sections" / "service.yaml").read_text(encoding="utf-8")
    assert "On 31 March there were {{ iro.fte }} full-time equivalent IROs for {{ iro.children_allocated }}" in service
    assert "Second point with 1,300 reviews" in service
    assert "Symbols stay" not in service
    assert "{{ ref('rate_per_10k') }}" in service

    rebuilt = [p.text for p in Document(str(build_to(small_report, tmp_path / "again"))).paragraphs]
    assert "1.2\tThe report sets out our figures and our plans." in rebuilt
    assert "2.2\tIROs met every child before the review." in rebuilt
    assert not any(text.startswith("2.3\tSymbols stay") for text in rebuilt)
    assert "Second point with 1,300 reviews" in rebuilt
    assert any(t.startswith("2.1\tOn 31 March there were 6 full-time equivalent IROs for 452 children") for t in rebuilt)


def test_tracked_changes_are_accepted_and_comments_listed(small_report: Path, built: Path, tmp_path: Path) -> None:
    document = Document(str(built))
    target = paragraph(document, "1.2\t")
    run = target.runs[1]._r
    deletion, insertion = target._p.makeelement(qn("w:del")), target._p.makeelement(qn("w:ins"))
    for element in (deletion, insertion):
        element.set(qn("w:id"), "90" if element is deletion else "91")
        element.set(qn("w:author"), "Director")
    removed = copy.deepcopy(run)
    removed.find(qn("w:t")).tag = qn("w:delText")
    deletion.append(removed)
    added = copy.deepcopy(run)
    added.find(qn("w:t")).text = "A shorter paragraph agreed by the director."
    insertion.append(added)
    run.addprevious(deletion)
    run.addprevious(insertion)
    run.getparent().remove(run)
    for extra in target.runs[1:]:
        extra.text = ""
    document.add_comment(paragraph(document, "1.1\t").runs[1], text="Check this wording.", author="Director")
    edited = tmp_path / "tracked.docx"
    document.save(str(edited))

    result = imported(edited, small_report)
    purpose = result.files[small_report / "sections" / "purpose.yaml"][1]
    assert "  - A shorter paragraph agreed by the director.\n" in purpose
    assert result.comments == ["report/sections/purpose.yaml:6:5: comment by Director: Check this wording."]


def test_unplaced_paragraphs_are_reported(small_report: Path, built: Path, tmp_path: Path) -> None:
    document = Document(str(built))
    paragraph(document, "1. Purpose").insert_paragraph_before("A note before the first section.")
    document.save(str(tmp_path / "edited.docx"))
    result = imported(tmp_path / "edited.docx", small_report)
    assert [p.message for p in result.unplaced] == [
        "paragraph 13 not placed (it comes before the first section): 'A note before the first section.'"]


def test_unchanged_document_changes_nothing(small_report: Path, built: Path) -> None:
    result = CliRunner().invoke(main, ["import-edits", str(built), str(small_report)])
    assert result.exit_code == 0, result.output
    assert "No changes to the text." in result.output


@pytest.mark.parametrize(("edited", "expected"), [
    ("1,290 reviews, 92.9% on time", "{{ reviews.held }} reviews, {{ reviews.on_time_pct }} on time"),
    ("1,300 reviews, 92.9% on time", "1,300 reviews, {{ reviews.on_time_pct }} on time"),
    ("11,290 reviews", "11,290 reviews"),
], ids=["kept", "one-changed", "not-inside-another-number"])
def test_restore_placeholders(edited: str, expected: str) -> None:
    shown = [("{{ reviews.held }}", "1,290"), ("{{ reviews.on_time_pct }}", "92.9%")]
    assert restore_placeholders(shown, edited) == expected
