"""The example council's report, built as a newcomer builds it: from its SSDA903 data to the agenda pack."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from docx import Document

from report_edits import EXAMPLE
from report_builder.build import BuildResult, build
from report_builder.checks.accessibility import check_docx_accessibility
from report_builder.load import load_report
from report_builder.outputs import PublishOptions
from report_builder.publish.pack import pdf_outline_titles, pdf_page_count, pdf_text
from report_builder.statistics.sources import compute_statistics

pytestmark = pytest.mark.libreoffice
needs_libreoffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildResult, Path]:
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    folder = tmp_path_factory.mktemp("example")
    result = build(EXAMPLE, PublishOptions(out_dir=folder / "out", figures_dir=folder / "figures",
                                           cache_dir=folder / "cache", pack=True))
    return result, folder


def paper(result: BuildResult, ending: str) -> Path:
    return next(p for p in result.written if p.name.endswith(ending))


def test_example_figures_come_from_its_ssda903_data() -> None:
    stats, _ = compute_statistics(load_report(EXAMPLE))
    assert stats.source == "ssda903"
    assert len(stats.trend) == 4
    assert stats.reviews.on_time + stats.reviews.late == stats.reviews.held


@needs_libreoffice
def test_example_writes_every_paper(example: tuple[BuildResult, Path]) -> None:
    result, folder = example
    assert sorted(p.suffix for p in result.written) == [".docx", ".docx", ".pdf", ".pdf", ".pdf"]
    assert sorted(p.name for p in (folder / "figures").glob("*.png"))  # charts for slides


@needs_libreoffice
@pytest.mark.parametrize("ending", ["2025-26.docx", "covering report.docx"], ids=["annual", "covering"])
def test_example_papers_pass_the_accessibility_rules(example: tuple[BuildResult, Path], ending: str) -> None:
    assert check_docx_accessibility(paper(example[0], ending)) == []


@needs_libreoffice
def test_contents_page_numbers_match_the_pdf(example: tuple[BuildResult, Path]) -> None:
    result, _ = example
    document = Document(str(paper(result, "2025-26.docx")))
    entries = [p.text for p in document.paragraphs if p.style.name.startswith("TOC ") or "toc" in p.style.name.lower()]
    entries = [e for e in entries if re.search(r"\t\d+$", e)]
    assert len(entries) >= 16
    pages = pdf_text(paper(result, "2025-26.pdf"))
    for entry in entries:
        title, page = entry.rsplit("\t", 1)
        heading = title.split("\t")[-1].strip()
        assert heading[:30] in pages[int(page) - 1].replace("\n", " "), f"{heading!r} not on page {page}"


@needs_libreoffice
def test_agenda_pack_has_every_page_and_bookmark(example: tuple[BuildResult, Path]) -> None:
    result, _ = example
    pack = paper(result, "agenda pack.pdf")
    parts = [paper(result, "covering report.pdf"), paper(result, "2025-26.pdf")]
    assert pdf_page_count(pack) == 1 + sum(pdf_page_count(p) for p in parts)  # the front sheet first
    top = [title for level, title in pdf_outline_titles(pack) if level == 0]
    assert top == ["Front sheet", "Covering report", "Appendix 1 – Independent Reviewing Officer Annual Report 2025/26"]
    assert ("1. Purpose of the report" in [t for level, t in pdf_outline_titles(pack) if level == 1])
    for number, text in enumerate(pdf_text(pack), start=1):
        assert "Agenda item 7" in text, f"page {number} has no agenda item"


@needs_libreoffice
def test_example_docx_is_byte_identical_across_builds(example: tuple[BuildResult, Path], tmp_path: Path) -> None:
    again = build(EXAMPLE, PublishOptions(out_dir=tmp_path / "out", figures_dir=tmp_path / "figures",
                                          cache_dir=tmp_path / "cache"))
    first = {p.name: p.read_bytes() for p in example[0].written if p.suffix == ".docx"}
    second = {p.name: p.read_bytes() for p in again.written if p.suffix == ".docx"}
    assert first == second
