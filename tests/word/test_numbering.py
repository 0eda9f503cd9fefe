"""Word's own numbering: headings and paragraphs numbered by a multilevel list on the styles, so that a
paragraph inserted in Word is numbered and the ones after it move on."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from pypdf import PdfReader

from report_builder.templates_default import covering_report_template
from report_builder.word.numbering import apply_numbering, leave_unnumbered, numbering_of, pin_numbering


def numbered_document(scheme: str) -> DocumentObject:
    """Return a document in the default house styles with two sections of three numbered paragraphs."""
    document = covering_report_template()
    for paragraph in document.paragraphs:  # the house styles, without the template's own text
        paragraph._p.getparent().remove(paragraph._p)
    apply_numbering(document, scheme)  # type: ignore[arg-type]
    for section in ("Purpose", "Background"):
        document.add_paragraph(section, style="Heading 1")
        for n in range(1, 4):
            document.add_paragraph(f"{section} paragraph {n}.", style="Numbered Paragraph")
    return document


def pdf_text(document: DocumentObject, folder: Path) -> str:
    """Return the text of the document laid out by LibreOffice, white space as single spaces."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "numbered.docx"
    document.save(str(source))
    subprocess.run([soffice, f"-env:UserInstallation=file://{folder}/profile", "--headless", "--convert-to",
                    "pdf", "--outdir", str(folder), str(source)], check=True, capture_output=True, timeout=180)
    text = "\n".join(page.extract_text() for page in PdfReader(folder / "numbered.pdf").pages)
    return " ".join(text.split())


@pytest.mark.parametrize(
    ("scheme", "levels"),
    [("section", {("Heading 1", 0), ("Numbered Paragraph", 1)}), ("continuous", {("Numbered Paragraph", 0)})],
    ids=["section", "continuous"],
)
def test_styles_carry_the_numbering_not_the_text(scheme: str, levels: set[tuple[str, int]]) -> None:
    document = numbered_document(scheme)
    found = {(p.style.name, numbering_of(p)[1]) for p in document.paragraphs if numbering_of(p)}
    assert found == levels
    assert not [p.text for p in document.paragraphs if re.match(r"^\d", p.text)]
    assert document.styles["Numbered Paragraph"].element.pPr.numPr is not None


def test_no_numbering_leaves_the_styles_alone() -> None:
    document = numbered_document("none")
    assert not [p for p in document.paragraphs if p.style.name != "List Bullet" and numbering_of(p)]


def test_styles_based_on_a_numbered_heading_stay_unnumbered() -> None:
    document = numbered_document("section")
    contents_title = document.add_paragraph("Contents", style="TOC Heading")
    assert numbering_of(contents_title) is None


def test_a_follow_on_paragraph_has_no_number_and_lines_up_with_the_text() -> None:
    document = numbered_document("continuous")
    follow_on = document.add_paragraph("A number of objectives follow.", style="Numbered Paragraph")
    leave_unnumbered(follow_on)
    assert numbering_of(follow_on) is None
    assert follow_on.paragraph_format.first_line_indent == 0
    assert follow_on.paragraph_format.left_indent == document.styles["Numbered Paragraph"].paragraph_format.left_indent


@pytest.mark.libreoffice
def test_a_paragraph_inserted_in_word_is_numbered_and_the_rest_move_on(tmp_path: Path) -> None:
    document = numbered_document("section")
    before = pdf_text(document, tmp_path / "before")
    assert "1. Purpose 1.1 Purpose paragraph 1. 1.2 Purpose paragraph 2." in before
    assert "2. Background 2.1 Background paragraph 1." in before
    # as an officer would in Word: a new paragraph in the numbered style between 1.1 and 1.2
    reopened = Document(str(tmp_path / "before" / "numbered.docx"))
    second = next(p for p in reopened.paragraphs if p.text == "Purpose paragraph 2.")
    second.insert_paragraph_before("An inserted paragraph.", style="Numbered Paragraph")
    after = pdf_text(reopened, tmp_path / "after")
    assert ("1.1 Purpose paragraph 1. 1.2 An inserted paragraph. 1.3 Purpose paragraph 2. "
            "1.4 Purpose paragraph 3. 2. Background 2.1 Background paragraph 1.") in after


@pytest.mark.libreoffice
def test_follow_on_paragraphs_do_not_take_a_number(tmp_path: Path) -> None:
    document = numbered_document("continuous")
    follow_on = document.add_paragraph("A follow-on paragraph.", style="Numbered Paragraph")
    leave_unnumbered(follow_on)
    document.add_paragraph("The next numbered paragraph.", style="Numbered Paragraph")
    text = pdf_text(document, tmp_path)
    assert "6. Background paragraph 3. A follow-on paragraph. 7. The next numbered paragraph." in text


def test_pinned_numbering_keeps_the_styles_indent() -> None:
    document = numbered_document("section")
    bullet = document.add_paragraph("A point.", style="List Bullet")
    pin_numbering(document)  # as before the document is appended to the agenda pack
    properties = bullet._p.pPr
    assert properties.find(qn("w:numPr")) is not None  # the numbering goes with the paragraph
    indent = properties.find(qn("w:ind"))
    style_indent = document.styles["List Bullet"].element.pPr.find(qn("w:ind"))
    assert indent is not None and dict(indent.attrib) == dict(style_indent.attrib)  # and so does its indent
    numbered = next(p for p in document.paragraphs if p.style.name == "Numbered Paragraph")
    assert numbered._p.pPr.find(qn("w:ind")) is not None
