"""The example's annual report read as Word XML: numbering, keep rules, each thing said once, and the end of
the report (the signature after the last priority, then the notes on the figures and the annex)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from report_edits import EXAMPLE
from report_builder.build import build
from report_builder.compose.documents import NOTES_TITLE, SUPPRESSION_NOTE
from report_builder.compose.narrative import ANNEX_TITLE
from report_builder.outputs import PublishOptions
from report_builder.word.numbering import numbering_of
from report_builder.word.tables import SMALL_TABLE_ROWS


@pytest.fixture(scope="module")
def annual(tmp_path_factory: pytest.TempPathFactory) -> DocumentObject:
    """Return the example's annual report, built as a draft (Word only, no LibreOffice)."""
    root = tmp_path_factory.mktemp("annual_xml")
    result = build(EXAMPLE, PublishOptions(out_dir=root / "out", figures_dir=root / "fig", cache_dir=root / "cache",
                                           draft=True))
    return Document(str(next(p for p in result.written if p.name.endswith("2025-26.docx"))))


def text(paragraph: Paragraph) -> str:
    return paragraph.text.replace("\u00a0", " ")


def kept_with_next(paragraph: Paragraph) -> bool:
    style = paragraph.style
    while paragraph.paragraph_format.keep_with_next is None and style is not None:
        if style.paragraph_format.keep_with_next is not None:
            return bool(style.paragraph_format.keep_with_next)
        style = style.base_style
    return bool(paragraph.paragraph_format.keep_with_next)


def references(paragraph: Paragraph) -> list[str]:
    """Return the bookmarks the paragraph's REF fields point to."""
    instructions = "".join(t.text or "" for t in paragraph._p.iter(qn("w:instrText")))
    return re.findall(r"REF (\S+)", instructions)


def test_numbers_are_words_not_typed(annual: DocumentObject) -> None:
    numbered = [p for p in annual.paragraphs if p.style.name == "Numbered Paragraph"]
    assert len(numbered) > 100
    assert all(numbering_of(p) is not None for p in numbered)
    assert not [p.text for p in annual.paragraphs if re.match(r"^\d+(\.\d+)*\.?\t", p.text)]


def test_captions_keep_with_their_exhibit(annual: DocumentObject) -> None:
    captions = [p for p in annual.paragraphs if p.style.name == "Caption"]
    assert len(captions) > 30
    assert all(kept_with_next(p) for p in captions)


def test_small_tables_cannot_split(annual: DocumentObject) -> None:
    for table in annual.tables[1:]:  # after the cover's document control
        rows = table._tbl.findall(qn("w:tr"))
        assert all(row.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for row in rows)
        kept = [row.find(f".//{qn('w:keepNext')}") is not None for row in rows[:-1]]
        breaks = [i for i, keep in enumerate(kept) if not keep]  # a page may end after row i (0: the header)
        side = 3 if len(rows) - 1 > SMALL_TABLE_ROWS else 2  # a few rows of running text: two on each side
        assert all(i >= side and len(rows) - 1 - i >= side for i in breaks), table.rows[0].cells[0].text
        if len(rows) - 1 <= SMALL_TABLE_ROWS and table.rows[0].cells[0].text != "Last year's priority":
            assert not breaks, table.rows[0].cells[0].text


def test_no_table_repeats_another_cell_for_cell(annual: DocumentObject) -> None:
    seen = [tuple(tuple(c.text for c in row.cells) for row in table.rows) for table in annual.tables]
    assert len(seen) == len(set(seen))


def test_one_source_line_per_exhibit_and_c_explained_once(annual: DocumentObject) -> None:
    paragraphs = annual.paragraphs
    body = [p for p in paragraphs if p.style.name == "Caption" and not text(p).startswith("Data for Figure")]
    starts = [i for i, p in enumerate(paragraphs) if p.style.name in ("Caption", "Heading 1", "Heading 2")]
    for caption in body:
        index = next(i for i in starts if paragraphs[i]._p is caption._p)
        end = next((i for i in starts if i > index), len(paragraphs))
        sources = [p for p in paragraphs[index:end] if text(p).startswith("Source:")]
        narrative = text(caption).startswith("Table") and "priorities" in text(caption)  # written, not sourced
        assert len(sources) == (0 if narrative else 1), text(caption)
    assert sum(SUPPRESSION_NOTE in p.text for p in paragraphs) == 1


