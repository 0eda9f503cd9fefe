"""Small numbers: no count from 1 to 5 about children typed into a public paper's narrative."""

from __future__ import annotations

import re

from report_builder.checks.texts import NarrativeText, without_placeholders
from report_builder.errors import Problem
from report_builder.statistics.suppression import SMALL_MAX as SMALL_COUNT_MAX

CHILDREN = (r"(?:children|child|young\s+(?:people|persons?)|babies|baby|boys?|girls?|siblings?|brothers|"
            r"sisters|care\s+leavers?|unaccompanied|teenagers?|infants?)")
SMALL_COUNT = re.compile(rf"(?<![\w.,£$/-])([1-{SMALL_COUNT_MAX}])(?![\w%/]|[.,]\d)\s+(?:\w+\s+){{0,2}}?{CHILDREN}\b",
                         re.IGNORECASE)
NOT_A_COUNT = re.compile(r"\b(?:aged?|ages|under|over|of|than|top|first|every|per)\s*$", re.IGNORECASE)
CHECKED_KINDS = ("paragraph", "bullet", "numbered", "priority_detail", "progress", "covering", "heading")


def check_small_counts(texts: list[NarrativeText], public: bool) -> list[Problem]:
    """Return an error for each count from 1 to 5 about children typed in a public paper's narrative."""
    if not public:
        return []
    problems = []
    for item in texts:
        if item.kind not in CHECKED_KINDS:
            continue
        text = without_placeholders(item.text)
        for match in SMALL_COUNT.finditer(text):
            if NOT_A_COUNT.search(text[:match.start()]):
                continue
            phrase = match.group(0)
            problems.append(item.problem(
                f"'{phrase}' gives a count from 1 to {SMALL_COUNT_MAX} in a public paper, which could identify a child",
                "write 'fewer than 6' (or 'a small number'), or use a placeholder whose figure is suppressed",
                needle=phrase))
    return problems
