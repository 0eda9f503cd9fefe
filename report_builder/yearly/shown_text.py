"""Text as the built document shows it, and back: placeholders rendered, then restored after editing."""

from __future__ import annotations

import re
from functools import cache

from report_builder.placeholders import PLACEHOLDER, PlaceholderProblem, Placeholders
from report_builder.yearly.edited_docx import REF_TOKEN


def render_each(written: str, placeholders: Placeholders) -> tuple[str, list[tuple[str, str]]]:
    """Return the text as shown, and each placeholder with the value shown for it, in order.

    A placeholder that cannot be rendered is shown as written.
    """
    shown_values = []
    for match in PLACEHOLDER.finditer(written):
        try:
            shown_values.append((match.group(0), placeholders.render(match.group(0))))
        except PlaceholderProblem:
            shown_values.append((match.group(0), match.group(0)))
    shown = PLACEHOLDER.sub(lambda m: dict(shown_values).get(m.group(0), m.group(0)), written)
    return shown, shown_values


def compare_key(text: str) -> str:
    """Return text as compared: spaces collapsed."""
    return " ".join(text.split())


def restore_placeholders(shown: list[tuple[str, str]], edited: str, bookmarks: dict[str, str] | None = None) -> str:
    """Return edited text with each placeholder put back where its value still appears, in order, and
    any other cross-reference written as {{ ref('name') }}.

    Everything else typed in Word is literal text: a `{{` is written so that it prints as typed,
    unless it is a placeholder naming a figure of the vocabulary and nothing more.
    """
    pieces: list[str] = []
    cursor = 0
    for source, value in shown:
        if not value:
            continue
        pattern = re.compile(rf"(?<![\w.,]){re.escape(value)}(?![\w]|[.,]\d)")
        found = pattern.search(edited, cursor)
        if found:
            pieces += [literal_text(edited[cursor:found.start()], bookmarks or {}), source]
            cursor = found.end()
    return "".join(pieces) + literal_text(edited[cursor:], bookmarks or {})


LITERAL_BRACES = "{{ '{{' }}"
"""How narrative text writes two opening braces that are not a placeholder."""
TYPED_NAME = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\}\}")
SAFE_BOOKMARK = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def literal_text(typed: str, bookmarks: dict[str, str]) -> str:
    """Return text typed in Word as narrative that prints it as typed: `{{` made literal unless it opens
    a placeholder that is exactly a vocabulary name; cross-references (REF fields) as {{ ref('name') }}."""
    pieces, cursor = [], 0
    for match in TYPED_NAME.finditer(typed):
        if match.group(1) in vocabulary_names():
            pieces += [_braces_literal(typed[cursor:match.start()], bookmarks), f"{{{{ {match.group(1)} }}}}"]
            cursor = match.end()
    return "".join(pieces) + _braces_literal(typed[cursor:], bookmarks)


def _braces_literal(text: str, bookmarks: dict[str, str]) -> str:
    """Return text with every `{{` written literally and each cross-reference token as a placeholder."""
    text = text.replace("{{", LITERAL_BRACES)
    return REF_TOKEN.sub(lambda m: _reference(m.group("bookmark"), bookmarks), text)


def _reference(bookmark: str, bookmarks: dict[str, str]) -> str:
    """Return the placeholder of a cross-reference to a bookmark ('' when its name is not one a report makes)."""
    name = bookmarks.get(bookmark, bookmark)
    return f"{{{{ ref('{name}') }}}}" if SAFE_BOOKMARK.match(name) else ""


@cache
def vocabulary_names() -> frozenset[str]:
    """Return every name of the statistics vocabulary (comparators by area and measure included)."""
    from report_builder.statistics.model import COMPARATOR_AREAS
    from report_builder.statistics.vocabulary import entries

    names = {entry.name for entry in entries() if "NAME" not in entry.name}
    measures = [name for name in names if not name.startswith(("previous.", "comparators."))]
    names |= {f"comparators.{area}.{measure}{suffix}" for area in COMPARATOR_AREAS for measure in measures
              for suffix in ("", "_year")}
    return frozenset(names)
