"""The figures typed in statistics.yaml as a form: in groups, with the names a team manager uses, checked by its reader.

Only the numbers already in the file are shown (a new figure is added in the file itself, as the
README describes): each becomes a field named by where it stands, in words ("The IRO team: IROs in
post, full-time equivalent"). Before anything is written, the new text is read by the same reader
`build` uses, and its problems are shown on the fields they are about.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from report_builder.errors import Problem, ReportError
from report_builder.files import write_file
from report_builder.web.pages_forms import Field, Group, field_problems
from report_builder.web.roundtrip import YamlFile, plain
from report_builder.yamlsource import parse_yaml

GROUPS = {
    "population_0_17": ("Children aged 0 to 17 living in the area", "ONS mid-year estimates, for each reporting year"),
    "children_looked_after": ("Children looked after", ""),
    "started": ("Children who started to be looked after", ""),
    "ceased": ("Children who stopped being looked after", ""),
    "at_31_march": ("Children looked after at 31 March", ""),
    "reviews": ("Reviews", ""),
    "participation": ("How children took part in their reviews", "by participation code (PN0 to PN7)"),
    "disputes": ("IRO challenge", "challenges raised by IROs in the year, by reason, in your council's words"),
    "iro_service": ("The IRO team", "at 31 March"),
}
"""Each part of statistics.yaml as the form heads it, and a line saying what it holds."""

NAMES = {
    "fte": "IROs in post (full-time equivalent)",
    "establishment_fte": "IRO posts in the establishment (full-time equivalent)",
    "agency_fte": "Agency IROs (full-time equivalent)",
    "headcount": "IROs in post (people)",
    "children_allocated": "Children allocated to IROs",
    "changed_iro_pct": "Children whose IRO changed in the year (%)",
    "resolved_informally_pct": "Challenges resolved informally (%)",
    "at_start": "At the start of the year",
    "at_end": "At the end of the year",
    "held": "Held",
    "on_time": "Held on time",
    "total": "Total",
    "informal": "Informal",
    "formal": "Formal",
    "by_reason": "",
    "overdue": "Overdue",
    "first": "First reviews",
    "second": "Second reviews",
    "subsequent": "Later reviews",
}
"""The words for the keys of statistics.yaml (a key not here is shown as written, underscores as spaces)."""


def aggregate_groups(data: Any) -> tuple[Group, ...]:
    """Return a field for every figure typed in statistics.yaml, in groups by the part of the file it is in."""
    groups = []
    for key, value in data.items() if isinstance(data, dict) else []:
        fields = tuple(_fields(value, (key,)))
        if fields:
            title, hint = GROUPS.get(str(key), (_words(key), ""))
            groups.append(Group(title, fields, hint))
    return tuple(groups)


def aggregate_fields(data: Any) -> list[Field]:
    """Return a field for every figure typed in statistics.yaml, in the file's order."""
    return [field for group in aggregate_groups(data) for field in group.fields]


def _fields(data: Any, path: tuple[Any, ...]) -> list[Field]:
    if isinstance(data, dict):
        return [field for key, value in data.items() for field in _fields(value, (*path, key))]
    if isinstance(data, (int, float)) and not isinstance(data, bool):
        steps = [_words(step) for step in path[1:]]
        label = ": ".join(step for step in steps if step) or GROUPS.get(str(path[0]), (_words(path[0]),))[0]
        return [Field(path, label, "number")]
    return []


def _words(key: Any) -> str:
    """Return a key of statistics.yaml in words: a year ending as its reporting year ('2025/26'), a known key by name."""
    text = str(key)
    if text.isdigit() and len(text) == 4:
        return f"{int(text) - 1}/{text[2:]}"  # the reporting year that ends in March of that year
    if text in NAMES:
        return NAMES[text]
    words = text.replace("_", " ")
    return words[:1].upper() + words[1:]


def validated_aggregates(text: str, path: Path, cache_dir: Path) -> dict[str, list[Problem]]:
    """Return the problems the aggregates reader finds in statistics.yaml's new text, by field."""
    from report_builder.statistics.aggregates import read_aggregates

    trial = cache_dir / "trial" / path.name
    trial.parent.mkdir(parents=True, exist_ok=True)
    write_file(trial, text.encode("utf-8"))
    try:
        read_aggregates(trial, trial.parent)
    except ReportError as error:
        fields = aggregate_fields(plain(YamlFile.parse(path, text).data))
        problems = [replace(p, file=path.name) for p in error.problems]
        return field_problems(problems, parse_yaml(text, path.name).source, fields)
    return {}
