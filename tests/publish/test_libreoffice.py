"""Tests for LibreOffice: contents page numbers, tagged PDF with bookmarks, repeatable .docx."""

from __future__ import annotations

import docx
import pytest
from pypdf import PdfReader

from report_builder.checks.accessibility import check_docx_accessibility
from report_builder.errors import PublishError
from report_builder.publish import libreoffice
from report_builder.publish.contents import find_toc_fields
from report_builder.publish.libreoffice import update_indexes_and_export
from report_builder.publish.pack import pdf_text

from .conftest import needs_libreoffice


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """Return (docx, pdf, refreshed, second docx) for the long report, built twice."""
    needs_libreoffice()
    from report_builder.word import save_docx

    from .conftest import long_report

    folder = tmp_path_factory.mktemp("published")
    source = folder / "report.docx"
    save_docx(long_report(), source)
    refreshed = update_indexes_and_export(source, folder / "out.docx", folder / "out.pdf")
    update_indexes_and_export(source, folder / "again.docx", None)
    return folder / "out.docx", folder / "out.pdf", refreshed, folder / "again.docx"


def contents_entries(path) -> list[tuple[str, int]]:
    """Return the (text, page) entries of the first contents field."""
    document = docx.Document(str(path))
    entries = []
    for paragraph in document.paragraphs:
        if "\t" in paragraph.text and paragraph.text.startswith(("Section", "Part")):
            text, page = paragraph.text.rsplit("\t", 1)
            entries.append((text, int(page)))
    return entries


@pytest.mark.libreoffice
def test_contents_page_numbers_match_the_pdf_pages(published):
    out_docx, out_pdf, _, _ = published
    entries = contents_entries(out_docx)
    assert len(entries) == 8 * 3
    pages = pdf_text(out_pdf)
    reader = PdfReader(out_pdf)
    outline = {}

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                outline[item.title] = reader.get_destination_page_number(item) + 1

    walk(reader.outline)
    for text, page in entries:
        assert outline[text] == page, text
        assert text in pages[page - 1], (text, page)
    assert entries[-1][1] > 10


@pytest.mark.libreoffice
def test_pdf_is_tagged_and_has_bookmarks(published):
    _, out_pdf, _, _ = published
    reader = PdfReader(out_pdf)
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert reader.outline


@pytest.mark.libreoffice
def test_published_docx_keeps_what_matters_and_is_repeatable(published):
    out_docx, _, refreshed, again = published
    assert check_docx_accessibility(out_docx) == []
    assert out_docx.read_bytes() == again.read_bytes()
    assert len(find_toc_fields(docx.Document(str(out_docx)).element.body)) == 2
    assert refreshed.seconds < 60


@pytest.mark.libreoffice
def test_tables_list_is_filled(published):
    out_docx, _, _, _ = published
    texts = [p.text.replace("\u00a0", " ") for p in docx.Document(str(out_docx)).paragraphs]
    assert any(t.startswith("Table 8: Reviews in quarter 8\t") for t in texts)


@pytest.mark.libreoffice
def test_timeout_stops_libreoffice(report_docx, tmp_path):
    needs_libreoffice()
    with pytest.raises(PublishError, match="took longer than 0.3 s"):
        update_indexes_and_export(report_docx, None, tmp_path / "out.pdf", timeout=0.3)
    assert not (tmp_path / "out.pdf").exists()


def test_missing_libreoffice_is_a_clear_error(report_docx, tmp_path, monkeypatch):
    monkeypatch.setattr(libreoffice, "find_soffice", lambda: None)
    assert not libreoffice.libreoffice_available()
    with pytest.raises(PublishError, match=r"LibreOffice \(soffice\) not found"):
        update_indexes_and_export(report_docx, None, tmp_path / "out.pdf")
