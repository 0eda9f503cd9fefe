"""The statistics vocabulary: every figure's stable, documented name, as written in placeholders.

Names are generated from the Statistics model and the category lists, so the vocabulary, the JSON
export and the README's table cannot drift apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import BaseModel

from report_builder.formatting import SUPPRESSED, format_value
from report_builder.statistics.categories import (
    BREAKDOWNS,
    CEASED_REASON_GROUPS,
    ETHNIC_CODES,
    PN_CODES,
)
from report_builder.statistics.child_protection import AGE_BANDS as CP_AGE_BANDS
from report_builder.statistics.child_protection import CATEGORIES, DURATIONS, CpYear
from report_builder.statistics.model import (
    COMPARATOR_AREAS,
    Breakdown,
    Participation,
    Statistics,
    YearFigures,
)
from report_builder.statistics.suppression import is_small
from report_builder.statistics.suppression import suppress as hidden_cells

ABSENT_WHOLE = {"cp"}
"""Parts a report may have no use for at all (a council whose IROs chair no conferences): when they are
not there, neither are their names (a placeholder naming one is told it has no value)."""
SKIPPED_FIELDS = {"trend", "comparators", "data_notes", "suppress_small_counts", "age_band_by_sex", "informal", "formal"}

BREAKDOWN_CATEGORIES: dict[str, dict[str, str]] = {
    **{f"profile.{name}": categories for name, categories in BREAKDOWNS.items()},
    "profile.ethnicity_detailed": {code: label for code, (_, label) in ETHNIC_CODES.items()},
    "ceased.by_reason": CEASED_REASON_GROUPS,
    "cp.category": CATEGORIES,
    "cp.latest_category": CATEGORIES,
    "cp.age_band": CP_AGE_BANDS,
    "cp.sex": BREAKDOWNS["sex"],
    "cp.ethnicity": BREAKDOWNS["ethnicity"],
    "cp.plans.duration": DURATIONS,
}


@dataclass(frozen=True)
class Entry:
    """One name of the vocabulary: its unit and meaning."""

    name: str
    unit: str
    description: str


@dataclass(frozen=True)
class Value:
    """A figure as a placeholder gives it: formatted the British way when shown."""

    value: Any
    unit: str
    suppressed: bool = False
    """Hidden in a public paper: a count from 1 to 5, or one from which such a count could be worked out."""
    places: int | None = None
    """Decimal places to show, when the figure was given with its own precision (a published comparator)."""

    def __str__(self) -> str:
        if self.suppressed:
            small = self.unit == "count" and isinstance(self.value, int) and is_small(self.value)
            return "fewer than 6" if small else SUPPRESSED
        return format_value(self.value, self.unit, self.places)

    def __abs__(self) -> Value:
        return Value(abs(self.value), self.unit, self.suppressed, self.places) if self.value is not None else self

    def change_words(self) -> str:
        """Return the figure as a change: 'a rise of 19', 'a fall of 1.8%' or 'no change'."""
        if self.suppressed or self.value is None:
            return str(self)
        if round(self.value, 1) == 0:
            return "no change"
        return f"a {'rise' if self.value > 0 else 'fall'} of {abs(self)}"


def entries() -> list[Entry]:
    """Return every name of the vocabulary with its unit and meaning, in a stable order."""
    found: list[Entry] = [Entry("council", "text", "The council's name.")]
    found += [
        Entry("period.start_date", "date", "1 April at the start of the year."),
        Entry("period.end_date", "date", "31 March at the end of the year."),
    ]
    _walk_class(Statistics, "", found)
    found += [Entry(f"previous.{e.name}", e.unit, f"Last year: {e.description[0].lower()}{e.description[1:]}")
              for e in _year_entries()]
    found.append(Entry("previous.label", "text", "Last year as written in reports, for example 2023/24."))
    cp_year: list[Entry] = []
    _walk_class(CpYear, "cp.previous.", cp_year)
    found += [Entry(e.name, e.unit, f"Last year: {e.description[0].lower()}{e.description[1:]}") for e in cp_year]
    for area, label in {**COMPARATOR_AREAS, "target": "The council's target"}.items():
        found.append(Entry(f"comparators.{area}.NAME", "as NAME", f"{label}: the latest comparator figure for NAME."))
        found.append(Entry(f"comparators.{area}.NAME_year", "year", f"{label}: the year (at 31 March) of that figure."))
    return found


def _year_entries() -> list[Entry]:
    """Return the entries of one year's headline figures."""
    found: list[Entry] = []
    _walk_class(YearFigures, "", found)
    return found


