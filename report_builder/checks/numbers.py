"""Hand-typed numbers: a figure typed in the narrative instead of its placeholder, or typed wrong.

A typed number equal to a statistic it talks about ("1,290 reviews" when reviews.held is 1,290) is a
warning suggesting the placeholder; a typed number close to, but not the same as, such a statistic is
an error, because figures typed by hand drift from the data. Years, dates, section and paragraph
numbers, ages, periods in days, numbers inside placeholders, tables the manager typed, and
numbers under 10 (unless a percentage) are left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from report_builder.checks.texts import NarrativeText, sentences, without_placeholders
from report_builder.errors import Problem
from report_builder.formatting import PERCENT_UNITS
from report_builder.statistics.vocabulary import Value, entries

NUMBER = re.compile(
    r"(?<![\w.,£$/\-])(?P<whole>\d{1,3}(?:,\d{3})+|\d+)(?P<decimals>\.\d+)?(?P<percent>\s?%|\s+per\s+cent)?"
    r"(?![\w/]|[.,]\d)"
)
MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
REFERENCE_WORDS = (r"(?:section|sections|paragraph|paragraphs|para|regulation|regulations|schedule|part|article|"
                   r"chapter|s\.|item|appendix|table|figure|page|pages|stage|step|level|priority|number|no\.|"
                   r"version|aged?|ages)")
BEFORE_SKIP = re.compile(rf"(?:\b{REFERENCE_WORDS}|{MONTHS})\s*$", re.IGNORECASE)
AFTER_SKIP = re.compile(rf"^\s*(?:{MONTHS}\b|years?\s+old|-year-old|year\s+olds?|(?:working\s+)?days?\b)", re.IGNORECASE)
"""Also periods in days ("within 20 working days", "for at least 28 days"): the regulations' and the
indicators' timescales, not the year's figures (no figure of the vocabulary is a number of days)."""
AGE_CONTEXT = re.compile(r"\b(?:aged?|ages)\b[^.;:]{0,12}$", re.IGNORECASE)
CHECKED_KINDS = ("paragraph", "bullet", "numbered", "heading", "priority_detail", "progress", "covering")
NO_CLOSE_CHECK = ("priority_detail",)
"""Priorities are targets: a typed 95% beside an actual 94.1% is not a mistake."""
CONSTANTS = ("iro.caseload_low", "iro.caseload_high")
"""Figures that are the Handbook's, not the year's: typing them is fine."""
TARGETS = "comparators.target."
"""The council's own targets: a priority may well restate one (\"hold 95% of reviews on time\")."""
COMPARED_UNITS = ("count", "percent", "share", "rate", "rate_1dp", "number")
CLOSE_RELATIVE = 0.10
CLOSE_POINTS = 2.0
STOP_WORDS = frozenset(
    ["the", "a", "an", "of", "in", "on", "at", "to", "for", "and", "or", "as", "by", "with", "from", "than", "that", "this", "these", "those", "was", "were", "is", "are", "be", "been", "had", "has", "have", "it", "its", "their", "there", "which", "who", "whose", "what", "when", "where", "each", "every", "all", "any", "per", "year", "years", "last", "this", "our", "we", "they", "them", "total", "pct", "percentage", "number", "count", "figure", "figures", "previous", "during", "into", "out", "up", "only", "more", "most", "fewer", "less"]
)
WINDOW_BEFORE, WINDOW_AFTER = 4, 6


@dataclass(frozen=True)
class Typed:
    """A number typed in a text: its value, how many decimals, whether a percentage, and the words around it."""

    text: str
    value: float
    decimals: int
    percent: bool
    context: frozenset[str]
    noun: str
    """The first word after the number (its stem), usually what it counts."""


def check_typed_numbers(texts: list[NarrativeText], figures: dict[str, Value]) -> list[Problem]:
    """Return a warning for each typed number equal to a statistic, an error for each one close to it."""
    candidates = _candidates(figures)
    problems = []
    for item in texts:
        if item.kind not in CHECKED_KINDS:
            continue
        for typed in typed_numbers(item.text):
            problem = _judge(item, typed, candidates)
            if problem is not None:
                problems.append(problem)
    return problems


def typed_numbers(text: str) -> list[Typed]:
    """Return the numbers typed in a text that could be figures (not years, dates, references or ages)."""
    found = []
    for sentence in sentences(without_placeholders(text)):
        for match in NUMBER.finditer(sentence):
            typed = _typed(sentence, match)
            if typed is not None:
                found.append(typed)
    return found


