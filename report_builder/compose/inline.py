"""Inline markup in narrative text: **bold**, *italic*, and cross-references, as Word runs."""

from __future__ import annotations

import re

from docx.text.paragraph import Paragraph

from report_builder.word._xml import add_text_run
from report_builder.word.fields import add_ref

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
REF_START, REF_END = "\x1e", "\x1f"
INLINE = re.compile(
    r"\*\*(?P<bold>.+?)\*\*"
    r"|(?<![\w*])\*(?P<italic>[^\s*](?:.*?[^\s*])?)\*(?![\w*])"
    rf"|{REF_START}(?P<bookmark>[^|{REF_END}]+)\|(?P<label>[^{REF_END}]+){REF_END}",
    re.DOTALL,
)


MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
TIED = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)? (?:{MONTHS})(?: \d{{4}})?\b"
    rf"|\b(?:{MONTHS}) \d{{4}}\b"
    r"|\b(?:Figure|Table|Appendix|Annex|Section|section|paragraph|Figures|Tables) \d+(?:\.\d+)?\b"
)
"""Words a line must not break between: dates ("31 March 2025", "11th November"), "Figure 3", "section 7"."""
NO_BREAK_SPACE = "\u00a0"


def tie(text: str) -> str:
    """Return text with no-break spaces inside dates and references such as "Figure 3", so that a line
    never ends between "31" and "March"."""
    return TIED.sub(lambda match: match.group(0).replace(" ", NO_BREAK_SPACE), text)


def clean_text(text: str) -> str:
    """Return text Word can store: control characters removed, line breaks inside a paragraph as spaces."""
    text = CONTROL_CHARACTERS.sub("", text)
    return re.sub(r"\s*\n\s*", " ", text.strip())


def reference_token(bookmark: str, label: str) -> str:
    """Return the token a placeholder leaves where a cross-reference field goes."""
    return f"{REF_START}{bookmark}|{label}{REF_END}"


def plain_text(text: str) -> str:
    """Return text as a reader sees it: markup removed, references as their labels."""
    def replace(match: re.Match[str]) -> str:
        return match.group("bold") or match.group("italic") or match.group("label")

    return INLINE.sub(replace, text)


def add_inline(paragraph: Paragraph, text: str, italic: bool = False) -> None:
    """Append text to the paragraph as runs, honouring **bold**, *italic* and reference tokens; dates and
    "Figure 3"-style references are tied with no-break spaces."""
    text = tie(text)
    position = 0
    for match in INLINE.finditer(text):
        if match.start() > position:
            add_text_run(paragraph, text[position:match.start()]).italic = italic or None
        if match.group("bookmark"):
            add_ref(paragraph, match.group("bookmark"), match.group("label"))
        elif match.group("bold") is not None:
            run = add_text_run(paragraph, match.group("bold"))
            run.bold, run.italic = True, italic or None
        else:
            add_text_run(paragraph, match.group("italic")).italic = True
        position = match.end()
    if position < len(text):
        add_text_run(paragraph, text[position:]).italic = italic or None
