"""The placeholder language: what is accepted, what is refused and how the refusal reads."""

from __future__ import annotations

import pytest

from report_builder.expressions import ExpressionProblem, Names, Scope, check_expression, parse_expression
from report_builder.placeholders import placeholder_environment

NAMES = Names.of(["reviews.held", "profile.ethnicity_detailed.WBRI", "council.name"], ["ref"],
                 lists={"appendices": ["number", "title"]})
ENVIRONMENT = placeholder_environment()


def check(source: str, scope: Scope = Scope()) -> None:
    check_expression(parse_expression(source, ENVIRONMENT), NAMES, source, scope)


@pytest.mark.parametrize("source", [
    "reviews.held", "reviews['held']", "profile.ethnicity_detailed['WBRI']", "reviews.held | plural('review')",
    "reviews.held | plural('child', 'children') | capitalize", "ref('rate')", "'{{'", "council.name | upper",
], ids=["name", "item", "item-code", "filter", "filters", "function", "literal", "text-filter"])
def test_accepted(source: str) -> None:
    check(source)


@pytest.mark.parametrize(("source", "message"), [
    ("reviews.held.value", "unknown statistic 'reviews.held.value'"),
    ("reviews.held['value']", "unknown statistic 'reviews.held.value'"),
    ("reviews.held[0]", "an item must be a name in quotes"),
    ("reviews", "'reviews' is a group of figures, not one figure"),
    ("reviews.held | attr('value')", "unknown filter 'attr'"),
    ("reviews.held | plural(reviews.held)", "arguments must be written out in quotes"),
    ("10 ** 10", "arithmetic cannot be used"),
    ("council.name * 4", "arithmetic cannot be used"),
    ("[reviews.held]", "a list cannot be used"),
    ("reviews.held if reviews.held else 0", "'if … else' cannot be used"),
    ("reviews.held == 1", "a comparison cannot be used"),
    ("range(10)", "calls something that is not allowed"),
    ("''.join", "only a figure's name can have parts after a dot"),
    ("'x' * 300", "arithmetic"),
    ("'" + "x" * 300 + "'", "longer than 200 characters"),
    ("12345678901", "larger than 1,000,000,000"),
    ("(" * 13 + "reviews.held" + ")" * 13, "nests brackets more than 12 deep"),
    ("reviews.held" + " | lower" * 13, "nested too deeply"),
    ("x" * 1001, "more than the 1,000 allowed"),
    ("reviews.held }}{{ reviews.held", "is not one placeholder"),
], ids=["attribute", "item-attribute", "number-item", "group", "attr", "argument", "power", "repeat", "list",
        "conditional", "comparison", "range", "literal-attribute", "repeat-text", "long-literal", "big-number",
        "brackets", "deep", "long", "two"])
def test_refused(source: str, message: str) -> None:
    with pytest.raises(ExpressionProblem) as caught:
        check(source)
    assert message in caught.value.message


def test_a_condition_may_compare_and_a_loop_variable_names_its_fields() -> None:
    check("reviews.held == 1 and not council.name", Scope(condition=True))
    check("appendix.title", Scope(("appendix", frozenset({"number", "title"}))))
    check("loop.index", Scope(("appendix", frozenset({"number", "title"}))))
    with pytest.raises(ExpressionProblem):
        check("appendix.path", Scope(("appendix", frozenset({"number", "title"}))))
