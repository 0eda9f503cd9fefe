"""The example's papers as a committee member reads them: measured from the PDFs LibreOffice lays out."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from report_edits import EXAMPLE
from report_builder.build import build
from report_builder.outputs import PublishOptions
from report_builder.publish.floats import page_facts
from report_builder.publish.libreoffice import libreoffice_available

pytestmark = pytest.mark.libreoffice
FULL_ENOUGH = 0.7
"""No page but the cover, the last and a section's last is less than 70% full."""


@pytest.fixture(scope="module")
def papers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Return the example's annual report, covering report and agenda pack PDFs, by kind."""
    if not libreoffice_available():
        pytest.skip("LibreOffice (soffice) with Python's uno module is not installed")
    root = tmp_path_factory.mktemp("papers")
    folder = root / "example"
    shutil.copytree(EXAMPLE, folder)
    result = build(folder, PublishOptions(out_dir=root / "out", figures_dir=root / "fig", cache_dir=root / "cache",
                                          pdf=True, pack=True))
    pdfs = [p for p in result.written if p.suffix == ".pdf"]
    return {"pack" if "agenda pack" in p.name else "covering" if "covering" in p.name else "annual": p
            for p in pdfs}


def lines(pdf: Path) -> list[list[str]]:
    """Return each page's lines of text."""
    return [[" ".join(line.split()) for line in (page.extract_text() or "").splitlines() if line.strip()]
            for page in PdfReader(pdf).pages]


def test_no_page_is_less_than_70_percent_full(papers: dict[str, Path]) -> None:
    pages = page_facts(papers["annual"])
    starts = [p.first for p in pages]
    exempt = {0, len(pages) - 1}  # the cover and the last page
    exempt |= {i for i in range(len(pages) - 1)
               if re.match(r"^(\d+\.\s|Data for the figures|Notes on the figures)", starts[i + 1]) or "Contents" in starts[i]
               or starts[i + 1].startswith(("Contents", "1. "))}  # a section's (or the contents') last page
    thin = [(i + 1, p.full) for i, p in enumerate(pages) if i not in exempt and p.full < FULL_ENOUGH]
    assert not thin, thin


def test_the_contents_fit_on_one_page_with_headings_to_level_2(papers: dict[str, Path]) -> None:
    pages = lines(papers["annual"])
    listed = [i for i, page in enumerate(pages) if any(re.search(r"\.{4,}\s*\d+$", line) for line in page)]
    assert len(listed) == 1, listed  # one page of entries with dotted leaders
    contents = pages[listed[0]]
    assert "Contents" in contents
    entries = [line for line in contents if re.search(r"\.{4,}\s*\d+$", line)]
    sections = [line for line in entries if re.match(r"^\d+\.\s", line)]
    assert len(sections) >= 15 and len(entries) - len(sections) >= 25  # level 2 is there too
    assert page_facts(papers["annual"])[listed[0] + 1].first.startswith("1. Purpose of the report")


def test_the_signature_shares_its_page_with_the_last_priority(papers: dict[str, Path]) -> None:
    pages = lines(papers["annual"])
    signed = next(i for i, page in enumerate(pages) if "Priya Lawson" in page)
    assert any(line.startswith("5. Children living far from home") for line in pages[signed])
    assert page_facts(papers["annual"])[signed + 1].first == "Notes on the figures"  # the end matter after it


def test_no_page_starts_with_an_attribution_or_a_total_row(papers: dict[str, Path]) -> None:
    for facts in page_facts(papers["annual"]):
        assert not facts.first.startswith(("—", "Total")), facts.first


def test_the_pack_is_one_tagged_document_with_one_page_number_per_page(papers: dict[str, Path]) -> None:
    reader = PdfReader(papers["pack"])
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog and str(catalog["/Lang"]) == "en-GB"
    assert "Scrutiny Committee" in (reader.metadata.title or "")
    assert reader.outline, "the pack has bookmarks"
    pages = lines(papers["pack"])
    total = len(pages)
    for number, page in enumerate(pages, start=1):
        numbers = re.findall(r"Page (\d+) of (\d+)", " ".join(page))
        assert numbers == [(str(number), str(total))], (number, numbers)
        assert len([line for line in page if "Agenda item" in line and "Committee" in line]) <= 2


def test_the_front_sheet_lists_the_papers_at_their_pack_pages(papers: dict[str, Path]) -> None:
    pack = lines(papers["pack"])
    covering_pages = len(PdfReader(papers["covering"]).pages)
    front = " ".join(pack[0])
    assert "Papers in this pack" in front
    listed = dict(re.findall(r"(Covering report|Appendix 1)[^.]*\.+\s*page (\d+)", front))
    assert listed == {"Covering report": "2", "Appendix 1": str(2 + covering_pages)}
    assert "Report of the" in " ".join(pack[1])  # the covering report starts where the front sheet says
    assert "Document control" in " ".join(pack[1 + covering_pages])  # and the annual report's cover


def test_the_covering_report_keeps_its_closing_block_together(papers: dict[str, Path]) -> None:
    pages = lines(papers["covering"])
    closing = [i for i, page in enumerate(pages) for line in page
               if line.startswith(("Contact Officer", "Telephone:", "Email:", "Appendices"))]
    assert len(set(closing)) == 1, closing
