"""Tests for filling contents fields from page numbers computed by LibreOffice (no LibreOffice needed)."""

from __future__ import annotations

import docx
import pytest
from docx.oxml.ns import qn

from report_builder.errors import PublishError
from report_builder.publish.contents import fill_contents, find_toc_fields
from report_builder.word import add_seq_caption, add_table_of_figures, add_toc

from .conftest import long_report


def small_report():
    document = docx.Document()
    add_toc(document)
    add_table_of_figures(document, "Figure")
    document.add_heading("Purpose", 1)
    document.add_heading("Scope", 2)
    document.add_heading("Detail", 3)
    add_seq_caption(document, "Figure", 1, "Reviews", "_Ref_f1")
    return document


def test_entries_get_pages_bookmarks_and_pageref_fields():
    document = small_report()
    assert fill_contents(document, [["Purpose\t3", "Scope\t4"], ["Figure 1: Reviews\t4"]]) == 2
    texts = [p.text for p in document.paragraphs]
    assert texts[1:5] == ["Purpose\t3", "Scope\t4", "Figure 1: Reviews\t4", "Purpose"]
    entry = document.paragraphs[1]._p
    anchor = entry.find(qn("w:hyperlink")).get(qn("w:anchor"))
    heading = document.paragraphs[4]._p
    assert heading.find(qn("w:bookmarkStart")).get(qn("w:name")) == anchor == "_Toc000000001"
    assert [t.text.strip() for t in entry.iter(qn("w:instrText"))] == [
        'TOC \\o "1-2" \\h \\z \\u',
        f"PAGEREF {anchor} \\h",
    ]


def test_toc_field_stays_one_field_over_the_entries():
    document = small_report()
    fill_contents(document, [["Purpose\t3", "Scope\t4"], ["Figure 1: Reviews\t4"]])
    kinds = [
        c.get(qn("w:fldCharType"))
        for p in document.paragraphs[1:3]
        for c in p._p.iter(qn("w:fldChar"))
    ]
    assert kinds == [
        "begin",
        "separate",
        "begin",
        "separate",
        "end",
        "begin",
        "separate",
        "end",
        "end",
    ]
    assert len(find_toc_fields(document.element.body)) == 2


def test_filling_again_reuses_bookmarks():
    document = small_report()
    lines = [["Purpose\t3", "Scope\t4"], ["Figure 1: Reviews\t4"]]
    fill_contents(document, lines)
    first = document.element.xml
    fill_contents(document, lines)
    assert document.element.xml == first


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (
            [["Purpose\t3"], ["Figure 1: Reviews\t4"]],
            "lists 1 entries in LibreOffice but the document has 2",
        ),
        ([["Purpose\t3", "Scope\t4"]], "2 contents fields in the document, 1 indexes"),
        (
            [["Purpose\t3", "Other\t4"], ["Figure 1: Reviews\t4"]],
            "expected an entry for 'Scope', got 'Other'",
        ),
    ],
    ids=["entry-count", "index-count", "entry-text"],
)
def test_mismatch_is_a_publish_error(lines, message):
    with pytest.raises(PublishError, match=message):
        fill_contents(small_report(), lines)


def test_numbered_headings_match_by_ending():
    document = small_report()
    fill_contents(document, [["1. Purpose\t3", "1.1 Scope\t4"], ["Figure 1: Reviews\t4"]])
    assert document.paragraphs[1].text == "1. Purpose\t3"


def test_long_report_has_two_fields():
    assert len(find_toc_fields(long_report(2).element.body)) == 2
