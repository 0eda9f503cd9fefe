"""Tests for document properties and language."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from docx.oxml.ns import qn

from report_builder.word.properties import set_properties


def test_core_properties_use_the_callers_date(document, reopen):
    created = datetime(2025, 6, 30, 9, 0)
    set_properties(
        document,
        "IRO annual report 2024 to 2025",
        "Independent reviewing",
        "Children's Services",
        "IRO, children in care",
        created,
    )
    core = reopen(document).core_properties
    assert core.title == "IRO annual report 2024 to 2025"
    assert core.subject == "Independent reviewing"
    assert core.author == core.last_modified_by == "Children's Services"
    assert core.keywords == "IRO, children in care"
    assert core.created == core.modified == core.last_printed == created.replace(tzinfo=UTC)
    assert core.revision == 1
    assert core.language == "en-GB"
    assert core.comments == ""


def test_aware_dates_are_stored_in_utc(document):
    created = datetime(2025, 6, 30, 10, 0, tzinfo=timezone(timedelta(hours=1)))
    set_properties(document, "T", "S", "A", "K", created)
    assert document.core_properties.created == datetime(2025, 6, 30, 9, 0, tzinfo=UTC)


def test_default_language_is_en_gb_keeping_east_asian_and_bidi(document, reopen):
    lang = document.styles.element.find(
        f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}"
    )
    east_asia, bidi = lang.get(qn("w:eastAsia")), lang.get(qn("w:bidi"))
    set_properties(document, "T", "S", "A", "K", datetime(2025, 1, 1))
    styles = reopen(document).styles.element
    lang = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert lang.get(qn("w:val")) == "en-GB"
    assert (lang.get(qn("w:eastAsia")), lang.get(qn("w:bidi"))) == (east_asia, bidi)
