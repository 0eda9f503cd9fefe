"""The placeholder language: what may stand between `{{` and `}}`, and in a template's `{% %}`.

A placeholder is a figure's name (`reviews.held`, `profile.ethnicity_detailed['WBRI']`), perhaps
followed by the documented filters with literal arguments (`| plural('review')`), or a documented
function called with literals (`ref('review_timeliness')`). A Word template may also repeat a part
for each appendix (`{% for appendix in appendices %}`) and choose a part (`{% if committee.name %}`,
with `not`, `and`, `or` and comparisons).

Every expression is parsed into Jinja's syntax tree and checked here, node by node, before anything
is evaluated or compiled: a node that is not in the language (arithmetic, lists, slicing, calls of
anything else, `set`, `include`, `macro` and the rest) is refused, and every name, attribute and item
is checked against the names that exist, so nothing that is not a figure can be reached. What is left
cannot compute anything, loop more than once over the appendices, or grow beyond its values.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from jinja2 import Environment, nodes
from jinja2.exceptions import TemplateSyntaxError

from report_builder.content.validation import suggest

FILTERS = ("abs", "change_words", "plural", "lower", "upper", "capitalize", "title")
"""The documented filters, in the order the README gives them."""
MAX_LENGTH = 1000
"""The longest expression accepted, in characters (a real one is under 100)."""
MAX_DEPTH = 12
"""The deepest nesting of an expression's tree (a name, three filters and an argument is 5)."""
MAX_BLOCKS = 12
"""The deepest nesting of `{% if %}` and `{% for %}` in a template (Jinja's parser recurses on them)."""
MAX_LITERAL = 200
"""The longest text literal, in characters."""
MAX_NUMBER = 10**9
"""The largest number literal."""
STATEMENTS: dict[type[nodes.Node], str] = {
    nodes.Assign: "set", nodes.AssignBlock: "set", nodes.Macro: "macro", nodes.CallBlock: "call",
    nodes.Include: "include", nodes.Import: "import", nodes.FromImport: "from … import", nodes.Extends: "extends",
    nodes.Block: "block", nodes.FilterBlock: "filter", nodes.With: "with", nodes.ExprStmt: "do",
}
"""How a user writes each statement a template may not hold."""
LOOP_FIELDS = frozenset({"index", "index0", "first", "last", "length", "revindex", "revindex0"})
"""What `loop.` gives inside a template's `{% for %}`."""
KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
NAME_HINT = "a placeholder names a figure, for example {{ reviews.held }}"
COMPARISONS = frozenset({"eq", "ne", "lt", "gt", "lteq", "gteq"})
ORDERINGS = frozenset({"lt", "gt", "lteq", "gteq"})
"""Comparisons by size: only of literals and `loop.` numbers, never of a figure."""
CONDITION_HINT = "test a name ({% if committee.agenda_item %}) or compare what it prints ({% if x == 'text' %})"
WHAT: dict[type[nodes.Node], str] = {
    nodes.BinExpr: "arithmetic", nodes.UnaryExpr: "arithmetic", nodes.Concat: "joining with ~",
    nodes.List: "a list", nodes.Tuple: "a list", nodes.Dict: "a dictionary", nodes.CondExpr: "'if … else'",
    nodes.Slice: "slicing", nodes.Test: "a test with 'is'", nodes.Compare: "a comparison",
    nodes.Call: "calling something", nodes.Filter: "a filter", nodes.Getitem: "looking up an item",
}


