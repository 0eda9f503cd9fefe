"""Placeholders in narrative text: `{{ reviews.held }}` becomes '1,469', never typed twice.

Only `{{ … }}` is a placeholder; everything else in the text (`{`, `}`, `{%`, `&`, `<`) is kept
exactly as written, and `{{ '{{' }}` writes two braces. Each placeholder is checked against the
placeholder language (`expressions.py`) and the vocabulary before anything is worked out, then
evaluated here node by node: names look up figures, filters and functions are the documented ones.

What a placeholder (or a Word template) can reach is a `Shown` figure: the text it prints and the
variants the filters print, and nothing else. A count hidden in a public paper becomes "fewer than 6"
before any placeholder sees it, so no expression can get at the number behind it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from jinja2 import StrictUndefined, nodes
from jinja2.filters import do_capitalize, do_title
from jinja2.sandbox import ImmutableSandboxedEnvironment

from report_builder.content.validation import suggest
from report_builder.expressions import (
    FILTERS,
    ExpressionProblem,
    Names,
    check_expression,
    dotted_name,
    parse_expression,
    shown,
)
from report_builder.statistics.vocabulary import Value, is_known_name, no_value

PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)
PlaceholderProblem = ExpressionProblem
"""Raised when a placeholder cannot be resolved; the message says what and how to fix it."""
ALLOWED_FILTERS = FILTERS


@dataclass(frozen=True, slots=True, eq=False)
class Shown:
    """A figure as placeholders see it: only what may be printed.

    `text` is how it prints; `unsigned` how it prints without a minus sign (the abs filter),
    `change` as words ("a rise of 3"), `one` whether a noun after it is singular, and `known`
    whether there is a value at all. A suppressed count has all of these as "fewer than 6" or "c".
    """

    text: str
    unsigned: str
    change: str
    one: bool
    known: bool

    def __str__(self) -> str:
        return self.text

    def __eq__(self, other: object) -> bool:
        """Return whether other prints the same (a template's `{% if x == 'text' %}` compares what is printed)."""
        if isinstance(other, (Shown, str)):
            return self.text == str(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.text)


def shown_figure(value: Value) -> Shown:
    """Return what placeholders may print of a figure."""
    number = isinstance(value.value, (int, float)) and not isinstance(value.value, bool)
    if value.suppressed or not number:
        text = str(value)
        return Shown(text, text, text, False, value.value is not None)
    return Shown(str(value), str(abs(value)), value.change_words(), value.value == 1, True)


def shown_figures(figures: Mapping[str, Value]) -> dict[str, Shown]:
    """Return what placeholders may print of each figure, by name."""
    return {name: shown_figure(value) for name, value in figures.items()}


class Namespace:
    """A dotted level of the vocabulary (`reviews` in `reviews.held`): its children by name only."""

    __slots__ = ("_children",)

    def __init__(self, children: dict[str, Any]):
        self._children = children

    def __getattr__(self, name: str) -> Any:
        try:
            return self._children[name]
        except KeyError:
            raise AttributeError(name) from None

    def __getitem__(self, name: str) -> Any:
        return self._children[name]


def namespace_children(namespace: Namespace) -> dict[str, Any]:
    """Return a Namespace's children by name (for code; placeholders reach them only by name)."""
    return namespace._children


def namespace_tree(flat: Mapping[str, Any]) -> dict[str, Any]:
    """Return nested Namespaces from dotted names, each figure as it may be shown."""
    root: dict[str, Any] = {}
    for name, value in flat.items():
        parts = name.split(".")
        level = root
        for part in parts[:-1]:
            level = level.setdefault(part, {})
            if not isinstance(level, dict):
                break
        else:
            level[parts[-1]] = shown_figure(value) if isinstance(value, Value) else value
    return {key: _wrap(value) for key, value in root.items()}


def _wrap(value: Any) -> Any:
    return Namespace({k: _wrap(v) for k, v in value.items()}) if isinstance(value, dict) else value


class RefusingUndefined(StrictUndefined):
    """StrictUndefined that also refuses to show itself inside a list or dict ("[Undefined]").

    The sandbox answers a forbidden attribute with an undefined value; this makes every such answer
    raise, wherever it ends up.
    """

    __repr__ = StrictUndefined._fail_with_undefined_error


def _figure(value: Any, filter_name: str) -> Shown:
    """Return the value when it is a figure; raise ExpressionProblem naming the filter otherwise."""
    if not isinstance(value, Shown):
        raise ExpressionProblem(f"the filter '{filter_name}' works on a figure",
                                f"for example {{{{ reviews.held | {filter_name} }}}}")
    return value


def _abs(value: Any) -> Shown:
    """Return the figure without its minus sign."""
    figure = _figure(value, "abs")
    return Shown(figure.unsigned, figure.unsigned, figure.change, figure.one, figure.known)


def _change_words(value: Any) -> str:
    """Return a change as words: 'a rise of 19', 'a fall of 1.8%' or 'no change'."""
    return _figure(value, "change_words").change


def _plural(value: Any, singular: str = "", plural: str | None = None) -> str:
    """Return the figure with its noun: '1 review', '1,290 reviews', 'fewer than 6 children'."""
    figure = _figure(value, "plural")
    if not isinstance(singular, str) or not singular or not isinstance(plural, (str, type(None))):
        raise ExpressionProblem("the filter 'plural' needs the noun in quotes", "for example {{ reviews.held | "
                                "plural('review') }} or {{ started.total | plural('child', 'children') }}")
    return f"{figure} {singular if figure.one else plural or singular + 's'}"


TEXT_FILTERS: dict[str, Callable[[str], str]] = {
    "lower": str.lower, "upper": str.upper, "capitalize": do_capitalize, "title": do_title}
PLACEHOLDER_FILTERS: dict[str, Callable[..., Any]] = {
    "abs": _abs, "change_words": _change_words, "plural": _plural,
    **{name: (lambda function: lambda value: function(str(value)))(function) for name, function in TEXT_FILTERS.items()},
}
"""The documented filters, shared by narrative text and Word templates."""


def placeholder_environment(**options: Any) -> ImmutableSandboxedEnvironment:
    """Return a sandboxed Jinja environment with only the documented filters and no globals."""
    environment = ImmutableSandboxedEnvironment(undefined=RefusingUndefined, **options)
    environment.filters = dict(PLACEHOLDER_FILTERS)
    environment.tests = {}
    environment.globals = {}
    return environment


class Placeholders:
    """Resolves the placeholders in narrative text against the statistics vocabulary."""

    def __init__(self, values: Mapping[str, Value], functions: dict[str, Callable[..., str]] | None = None):
        self.values = values
        self.functions = functions or {}
        self.figures = shown_figures(values)
        self.names = Names.of(values, self.functions,
                              absent=lambda name: no_value(name, values) if is_known_name(name) else None)
        self.environment = placeholder_environment()
        self._trees: dict[str, nodes.Expr] = {}

    def render(self, text: str) -> str:
        """Return text with each placeholder replaced by its formatted value.

        Raises PlaceholderProblem for the first placeholder that is unknown, has no value or is not allowed.
        """
        return PLACEHOLDER.sub(lambda match: self._evaluate(match.group(1).strip()), text)

    def problems(self, text: str) -> list[PlaceholderProblem]:
        """Return a problem for every placeholder in text that cannot be resolved."""
        found = []
        for match in PLACEHOLDER.finditer(text):
            try:
                self._evaluate(match.group(1).strip())
            except PlaceholderProblem as problem:
                found.append(problem)
        return found

    def _evaluate(self, expression: str) -> str:
        """Return the value of one placeholder's expression, formatted."""
        figure = self.figures.get(expression)
        if figure is None:  # anything but a figure's name alone, the usual case
            figure = self._value(self._tree(expression), expression)
        if isinstance(figure, Shown) and not figure.known:
            raise PlaceholderProblem(*no_value(expression, self.values))
        return str(figure)

    def _tree(self, expression: str) -> nodes.Expr:
        """Return the expression's checked syntax tree (each distinct expression parsed once).

        Raises PlaceholderProblem when it is not in the placeholder language or names what does not exist.
        """
        tree = self._trees.get(expression)
        if tree is None:
            tree = parse_expression(expression, self.environment)
            check_expression(tree, self.names, expression)
            self._trees[expression] = tree
        return tree

    def _value(self, node: nodes.Expr, expression: str) -> Any:
        """Return the value of a checked expression's node: a figure, a text or a literal."""
        if isinstance(node, nodes.Const):
            return node.value
        if isinstance(node, nodes.Filter):
            arguments = [argument.value for argument in node.args]  # type: ignore[attr-defined]
            return PLACEHOLDER_FILTERS[node.name](self._value(node.node, expression), *arguments)  # type: ignore[arg-type]
        if isinstance(node, nodes.Call):
            arguments = [argument.value for argument in node.args]  # type: ignore[attr-defined]
            return self.functions[node.node.name](*arguments)  # type: ignore[attr-defined]
        name = dotted_name(node, expression)
        if name not in self.figures:
            raise PlaceholderProblem(f"'{name}' is a group of figures, not one figure",
                                     suggest(name, self._names_under(name), "figures"))
        if not self.figures[name].known:
            raise PlaceholderProblem(*no_value(name, self.values))
        return self.figures[name]

    def _names_under(self, prefix: str) -> list[str]:
        return sorted(name for name in self.values if name.startswith(prefix + "."))


__all__ = ["PLACEHOLDER", "Namespace", "PlaceholderProblem", "Placeholders", "RefusingUndefined", "Shown",
           "namespace_children", "namespace_tree", "placeholder_environment", "shown", "shown_figures"]
