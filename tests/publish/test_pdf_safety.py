"""Appendix PDFs for the pack: refused when unusable, made inert once merged."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from hardening import hostile_pdf
from report_builder.errors import PublishError
from report_builder.publish.pdf_safety import open_pdf, remove_active_content


def test_a_plain_pdf_opens(tmp_path: Path) -> None:
    assert len(open_pdf(hostile_pdf.written(hostile_pdf.plain(2), tmp_path / "a.pdf"), "A").pages) == 2


def test_an_encrypted_pdf_is_named_with_the_fix(tmp_path: Path) -> None:
    with pytest.raises(PublishError) as caught:
        open_pdf(hostile_pdf.encrypted(tmp_path / "plan.pdf", "RC4-128"), "Action plan")
    assert caught.value.problems[0].message == ("'Action plan' cannot go into the agenda pack: it is encrypted "
                                                "(it has a password, or restrictions set by its owner)")


def test_active_content_goes_and_web_links_stay(tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=hostile_pdf.active(tmp_path / "active.pdf"))
    remove_active_content(writer)
    hostile_pdf.written(writer, tmp_path / "clean.pdf")
    reader = PdfReader(tmp_path / "clean.pdf")
    root = reader.trailer["/Root"]
    assert "/OpenAction" not in root and "/AA" not in root
    assert "/JavaScript" not in root.get("/Names", {}) and "/EmbeddedFiles" not in root.get("/Names", {})
    actions = [a.get_object().get("/A") for page in reader.pages for a in page.get("/Annots", [])]
    assert [a["/URI"] for a in actions if a is not None] == ["https://www.gov.uk/kept"]
