"""Tests for Word fields: captions, cross-references, contents, page numbers."""

from __future__ import annotations

import pytest
from docx.oxml.ns import qn

from report_builder.word.fields import (
    add_page_number_fields,
    add_ref,
    add_seq_caption,
    add_table_of_figures,
    add_toc,
    bookmark_name,
    set_update_fields_on_open,
)


def instructions(paragraph) -> list[str]:
    """Return the field instructions in a paragraph."""
    return [node.text.strip() for node in paragraph._p.iter(qn("w:instrText"))]


def test_caption_has_seq_field_bookmark_and_cached_number(document, reopen):
    add_seq_caption(document, "Figure", 3, "Children in care on 31 March", "_Ref_in_care")
    caption = reopen(document).paragraphs[-1]
    assert caption.text == "Figure\u00a03: Children in care on 31 March"  # "Figure 3" never breaks
    assert caption.style.name == "Caption"
    assert instructions(caption) == ["SEQ Figure \\* ARABIC"]
    start = caption._p.find(qn("w:bookmarkStart"))
    assert start.get(qn("w:name")) == "_Ref_in_care"
    inside = caption._p[
        list(caption._p).index(start) : list(caption._p).index(caption._p.find(qn("w:bookmarkEnd")))
    ]
    assert "".join(t.text for node in inside for t in node.iter(qn("w:t"))) == "Figure\u00a03"


def test_bookmark_ids_count_up(document):
    for number in (1, 2, 3):
        add_seq_caption(document, "Table", number, f"Table {number}", f"_Ref_t{number}")
    ids = [p._p.find(qn("w:bookmarkStart")).get(qn("w:id")) for p in document.paragraphs[-3:]]
    assert ids == ["1", "2", "3"]


def test_ref_field_shows_label_and_number(document, reopen):
    paragraph = document.add_paragraph("See ")
    add_ref(paragraph, "_Ref_in_care", "Figure 3")
    paragraph = reopen(document).paragraphs[-1]
    assert paragraph.text == "See Figure 3"
    assert instructions(paragraph) == ["REF _Ref_in_care \\h"]


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda d: add_toc(d, levels=2), 'TOC \\o "1-2" \\h \\z \\u'),
        (lambda d: add_toc(d, levels=3), 'TOC \\o "1-3" \\h \\z \\u'),
        (lambda d: add_table_of_figures(d, "Figure"), 'TOC \\h \\z \\c "Figure"'),
        (lambda d: add_table_of_figures(d, "Table", "Tables"), 'TOC \\h \\z \\c "Table"'),
    ],
    ids=["contents-2", "contents-3", "figures", "tables"],
)
def test_index_fields_have_placeholder_results(document, reopen, call, expected):
    call(document)
    paragraph = reopen(document).paragraphs[-1]
    assert instructions(paragraph) == [expected]
    assert "updated" in paragraph.text


def test_contents_title_uses_toc_heading_style(document):
    add_toc(document)
    assert document.paragraphs[-2].text == "Contents"
    assert document.paragraphs[-2].style.name == "TOC Heading"


def test_page_number_fields(document, reopen):
    paragraph = document.sections[0].footer.paragraphs[0]
    add_page_number_fields(paragraph)
    footer = reopen(document).sections[0].footer.paragraphs[0]
    assert footer.text == "Page 1 of 1"
    assert instructions(footer) == ["PAGE \\* Arabic", "NUMPAGES \\* Arabic"]


def test_update_fields_on_open_is_set_once_in_order(document, reopen):
    set_update_fields_on_open(document)
    set_update_fields_on_open(document)
    settings = reopen(document).settings.element
    tags = [child.tag for child in settings]
    assert tags.count(qn("w:updateFields")) == 1
    assert settings.find(qn("w:updateFields")).get(qn("w:val")) == "true"
    if qn("w:compat") in tags:
        assert tags.index(qn("w:updateFields")) < tags.index(qn("w:compat"))


@pytest.mark.parametrize("name", ["1st", "has space", "x" * 41, ""])
def test_invalid_bookmark_is_refused(document, name):
    with pytest.raises(ValueError, match="expected a bookmark name"):
        add_seq_caption(document, "Figure", 1, "Title", name)


def test_bookmark_name_is_valid_for_any_report_name():
    assert bookmark_name("rate per 10k") == "_Ref_rate_per_10k"
    assert len(bookmark_name("a" * 80)) == 40


def test_unknown_caption_kind_is_refused(document):
    with pytest.raises(ValueError, match="expected a caption kind"):
        add_seq_caption(document, "Chart", 1, "Title", "_Ref_x")  # type: ignore[arg-type]
