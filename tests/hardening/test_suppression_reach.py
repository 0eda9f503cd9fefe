"""Class 1: no expression reaches a suppressed count, in narrative text or in any part of a council
template (body, table, text box, header, footer, footnote, endnote, core, custom and extended
properties), and `check` runs the template check.

The generated expressions are judged by a differential oracle: two sets of statistics differ only
in the counts a public paper hides (same totals, same cells hidden). Whatever an expression prints
must be the same for both, or it has reached a hidden number.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from docxtpl import DocxTemplate
from hypothesis import given
from hypothesis import strategies as st

from report_builder.compose.templates import render_template
from report_builder.errors import TemplateError
from report_builder.placeholders import PlaceholderProblem, Placeholders, namespace_tree
from report_builder.statistics.model import (
    Breakdown,
    Ceased,
    ChildrenLookedAfter,
    Period,
    Profile,
    Reviews,
    Started,
    Statistics,
)
from report_builder.statistics.vocabulary import values

from .conftest import Unchanged, clear_message, fuzz, papers_in, run_cli
from .hostile_docx import PLACES, template_with
from .yaml_text import quoted

LEGAL = {"interim_care_orders": 58, "full_care_orders": 282, "section_20": 74}
ETHNIC = {"WBRI": 310, "WIRI": 40, "MWBC": 22}


def statistics(hidden: tuple[int, int, int, int]) -> Statistics:
    """Return statistics whose hidden cells hold the given counts (two legal statuses, two ethnic codes)."""
    placement_orders, other, chne, aoth = hidden
    return Statistics(
        council="Northbridge", period=Period(year_ending=2025), source="aggregates",
        cla=ChildrenLookedAfter(at_start=431, at_end=452, population_0_17=58400),
        started=Started(total=168), ceased=Ceased(total=147), reviews=Reviews(held=1290, on_time=1198),
        profile=Profile(legal_status=Breakdown(counts={**LEGAL, "placement_orders": placement_orders, "other": other}),
                        ethnicity_detailed=Breakdown(counts={**ETHNIC, "CHNE": chne, "AOTH": aoth})),
    )


ONE, OTHER = statistics((3, 2, 1, 4)), statistics((4, 1, 2, 3))
"""Two years' statistics that differ only in what is hidden: the totals and the hidden cells are the same."""
HIDDEN = ["profile.legal_status.placement_orders", "profile.legal_status.other", "profile.ethnicity_detailed.CHNE",
          "profile.ethnicity_detailed.AOTH", "profile.legal_status.other_pct", "profile.ethnicity_detailed.CHNE_pct"]
BASES = [*HIDDEN, "profile.legal_status", "profile.ethnicity_detailed", "profile", "reviews.held", "council",
         "period.label", "x", "loop", "self", "''", "0", "cycler", "namespace"]
STEPS = [".value", "['value']", ".text", ".unsigned", ".change", ".one", ".known", ".counts", "._children",
         "['_children']", ".__dict__", ".__class__", ".__slots__", "[0]", "['placement_orders']", ".other",
         "['CHNE']", ".items()", ".values()", ".pct('other')", ".model_dump()", ".total", "|attr('value')",
         "|attr('_children')", "|abs", "|change_words", "|plural('child')", "|capitalize", "|lower", "|title",
         "|pprint", "|string", "|list", "|first", "|int", "|float", "|round", "|tojson", "|dictsort", "|sum",
         "|map(attribute='value')|list", "|selectattr('known')|list", "|format('%s')", "|default('x')", "|e",
         "|safe", "|attr('__dict__')"]
WRAPPERS = ["{}", "({})", "[{}][0]", "{} + 0", "{} * 1", "{} ~ ''", "({},)[0]", "{{'k': {}}}['k']",
            "{} if true else 0", "{} == 3", "-{}", "{}|abs|abs", "ref({})", "{}[{}]".format("{}", "'value'")]


@st.composite
def expressions(draw: st.DrawFn) -> str:
    """Return an expression that tries to get at what is behind a figure."""
    base = draw(st.sampled_from(BASES))
    steps = "".join(draw(st.lists(st.sampled_from(STEPS), max_size=4)))
    return draw(st.sampled_from(WRAPPERS)).format(base + steps)


def narrative(stats: Statistics, text: str) -> str:
    """Return the text rendered for the statistics, or 'refused' when a placeholder is refused."""
    try:
        return Placeholders(values(stats, public=True), {"ref": lambda name: f"Figure {name}"}).render(text)
    except PlaceholderProblem:
        return "refused"


