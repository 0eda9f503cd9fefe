"""End to end: build the papers, open them again as a reader would, and check what they say."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document

from report_edits import replace_in
from report_builder.build import BuildResult, build
from report_builder.errors import ReportError
from report_builder.outputs import PublishOptions
from report_builder.word.numbering import numbering_of

ANNUAL = "Northbridge Independent Reviewing Officer Annual Report 2024-25.docx"
COVERING = "Northbridge Independent Reviewing Officer Annual Report 2024-25 - covering report.docx"


def options(tmp: Path, **extra: object) -> PublishOptions:
    return PublishOptions(out_dir=tmp / "out", figures_dir=tmp / "figures", cache_dir=tmp / "cache", **extra)


@pytest.fixture
def built(small_report: Path, tmp_path: Path) -> BuildResult:
    return build(small_report, options(tmp_path, draft=True))


def texts(path: Path) -> list[str]:
    """Return the paragraphs' text as read, the no-break spaces that tie dates and "Figure 3" as spaces."""
    return [p.text.replace("\u00a0", " ") for p in Document(str(path)).paragraphs]


def test_both_papers_are_written(built: BuildResult, tmp_path: Path) -> None:
    assert sorted(p.name for p in built.written) == sorted([ANNUAL, COVERING])
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.startswith(".building")]


def test_annual_report_headings_and_numbering(built: BuildResult, tmp_path: Path) -> None:
    document = Document(str(tmp_path / "out" / ANNUAL))
    headings = [p for p in document.paragraphs if p.style.name == "Heading 1"]
    assert [p.text for p in headings] == ["Purpose of the report", "The IRO service", "Priorities for 2025/26",
                                          "Notes on the figures"]
    numbered = [p for p in document.paragraphs if p.style.name == "Numbered Paragraph"]
    assert numbered[0].text.startswith("This report tells the Children's Services Scrutiny Committee")
    assert numbered[2].text.replace("\u00a0", " ") == ("At 31 March the service had 6 full-time equivalent IROs for 452 children, "
                                "an average of 75.3 children each.")
    # the numbers are Word's: headings at level 1 and paragraphs at level 2 of one list, none typed; the notes
    # on the figures, after the signature, are not numbered
    assert numbering_of(headings[-1]) is None
    lists = {numbering_of(p) for p in headings[:-1]} | {numbering_of(p) for p in numbered}
    assert len({num for num, _level in lists}) == 1 and {level for _num, level in lists} == {0, 1}
    assert not [p.text for p in document.paragraphs if re.match(r"^\d+(\.\d+)*\.?\t", p.text)]


def test_annual_report_cover_and_document_control(built: BuildResult, tmp_path: Path) -> None:
    document = Document(str(tmp_path / "out" / ANNUAL))
    control = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert control["Date agreed"] == "12 June 2025"
    assert control["Agreed by"] == "Children's Services Senior Leadership Team"
    assert control["Security classification"] == "OFFICIAL"
    title = [p.text for p in document.paragraphs if p.style.name == "Title"]
    assert title == ["Independent Reviewing Officer Annual Report"]
    assert document.core_properties.title == "Independent Reviewing Officer Annual Report 2024/25"


def test_tables_charts_and_placeholders(built: BuildResult, tmp_path: Path) -> None:
    document = Document(str(tmp_path / "out" / ANNUAL))
    parents = next(t for t in document.tables if t.rows[0].cells[0].text == "Parent")
    assert [c.text for c in parents.rows[1].cells] == ["Mothers", "612", "301"]
    body = "\n".join(texts(tmp_path / "out" / ANNUAL))
    assert "Second point with 1,290 reviews" in body
    assert "As Figure 1 and Table 2 show, rates differ." in body
    assert "Figure 1: " in body and "Table 1: Parents taking part in reviews" in body
    xml = document.element.xml
    assert "REF _Ref_fig_rate_per_10k" in xml and "SEQ Figure" in xml


def test_special_characters_come_through_literally(built: BuildResult, tmp_path: Path) -> None:
    body = texts(tmp_path / "out" / ANNUAL)
    assert any("Symbols stay as written: Tom & Jerry <tag> \"quoted\" 'single' {braces} {% raw %} {# hash #} "
               "– en dash — em dash 😀" in text for text in body)
    assert "“My IRO always asks me what I think before the meeting & listens.”" in body
    assert "— Zoë, aged 14" in body


