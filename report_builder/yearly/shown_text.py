"""Text as the built document shows it, and back: placeholders rendered, then restored after editing."""

from __future__ import annotations

import re

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
    any other cross-reference written as {{ ref('name') }}."""
    result, cursor = edited, 0
    for source, value in shown:
        if not value:
            continue
        pattern = re.compile(rf"(?<![\w.,]){re.escape(value)}(?![\w]|[.,]\d)")
        found = pattern.search(result, cursor)
        if found:
            result = result[:found.start()] + source + result[found.end():]
            cursor = found.start() + len(source)
    names = bookmarks or {}
    return REF_TOKEN.sub(lambda m: f"{{{{ ref('{names.get(m.group('bookmark'), m.group('bookmark'))}') }}}}", result)
