"""Readability (GOV.UK guidance): sentences of 25 words or fewer, paragraphs of 120 words or fewer."""

from __future__ import annotations

from report_builder.checks.texts import PROSE_KINDS, NarrativeText, sentences, words
from report_builder.compose.inline import plain_text
from report_builder.errors import Problem
from report_builder.placeholders import PLACEHOLDER

SENTENCE_WORDS = 25
PARAGRAPH_WORDS = 120
QUOTED_WORDS = 8


def check_readability(texts: list[NarrativeText]) -> list[Problem]:
    """Return a warning for each long sentence and each long paragraph, quoting how it starts."""
    problems: list[Problem] = []
    for item in texts:
        if item.kind not in PROSE_KINDS:
            continue
        text = plain_text(PLACEHOLDER.sub(lambda m: "{{" + "".join(m.group(1).split()) + "}}", item.text))
        count = len(words(text))
        if count > PARAGRAPH_WORDS:
            problems.append(item.problem(
                f"paragraph of {count} words, starting '{_start(text)}'",
                f"split it: GOV.UK guidance is {PARAGRAPH_WORDS} words or fewer", "warning"))
        for sentence in sentences(text):
            count = len(words(sentence))
            if count > SENTENCE_WORDS:
                start = _start(sentence)
                problems.append(item.problem(
                    f"sentence of {count} words: '{start}'",
                    f"split it or cut words: GOV.UK guidance is {SENTENCE_WORDS} words or fewer", "warning",
                    needle=" ".join(start.rstrip("…").split()[:3])))
    return problems


def _start(text: str) -> str:
    """Return the first words of a text, with an ellipsis when there are more."""
    parts = text.split()
    return " ".join(parts[:QUOTED_WORDS]) + ("…" if len(parts) > QUOTED_WORDS else "")
