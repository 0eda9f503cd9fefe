"""Check a council's Word template: styles it needs, the body marker, placeholder syntax and names."""

from __future__ import annotations

import re
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from jinja2.exceptions import TemplateSyntaxError

from report_builder.compose.documents import TEMPLATE_FIELDS
from report_builder.compose.templates import template_environment
from report_builder.content.validation import suggest
from report_builder.errors import Problem, TemplateError
from report_builder.placeholders import dotted_names
from report_builder.statistics.vocabulary import entries
from report_builder.templates_default import BODY_MARKER

REQUIRED_STYLES = ("Normal", "Title", "Heading 1", "Heading 2", "Numbered Paragraph", "List Bullet", "List Number",
                   "Quote", "Quote Attribution", "Caption")
"""Paragraph styles the composer writes into; the template decides how each looks."""
TAG = re.compile(r"\{%-?\s*(?:(?:p|r|tr|tc)\s)?\s*(.*?)\s*-?%\}|\{\{-?\s*(?:(?:p|r|tr|tc)\s)?\s*(.*?)\s*-?\}\}", re.DOTALL)
LOOP_VARIABLES = {"appendix": "appendices"}


def known_names() -> list[str]:
    """Return every dotted name a template may show."""
    names = [f"{group}.{field}" if field else group for group, fields in TEMPLATE_FIELDS.items()
             for field in (fields or ("",))]
    names += [f"{loop}.{field}" for loop, group in LOOP_VARIABLES.items() for field in TEMPLATE_FIELDS[group]]
    return names + [entry.name for entry in entries() if "NAME" not in entry.name]


def check_template(path: Path) -> list[Problem]:
    """Return every problem with the template at path: missing styles, no body marker, bad placeholders.

    Raises TemplateError when the file is not a Word document.
    """
    try:
        document = Document(str(path))
    except Exception as error:  # python-docx raises several kinds for a broken package
        raise TemplateError(Problem(f"not a Word .docx file ({error.__class__.__name__})", file=str(path),
                                    hint="save the template from Word as a Word Document (.docx)")) from None
    where = str(path)
    problems = [Problem(f"missing style '{name}'", file=where, hint="add a paragraph style of that name in Word "
                        "(Home, Styles, Create a Style)") for name in REQUIRED_STYLES if name not in _styles(document)]
    places = list(_places(document))
    if not any(text.strip() == BODY_MARKER for _, text in places):
        problems.append(Problem(f"no paragraph '{BODY_MARKER}'", file=where,
                                hint="add a paragraph containing only {{ BODY }} where the report's body goes"))
    known = known_names()
    for place, text in places:
        problems += [Problem(f"{place}: {message}", file=where, hint=hint) for message, hint in _tag_problems(text, known)]
    problems += _block_problems(places, where)
    return problems


def _styles(document: DocumentObject) -> set[str]:
    return {style.name for style in document.styles}


def _places(document: DocumentObject):  # type: ignore[no-untyped-def]
    """Yield (where, text) for every paragraph and table cell, in the body, headers and footers."""
    for number, paragraph in enumerate(document.paragraphs, start=1):
        yield f"paragraph {number}", paragraph.text
    for t, table in enumerate(document.tables, start=1):
        for r, row in enumerate(table.rows, start=1):
            for c, cell in enumerate(row.cells, start=1):
                yield f"table {t}, row {r}, cell {c}", cell.text
    for s, section in enumerate(document.sections, start=1):
        for part_name in ("header", "footer", "first_page_header", "first_page_footer"):
            part = getattr(section, part_name)
            if part.is_linked_to_previous and s > 1:
                continue
            for paragraph in part.paragraphs:
                yield f"section {s} {part_name.replace('_', ' ')}", paragraph.text


def _tag_problems(text: str, known: list[str]) -> list[tuple[str, str]]:
    """Return (message, hint) for each placeholder in text that is not valid or not a known name."""
    found = []
    environment = template_environment()
    for match in TAG.finditer(text):
        expression = match.group(2)
        if expression is None:
            continue
        try:
            tree = environment.parse(f"{{{{ {expression} }}}}")
        except TemplateSyntaxError as error:
            found.append((f"syntax error in '{match.group(0)}': {error.message}", "write {{ name }}, e.g. {{ council.name }}"))
            continue
        for name in dotted_names(tree):
            if name not in known and not any(k.startswith(name + ".") for k in known) and name != "BODY":
                found.append((f"unknown placeholder '{name}'", suggest(name, known, "names")))
    if ("{{" in text and "}}" not in text) or ("{%" in text and "%}" not in text):
        found.append((f"a placeholder is not closed: '{text.strip()[:60]}'", "close it with }} or %}"))
    return found




def _block_problems(places: list[tuple[str, str]], where: str) -> list[Problem]:
    """Return problems with {% for %}/{% if %} blocks: unclosed, or closed without being opened."""
    stack: list[tuple[str, str]] = []
    problems = []
    for place, text in places:
        for match in TAG.finditer(text):
            statement = (match.group(1) or "").split()
            if not statement:
                continue
            word = statement[0]
            if word in ("for", "if"):
                stack.append((word, place))
            elif word in ("endfor", "endif"):
                if not stack or stack[-1][0] != word[3:]:
                    problems.append(Problem(f"{place}: '{{% {word} %}}' has no matching '{{% {word[3:]} %}}'",
                                            file=where, hint=f"add the {{% {word[3:]} … %}} before it, or remove it"))
                else:
                    stack.pop()
    problems += [Problem(f"{place}: '{{% {word} %}}' is never closed", file=where, hint=f"add {{% end{word} %}} after it")
                 for word, place in stack]
    return problems