def _field_infos(model: type[BaseModel]) -> list[tuple[str, Any, str, str | None]]:
    """Return (name, annotation, description, unit) for a model's fields and computed fields."""
    rows = []
    for name, info in model.model_fields.items():
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        rows.append((name, info.annotation, info.description or "", extra.get("unit")))
    for name, info in model.model_computed_fields.items():
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        rows.append((name, info.return_type, info.description or "", extra.get("unit")))
    return rows


def _submodel(annotation: Any) -> type[BaseModel] | None:
    """Return the model class in an annotation like Model or Model | None."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        if isinstance(argument, type) and issubclass(argument, BaseModel):
            return argument
    return None


def _walk_class(model: type[BaseModel], prefix: str, found: list[Entry]) -> None:
    """Append the entries of a model class, recursing into nested models and breakdowns."""
    for name, annotation, description, unit in _field_infos(model):
        if name in SKIPPED_FIELDS:
            continue
        path = f"{prefix}{name}"
        sub = _submodel(annotation)
        if sub is not None and issubclass(sub, Breakdown):
            found.extend(_breakdown_entries(path, description))
        elif sub is not None:
            _walk_class(sub, f"{path}.", found)
        elif path == "participation.codes":
            found.extend(Entry(f"{path}.{code}", "count", f"Reviews with code {code}: {label}.")
                         for code, label in PN_CODES.items())
            found.extend(Entry(f"{path}.{code}_pct", "share", f"Reviews with code {code} as % of all reviews.")
                         for code in PN_CODES)
        elif unit:
            found.append(Entry(path, unit, description))


def _breakdown_entries(path: str, description: str) -> list[Entry]:
    """Return a breakdown's entries: each category's count and percentage, and the total."""
    categories = BREAKDOWN_CATEGORIES.get(path, {})
    rows = [Entry(f"{path}.total", "count", f"{description} Total.")]
    for key, label in categories.items():
        rows.append(Entry(f"{path}.{key}", "count", f"{label}."))
        rows.append(Entry(f"{path}.{key}_pct", "share", f"{label}, as % of the total."))
    return rows


def values(stats: Statistics, public: bool | None = None) -> dict[str, Value]:
    """Return every name with its value for these statistics (suppressed where a public paper needs it).

    Every name of the vocabulary is there, a figure not available with the value None; only the
    comparators are there just for the figures a comparators file gives.
    """
    suppress = stats.suppress_small_counts if public is None else public
    resolved: dict[str, Value] = {"council": Value(stats.council, "text")}
    resolved["period.start_date"] = Value(stats.period.start, "date")
    resolved["period.end_date"] = Value(stats.period.end, "date")
    _walk_instance(stats, "", resolved, suppress)
    last = stats.trend[-1] if stats.trend else YearFigures(year_ending=stats.period.year_ending - 1)
    _walk_instance(last, "previous.", resolved, suppress)
    resolved["previous.label"] = Value(last.label, "text")
    if stats.cp is not None and stats.cp.trend:
        _walk_instance(stats.cp.trend[-1], "cp.previous.", resolved, suppress)
    elif stats.cp is not None:
        resolved.update(_no_values(CpYear, "cp.previous."))
    for comparator in stats.comparators:
        if comparator.year_ending <= stats.period.year_ending:
            latest = stats.comparator(comparator.measure, comparator.area)
            if latest is not None:
                unit = resolved.get(comparator.measure, Value(None, "number")).unit
                resolved[f"comparators.{comparator.area}.{comparator.measure}"] = Value(latest.value, unit,
                                                                                       places=latest.decimals)
                resolved[f"comparators.{comparator.area}.{comparator.measure}_year"] = Value(latest.year_ending, "year")
    return resolved


def _walk_instance(model: BaseModel, prefix: str, found: dict[str, Value], suppress: bool) -> None:
    """Add the values of a model instance, recursing into nested models and breakdowns.

    A nested model that is not there (first reviews not given, say) gives its names with no value.
    """
    for name, annotation, _description, unit in _field_infos(type(model)):
        if name in SKIPPED_FIELDS:
            continue
        path = f"{prefix}{name}"
        value = getattr(model, name)
        sub = _submodel(annotation)
        if isinstance(value, Breakdown):
            found.update(_breakdown_values(path, value, suppress))
        elif isinstance(value, BaseModel):
            _walk_instance(value, f"{path}.", found, suppress)
        elif value is None and sub is not None and not issubclass(sub, Breakdown) and path not in ABSENT_WHOLE:
            found.update(_no_values(sub, f"{path}."))  # not there this year: every name, no value
        elif path == "participation.codes":
            found.update(_code_values(path, model))  # type: ignore[arg-type]
        elif unit:
            found[path] = Value(value, unit)


def _no_values(model: type[BaseModel], prefix: str) -> dict[str, Value]:
    """Return every name of a model that is not there this year, each with no value."""
    found: list[Entry] = []
    _walk_class(model, prefix, found)
    return {entry.name: Value(None, entry.unit) for entry in found}


def _code_values(path: str, participation: Participation) -> dict[str, Value]:
    """Return each PN code's count and share of all reviews (None where not given)."""
    found = {}
    for code, share in participation.code_percentages.items():
        found[f"{path}.{code}"] = Value(participation.codes.get(code), "count")
        found[f"{path}.{code}_pct"] = Value(share, "share")
    return found