def _typed(sentence: str, match: re.Match[str]) -> Typed | None:
    """Return the typed number a match is, or None when it is not a figure."""
    whole, decimals, percent = match.group("whole"), match.group("decimals") or "", bool(match.group("percent"))
    value = float(whole.replace(",", "") + decimals)
    before, after = sentence[:match.start()], sentence[match.end():]
    if not percent:
        if value < 10 or ("," not in whole and not decimals and 1900 <= value <= 2100):
            return None
        if BEFORE_SKIP.search(before) or AFTER_SKIP.search(after) or AGE_CONTEXT.search(before):
            return None
    context = _stems(before.split()[-WINDOW_BEFORE:] + after.split()[:WINDOW_AFTER])
    noun = next(iter(sorted(_stems(after.split()[:1]))), "")
    return Typed(match.group(0).strip(), value, len(decimals) - 1 if decimals else 0, percent, context, noun)


@dataclass(frozen=True)
class Candidate:
    """A statistic a typed number could stand for."""

    name: str
    value: float
    unit: str
    shown: str
    keywords: frozenset[str]


def _candidates(figures: dict[str, Value]) -> list[Candidate]:
    """Return the statistics with a numeric value that a number could be typed in place of."""
    found = []
    for name, figure in figures.items():
        if figure.unit not in COMPARED_UNITS or name in CONSTANTS or name.startswith(TARGETS) or figure.suppressed:
            continue
        if not isinstance(figure.value, (int, float)) or isinstance(figure.value, bool):
            continue
        found.append(Candidate(name, float(figure.value), figure.unit, str(figure), _keywords(name)))
    return found


@cache
def _descriptions() -> dict[str, str]:
    """Return each vocabulary name's description."""
    return {entry.name: entry.description for entry in entries()}


def _keywords(name: str) -> frozenset[str]:
    """Return the stems of the words that name a statistic and describe it."""
    parts = re.split(r"[._]", name.removeprefix("previous."))
    description = _descriptions().get(name, "")
    return _stems(parts + description.split())


def _stems(tokens: list[str]) -> frozenset[str]:
    """Return crude stems of the content words among tokens."""
    stems = set()
    for token in tokens:
        word = re.sub(r"[^a-z]", "", token.lower().replace("’", "'").split("'")[0])
        if len(word) < 3 or word in STOP_WORDS:
            continue
        stems.add(word[:-1] if word.endswith("s") and len(word) > 4 else word)
    return frozenset(stems)


def _judge(item: NarrativeText, typed: Typed, candidates: list[Candidate]) -> Problem | None:
    """Return the problem a typed number makes, if it is (or nearly is) a statistic it talks about."""
    relevant = [c for c in candidates if (c.unit in PERCENT_UNITS) == typed.percent and c.keywords & typed.context]
    equal = [c for c in relevant if _equal(typed, c)]
    if equal:
        best = _best(equal, typed)
        return item.problem(
            f"'{typed.text}' is typed by hand; it is the figure {best.name} ({best.shown})",
            f"write {{{{ {best.name} }}}} so the number comes from the data", "warning", needle=typed.text)
    if item.kind in NO_CLOSE_CHECK:
        return None
    close = [c for c in relevant if _about(typed, c) and _close(typed, c)]
    if close:
        best = _best(close, typed)
        return item.problem(
            f"'{typed.text}' is close to, but not the same as, {best.name} ({best.shown})",
            f"write {{{{ {best.name} }}}} instead, or check the figure", needle=typed.text)
    return None


def _about(typed: Typed, candidate: Candidate) -> bool:
    """Return whether the words around a number clearly talk about the statistic (the noun after it, or two
    words in common)."""
    return typed.noun in candidate.keywords or len(candidate.keywords & typed.context) >= 2


def _best(candidates: list[Candidate], typed: Typed) -> Candidate:
    """Return the candidate sharing the most words with the number's context (then the shortest name)."""
    return max(candidates, key=lambda c: (len(c.keywords & typed.context), not c.name.startswith("previous."),
                                          -len(c.name)))


def _equal(typed: Typed, candidate: Candidate) -> bool:
    """Return whether the typed number is the statistic as shown (percentages to the typed decimals)."""
    if candidate.unit == "count":
        return typed.decimals == 0 and typed.value == candidate.value
    return round(candidate.value, max(typed.decimals, 0)) == round(typed.value, max(typed.decimals, 0)) or (
        round(candidate.value, 1) == typed.value)


def _close(typed: Typed, candidate: Candidate) -> bool:
    """Return whether the typed number is near the statistic without being it."""
    difference = abs(typed.value - candidate.value)
    if candidate.unit in PERCENT_UNITS:
        return 0 < difference <= CLOSE_POINTS
    return 0 < difference <= CLOSE_RELATIVE * abs(candidate.value) and candidate.value >= 10
