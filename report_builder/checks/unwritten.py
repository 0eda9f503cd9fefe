"""Nothing unwritten is published: prompts left by `report-builder new`, empty texts, progress not written.

A prompt is a text written whole in square brackets, "[Write this section …]": `new` writes every
prompt that way, so a prompt is recognised by its mark, not guessed from its wording. A paper to
publish must have none; a draft (`build --draft`) may, and is marked DRAFT on every page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from report_builder.checks.priorities import check_progress_written
from report_builder.checks.texts import narrative_texts
from report_builder.errors import ContentError, Problem
from report_builder.load import Report
from report_builder.yamlsource import PathKey, SourceMap, read_yaml

PROMPT = re.compile(r"^\s*\[[^\[\]]*\]\s*$", re.DOTALL)
"""A text wholly in square brackets: a prompt still to be replaced."""
WRITE_HINT = "write it in place of the text in square brackets, or remove it"
DETAILS = {"report.yaml": ("author", "title", "service"),
           "covering.yaml": ("report_of", "title", "appendix_title", "recommendations_intro", "signature",
                             "contact_officer")}
"""The fields, besides the narrative, that `new` leaves prompts in."""
NARRATIVE_KINDS = ("title", "paragraph", "heading", "bullet", "numbered", "quote", "priority", "priority_detail",
                   "progress", "covering")


def is_prompt(text: str) -> bool:
    """Return whether a text is a prompt still to be written (wholly in square brackets)."""
    return bool(PROMPT.match(text))


def check_unwritten(report: Report) -> list[Problem]:
    """Return an error at its file:line for every prompt still in place and every empty text, and for every
    priority of last year without its progress written."""
    problems = []
    for item in narrative_texts(report):
        if item.kind not in NARRATIVE_KINDS:
            continue
        if is_prompt(item.text):
            problems.append(item.problem(f"still to write: {_short(item.text)}", WRITE_HINT))
        elif not item.text.strip():
            problems.append(item.problem("this text is empty", "write it, or remove the line"))
    problems += _details(report.meta.model_dump(), report.meta_source, "report.yaml")
    problems += _details(report.covering.model_dump(), report.covering_source, "covering.yaml")
    problems += _council(report)
    return problems + check_progress_written(report)


def _details(data: dict[str, Any], source: SourceMap, name: str) -> list[Problem]:
    """Return a problem for each prompt in the named fields of a file."""
    return [source.problem(path, f"still to write: {_short(text)}", WRITE_HINT)
            for key in DETAILS[name] for path, text in _strings(data.get(key), (key,)) if is_prompt(text)]


def _council(report: Report) -> list[Problem]:
    """Return a problem for each prompt left in the council profile."""
    try:
        document = read_yaml(report.path(report.meta.council_profile), report.folder.parent)
    except ContentError:  # the profile was read when the report loaded; its problems are reported there
        return []
    return [document.source.problem(path, f"still to write: {_short(text)}", WRITE_HINT)
            for path, text in _strings(document.data, ()) if is_prompt(text)]


def _strings(value: Any, path: PathKey) -> Iterator[tuple[PathKey, str]]:
    """Yield every text in a value with its path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))


def _short(text: str) -> str:
    """Return a prompt as quoted in a message."""
    text = " ".join(text.split())
    return f"'{text[:70]}…'" if len(text) > 70 else f"'{text}'"