def _breakdown_values(path: str, breakdown: Breakdown, suppress: bool) -> dict[str, Value]:
    """Return each category's count and percentage, hidden in public papers exactly as the tables hide them."""
    found = {f"{path}.total": Value(breakdown.total, "count")}
    keys = list(BREAKDOWN_CATEGORIES.get(path, {})) or list(breakdown.counts)
    counts = {key: breakdown.count(key) for key in keys}
    given = {key: count for key, count in counts.items() if count is not None}
    hidden = hidden_cells(given) if suppress else {}
    for key, count in counts.items():
        found[f"{path}.{key}"] = Value(count, "count", hidden.get(key, False))
        found[f"{path}.{key}_pct"] = Value(breakdown.pct(key), "share", hidden.get(key, False))
    return found


COMPARATOR_NAME = re.compile(rf"^comparators\.({'|'.join([*COMPARATOR_AREAS, 'target'])})\.(?P<measure>.+?)(?:_year)?$")


def is_known_name(name: str) -> bool:
    """Return whether a name is the vocabulary's, given a value this year or not (comparators included)."""
    if name in _names():
        return True
    match = COMPARATOR_NAME.match(name)
    return bool(match) and match.group("measure") in _names()


SSDA903_ONLY = frozenset({"reviews.not_judged"})
"""Figures statistics.yaml cannot give: only the record-level return can tell them."""


def no_value(name: str, found: dict[str, Value]) -> tuple[str, str]:
    """Return the message and hint for a figure asked for by name that has no value this year.

    For example "reviews.on_time has no value for 2011/12" with "add it to statistics.yaml, or
    rewrite the sentence without it".
    """
    label = found.get("period.label", Value(None, "text")).value or "this year"
    if name.startswith("comparators.target."):
        how = "add the target to the comparators file (area target; data: comparators: in report.yaml)"
    elif name.startswith("comparators."):
        how = "add it to the comparators file (data: comparators: in report.yaml)"
    elif name.startswith("cp."):
        how = "add the CIN census (data: cin: in report.yaml), if the IROs chair child protection conferences"
    elif name.startswith("previous."):
        how = "add last year's figures under previous_years in statistics.yaml (or last year's SSDA903 return)"
    elif name in SSDA903_ONLY:
        how = "it comes from an SSDA903 export only (data: ssda903: in report.yaml)"
    elif _is_derived(name):
        how = "it is worked out from figures that were not given: add them to statistics.yaml"
    else:
        how = "add it to statistics.yaml"
    return f"{name} has no value for {label}", f"{how}, or rewrite the sentence without it"


@cache
def _names() -> frozenset[str]:
    """Return every name of the vocabulary."""
    return frozenset(entry.name for entry in entries())


def _is_derived(name: str) -> bool:
    """Return whether the named figure is worked out from others (a percentage, change, total or rate)."""
    parts = name.split(".")
    if parts[-1].endswith("_pct") or parts[-1] == "total":
        return True
    model: type[BaseModel] | None = Statistics
    for part in parts[:-1]:
        info = model.model_fields.get(part) if model is not None else None
        model = _submodel(info.annotation) if info is not None else None
    return model is not None and parts[-1] in model.model_computed_fields
