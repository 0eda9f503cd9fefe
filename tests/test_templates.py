"""Council templates: the defaults are reproducible, a council's own template gives its own look,
and `template check` says exactly what is wrong with a broken one."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import yaml
from docx import Document
from docx.shared import Mm, RGBColor

from report_builder.build import build
from report_builder.outputs import PublishOptions
from report_builder.template_check import check_template
from report_builder.word.numbering import numbering_of
from report_builder.templates_default import annual_report_template, covering_report_template, write_default_templates

TEMPLATES = Path(__file__).parents[1] / "templates"
GREEN = RGBColor(0x00, 0x5A, 0x32)


def test_committed_templates_match_the_builder(tmp_path: Path) -> None:
    written = write_default_templates(tmp_path)
    for path in written:
        assert path.read_bytes() == (TEMPLATES / path.name).read_bytes(), "run: python templates/build_templates.py"


@pytest.mark.parametrize("name", ["annual_report.docx", "covering_report.docx"])
def test_default_templates_pass_the_check(name: str) -> None:
    assert check_template(TEMPLATES / name) == []


def _logo(tmp_path: Path) -> Path:
    from PIL import Image

    path = tmp_path / "logo.png"
    Image.new("RGB", (240, 80), (0, 90, 50)).save(path)
    return path


def _restyle(document, logo: Path) -> None:  # type: ignore[no-untyped-def]
    """Make the template look like another council's: Verdana, green headings, a logo in the header."""
    for style in document.styles:
        if style.type == 1 and style.font is not None and style.font.name:
            style.font.name = "Verdana"
    for name in ("Heading 1", "Heading 2", "Title"):
        document.styles[name].font.color.rgb = GREEN
    header = document.sections[0].header
    header.paragraphs[0].insert_paragraph_before().add_run().add_picture(str(logo), width=Mm(30))
    pictures = header._element.xpath(".//wp:docPr")
    for picture in pictures:
        picture.set("descr", "Westmoor Borough Council logo")


@pytest.fixture
def second_council(small_report: Path, tmp_path: Path) -> Path:
    logo = _logo(tmp_path)
    (small_report / "templates").mkdir()
    for name, builder in (("annual.docx", annual_report_template), ("covering.docx", covering_report_template)):
        document = builder()
        _restyle(document, logo)
        document.save(str(small_report / "templates" / name))
    profile = yaml.safe_load((small_report / "council.yaml").read_text())
    profile.update(
        name="Westmoor Borough Council", short_name="Westmoor", paragraph_numbering="continuous",
        covering_headings=["Purpose of Report", "Recommendation(s)", "Background", "Financial Implications",
                           "Legal Implications", "Risk Management", "Wards Affected"],
        purpose_heading="Purpose of Report", recommendations_heading="Recommendation(s)",
        templates={"annual_report": "templates/annual.docx", "covering_report": "templates/covering.docx"},
    )
    (small_report / "council.yaml").write_text(yaml.safe_dump(profile, sort_keys=False))
    covering = yaml.safe_load((small_report / "covering.yaml").read_text())
    covering["implications"] = {"Financial Implications": ["None."], "Legal Implications": ["None."],
                                "Risk Management": ["No new risks."], "Wards Affected": ["All wards."]}
    (small_report / "covering.yaml").write_text(yaml.safe_dump(covering, sort_keys=False, allow_unicode=True))
    return small_report


def test_a_second_council_template_gives_its_own_look(second_council: Path, tmp_path: Path) -> None:
    result = build(second_council, PublishOptions(out_dir=tmp_path / "out", figures_dir=tmp_path / "fig",
                                                  cache_dir=tmp_path / "cache", draft=True))
    names = sorted(p.name for p in result.written)
    assert names == ["Westmoor Independent Reviewing Officer Annual Report 2024-25 - covering report.docx",
                     "Westmoor Independent Reviewing Officer Annual Report 2024-25.docx"]
    covering = Document(str(tmp_path / "out" / names[0]))
    assert covering.styles["Normal"].font.name == "Verdana"
    assert covering.styles["Heading 1"].font.color.rgb == GREEN
    headings = [p.text for p in covering.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["Purpose of Report", "Recommendation(s)", "Background", "Financial Implications",
                        "Legal Implications", "Risk Management", "Wards Affected", "Appendices"]
    annual = Document(str(tmp_path / "out" / names[1]))
    assert annual.styles["Normal"].font.name == "Verdana"
    assert annual.sections[0].header._element.xpath(".//wp:docPr/@descr") == ["Westmoor Borough Council logo"]
    sections = [p.text for p in annual.paragraphs if p.style.name == "Heading 1"]
    assert sections[0] == "Purpose of the report"  # continuous numbering: headings are not numbered
    numbered = [numbering_of(p) for p in annual.paragraphs if p.style.name == "Numbered Paragraph"]
    assert numbered and {level for _num, level in numbered} == {0}  # 1, 2, 3 through the report, by Word
    assert not [p for p in annual.paragraphs if p.style.name == "Heading 1" and numbering_of(p)]


def test_the_default_look_is_not_used_for_a_council_template(small_report: Path, tmp_path: Path) -> None:
    build(small_report, PublishOptions(out_dir=tmp_path / "out", figures_dir=tmp_path / "fig",
                                       cache_dir=tmp_path / "cache", draft=True))
    default = Document(str(next((tmp_path / "out").glob("*covering report.docx"))))
    assert default.styles["Normal"].font.name == "Arial"


def test_template_check_reports_each_fault_where_it_is(tmp_path: Path) -> None:
    document = annual_report_template()
    document.paragraphs[0].text = "{{ council.nmae }}"
    document.paragraphs[1].text = "{{ report.title "
    document.add_paragraph("{%p for appendix in appendices %}")
    document.tables[0].rows[1].cells[1].text = "{{ reviews.held + }}"
    for paragraph in document.paragraphs:
        if paragraph.text == "{{ BODY }}":
            paragraph.text = "Body goes here"
    stream = io.BytesIO()
    document.save(stream)
    path = tmp_path / "broken.docx"
    path.write_bytes(stream.getvalue())
    messages = [str(p).replace(str(path), "broken.docx") for p in check_template(path)]
    assert messages == [
        "broken.docx: no paragraph '{{ BODY }}' — add a paragraph containing only {{ BODY }} where the report's "
        "body goes",
        "broken.docx: paragraph 1: unknown placeholder 'council.nmae' — did you mean 'council.name'?",
        "broken.docx: paragraph 2: a placeholder is not closed: '{{ report.title' — close it with }} or %}",
        "broken.docx: table 1, row 2, cell 2: '{{ reviews.held + }}' is not a valid placeholder: unexpected 'end of "
        "print statement' — write a figure's name, for example {{ reviews.held }}",
        "broken.docx: paragraph 11: '{% for %}' is never closed — add {% endfor %} after it",
    ]


def test_template_check_refuses_a_file_that_is_not_word(tmp_path: Path) -> None:
    from report_builder.errors import TemplateError

    path = tmp_path / "notes.docx"
    path.write_text("not a word file")
    with pytest.raises(TemplateError) as caught:
        check_template(path)
    assert "not a Word document (.docx): it is a text file" in str(caught.value)
