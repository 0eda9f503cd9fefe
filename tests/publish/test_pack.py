"""Tests for the agenda pack: merged papers, stamped pages, bookmarks per paper and heading."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfWriter

from report_builder.errors import PublishError
from report_builder.publish.pack import (
    PackPart,
    make_agenda_pack,
    pdf_outline_titles,
    pdf_page_count,
    pdf_text,
)

HEADER = "Children's Scrutiny Committee – 12 March 2026 – Agenda item 7"


def paper(path: Path, pages: int, headings: list[str]) -> Path:
    """Write a PDF of blank A4 pages with one bookmark per heading (heading i on page i)."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    for number, heading in enumerate(headings):
        parent = writer.add_outline_item(title=heading, page_number=number)
        writer.add_outline_item(title=f"{heading} detail", page_number=number, parent=parent)
    with path.open("wb") as stream:
        writer.write(stream)
    return path


@pytest.fixture
def parts(tmp_path: Path) -> list[PackPart]:
    return [
        PackPart(
            "Covering report", paper(tmp_path / "covering.pdf", 3, ["Purpose", "Recommendations"])
        ),
        PackPart(
            "Appendix A: IRO annual report", paper(tmp_path / "annual.pdf", 5, ["Introduction"])
        ),
    ]


def test_pack_pages_are_the_sum_of_the_parts(parts, tmp_path):
    out = tmp_path / "pack.pdf"
    make_agenda_pack(parts, out, HEADER)
    assert pdf_page_count(out) == sum(pdf_page_count(part.pdf) for part in parts) == 8


def test_every_page_has_the_header_and_its_number(parts, tmp_path):
    out = tmp_path / "pack.pdf"
    make_agenda_pack(parts, out, HEADER)
    for number, text in enumerate(pdf_text(out), start=1):
        assert HEADER in text
        assert f"Agenda pack page {number} of 8" in text


def test_bookmarks_name_each_paper_with_its_headings_nested(parts, tmp_path):
    out = tmp_path / "pack.pdf"
    make_agenda_pack(parts, out, HEADER)
    assert pdf_outline_titles(out) == [
        (0, "Covering report"),
        (1, "Purpose"),
        (2, "Purpose detail"),
        (1, "Recommendations"),
        (2, "Recommendations detail"),
        (0, "Appendix A: IRO annual report"),
        (1, "Introduction"),
        (2, "Introduction detail"),
    ]


def test_rotated_page_is_stamped_upright(tmp_path):
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842).rotate(90)
    source = tmp_path / "rotated.pdf"
    with source.open("wb") as stream:
        writer.write(stream)
    out = tmp_path / "pack.pdf"
    make_agenda_pack([PackPart("Wide table", source)], out, HEADER)
    assert "Agenda pack page 1 of 1" in pdf_text(out)[0]


def test_missing_and_broken_parts_are_all_reported(tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"not a pdf")
    parts = [PackPart("Covering report", tmp_path / "missing.pdf"), PackPart("Action plan", broken)]
    with pytest.raises(PublishError) as raised:
        make_agenda_pack(parts, tmp_path / "pack.pdf", HEADER)
    messages = [p.message for p in raised.value.problems]
    assert len(messages) == 2
    assert "'Covering report'" in messages[0] and "'Action plan'" in messages[1]
    assert not (tmp_path / "pack.pdf").exists()


def test_no_parts_is_an_error(tmp_path):
    with pytest.raises(PublishError, match="without papers"):
        make_agenda_pack([], tmp_path / "pack.pdf", HEADER)
