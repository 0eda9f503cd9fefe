"""Class 6: import-edits neither loses nor misreports. Paragraphs in content controls are read through;
a document that is not this report's annual report (blank, the covering report, another document,
Strict Open XML) is recognised and said so; sizes are bounded early with a plain message; and edits
that would leave a section invalid are blamed on the edited document, not the user's YAML."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from docx import Document
from docx.oxml import parse_xml

from report_builder.templates_default import annual_report_template

from . import hostile_zip
from .conftest import Unchanged, clear_message, papers_in, run_cli

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.fixture
def built(small_report: Path, tmp_path: Path) -> tuple[Path, Path]:
    """Return the annual report and the covering report built from the small report."""
    outcome = run_cli("build", small_report, "--out", tmp_path / "out", "--figures", tmp_path / "figures", "--draft",
                      seconds=60)
    assert outcome.exit_code == 0, outcome.output
    papers = papers_in(tmp_path / "out")
    return next(p for p in papers if "covering" not in p.name), next(p for p in papers if "covering" in p.name)


def paragraph(document, start: str):  # type: ignore[no-untyped-def]
    return next(p for p in document.paragraphs if p.text.startswith(start))


def test_a_paragraph_in_a_content_control_is_read_through(small_report: Path, tmp_path: Path,
                                                          built: tuple[Path, Path]) -> None:
    before = (small_report / "sections" / "purpose.yaml").read_text(encoding="utf-8")
    document = Document(str(built[0]))
    target = paragraph(document, "The report gives figures")
    control = parse_xml(f'<w:sdt xmlns:w="{W}"><w:sdtPr><w:alias w:val="Purpose"/></w:sdtPr><w:sdtContent/></w:sdt>')
    target._p.addprevious(control)
    control[1].append(target._p)  # the paragraph now stands inside the content control
    target.add_run(" Agreed by the director.")
    edited = tmp_path / "edited.docx"
    document.save(str(edited))
    outcome = run_cli("import-edits", edited, small_report, "--write", seconds=60)
    assert outcome.exit_code == 0, outcome.output
    purpose = (small_report / "sections" / "purpose.yaml").read_text(encoding="utf-8")
    assert "Agreed by the director." in purpose
    assert purpose.count("\n  - ") == before.count("\n  - "), "a paragraph in the content control was taken as deleted"


def strict(docx: bytes) -> bytes:
    """Return the document as Word saves it in Strict Open XML (the main namespace changed)."""
    parts = hostile_zip.entries(docx)
    parts["word/document.xml"] = parts["word/document.xml"].replace(W.encode(),
                                                                    b"http://purl.oclc.org/ooxml/wordprocessingml/main")
    return hostile_zip.rezip(parts)


def blank() -> bytes:
    from report_builder.word.package import docx_bytes

    document = Document()
    return docx_bytes(document)


@pytest.mark.parametrize("kind", ["blank", "covering report", "another document", "strict", "too many paragraphs"])
def test_a_document_that_is_not_this_reports_annual_report_is_said_so(small_report: Path, tmp_path: Path,
                                                                      built: tuple[Path, Path], kind: str) -> None:
    from report_builder.word.package import docx_bytes

    edited = tmp_path / "edited.docx"
    if kind == "blank":
        edited.write_bytes(blank())
    elif kind == "covering report":
        edited.write_bytes(built[1].read_bytes())
    elif kind == "another document":
        edited.write_bytes(docx_bytes(annual_report_template()))
    elif kind == "strict":
        edited.write_bytes(strict(built[0].read_bytes()))
    else:
        document = Document(str(built[0]))
        body = document.element.body
        model = paragraph(document, "The report gives figures")._p
        for number in range(25_000):
            added = copy.deepcopy(model)
            added.xpath(".//w:t")[-1].text = f"Added paragraph {number} about review {number * 7919 % 100_003}."
            body.append(added)
        document.save(str(edited))
    expected = {"blank": "the document is empty", "covering report": "it is the covering report, not the annual report",
                "another document": "only 0 of the report's 3 section headings are in it",
                "strict": "the document was saved as Strict Open XML",
                "too many paragraphs": "the document has more than 20,000 paragraphs"}[kind]
    with Unchanged(tmp_path):
        outcome = run_cli("import-edits", edited, small_report, "--write", seconds=60)
    clear_message(outcome)
    assert "edited.docx: " in outcome.stderr and expected in outcome.stderr, outcome.stderr
    assert "problem stopped the import-edits:" in outcome.stderr
    assert "sections/" not in outcome.stderr


def test_edits_that_would_empty_a_section_are_blamed_on_the_document(small_report: Path, tmp_path: Path,
                                                                     built: tuple[Path, Path]) -> None:
    document = Document(str(built[0]))
    for item in [p for p in document.paragraphs if p.text.startswith(("This report tells", "The report gives"))]:
        item._p.getparent().remove(item._p)
    edited = tmp_path / "edited.docx"
    document.save(str(edited))
    with Unchanged(tmp_path):
        outcome = run_cli("import-edits", edited, small_report, "--write", seconds=60)
    clear_message(outcome)
    assert "edited.docx: the edits made in Word would leave report/sections/purpose.yaml invalid" in outcome.stderr, \
        outcome.stderr