def test_covering_report(built: BuildResult, tmp_path: Path) -> None:
    body = texts(tmp_path / "out" / COVERING)
    assert body[:3] == ["Children's Services Scrutiny Committee – 14 July 2025",
                        "Report of the Director of Children's Services",
                        "Independent Reviewing Officer Annual Report 1 April 2024 to 31 March 2025"]
    document = Document(str(tmp_path / "out" / COVERING))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["Purpose", "Recommendations", "Background", "Finance", "Law", "Equality Impact",
                        "Human Resources/Organisational Development", "Commercial/Procurement",
                        "Health, Wellbeing and Safety", "Appendices"]
    numbered = [p for p in document.paragraphs if p.style.name == "Numbered Paragraph" and numbering_of(p)]
    assert len(numbered) == 13 and len({numbering_of(p) for p in numbered}) == 1  # 1 to 13, by Word
    assert not [t for t in body if re.match(r"^\d+\.\t", t)]
    assert any("looked after 452 children, compared with 431 a year earlier, a rate of 77 per 10,000" in t for t in body)
    assert "1 – Independent Reviewing Officer Annual Report 1 April 2024 to 31 March 2025" in body
    assert "Email: priya.lawson@northbridge.gov.uk" in body


def test_unknown_placeholder_is_reported_at_its_line(small_report: Path, tmp_path: Path) -> None:
    replace_in(small_report / "sections" / "service.yaml", "{{ iro.fte }}", "{{ iro.ftee }}")
    with pytest.raises(ReportError) as caught:
        build(small_report, options(tmp_path, draft=True))
    assert [str(p) for p in caught.value.problems] == [  # at the placeholder itself, as check gives it
        "report/sections/service.yaml:5:33: unknown statistic 'iro.ftee' — did you mean 'iro.fte'?"
    ]


def test_counts_that_do_not_add_up(small_report: Path, tmp_path: Path) -> None:
    replace_in(small_report / "statistics.yaml", "  returned_home: 52", "  returned_home: 50")
    with pytest.raises(ReportError) as caught:
        build(small_report, options(tmp_path, draft=True))
    assert [str(p) for p in caught.value.problems] == [
        "report/statistics.yaml:17:5: ceased.by_reason adds up to 145 but ceased.total is 147 — correct the "
        "counts so that the parts add up to the total"
    ]


def test_a_failed_build_leaves_earlier_output_untouched(small_report: Path, tmp_path: Path) -> None:
    build(small_report, options(tmp_path, draft=True))
    before = {p.name: p.read_bytes() for p in (tmp_path / "out").glob("*.docx")}
    replace_in(small_report / "sections" / "service.yaml", "{{ iro.fte }}", "{{ nothing.here }}")
    with pytest.raises(ReportError):
        build(small_report, options(tmp_path, draft=True))
    after = {p.name: p.read_bytes() for p in (tmp_path / "out").glob("*.docx")}
    assert after == before
    assert [p.name for p in (tmp_path / "out").iterdir() if p.name.startswith(".")] == []


def test_two_builds_give_identical_documents(small_report: Path, tmp_path: Path) -> None:
    first = build(small_report, options(tmp_path / "a", draft=True))
    second = build(small_report, options(tmp_path / "b", draft=True))
    assert [p.read_bytes() for p in sorted(first.written)] == [p.read_bytes() for p in sorted(second.written)]


@pytest.mark.libreoffice
def test_libreoffice_converts_both_papers(small_report: Path, tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    result = build(small_report, options(tmp_path, pdf=True))
    pdfs = {p.name: p for p in result.written if p.suffix == ".pdf"}
    assert len(pdfs) == 2

    def pdf_text(name: str) -> str:
        path = pdfs[name.replace(".docx", ".pdf")]
        return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                              check=True).stdout

    annual = pdf_text(ANNUAL)
    assert "1. Purpose of the report" in annual and "3. Priorities for 2025/26" in annual
    assert "Notes on the figures" in annual and "4. Notes on the figures" not in annual
    assert "Health, Wellbeing and Safety" in pdf_text(COVERING)


def test_without_libreoffice_the_contents_update_when_word_opens(small_report: Path, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from report_builder import outputs

    monkeypatch.setattr(outputs, "_libreoffice_available", lambda: False)
    result = build(small_report, options(tmp_path))
    assert result.notes == [outputs.NO_LIBREOFFICE_NOTE]
    settings = Document(str(tmp_path / "out" / ANNUAL)).settings.element.xml
    assert "w:updateFields" in settings
    with pytest.raises(ReportError) as caught:
        build(small_report, options(tmp_path, pdf=True))
    assert "making PDFs needs LibreOffice" in str(caught.value)


@pytest.mark.libreoffice
def test_with_libreoffice_word_is_not_asked_to_update_fields(small_report: Path, tmp_path: Path) -> None:
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    result = build(small_report, options(tmp_path))
    assert result.notes == []
    document = Document(str(tmp_path / "out" / ANNUAL))
    assert "w:updateFields" not in document.settings.element.xml
    contents = [p.text for p in document.paragraphs if p.style.name.startswith("TOC")]
    assert any(text.endswith("\t3") for text in contents), contents