@given(expressions())
@fuzz(400)
def test_no_expression_in_narrative_prints_a_hidden_count(expression: str) -> None:
    text = f"Before {{{{ {expression} }}}} after."
    shown = narrative(ONE, text)
    assert shown == narrative(OTHER, text), f"{text} reached a hidden count"
    assert not re.search(r"0x[0-9a-f]{6,}|Shown\(|Value\(|object at", shown)


DETAILS = {
    "council": {"name": "Northbridge", "directorate": "Children's Services"},
    "report": {"title": "IRO Annual Report", "service": "IRO Service"},
    "author": {"name": "A. Manager", "role": "Head of Service"},
    "document_control": {"agreed_by": "SLT", "date_agreed": "1 June 2025", "security_classification": "OFFICIAL",
                         "version": "1.0"},
}
"""The report's details the default template shows, so that only the expression under test can be refused."""


def template_text(template: bytes, stats: Statistics) -> str:
    """Return every text of the rendered template (body, headers, notes, properties), or 'refused'."""
    from report_builder.template_places import template_places

    context = {**namespace_tree(values(stats, public=True)), **DETAILS, "BODY": "[[BODY]]",
               "appendices": [{"number": 1, "title": "Annual report"}]}
    try:
        document = render_template(DocxTemplate(io.BytesIO(template)), context, "council.docx")
    except TemplateError as error:
        assert all(str(p).startswith("council.docx: ") for p in error.problems)
        return "refused"
    return "\n".join(place.text for place in template_places(document))


@given(expressions())
@fuzz(40)
def test_no_expression_in_any_part_of_a_template_prints_a_hidden_count(expression: str) -> None:
    template = template_with(f"{{{{ {expression} }}}}")
    shown = template_text(template, ONE)
    assert shown == template_text(template, OTHER), f"{expression} reached a hidden count"
    assert shown == "refused" or "Header: " in shown
    assert not re.search(r"0x[0-9a-f]{6,}|Shown\(|Value\(|object at", shown)


OPERATORS = ["==", "!=", "<", ">", "<=", ">=", "is", "in"]
SIDES = [*HIDDEN, "reviews.held", "council.name", "loop.index", "0", "2", "3", "'fewer than 6'", "'c'", "none"]


@st.composite
def conditions(draw: st.DrawFn) -> str:
    """Return a template condition that tries to choose a part by a hidden count."""
    left = draw(st.sampled_from(SIDES)) + "".join(draw(st.lists(st.sampled_from(STEPS[:12]), max_size=1)))
    joined = f"{left} {draw(st.sampled_from(OPERATORS))} {draw(st.sampled_from(SIDES))}"
    return draw(st.sampled_from(["{}", "not {}", "{} and reviews.held", "council.name or {}"])).format(joined)


@given(conditions())
@fuzz(40)
def test_no_condition_in_a_template_chooses_a_part_by_a_hidden_count(condition: str) -> None:
    template = template_with(f"{{% if {condition} %}}yes{{% else %}}no{{% endif %}}", ("paragraph", "header"))
    shown = template_text(template, ONE)
    assert shown == template_text(template, OTHER), f"{condition} chose a part by a hidden count"
    assert shown == "refused" or re.search(r"Header: (yes|no)", shown)


def test_a_comparison_by_size_of_a_figure_is_refused_where_it_is_and_by_what_it_prints_is_not(
        small_report: Path) -> None:
    use_template(small_report, template_with("{% if profile.legal_status.other > 2 %}many{% endif %}", ("header",)))
    outcome = run_cli("template", "check", small_report / "council.docx")
    assert outcome.exit_code == 1
    assert "council.docx: section 1 header, paragraph 2: a placeholder is not allowed: a figure cannot be " \
           "compared by size" in outcome.stderr, outcome.output
    text = template_text(template_with("{% if profile.legal_status.other == 'fewer than 6' %}few{% endif %}"
                                       "{% if reviews.held == '1,290' %}, 1,290 held{% endif %}", ("header",)), ONE)
    assert "Header: few, 1,290 held" in text


