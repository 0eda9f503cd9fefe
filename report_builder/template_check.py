"""Check a council's Word template: styles it needs, the body marker, and every placeholder and
statement in every place it can hold text, under the rules the build fills it by."""

from __future__ import annotations

import re
from pathlib import Path

from docx.document import Document as DocumentObject
from jinja2 import nodes
from jinja2.exceptions import TemplateSyntaxError

from report_builder.compose.documents import TEMPLATE_FIELDS
from report_builder.compose.templates import read_template_document
from report_builder.errors import Problem, display_path
from report_builder.expressions import (
    MAX_BLOCKS,
    ExpressionProblem,
    Names,
    Scope,
    check_expression,
    nested_too_deeply,
    parse_expression,
    template_problems,
)
from report_builder.placeholders import placeholder_environment
from report_builder.statistics.vocabulary import entries
from report_builder.template_places import Place, template_places
from report_builder.templates_default import BODY_MARKER

REQUIRED_STYLES = ("Normal", "Title", "Heading 1", "Heading 2", "Numbered Paragraph", "List Bullet", "List Number",
                   "Quote", "Quote Attribution", "Caption")
"""Paragraph styles the composer writes into; the template decides how each looks."""
TAG = re.compile(r"\{%-?\s*(?:(?:p|r|tr|tc)\s)?\s*(.*?)\s*-?%\}|\{\{-?\s*(?:(?:p|r|tr|tc)\s)?\s*(.*?)\s*-?\}\}", re.DOTALL)
LISTS = {"appendices": TEMPLATE_FIELDS["appendices"]}
"""The lists a template may repeat a part for, with the fields of each item."""
SYNTAX_HINT = "write {{ name }}, e.g. {{ council.name }}"
Loop = tuple[str, frozenset[str]]


def known_names() -> list[str]:
    """Return every dotted name a template may show (the report's details and the statistics vocabulary)."""
    names = [f"{group}.{field}" if field else group for group, fields in TEMPLATE_FIELDS.items()
             if group not in LISTS for field in (fields or ("",))]
    return names + [entry.name for entry in entries() if "NAME" not in entry.name
                    and entry.name.split(".")[0] not in TEMPLATE_FIELDS]


def template_names() -> Names:
    """Return the names a template may use, as the check knows them before there are figures."""
    return Names.of(known_names(), lists=LISTS, unknown="placeholder")


def check_template(path: Path, names: Names | None = None) -> list[Problem]:
    """Return every problem with the template at path: missing styles, no body marker, bad placeholders.

    Placeholders are checked against `names` (by default, every name a template may use).
    Raises TemplateError when the file is not a Word document (or not a safe one to open).
    """
    document, warnings = read_template_document(path)
    where = display_path(path)
    problems = warnings + [Problem(f"missing style '{name}'", file=where, hint="add a paragraph style of that name in Word "
                        "(Home, Styles, Create a Style)") for name in REQUIRED_STYLES if name not in _styles(document)]
    places = list(template_places(document))
    if not any(place.body and place.text.strip() == BODY_MARKER for place in places):
        problems.append(Problem(f"no paragraph '{BODY_MARKER}'", file=where,
                                hint="add a paragraph containing only {{ BODY }} where the report's body goes"))
    return problems + [Problem(f"{place}: {message}", file=where, hint=hint)
                       for place, message, hint in TagChecker(names or template_names()).check(places)]


def _styles(document: DocumentObject) -> set[str]:
    return {style.name for style in document.styles}


class TagChecker:
    """Checks the placeholders and statements of a template's places in order, following its loops."""

    def __init__(self, names: Names):
        self.names = names
        self.environment = placeholder_environment()
        self.open: list[tuple[str, str, Loop | None]] = []
        """The `{% for %}` and `{% if %}` not yet closed: word, place, and the loop a for starts."""
        self.found: list[tuple[str, str, str | None]] = []

    def check(self, places: list[Place]) -> list[tuple[str, str, str | None]]:
        """Return (place, message, hint) for every problem, in document order."""
        for place in places:
            for match in TAG.finditer(place.text):
                if match.group(2) is not None:
                    self._expression(place.where, match.group(2))
                else:
                    self._statement(place.where, match.group(0), match.group(1))
            text = place.text
            if ("{{" in text and "}}" not in text) or ("{%" in text and "%}" not in text):
                self.found.append((place.where, f"a placeholder is not closed: '{text.strip()[:60]}'",
                                   "close it with }} or %}"))
        self.found += [(place, f"'{{% {word} %}}' is never closed", f"add {{% end{word} %}} after it")
                       for word, place, _loop in self.open]
        return self.found

    @property
    def loop(self) -> Loop | None:
        """Return the loop in force: the innermost open `{% for %}`."""
        return next((loop for _word, _place, loop in reversed(self.open) if loop), None)

    def _expression(self, where: str, source: str) -> None:
        try:
            check_expression(parse_expression(source, self.environment), self.names, source, Scope(self.loop))
        except ExpressionProblem as problem:
            self.found.append((where, problem.message, problem.hint or SYNTAX_HINT))

    def _statement(self, where: str, tag: str, statement: str) -> None:
        word, _, rest = statement.partition(" ")
        if word in ("for", "if"):
            if len(self.open) == MAX_BLOCKS:  # said once, at the first block too deep
                problem = nested_too_deeply(word)
                self.found.append((where, problem.message, problem.hint))
            tree = self._parsed(where, tag, f"{{% {statement} %}}{{% end{word} %}}")
            self.open.append((word, where, self._loop_of(tree) if tree is not None and word == "for" else None))
        elif word == "elif":
            self._parsed(where, tag, f"{{% if {rest} %}}{{% endif %}}")
        elif word in ("endfor", "endif"):
            if not self.open or self.open[-1][0] != word[3:]:
                self.found.append((where, f"'{{% {word} %}}' has no matching '{{% {word[3:]} %}}'",
                                   f"add the {{% {word[3:]} … %}} before it, or remove it"))
            else:
                self.open.pop()
        elif word != "else":
            self.found.append((where, f"'{{% {word} %}}' is not allowed in a template",
                               "templates show values ({{ }}), repeat a part for each appendix "
                               "({% for appendix in appendices %}) and choose a part ({% if %})"))

    def _parsed(self, where: str, tag: str, source: str) -> nodes.Template | None:
        """Return a statement parsed on its own, after recording its problems (None when it cannot be parsed)."""
        try:
            tree = self.environment.parse(source)
        except TemplateSyntaxError as error:
            self.found.append((where, f"syntax error in '{tag}': {error.message}", SYNTAX_HINT))
            return None
        self.found += [(where, p.message, p.hint) for p in template_problems(tree, self.names, Scope(self.loop))]
        return tree

    def _loop_of(self, tree: nodes.Template) -> Loop | None:
        """Return the variable and item fields of a valid `{% for %}`, or None."""
        loop = tree.body[0] if tree.body else None
        if isinstance(loop, nodes.For) and isinstance(loop.target, nodes.Name) and isinstance(loop.iter, nodes.Name) \
                and loop.iter.name in self.names.lists:
            return loop.target.name, self.names.lists[loop.iter.name]
        return None
