"""Valid documents, always: narrative with characters XML and Word forbid still builds papers that
python-docx reopens, LibreOffice converts and the PDF library reads."""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree
from pypdf import PdfReader

from report_builder.publish.libreoffice import libreoffice_available

from .conftest import fuzz, run_cli
from .yaml_text import flow, quoted

CONTROL = "".join(chr(code) for code in range(0x20)) + "\x7f"
NASTY = (
    f"start {CONTROL} & < > \" ' ]]> <w:p/> &amp; &#0; \u202e\u2066reversed\u2069\u200f\u200e\ufeff\ufffe\uffff "
    f"{'x' * 3000} \U0001f600 \u0301\u0301 zoë Ωmega 中文 \u00a0 end"
)


def nasty_section(report: Path, text: str) -> None:
    """Add a section with text in every kind of block, and text in the report's own fields."""
    section = {"title": text, "body": [
        {"text": text}, {"heading": text}, {"bullets": [text, text]}, {"numbered": [text]},
        {"quote": text, "by": text},
        {"table": {"title": text, "columns": [text, "n"], "rows": [[text, 1], ["b", 2]], "source": text}},
    ]}
    (report / "sections" / "nasty.yaml").write_text(flow(section), encoding="utf-8")
    path = report / "report.yaml"
    lines = path.read_text(encoding="utf-8").replace("- priorities", "- priorities\n- nasty")
    lines = lines.replace("service: Independent Reviewing Service", f"service: {quoted(text)}")
    path.write_text(lines, encoding="utf-8")


def papers(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.docx"))


def assert_valid_docx(path: Path) -> None:
    """Check every XML part parses and python-docx reopens the document."""
    with zipfile.ZipFile(path) as package:
        assert package.testzip() is None
        for name in package.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(package.read(name))
    document = docx.Document(str(path))
    assert document.paragraphs


@fuzz(6)
@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from(CONTROL + "&<>\ufffe\u202e"),
               min_size=1, max_size=200).filter(lambda t: "{{" not in t and t.strip()))
def test_any_narrative_text_builds_valid_papers(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    import shutil

    report = tmp_path_factory.mktemp("fuzz") / "report"
    shutil.copytree(Path(__file__).parents[1] / "fixtures" / "small_report", report)
    nasty_section(report, text)
    outcome = run_cli("build", report, "--out", report / "out", "--figures", report / "figures", "--draft")
    if outcome.exit_code == 0:
        for path in papers(report / "out"):
            assert_valid_docx(path)
    else:
        assert "error:" in outcome.stderr


def test_nasty_text_builds_valid_papers_in_draft(small_report: Path) -> None:
    nasty_section(small_report, NASTY)
    outcome = run_cli("build", small_report, "--out", small_report / "out", "--figures", small_report / "figures",
                      "--draft")
    assert outcome.exit_code == 0, outcome.output
    for path in papers(small_report / "out"):
        assert_valid_docx(path)
    annual = next(p for p in papers(small_report / "out") if "covering" not in p.name)
    text = "\n".join(p.text for p in docx.Document(str(annual)).paragraphs)
    assert "& < > \" ' ]]> <w:p/>" in text and "\U0001f600" in text


@pytest.mark.libreoffice
@pytest.mark.skipif(not libreoffice_available(), reason="LibreOffice is not installed")
def test_nasty_text_converts_in_libreoffice_and_the_pdfs_open(small_report: Path, tmp_path: Path) -> None:
    nasty_section(small_report, NASTY)
    outcome = run_cli("build", small_report, "--out", small_report / "out", "--figures", small_report / "figures",
                      "--pdf", seconds=120)
    assert outcome.exit_code == 0, outcome.output
    built = papers(small_report / "out")
    assert len(built) == 2
    converted = tmp_path / "converted"
    result = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                             "--convert-to", "pdf", "--outdir", str(converted), *map(str, built)],
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    for path in built:
        assert_valid_docx(path)
        for pdf in (path.with_suffix(".pdf"), converted / path.with_suffix(".pdf").name):
            reader = PdfReader(io.BytesIO(pdf.read_bytes()))
            text = "".join(page.extract_text() or "" for page in reader.pages)
            assert len(reader.pages) >= 1 and "end" in text
