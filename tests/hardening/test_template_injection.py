"""Templates are data: known template-injection payloads in narrative and in a council's Word template
are refused with a clear message, and nothing they ask for runs."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from docxtpl import DocxTemplate

from report_builder.compose.templates import render_template
from report_builder.errors import TemplateError
from report_builder.placeholders import PlaceholderProblem, Placeholders
from report_builder.templates_default import BODY_MARKER, annual_report_template
from report_builder.word.package import docx_bytes

from .conftest import clear_message, run_cli
from .yaml_text import quoted

MARKER = "/tmp/report_builder_pwned"
"""The file the payloads would create if they ran."""

PAYLOADS = {
    "class mro subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "cycler globals os.popen": f"{{{{ cycler.__init__.__globals__.os.popen('touch {MARKER}').read() }}}}",
    "joiner globals": f"{{{{ joiner.__init__.__globals__.os.system('touch {MARKER}') }}}}",
    "namespace globals": f"{{{{ namespace.__init__.__globals__.os.system('touch {MARKER}') }}}}",
    "template reference context": "{{ self._TemplateReference__context }}",
    "lipsum globals": f"{{{{ lipsum.__globals__['os'].popen('touch {MARKER}').read() }}}}",
    "range globals": "{{ range.__init__.__globals__ }}",
    "import statement": "{% import os %}{{ os }}",
    "import as": "{% import 'os' as os %}",
    "include passwd": "{% include '/etc/passwd' %}",
    "extends passwd": "{% extends '/etc/passwd' %}",
    "config": "{{ config }}",
    "config items": "{{ config.items() }}",
    "request": "{{ request.application.__globals__ }}",
    "attr filter": "{{ ''|attr('__class__')|attr('__mro__') }}",
    "attr filter escaped name": "{{ ''|attr('\\x5f\\x5fclass\\x5f\\x5f') }}",
    "format filter": "{{ '%s'|format(''.__class__) }}",
    "str.format": "{{ '{0.__class__}'.format('') }}",
    "map attribute": "{{ [''] | map(attribute='__class__') | list }}",
    "getitem dunder": "{{ ''['__class__'] }}",
    "set statement": "{% set x = ''.__class__ %}{{ x }}",
    "for loop subclasses": "{% for c in ''.__class__.__base__.__subclasses__() %}{{ c }}{% endfor %}",
    "macro": "{% macro m() %}{{ ''.__class__ }}{% endmacro %}{{ m() }}",
    "self blocks": "{{ self.__dict__ }}",
    "dict builtins": "{{ {}.__class__.__base__.__subclasses__() }}",
    "statistic dunder": "{{ reviews.__class__ }}",
    "statistic globals": "{{ reviews.held.__init__.__globals__ }}",
}


@pytest.fixture(autouse=True)
def no_marker() -> None:
    Path(MARKER).unlink(missing_ok=True)
    yield
    assert not Path(MARKER).exists(), "a payload ran"


def build(report: Path):  # type: ignore[no-untyped-def]
    """Return the outcome of a draft build of report."""
    return run_cli("build", report, "--out", report / "out", "--figures", report / "figures", "--draft")


def annual_report(folder: Path) -> Path:
    return next(p for p in folder.glob("*.docx") if "covering" not in p.name)


def no_papers(report: Path) -> bool:
    return not (report / "out").exists() or not list((report / "out").glob("*.docx"))


NARRATIVE = {name: payload for name, payload in PAYLOADS.items() if "{{" in payload}
STATEMENTS = {name: payload for name, payload in PAYLOADS.items() if "{{" not in payload}


@pytest.mark.parametrize("payload", NARRATIVE.values(), ids=NARRATIVE.keys())
def test_a_placeholder_payload_is_refused(payload: str) -> None:
    with pytest.raises(PlaceholderProblem):
        Placeholders({}, {"ref": lambda name: name}).render(f"Before {payload} after.")


def test_every_payload_in_narrative_stops_the_build_with_one_message_each(small_report: Path) -> None:
    path = small_report / "sections" / "service.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "".join(f"  - {quoted(f'{name}: {payload}')}\n"
                                                                for name, payload in NARRATIVE.items()),
                    encoding="utf-8")
    outcome = build(small_report)
    clear_message(outcome)
    assert outcome.stderr.count("service.yaml:") >= len(NARRATIVE)
    assert no_papers(small_report)
    assert "<class" not in outcome.output and "root:" not in outcome.output


def test_jinja_statements_in_narrative_are_kept_as_written(small_report: Path) -> None:
    path = small_report / "sections" / "service.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "".join(f"  - {quoted(payload)}\n"
                                                                for payload in STATEMENTS.values()),
                    encoding="utf-8")
    assert build(small_report).exit_code == 0
    text = "\n".join(p.text for p in docx.Document(str(annual_report(small_report / "out"))).paragraphs)
    for payload in STATEMENTS.values():
        assert payload in text


def council_template(payload: str) -> DocxTemplate:
    """Return the default annual report template with the payload in a paragraph, a table cell and the header."""
    return DocxTemplate(io.BytesIO(council_docx(payload)))


def council_docx(payload: str) -> bytes:
    """Return the bytes of council_template's document."""
    document = annual_report_template()
    marker = next(p for p in document.paragraphs if p.text == BODY_MARKER)
    marker.insert_paragraph_before(f"Paragraph: {payload}")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 1).text = f"Cell: {payload}"
    document.sections[0].header.add_paragraph(f"Header: {payload}")
    return docx_bytes(document)


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_a_payload_in_a_council_template_is_refused(payload: str) -> None:
    context = {"report": {"title": "Annual report"}, "period": {"label": "2024/25"}, "BODY": "[[BODY]]",
               "council": {"name": "Northbridge"}}
    with pytest.raises(TemplateError) as caught:
        render_template(council_template(payload), context, "council.docx")
    message = str(caught.value)
    assert message.startswith("council.docx: ") and "<class" not in message


@pytest.mark.parametrize("payload", [PAYLOADS["cycler globals os.popen"], PAYLOADS["include passwd"],
                                     PAYLOADS["attr filter"]], ids=["popen", "include", "attr"])
def test_a_council_template_with_a_payload_stops_the_build(small_report: Path, payload: str) -> None:
    (small_report / "council.docx").write_bytes(council_docx(payload))
    path = small_report / "council.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("annual_report: default", "annual_report: council.docx"),
                    encoding="utf-8")
    outcome = build(small_report)
    clear_message(outcome)
    assert "council.docx" in outcome.stderr
    assert no_papers(small_report)