def test_every_chart_points_to_a_table_of_its_figures(annual: DocumentObject) -> None:
    paragraphs = annual.paragraphs
    marks = {m.get(qn("w:name")): i for i, p in enumerate(paragraphs) for m in p._p.iter(qn("w:bookmarkStart"))}
    figures = [i for i, p in enumerate(paragraphs) if re.match(r"^Figure \d+:", text(p))]
    assert len(figures) >= 18
    for index in figures:
        source = next(p for p in paragraphs[index:] if text(p).startswith("Source:"))
        assert "The figures are in" in text(source), text(paragraphs[index])
        (mark,) = references(source)
        target = paragraphs[marks[mark]]
        assert target.style.name == "Caption" and target._p.getnext().tag == qn("w:tbl"), mark
    second = next(p for p in paragraphs if text(p).startswith("Figure 2:"))
    assert "children in care at 31 march" in text(second).lower()
    source = next(p for p in paragraphs[paragraphs.index(second):] if text(p).startswith("Source:"))
    assert text(source).endswith("The figures are in Data for Figure 3.")  # the same figures as Figure 3's


def test_the_sections_start_on_the_page_after_the_contents(annual: DocumentObject) -> None:
    paragraphs = annual.paragraphs
    first = next(i for i, p in enumerate(paragraphs) if p.style.name == "Heading 1")
    assert paragraphs[first].text == "Purpose of the report" and paragraphs[first].paragraph_format.page_break_before
    contents = next(i for i, p in enumerate(paragraphs) if p.style.name == "TOC Heading")
    assert first == contents + 2  # the title, the contents field, then the first section: no page-break paragraph


def test_the_signature_follows_the_last_priority_then_the_notes_and_the_annex(annual: DocumentObject) -> None:
    paragraphs = annual.paragraphs
    names = [i for i, p in enumerate(paragraphs) if p.style.name == "Signature Label"]
    signature = names[-1]
    last_priority = paragraphs[signature - 1]
    assert last_priority.style.name == "List Number" and kept_with_next(last_priority)
    assert kept_with_next(paragraphs[signature]) and text(paragraphs[signature]) == "Priya Lawson"
    after = [p for p in paragraphs[signature + 2:] if p.text.strip()]
    assert [text(p) for p in after if p.style.name == "Heading 1"] == [NOTES_TITLE, ANNEX_TITLE]
    assert after[0].text == NOTES_TITLE and numbering_of(after[0]) is None
    assert after[0].paragraph_format.page_break_before  # on a new page
    assert all(numbering_of(p) is None for p in after)  # the end matter is not numbered


def test_a_chart_and_a_table_of_the_same_figures_print_them_once(tmp_path: Path) -> None:
    folder = tmp_path / "report"
    shutil.copytree(EXAMPLE, folder)
    section = folder / "sections" / "profile.yaml"
    data = yaml.safe_load(section.read_text(encoding="utf-8"))
    at = next(i for i, block in enumerate(data["body"]) if block == {"chart": "legal_status"})
    data["body"].insert(at + 1, {"statistics_table": "legal_status"})
    section.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    result = build(folder, PublishOptions(out_dir=tmp_path / "out", figures_dir=tmp_path / "fig",
                                          cache_dir=tmp_path / "cache", draft=True))
    document = Document(str(next(p for p in result.written if p.name.endswith("2025-26.docx"))))
    seen = [tuple(tuple(c.text for c in row.cells) for row in table.rows) for table in document.tables]
    assert len(seen) == len(set(seen))
    paragraphs = document.paragraphs
    chart = next(i for i, p in enumerate(paragraphs) if re.match(r"^Figure \d+: Legal status", text(p)))
    table = next(p for p in paragraphs if re.match(r"^Table \d+: .*legal status", text(p)))
    number = re.match(r"^Table (\d+)", text(table)).group(1)
    source = next(p for p in paragraphs[chart:] if text(p).startswith("Source:"))
    assert text(source).endswith(f"The figures are in Table {number}.")