def test_the_oracle_sees_a_hidden_count_when_one_is_printed() -> None:
    assert "Header: fewer than 6" in template_text(template_with("{{ profile.legal_status.other }}"), ONE)
    public = values(ONE, public=True)["profile.legal_status.placement_orders"]
    assert public.suppressed and str(public) == "fewer than 6"
    assert values(ONE, public=False)["profile.legal_status.placement_orders"].value != \
        values(OTHER, public=False)["profile.legal_status.placement_orders"].value
    assert narrative(ONE, "{{ profile.legal_status.placement_orders }}") == "fewer than 6"
    assert Placeholders(values(ONE, public=False)).render("{{ profile.legal_status.placement_orders }}") != \
        Placeholders(values(OTHER, public=False)).render("{{ profile.legal_status.placement_orders }}")


PROBES = {
    "item after a figure": "{{ profile.ethnicity_detailed.CHNE['value'] }}",
    "attribute after a figure": "{{ profile.legal_status.placement_orders.value }}",
    "attr filter": "{{ profile.legal_status.other|attr('value') }}",
    "item lookup of the group": "{{ profile.legal_status['placement_orders']['value'] }}",
    "the object behind": "{{ profile.legal_status.other.__dict__ }}",
}


@pytest.mark.parametrize("probe", PROBES.values(), ids=PROBES.keys())
def test_a_probe_in_narrative_is_refused_where_it_is(small_report: Path, probe: str) -> None:
    path = small_report / "sections" / "service.yaml"
    lines = path.read_text(encoding="utf-8").count("\n")
    path.write_text(path.read_text(encoding="utf-8") + f"  - {quoted(f'The count is {probe}.')}\n", encoding="utf-8")
    with Unchanged(small_report.parent, small_report / "out", small_report / "figures"):
        for command in ("build", "check"):
            outcome = run_cli(command, small_report, *(["--out", small_report / "out", "--figures",
                                                        small_report / "figures", "--draft"]
                                                       if command == "build" else ["--no-documents"]))
            assert outcome.exit_code == 1 and "error:" in outcome.output, outcome.output
            assert f"sections/service.yaml:{lines + 1}:" in outcome.output, outcome.output
    assert not papers_in(small_report / "out")


def use_template(report: Path, template: bytes) -> None:
    """Make the report use the template bytes as its council's annual report template."""
    (report / "council.docx").write_bytes(template)
    path = report / "council.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("annual_report: default", "annual_report: council.docx"), encoding="utf-8")


@pytest.mark.parametrize("probe", PROBES.values(), ids=PROBES.keys())
def test_a_probe_in_every_part_of_a_template_is_found_by_check_and_stops_the_build(small_report: Path,
                                                                                   probe: str) -> None:
    use_template(small_report, template_with(probe))
    with Unchanged(small_report.parent, small_report / "out", small_report / "figures"):
        for command in (["template", "check", small_report / "council.docx"], ["check", small_report]):
            outcome = run_cli(*command)
            assert outcome.exit_code == 1 and "error:" in outcome.output, outcome.output
            places = ["paragraph 8:", "paragraph 9, text box:", "table 2, row 1, cell 2:", "section 1 header, paragraph 2:",
                      "section 1 footer, paragraph 2:", "footnote 1, paragraph 1:", "endnote 1, paragraph 1:",
                      "document property 'comments':", "custom property 'Reference':",
                      "extended property 'Company':"]
            assert len(places) == len(PLACES)
            for place in places:
                assert f"council.docx: {place}" in outcome.output, (place, outcome.output)
        outcome = run_cli("build", small_report, "--out", small_report / "out", "--figures", small_report / "figures",
                          "--draft")
        clear_message(outcome)
        assert "council.docx: " in outcome.stderr
    assert not papers_in(small_report / "out")


def test_every_part_of_a_template_is_filled_with_what_may_be_printed(small_report: Path) -> None:
    use_template(small_report, template_with("{{ profile.legal_status.other }} of {{ council.name }}"))
    assert run_cli("template", "check", small_report / "council.docx").exit_code == 0
    outcome = run_cli("build", small_report, "--out", small_report / "out", "--figures", small_report / "figures",
                      "--draft")
    assert outcome.exit_code == 0, outcome.output
    from docx import Document

    from report_builder.template_places import template_places

    annual = next(p for p in (small_report / "out").glob("*.docx") if "covering" not in p.name)
    texts = {place.where: place.text for place in template_places(Document(str(annual)))}
    filled = [where for where, text in texts.items() if "fewer than 6 of Northbridge City Council" in text]
    assert len(filled) == len(PLACES) + 1, texts  # two core properties: comments and category
    assert not any("{{" in text for text in texts.values())