class ExpressionProblem(Exception):
    """Raised when an expression is not in the placeholder language; the message says what and how to fix it."""

    def __init__(self, message: str, hint: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.line = line
        """The line of a whole template's text the expression is on, when checked as part of one."""


@dataclass(frozen=True)
class Names:
    """The names an expression may use: figures it can show, groups of them, functions and lists.

    `unknown` is the word used for a name that is none of these ("statistic" in narrative text,
    "placeholder" in a template).
    """

    figures: frozenset[str]
    groups: frozenset[str] = frozenset()
    functions: frozenset[str] = frozenset()
    lists: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Each list a template may loop over, with the fields of its items."""
    unknown: str = "statistic"
    absent: Callable[[str], tuple[str, str] | None] | None = field(default=None, compare=False)
    """For a name that is none of these, the message and hint when it is a real name with no value
    this year (a comparator not in the comparators file, say), or None when it is misspelt."""

    @classmethod
    def of(cls, dotted: Iterable[str], functions: Iterable[str] = (), lists: Mapping[str, Iterable[str]] | None = None,
           unknown: str = "statistic", absent: Callable[[str], tuple[str, str] | None] | None = None) -> Names:
        """Return the names of a flat vocabulary (`a.b.c`), its groups being every proper prefix."""
        figures = frozenset(dotted)
        groups = frozenset(".".join(name.split(".")[:i]) for name in figures for i in range(1, name.count(".") + 1))
        return cls(figures, groups, frozenset(functions),
                   {name: frozenset(fields) for name, fields in (lists or {}).items()}, unknown, absent)


@dataclass(frozen=True)
class Scope:
    """Where in a template a node stands: the loop variable in force, if any, and whether in a condition."""

    loop: tuple[str, frozenset[str]] | None = None
    condition: bool = False


def shown(source: str) -> str:
    """Return an expression as quoted in a message: `'{{ x }}'`, shortened when long ('a placeholder' if unknown)."""
    text = " ".join(source.split())
    if not text:
        return "a placeholder"
    return f"'{{{{ {text[:80]}{'…' if len(text) > 80 else ''} }}}}'"


def parse_expression(source: str, environment: Environment) -> nodes.Expr:
    """Return the syntax tree of one placeholder's expression (what stands between the braces).

    Raises ExpressionProblem when it is too long, nests too deeply or is not valid syntax.
    """
    if len(source) > MAX_LENGTH:
        raise ExpressionProblem(f"the placeholder {shown(source)} is {len(source):,} characters long, "
                                f"more than the {MAX_LENGTH:,} allowed", NAME_HINT)
    _check_brackets(source, environment)
    try:
        tree = environment.parse(f"{{{{ {source} }}}}")
    except TemplateSyntaxError as error:
        raise ExpressionProblem(f"{shown(source)} is not a valid placeholder: {error.message}",
                                "write a figure's name, for example {{ reviews.held }}") from None
    outputs = [node for node in tree.body if not _blank(node)]
    if len(outputs) != 1 or not isinstance(outputs[0], nodes.Output) or len(outputs[0].nodes) != 1:
        raise ExpressionProblem(f"{shown(source)} is not one placeholder", "write {{ name }} around each figure")
    expression = outputs[0].nodes[0]
    if isinstance(expression, nodes.TemplateData):
        raise ExpressionProblem(f"{shown(source)} is not one placeholder", "write {{ name }} around each figure")
    return expression


def _blank(node: nodes.Node) -> bool:
    """Return whether a node is only text with nothing in it."""
    return isinstance(node, nodes.Output) and all(isinstance(n, nodes.TemplateData) and not n.data.strip()
                                                  for n in node.nodes)


def _check_brackets(source: str, environment: Environment) -> None:
    """Raise ExpressionProblem when brackets nest deeper than MAX_DEPTH (Jinja's parser recurses on them)."""
    depth = 0
    try:
        for _line, kind, value in environment.lex(f"{{{{ {source} }}}}"):
            if kind == "operator" and value in "([{":
                depth += 1
                if depth > MAX_DEPTH:
                    raise ExpressionProblem(f"{shown(source)} nests brackets more than {MAX_DEPTH} deep", NAME_HINT)
            elif kind == "operator" and value in ")]}":
                depth -= 1
    except TemplateSyntaxError as error:
        raise ExpressionProblem(f"{shown(source)} is not a valid placeholder: {error.message}",
                                "write a figure's name, for example {{ reviews.held }}") from None


def nested_too_deeply(word: str) -> ExpressionProblem:
    """Return the problem of a `{% if %}` or `{% for %}` inside more than MAX_BLOCKS others."""
    return ExpressionProblem(f"'{{% {word} %}}' is inside more than {MAX_BLOCKS} others",
                             "close each {% if %} and {% for %} before opening many more")


def check_block_depth(source: str, environment: Environment) -> None:
    """Check, from its tokens alone, that a whole template nests `{% if %}` and `{% for %}` at most
    MAX_BLOCKS deep, so that parsing it cannot recurse without end.

    Raises ExpressionProblem, with its line, for the first block too deep (or for text Jinja cannot read).
    """
    depth, after_begin = 0, False
    try:
        for line, kind, value in environment.lex(source):
            if after_begin and kind == "name":
                depth += {"if": 1, "for": 1, "endif": -1, "endfor": -1}.get(value, 0)
                if depth > MAX_BLOCKS:
                    problem = nested_too_deeply(value)
                    problem.line = line
                    raise problem
            if kind != "whitespace":
                after_begin = kind == "block_begin"
    except TemplateSyntaxError as error:
        raise ExpressionProblem(f"template syntax error: {error.message}",
                                "write a figure's name, for example {{ council.name }}", error.lineno) from None


def check_expression(node: nodes.Expr, names: Names, source: str, scope: Scope = Scope()) -> None:
    """Check that an expression is in the placeholder language and names only what exists.

    Raises ExpressionProblem for the first node that is not allowed or name that is unknown.
    """
    _check(node, names, source, scope, depth=0, shows=not scope.condition)


def _check(node: nodes.Node, names: Names, source: str, scope: Scope, depth: int, shows: bool) -> None:
    """Check one node and those under it; `shows` says whether its value is printed (not a group)."""
    if depth > MAX_DEPTH:
        raise ExpressionProblem(f"{shown(source)} is nested too deeply", NAME_HINT)
    if isinstance(node, (nodes.Name, nodes.Getattr, nodes.Getitem)):
        _check_name(dotted_name(node, source), names, source, scope, shows)
    elif isinstance(node, nodes.Const):
        _check_literal(node, source)
    elif isinstance(node, nodes.Filter):
        _check_filter(node, names, source, scope, depth)
    elif isinstance(node, nodes.Call):
        _check_call(node, names, source)
    elif scope.condition and isinstance(node, (nodes.And, nodes.Or)):
        _check(node.left, names, source, scope, depth + 1, shows=False)
        _check(node.right, names, source, scope, depth + 1, shows=False)
    elif scope.condition and isinstance(node, nodes.Not):
        _check(node.node, names, source, scope, depth + 1, shows=False)
    elif scope.condition and isinstance(node, nodes.Compare) and all(o.op in COMPARISONS for o in node.ops):
        operands = (node.expr, *(o.expr for o in node.ops))
        if any(o.op in ORDERINGS for o in node.ops) and not all(_orderable(o) for o in operands):
            raise ExpressionProblem(f"{shown(source)} is not allowed: a figure cannot be compared by size "
                                    "(a hidden count must not choose what is printed)", CONDITION_HINT)
        for operand in operands:
            _check(operand, names, source, scope, depth + 1, shows=True)
    else:
        raise _not_allowed(node, source)


def _orderable(node: nodes.Node) -> bool:
    """Return whether a comparison by size may use the node: a literal number or a field of `loop`."""
    if isinstance(node, nodes.Const):
        return isinstance(node.value, (int, float)) and not isinstance(node.value, bool)
    return isinstance(node, nodes.Getattr) and isinstance(node.node, nodes.Name) and node.node.name == "loop"


def _not_allowed(node: nodes.Node, source: str) -> ExpressionProblem:
    """Return the problem for a node outside the language, naming what it is in plain words."""
    what = next((words for kind, words in WHAT.items() if isinstance(node, kind)), "this")
    return ExpressionProblem(f"{shown(source)} is not allowed: {what} cannot be used in a placeholder",
                             f"{NAME_HINT}, perhaps with a filter ({', '.join(FILTERS)})")


def dotted_name(node: nodes.Node, source: str) -> str:
    """Return the dotted name a chain of names, attributes and items spells (`a.b['c']` is 'a.b.c').

    Raises ExpressionProblem when an item is not a literal name or the chain starts from something else.
    """
    parts: list[str] = []
    current = node
    while not isinstance(current, nodes.Name):
        if isinstance(current, nodes.Getattr):
            parts.append(current.attr)
        elif isinstance(current, nodes.Getitem) and isinstance(current.arg, nodes.Const) \
                and isinstance(current.arg.value, str) and KEY.match(current.arg.value):
            parts.append(current.arg.value)
        elif isinstance(current, nodes.Getitem):
            raise ExpressionProblem(f"{shown(source)} is not allowed: an item must be a name in quotes",
                                    "for example {{ profile.ethnicity_detailed['WBRI'] }}")
        else:
            raise ExpressionProblem(f"{shown(source)} is not allowed: only a figure's name can have parts "
                                    "after a dot", NAME_HINT)
        current = current.node  # type: ignore[attr-defined]
    parts.append(current.name)
    return ".".join(reversed(parts))


def _check_name(name: str, names: Names, source: str, scope: Scope, shows: bool) -> None:
    """Check a dotted name against the names that exist (and the loop variable in force)."""
    if scope.loop is not None:
        variable, fields = scope.loop
        head, _, rest = name.partition(".")
        if head == variable and rest in fields or head == "loop" and rest in LOOP_FIELDS:
            return
    if name in names.figures:
        return
    if name in names.groups or name in names.lists:
        if shows:
            raise ExpressionProblem(f"'{name}' is a group of figures, not one figure",
                                    suggest(name, [n for n in names.figures if n.startswith(name + ".")], "figures"))
        return
    if names.absent is not None and (found := names.absent(name)) is not None:
        raise ExpressionProblem(*found)
    known = sorted(names.figures)
    raise ExpressionProblem(f"unknown {names.unknown} '{name}'", suggest(name, known, "names"))


def _check_literal(node: nodes.Const, source: str) -> None:
    """Check a literal: text no longer than MAX_LITERAL, a number no larger than MAX_NUMBER."""
    value = node.value
    if isinstance(value, str) and len(value) > MAX_LITERAL:
        raise ExpressionProblem(f"{shown(source)} holds a text longer than {MAX_LITERAL} characters", NAME_HINT)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and not abs(value) <= MAX_NUMBER:
        raise ExpressionProblem(f"{shown(source)} holds a number larger than {MAX_NUMBER:,}", NAME_HINT)
    if value is not None and not isinstance(value, (str, int, float, bool)):
        raise _not_allowed(node, source)


def _check_filter(node: nodes.Filter, names: Names, source: str, scope: Scope, depth: int) -> None:
    """Check a filter: a documented one, applied to an allowed value, with literal arguments only."""
    if node.name not in FILTERS:
        raise ExpressionProblem(f"unknown filter '{node.name}' in {shown(source)}",
                                f"available filters: {', '.join(FILTERS)}")
    if node.node is None or node.kwargs or node.dyn_args or node.dyn_kwargs:
        raise _not_allowed(node, source)
    _check(node.node, names, source, scope, depth + 1, shows=True)
    _check_arguments(node.args, source)


def _check_call(node: nodes.Call, names: Names, source: str) -> None:
    """Check a call: a documented function by name, with literal arguments only."""
    if not (isinstance(node.node, nodes.Name) and node.node.name in names.functions):
        raise ExpressionProblem(f"{shown(source)} calls something that is not allowed",
                                f"available functions: {', '.join(sorted(names.functions)) or 'none'}")
    if node.kwargs or node.dyn_args or node.dyn_kwargs:
        raise _not_allowed(node, source)
    _check_arguments(node.args, source)


def _check_arguments(arguments: list[nodes.Expr], source: str) -> None:
    """Check that every argument is a literal."""
    for argument in arguments:
        if not isinstance(argument, nodes.Const):
            raise ExpressionProblem(f"{shown(source)}: a filter's or function's arguments must be written out "
                                    "in quotes", "for example {{ reviews.held | plural('review') }}")
        _check_literal(argument, source)


def template_problems(tree: nodes.Template, names: Names, scope: Scope = Scope()) -> Iterator[ExpressionProblem]:
    """Yield a problem for every statement or expression of a whole template outside the language.

    `scope` is the loop in force around it, for a piece of a template checked on its own.
    """
    yield from _statements(tree.body, names, scope)


def _statements(body: list[nodes.Node], names: Names, scope: Scope) -> Iterator[ExpressionProblem]:
    """Yield the problems of a list of template statements."""
    for node in body:
        if isinstance(node, nodes.Output):
            for child in node.nodes:
                if not isinstance(child, nodes.TemplateData):
                    yield from _checked(child, names, Scope(scope.loop))
        elif isinstance(node, nodes.For):
            yield from _loop(node, names, scope)
        elif isinstance(node, nodes.If):
            yield from _checked(node.test, names, Scope(scope.loop, condition=True))
            for part in (node.body, node.elif_, node.else_):
                yield from _statements(part, names, scope)
        else:
            word = STATEMENTS.get(type(node), type(node).__name__.lower())
            yield ExpressionProblem(f"'{{% {word} %}}' is not allowed in a template",
                                    "templates show values ({{ }}), repeat a part for each appendix "
                                    "({% for appendix in appendices %}) and choose a part ({% if %})", node.lineno)


def _checked(node: nodes.Expr, names: Names, scope: Scope) -> Iterator[ExpressionProblem]:
    """Yield the problem with one expression of a whole template, if it has one, with its line."""
    try:
        check_expression(node, names, "", scope)
    except ExpressionProblem as problem:
        problem.line = node.lineno
        yield problem


def _loop(node: nodes.For, names: Names, scope: Scope) -> Iterator[ExpressionProblem]:
    """Yield the problems of a `{% for %}`: one variable over a list, not inside another loop."""
    listed = node.iter.name if isinstance(node.iter, nodes.Name) else None
    if scope.loop is not None:
        yield ExpressionProblem("a '{% for %}' inside another '{% for %}' is not allowed in a template",
                                "repeat a part once, for each appendix", node.lineno)
        return
    if not isinstance(node.target, nodes.Name) or listed not in names.lists or node.recursive or node.test:
        yield ExpressionProblem("'{% for %}' can only repeat a part for each item of a list, as in "
                                "'{% for appendix in appendices %}'",
                                f"lists: {', '.join(sorted(names.lists)) or 'none'}", node.lineno)
        return
    inner = Scope((node.target.name, names.lists[listed]))
    yield from _statements(node.body, names, inner)
    yield from _statements(node.else_, names, scope)
