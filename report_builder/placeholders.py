"""Placeholders in narrative text: `{{ reviews.held }}` becomes '1,469', never typed twice.

Only `{{ … }}` expressions are evaluated, in a sandboxed Jinja2 environment with strict undefined
names; everything else in the text (`{`, `}`, `{%`, `&`, `<`) is kept exactly as written. Names are
checked against the vocabulary before anything runs, so a typo is reported with a suggestion.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from jinja2 import StrictUndefined, nodes
from jinja2.exceptions import SecurityError, TemplateError as JinjaTemplateError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from report_builder.content.validation import suggest
from report_builder.statistics.vocabulary import Value, is_known_name, no_value

PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)
PLAIN_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$")
ALLOWED_FILTERS = ("abs", "change_words", "plural", "lower", "upper", "capitalize", "title")


class Namespace:
    """A dotted level of the vocabulary (`reviews` in `reviews.held`): its children by name only."""

    def __init__(self, children: dict[str, Any]):
        self._children = children

    def __getattr__(self, name: str) -> Any:
        try:
            return self._children[name]
        except KeyError:
            raise AttributeError(name) from None

    def __getitem__(self, name: str) -> Any:
        return self._children[name]


def namespace_tree(flat: dict[str, Any]) -> dict[str, Any]:
    """Return nested Namespaces from dotted names."""
    root: dict[str, Any] = {}
    for name, value in flat.items():
        parts = name.split(".")
        level = root
        for part in parts[:-1]:
            level = level.setdefault(part, {})
            if not isinstance(level, dict):
                break
        else:
            level[parts[-1]] = value
    return {key: _wrap(value) for key, value in root.items()}


def _wrap(value: Any) -> Any:
    return Namespace({k: _wrap(v) for k, v in value.items()}) if isinstance(value, dict) else value


class RefusingUndefined(StrictUndefined):
    """StrictUndefined that also refuses to show itself inside a list or dict ("[Undefined]").

    The sandbox answers a forbidden attribute with an undefined value; this makes every such answer
    raise, wherever it ends up.
    """

    __repr__ = StrictUndefined._fail_with_undefined_error


class PlaceholderProblem(Exception):
    """Raised when a placeholder cannot be resolved; the message says what and how to fix it."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint


class Placeholders:
    """Resolves the placeholders in narrative text against the statistics vocabulary."""

    def __init__(self, values: dict[str, Value], functions: dict[str, Callable[..., str]] | None = None):
        self.values = values
        self.functions = functions or {}
        self.environment = ImmutableSandboxedEnvironment(undefined=RefusingUndefined, autoescape=False)
        self.environment.filters = {name: self.environment.filters[name] for name in ALLOWED_FILTERS
                                    if name in self.environment.filters}
        self.environment.filters["change_words"] = _change_words
        self.environment.filters["plural"] = _plural
        self.environment.globals = {}
        self.context = {**namespace_tree(values), **self.functions}
        self.prefixes = {".".join(name.split(".")[:i]) for name in values for i in range(1, name.count(".") + 1)}

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
        plain = self.values.get(expression) if PLAIN_NAME.match(expression) else None
        if plain is not None and plain.value is not None:
            return str(plain)  # a figure's name alone, the usual case: no expression to compile
        self._check_names(expression)
        try:
            result = self.environment.compile_expression(expression, undefined_to_none=False)(**self.context)
        except SecurityError:
            raise PlaceholderProblem(f"'{{{{ {expression} }}}}' is not allowed", "a placeholder names a figure, "
                                     "for example {{ reviews.held }}") from None
        except UndefinedError as error:
            raise PlaceholderProblem(f"unknown name in '{{{{ {expression} }}}}': {error}") from None
        except (JinjaTemplateError, TypeError, ValueError) as error:
            raise PlaceholderProblem(f"cannot work out '{{{{ {expression} }}}}': {error}",
                                     "write a figure's name, for example {{ reviews.on_time_pct }}") from None
        if isinstance(result, Value) and result.value is None:
            raise PlaceholderProblem(
                f"'{expression}' has no value for this report",
                "give the figure in statistics.yaml (or the data it is computed from), or remove the placeholder",
            )
        if isinstance(result, Namespace):
            raise PlaceholderProblem(f"'{expression}' is a group of figures, not one figure",
                                     suggest(expression, self._names_under(expression), "figures"))
        try:
            return str(result)
        except (SecurityError, UndefinedError):  # a refused attribute is only refused when shown
            raise PlaceholderProblem(f"'{{{{ {expression} }}}}' is not allowed", "a placeholder names a figure, "
                                     "for example {{ reviews.held }}") from None

    def _check_names(self, expression: str) -> None:
        """Check every dotted name in the expression against the vocabulary."""
        try:
            tree = self.environment.parse(f"{{{{ {expression} }}}}")
        except JinjaTemplateError as error:
            raise PlaceholderProblem(f"'{{{{ {expression} }}}}' is not a valid placeholder: {error.message}",
                                     "write a figure's name, for example {{ reviews.held }}") from None
        for filter_node in tree.find_all(nodes.Filter):
            if filter_node.name not in ALLOWED_FILTERS:
                raise PlaceholderProblem(f"unknown filter '{filter_node.name}' in '{{{{ {expression} }}}}'",
                                         f"available filters: {', '.join(ALLOWED_FILTERS)}")
        for call in tree.find_all(nodes.Call):
            if not (isinstance(call.node, nodes.Name) and call.node.name in self.functions):
                raise PlaceholderProblem(f"'{{{{ {expression} }}}}' calls something that is not allowed",
                                         f"available functions: {', '.join(self.functions) or 'none'}")
        for name in dotted_names(tree):
            if name not in self.values and name not in self.functions and name not in self.prefixes:
                if is_known_name(name):  # a comparator not in the comparators file, say
                    raise PlaceholderProblem(*no_value(name, self.values))
                raise PlaceholderProblem(f"unknown statistic '{name}'", suggest(name, sorted(self.values), "names"))
            if name in self.values and self.values[name].value is None:
                raise PlaceholderProblem(*no_value(name, self.values))

    def _names_under(self, prefix: str) -> list[str]:
        return sorted(name for name in self.values if name.startswith(prefix + "."))


def _change_words(value: Any) -> str:
    """Return a change as words: 'a rise of 19', 'a fall of 1.8%' or 'no change'."""
    if not isinstance(value, Value):
        raise ValueError("change_words works on a figure, e.g. {{ cla.change | change_words }}")
    return value.change_words()


def _plural(value: Any, singular: str, plural: str | None = None) -> str:
    """Return the figure with its noun: '1 review', '1,290 reviews', 'fewer than 6 children'."""
    if not isinstance(value, Value):
        raise ValueError("plural works on a figure, e.g. {{ reviews.held | plural('review') }}")
    one = not value.suppressed and value.value == 1
    return f"{value} {singular if one else plural or singular + 's'}"


def dotted_names(tree: nodes.Node) -> list[str]:
    """Return the longest dotted names (a.b.c) in an expression tree."""
    names = []
    inner = {id(n.node) for n in tree.find_all(nodes.Getattr)}
    for node in tree.find_all((nodes.Getattr, nodes.Name)):
        if id(node) in inner:
            continue
        parts = []
        current: Any = node
        while isinstance(current, nodes.Getattr):
            parts.append(current.attr)
            current = current.node
        if isinstance(current, nodes.Name):
            parts.append(current.name)
            names.append(".".join(reversed(parts)))
    return names
