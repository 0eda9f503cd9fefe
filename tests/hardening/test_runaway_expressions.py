"""Class 4: no placeholder runs for ever or eats memory, in narrative text, in any part of a template,
or in text a director typed in Word; each is refused where it is, with exit 1, before it is evaluated."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
from docx import Document
from docxtpl import DocxTemplate
from hypothesis import given
from hypothesis import strategies as st

from report_builder.compose.templates import render_template
from report_builder.errors import TemplateError
from report_builder.placeholders import PlaceholderProblem, Placeholders

from .conftest import MEMORY_LIMIT_MB, Unchanged, fuzz, papers_in, peak_memory_mb, run_cli
from .hostile_docx import template_with
from .yaml_text import quoted

RUNAWAY = {
    "power tower": "{{ 10 ** (10 ** 10) }}",
    "power right to left": "{{ 9 ** 9 ** 9 }}",
    "repeated name": "{{ council * 400000000 }}",
    "repeated text": "{{ 'x' * 10 ** 9 }}",
    "long list": "{{ [1] * 10 ** 9 }}",
    "range": "{{ range(10 ** 9) | list }}",
    "huge literal": "{{ 1" + "0" * 5000 + " }}",
    "nested brackets": "{{ " + "(" * 300 + "council" + ")" * 300 + " }}",
    "nested lists": "{{ " + "[" * 300 + "]" * 300 + " }}",
    "long expression": "{{ " + " | lower" * 2000 + " }}",
    "filter chain": "{{ council" + " | lower" * 60 + " }}",
    "string format": "{{ '%0999999999d' | format(1) }}",
    "join": "{{ range(10 ** 8) | join(',') }}",
}
STATEMENTS = {
    "nested range loops": "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
    "nested appendix loops": "{% for a in appendices %}{% for b in appendices %}x{% endfor %}{% endfor %}",
    "set": "{% set x = 'a' * 10 ** 9 %}{{ x }}",
    "macro recursion": "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
    "loop over a figure": "{% for c in council.name %}{{ c }}{% endfor %}",
    "400 nested ifs": "{% if council.name %}" * 400 + "x" + "{% endif %}" * 400,
    "nested ifs in a loop": "{% for a in appendices %}" + "{% if a.title %}" * 40 + "x" + "{% endif %}" * 40
                            + "{% endfor %}",
}


BOUND = 60.0
"""Seconds a refused placeholder may take at most, on a busy machine: a runaway one never finishes."""


def build(report: Path):  # type: ignore[no-untyped-def]
    return run_cli("build", report, "--out", report / "out", "--figures", report / "figures", "--draft",
                   seconds=BOUND)


@pytest.mark.parametrize("payload", RUNAWAY.values(), ids=RUNAWAY.keys())
def test_a_runaway_placeholder_in_narrative_is_refused_where_it_is(small_report: Path, payload: str) -> None:
    path = small_report / "sections" / "service.yaml"
    line = path.read_text(encoding="utf-8").count("\n") + 1
    path.write_text(path.read_text(encoding="utf-8") + f"  - {quoted(f'Before {payload} after.')}\n", encoding="utf-8")
    with Unchanged(small_report.parent, small_report / "out", small_report / "figures"):
        for outcome in (build(small_report), run_cli("check", small_report, "--no-documents", seconds=BOUND)):
            assert outcome.exit_code == 1 and "error:" in outcome.output, outcome.output
            assert f"sections/service.yaml:{line}:" in outcome.output, outcome.output
    assert not papers_in(small_report / "out")
    assert peak_memory_mb() < MEMORY_LIMIT_MB


def use_template(report: Path, template: bytes) -> None:
    (report / "council.docx").write_bytes(template)
    path = report / "council.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("annual_report: default", "annual_report: council.docx"),
                    encoding="utf-8")


TEMPLATE_CASES = {**RUNAWAY, **STATEMENTS}
PLACES = ("header", "footer", "core property", "custom property", "text box")


@pytest.mark.parametrize("payload", TEMPLATE_CASES.values(), ids=TEMPLATE_CASES.keys())
def test_a_runaway_placeholder_in_a_template_is_refused_by_check_and_build(small_report: Path, payload: str) -> None:
    use_template(small_report, template_with(payload, PLACES))
    with Unchanged(small_report.parent, small_report / "out", small_report / "figures"):
        checked = run_cli("template", "check", small_report / "council.docx", seconds=BOUND)
        assert checked.exit_code == 1, checked.output
        for where in ("section 1 header", "section 1 footer", "document property 'comments'",
                      "custom property 'Reference'", "text box"):
            assert where in checked.stderr, (where, checked.stderr)
        built = build(small_report)
        assert built.exit_code == 1 and "council.docx: " in built.stderr, built.output
    assert not papers_in(small_report / "out")


NUMBERS = st.integers(-(10**12), 10**12).map(str) | st.sampled_from(["council", "reviews.held", "'x'", "[1]",
                                                                      "range(10)", "appendices"])
OPERATORS = st.sampled_from([" ** ", " * ", " + ", " ~ ", " // ", " % ", " - "])


@st.composite
def arithmetic(draw: st.DrawFn, depth: int = 3) -> str:
    """Return an expression of numbers, names, operators, ranges and brackets."""
    if depth == 0 or draw(st.booleans()):
        return draw(NUMBERS)
    left, right = draw(arithmetic(depth - 1)), draw(arithmetic(depth - 1))
    return draw(st.sampled_from([f"({left}{draw(OPERATORS)}{right})", f"range({left})", f"[{left}] * {right}",
                                 f"{left}{draw(OPERATORS)}{right}", f"{left} | join({right})"]))


@given(arithmetic())
@fuzz(300)
def test_any_arithmetic_in_narrative_is_refused_at_once(expression: str) -> None:
    from report_builder.statistics.vocabulary import Value

    placeholders = Placeholders({"council": Value("Northbridge", "text"), "reviews.held": Value(1290, "count")})
    started = time.perf_counter()
    try:
        shown = placeholders.render(f"{{{{ {expression} }}}}")
    except PlaceholderProblem:
        shown = None
    assert time.perf_counter() - started < 5
    assert shown is None or len(shown) < 100, expression


@given(arithmetic())
@fuzz(40)
def test_any_arithmetic_in_a_template_is_refused_at_once(expression: str) -> None:
    template = DocxTemplate(io.BytesIO(template_with(f"{{{{ {expression} }}}}", ("header", "core property"))))
    context = {"council": {"name": "Northbridge"}, "BODY": "[[BODY]]", "appendices": [{"number": 1, "title": "A"}]}
    started = time.perf_counter()
    try:
        render_template(template, context, "council.docx")
    except TemplateError:
        pass
    assert time.perf_counter() - started < 10


def test_jinja_typed_in_word_comes_back_as_literal_text(small_report: Path, tmp_path: Path) -> None:
    assert build(small_report).exit_code == 0
    annual = next(p for p in papers_in(small_report / "out") if "covering" not in p.name)
    document = Document(str(annual))
    typed = ("Typed: {{ council * 400000000 }}, {{ reviews.held }}, {{reviews.held}} and "
             "{{ profile.legal_status.other.value }}; {% for i in range(9) %}.")
    target = next(p for p in document.paragraphs if p.text.startswith("At 31"))
    target.add_run(" " + typed)
    edited = tmp_path / "edited.docx"
    document.save(str(edited))
    with Unchanged(small_report.parent, small_report / "sections", small_report / "out", small_report / "figures"):
        outcome = run_cli("import-edits", edited, small_report, "--write")
    assert outcome.exit_code == 0, outcome.output
    service = " ".join((small_report / "sections" / "service.yaml").read_text(encoding="utf-8").split())
    assert "{{ '{{' }} council * 400000000 }}, {{ reviews.held }}, {{ reviews.held }} and " \
           "{{ '{{' }} profile.legal_status.other.value }}" in service
    assert build(small_report).exit_code == 0
    rebuilt = [p.text for p in Document(str(annual)).paragraphs]
    assert any(text.endswith("Typed: {{ council * 400000000 }}, 1,290, 1,290 and {{ profile.legal_status.other.value }}; "
                             "{% for i in range(9) %}.") for text in rebuilt), rebuilt
