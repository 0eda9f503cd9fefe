"""Zip packages checked before they are parsed: the gate every .docx and .xlsx goes through."""

from __future__ import annotations

import pytest

from hardening import hostile_zip
from report_builder.errors import ContentError, TemplateError
from report_builder.packages import ZipLimits, check_word_package, check_zip
from report_builder.templates_default import annual_report_template
from report_builder.word.package import docx_bytes

PLAIN = docx_bytes(annual_report_template())


def test_a_plain_document_passes_and_has_nothing_dropped() -> None:
    check_zip(PLAIN, "template.docx")
    assert check_word_package(PLAIN, "template.docx").warnings == []


@pytest.mark.parametrize(("limits", "said"), [
    (ZipLimits(entries=5), "it holds"), (ZipLimits(total_bytes=1000), "it expands to"),
    (ZipLimits(ratio=2, ratio_from=1000), "times, far more than any document"),
], ids=["entries", "total", "ratio"])
def test_each_limit_refuses_with_its_reason(limits: ZipLimits, said: str) -> None:
    with pytest.raises(TemplateError) as caught:
        check_zip(PLAIN, "template.docx", error=TemplateError, limits=limits)
    assert caught.value.problems[0].message.startswith("refused unread: ") and said in caught.value.problems[0].message


def test_a_dtd_anywhere_is_refused_but_links_only_where_asked() -> None:
    parts = hostile_zip.entries(PLAIN)
    parts["word/styles.xml"] = parts["word/styles.xml"].replace(b"?>", b'?><!DOCTYPE x [<!ENTITY a "b">]>', 1)
    with pytest.raises(ContentError, match="word/styles.xml holds a document type declaration"):
        check_word_package(hostile_zip.rezip(parts), "edited.docx", links=False)


@pytest.mark.parametrize(("expected", "said", "hint"), [
    ("Word document (.docx)", "not a Word document (.docx): it is a text file", "save the file again from Word"),
    ("Excel workbook (.xlsx)", "not an Excel workbook (.xlsx): it is a text file", "save it again as an Excel workbook"),
], ids=["word", "excel"])
def test_a_file_that_is_not_a_zip_is_named_for_what_it_is(expected: str, said: str, hint: str) -> None:
    with pytest.raises(ContentError) as caught:
        check_zip(b"Northbridge City Council\nreturn\n", "return", expected)
    [problem] = caught.value.problems
    assert problem.message == said and problem.hint.startswith(hint)
