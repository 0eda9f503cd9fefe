"""Class 11: the smaller faults. JavaScript and actions stripped from appendix PDFs; a template's macros
and template link left out of the papers; an appendix that is not what it says refused by `check`;
pypdf's own notes kept off the screen; and the rest listed in the issue."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from pypdf import PdfReader

from report_builder.publish.pack import PackPart, make_agenda_pack
from report_builder.templates_default import annual_report_template
from report_builder.word.package import docx_bytes

from . import hostile_pdf
from .conftest import Unchanged, papers_in, run_cli

VBA = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
ATTACHED = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate"


def test_javascript_and_actions_are_stripped_from_the_agenda_pack(tmp_path: Path) -> None:
    covering = hostile_pdf.written(hostile_pdf.plain(), tmp_path / "covering.pdf")
    appendix = hostile_pdf.active(tmp_path / "plan.pdf")
    make_agenda_pack([PackPart("Covering report", covering), PackPart("Appendix 2 – Plan", appendix)],
                     tmp_path / "pack.pdf", "Committee")
    data = (tmp_path / "pack.pdf").read_bytes()
    for needle in (b"/JavaScript", b"/JS", b"launchURL", b"/Launch", b"/OpenAction", b"/AA", b"/SubmitForm",
                   b"/EmbeddedFiles", b"/FileAttachment", b"etc\\057passwd", b"etc/passwd"):
        assert needle not in data, needle
    reader = PdfReader(tmp_path / "pack.pdf")
    kept = [annotation.get_object()["/A"]["/URI"] for page in reader.pages for annotation in page.get("/Annots", [])
            if "/A" in annotation.get_object()]
    assert kept == ["https://www.gov.uk/kept"]
    assert len(reader.pages) == 3 and [title for title in reader.outline if not isinstance(title, list)]


def test_the_pack_prints_none_of_pypdfs_notes(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    covering = hostile_pdf.written(hostile_pdf.plain(), tmp_path / "covering.pdf")
    odd = tmp_path / "odd.pdf"
    data = hostile_pdf.written(hostile_pdf.plain(2), tmp_path / "plain.pdf").read_bytes()
    odd.write_bytes(data.replace(b"startxref", b"startxref\n0\n%", 1))  # a wrong cross-reference offset
    make_agenda_pack([PackPart("Covering report", covering), PackPart("Appendix 2 – Odd", odd)],
                     tmp_path / "pack.pdf", "Committee")
    assert len(PdfReader(tmp_path / "pack.pdf").pages) == 3
    assert capfd.readouterr().err == ""


def template_with_macros() -> bytes:
    """Return the default annual report template carrying a macro project and a link to its own template."""
    document = annual_report_template()
    macros = Part(PackURI("/word/vbaProject.bin"), "application/vnd.ms-office.vbaProject",
                  b"\xd0\xcf\x11\xe0macros", document.part.package)
    document.part.relate_to(macros, VBA)
    settings = document.part._settings_part
    rid = settings.relate_to("file:///C:/Users/officer/Templates/Normal.dotm", ATTACHED,
                             is_external=True)
    settings.element.append(parse_xml(
        '<w:attachedTemplate xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        f'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="{rid}"/>'))
    return docx_bytes(document)


def test_a_templates_macros_and_template_link_are_left_out_of_the_papers(small_report: Path) -> None:
    (small_report / "council.docx").write_bytes(template_with_macros())
    path = small_report / "council.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("annual_report: default", "annual_report: council.docx"),
                    encoding="utf-8")
    checked = run_cli("template", "check", small_report / "council.docx", seconds=60)
    assert checked.exit_code == 0, checked.output
    assert "word/vbaProject.bin: macros are left out of the papers" in checked.output
    assert "the link to the template it was made from (file:///C:/Users/officer/Templates/Normal.dotm)" in checked.output
    outcome = run_cli("build", small_report, "--out", small_report / "out", "--figures", small_report / "figures",
                      "--draft", seconds=60)
    assert outcome.exit_code == 0, outcome.output
    annual = next(p for p in papers_in(small_report / "out") if "covering" not in p.name)
    with zipfile.ZipFile(annual) as package:
        names = package.namelist()
        xml = b"".join(package.read(name) for name in names if name.endswith((".xml", ".rels")))
    assert not [name for name in names if "vba" in name.lower()]
    assert b"vbaProject" not in xml and b"attachedTemplate" not in xml and b"C:/Users/officer" not in xml


@pytest.mark.parametrize(("name", "data", "said"), [
    ("plan.docx", b"Action plan\n1. Do the thing\n", "not a Word document (.docx): it is a text file"),
    ("plan.pdf", b"Action plan\n", "cannot go into the agenda pack: it cannot be read as a PDF"),
], ids=["text-as-docx", "text-as-pdf"])
def test_an_appendix_that_is_not_what_it_says_is_found_by_check(small_report: Path, name: str, data: bytes,
                                                                said: str) -> None:
    (small_report / name).write_bytes(data)
    path = small_report / "report.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "sections:\n", f"extra_appendices:\n- title: Action plan\n  file: {name}\nsections:\n", 1), encoding="utf-8")
    with Unchanged(small_report.parent):
        outcome = run_cli("check", small_report, "--no-documents", seconds=60)
    assert outcome.exit_code == 1, outcome.output
    assert f"{name}: " in outcome.output and said in outcome.output, outcome.output


def test_a_pprint_of_a_group_is_refused_not_a_memory_address(small_report: Path) -> None:
    path = small_report / "sections" / "service.yaml"
    path.write_text(path.read_text(encoding="utf-8") + '  - "All of it: {{ profile|pprint }}"\n', encoding="utf-8")
    outcome = run_cli("build", small_report, "--out", small_report / "out", "--draft", seconds=60)
    assert outcome.exit_code == 1
    assert "unknown filter 'pprint'" in outcome.stderr and "0x" not in outcome.stderr




def test_watch_reports_a_fault_in_the_tool_and_keeps_watching(small_report: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from report_builder import build as pipeline
    from report_builder.commands.watch import rebuild_once
    from report_builder.outputs import PublishOptions

    options = PublishOptions(out_dir=tmp_path / "out", figures_dir=tmp_path / "figures", cache_dir=tmp_path / "cache",
                             draft=True)
    real = pipeline.compose_papers

    def broken(*args: object, **kwargs: object) -> object:
        raise KeyError("a fault in the tool")

    monkeypatch.setattr(pipeline, "compose_papers", broken)
    failed = rebuild_once(small_report, options, [small_report / "report.yaml"])
    assert not failed.ok
    assert failed.problems[0].message.startswith("this rebuild stopped because of a fault in the tool (KeyError at ")
    assert "still watching" in (failed.problems[0].hint or "")
    monkeypatch.setattr(pipeline, "compose_papers", real)
    assert rebuild_once(small_report, options, [small_report / "report.yaml"]).ok


@pytest.mark.parametrize("value", [".inf", "-.inf", ".nan", "1" + "0" * 400], ids=["inf", "minus-inf", "nan", "huge"])
def test_a_number_no_figure_can_be_is_refused_where_it_is(small_report: Path, value: str) -> None:
    path = small_report / "statistics.yaml"
    text = path.read_text(encoding="utf-8")
    assert "  fte: " in text
    lines = text.splitlines()
    line = next(n for n, row in enumerate(lines, start=1) if row.startswith("  fte: "))
    lines[line - 1] = f"  fte: {value}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    outcome = run_cli("build", small_report, "--out", small_report / "out", "--draft", seconds=60)
    assert outcome.exit_code == 1
    assert f"statistics.yaml:{line}:8: " in outcome.stderr and "working inf" not in outcome.stderr, outcome.stderr


def test_a_section_listed_twice_is_a_problem_where_it_is(small_report: Path) -> None:
    path = small_report / "report.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("- service\n", "- service\n- service\n"),
                    encoding="utf-8")
    outcome = run_cli("build", small_report, "--out", small_report / "out", "--draft", seconds=60)
    assert outcome.exit_code == 1
    assert "report.yaml:" in outcome.stderr and "the section 'service' is listed twice" in outcome.stderr
