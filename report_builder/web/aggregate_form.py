"""statistics.yaml as a form: every figure the file may give, in groups, named in words, checked by its reader.

The fields follow the file's reader (statistics/aggregates.py), not only what the file holds: every
figure is optional, and a field left empty is "not available", never 0, so emptying a field takes
its figure out of the file. A report read from the SSDA903 return shows only what the return cannot
give (the population, IRO challenge, the IRO team). Figures in the council's own words (the reasons
for a challenge) and earlier years are shown as the file has them. Saving writes each posted value
into the file as the page read it (comments, order, layout kept; a new figure goes where the
reader's order puts it), and the new text is read by the same reader `build` uses before anything is
written; its problems are shown on the fields they are about.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap

from report_builder.errors import Problem, ReportError
from report_builder.files import write_file
from report_builder.statistics.categories import (
    AGE_BANDS,
    CEASED_REASON_GROUPS,
    ETHNIC_CODES,
    ETHNIC_GROUPS,
    LEGAL_STATUS_GROUPS,
    PLACEMENT_GROUPS,
    PN_CODES,
    REVIEW_SEQUENCES,
)
from report_builder.web.pages_forms import Field, Group, field_problems, posted_value
from report_builder.web.roundtrip import YamlFile
from report_builder.yamlsource import parse_yaml

NOT_GIVEN = "not available"
"""What an empty field shows: a figure not given is not available, never 0."""
TIMELINESS = {"held": "held", "on_time": "held on time", "late": "held late"}
EARLIER = {
    "cla_at_end": "Children looked after at 31 March", "population_0_17": "Children aged 0 to 17 in the area",
    "started": "Started to be looked after", "ceased": "Stopped being looked after", "reviews_held": "Reviews held",
    "reviews_on_time": "Reviews held on time", "reviews_not_judged": "Reviews not judged on time or late",
    "participated": "Reviews the child took part in", "participation_eligible": "Reviews counted for taking part",
}
"""An earlier year's figures (previous_years in statistics.yaml), in the reader's order."""
SEX_WORDS = {"male": "Boys", "female": "Girls", "unknown": "Sex not known"}
CHALLENGE_KINDS = ("informal", "formal")
NEW_REASON = "disputes.new_reason"
"""The challenge table's last row: a reason not yet in the file, in words (this name), and a count for each kind
(this name, a dot and the kind)."""


def aggregate_groups(data: Any, year_ending: int | None = None, from_903: bool = False) -> tuple[Group, ...]:
    """Return the form's groups for statistics.yaml's data: every figure it may give (those of the
    SSDA903 return left out when the report reads one), with what the file holds besides."""
    data = data if isinstance(data, dict) else {}
    parts = [_population(data, year_ending), *_challenge(data), _iro_team()]
    if not from_903:
        parts = [_year(), parts[0], *_children(data), *_reviews(), *_participation(), *parts[1:], *_earlier(data)]
    return tuple(group for group in parts if group.fields or group.new_row)


def aggregate_fields(data: Any, year_ending: int | None = None, from_903: bool = False) -> list[Field]:
    """Return every field of the form, in its order."""
    return [field for group in aggregate_groups(data, year_ending, from_903) for field in group.fields]


def _counts(path: tuple[Any, ...], labels: dict[str, str], prefix: str = "") -> tuple[Field, ...]:
    return tuple(_figure((*path, key), f"{prefix}{label}") for key, label in labels.items())


def _figure(path: tuple[Any, ...], label: str, hint: str = "") -> Field:
    return Field(path, label, "number", hint)


def _year() -> Group:
    return Group("The reporting year", (_figure(("year_ending",), "Year ending 31 March",
                                                 "the report's own year: 2026 for 2025/26"),))


def _population(data: dict[str, Any], year_ending: int | None) -> Group:
    """Return the population fields: one for each year the file gives, and this year's."""
    given = data.get("population_0_17")
    if isinstance(given, (int, float)) and not isinstance(given, bool):
        fields: tuple[Field, ...] = (_figure(("population_0_17",), "Children aged 0 to 17"),)
    else:
        years = sorted({*(given or {}), *([year_ending] if year_ending else [])}, key=str)
        fields = tuple(_figure(("population_0_17", year), _year_words(year)) for year in years)
    return Group("Children aged 0 to 17 living in the area", fields, "ONS mid-year estimates, for each reporting year")


def _children(data: dict[str, Any]) -> list[Group]:
    profile = data.get("at_31_march") if isinstance(data.get("at_31_march"), dict) else {}
    at = ("at_31_march",)
    by_sex = tuple(_figure((*at, "age_band_by_sex", sex, band), label)
                   for band, label in AGE_BANDS.items() for sex in ("male", "female"))
    apart = ()
    if "age_band" in profile or "sex" in profile:
        apart = (*_counts((*at, "age_band"), AGE_BANDS, "Aged "),
                 *_counts((*at, "sex"), {key: f"{SEX_WORDS[key]}, all ages" for key in SEX_WORDS}))
    detailed = ()
    if "ethnicity_detailed" in profile:
        detailed = _counts((*at, "ethnicity_detailed"), {code: f"{code}: {label}" for code, (_, label) in ETHNIC_CODES.items()})
    return [
        Group("Children looked after", (
            _figure(("children_looked_after", "at_start"), "At the start of the year", "at 1 April"),
            _figure(("children_looked_after", "at_end"), "At the end of the year", "at 31 March"),
            _figure(("started",), "Started to be looked after in the year"),
            _figure(("ceased", "total"), "Stopped being looked after in the year"),
            _figure((*at, "uasc"), "Unaccompanied asylum-seeking children", "at 31 March"),
        )),
        Group("Why children stopped being looked after", _counts(("ceased", "by_reason"), CEASED_REASON_GROUPS),
              "children who stopped being looked after in the year, by reason; when the reasons given add up to "
              "the total, the others are 0"),
        Group("At 31 March: ages of boys and girls", by_sex,
              "the ages of all the children, and how many boys and girls, are worked out from these",
              columns=("Boys", "Girls")),
        Group("At 31 March: all the children by age, and by sex", apart,
              "given apart, when the ages of boys and girls are not known"),
        Group("At 31 March: legal status", _counts((*at, "legal_status"), LEGAL_STATUS_GROUPS)),
        Group("At 31 March: where children lived", _counts((*at, "placement"), PLACEMENT_GROUPS)),
        Group("At 31 March: ethnicity", _counts((*at, "ethnicity"), ETHNIC_GROUPS) + detailed),
    ]


def _reviews() -> list[Group]:
    sequences = tuple(_figure(("reviews", kind, key), label)
                      for kind, label in REVIEW_SEQUENCES.items() for key in TIMELINESS)
    return [
        Group("Reviews of children looked after", (
            *_counts(("reviews",), {key: f"Reviews {words}" for key, words in TIMELINESS.items()}),
            _figure(("reviews", "overdue"), "Reviews overdue at 31 March"),
        ), "any two of held, on time and late give the third"),
        Group("Children whose reviews were all on time (the old NI 66)", (
            _figure(("reviews", "children_all_on_time"), "Children whose reviews were all on time"),
            _figure(("reviews", "children_eligible"), "Children counted",
                    "looked after for 28 days or more at 31 March, not placed for adoption"),
        ), "counts of children, not of reviews"),
        Group("First, second and later reviews", sequences, "each held within its time limit, or late",
              columns=("Held", "On time", "Late")),
    ]


def _participation() -> list[Group]:
    return [
        Group("Children who took part in their reviews (PAF C63)", (
            _figure(("participation", "children_participated"), "Children who took part in every review they had"),
            _figure(("participation", "children_eligible"), "Children counted",
                    "looked after for 28 days or more, with a review coded PN1 to PN7"),
        ), "counts of children, beside the counts of reviews below"),
        Group("Reviews the child took part in", (
            _figure(("participation", "participated"), "Reviews the child took part in", "coded PN1 to PN6"),
            _figure(("participation", "eligible"), "Reviews counted", "coded PN1 to PN7"),
            *_counts(("participation",), {code: f"{code}: {label}" for code, label in PN_CODES.items()}),
        ), "give the reviews by participation code, or only how many took part of those counted"),
    ]


def _challenge(data: dict[str, Any]) -> list[Group]:
    """Return IRO challenge as a table of the reasons the file gives (informal and formal, a row to add one),
    and how they ended."""
    disputes = data.get("disputes") if isinstance(data.get("disputes"), dict) else {}
    given = [disputes.get(kind) if isinstance(disputes.get(kind), dict) else {} for kind in CHALLENGE_KINDS]
    reasons = list(dict.fromkeys(reason for reasons in given for reason in reasons))
    return [
        Group("IRO challenge", tuple(_figure(("disputes", kind, reason), str(reason)) for reason in reasons
                                     for kind in CHALLENGE_KINDS),
              "challenges raised by IROs in the year, by reason, in your council's words; type a new reason in "
              "the last row", columns=("Informal", "Formal"), new_row=NEW_REASON),
        Group("IRO challenge: how it ended", (
            _figure(("disputes", "resolved_informally_pct"), "Challenges resolved informally (%)"),)),
    ]


def with_new_reason(fields: list[Field], form: Any) -> tuple[list[Field], dict[str, Any], dict[str, list[Problem]]]:
    """Return the fields and the posted values with a reason typed in the challenge table's last row as
    figures of their own (a count for each kind given), and the problem with that row if it is half filled."""
    values = {key: form.get(key) for key in form}
    reason = " ".join(str(form.get(NEW_REASON, "")).split())
    counts = {kind: str(form.get(f"{NEW_REASON}.{kind}", "")).strip() for kind in CHALLENGE_KINDS}
    given = {kind: count for kind, count in counts.items() if count}
    if not reason and not given:
        return fields, values, {}
    if not reason or not given:
        said = (Problem("the new reason has a count but no words", hint="type the reason in your council's words, "
                        "in the first box of the row") if not reason else
                Problem(f"the new reason '{reason}' has no count", hint="type how many challenges were raised "
                        "for it, informal or formal"))
        return fields, values, {NEW_REASON: [said]}
    added = [_figure(("disputes", kind, reason), reason) for kind in given]
    values.update({field.name: given[field.path[1]] for field in added})
    return [*fields, *added], values, {}


def _iro_team() -> Group:
    return Group("The IRO team", (
        _figure(("iro_service", "fte"), "IROs in post (full-time equivalent)"),
        _figure(("iro_service", "establishment_fte"), "IRO posts in the establishment (full-time equivalent)"),
        _figure(("iro_service", "agency_fte"), "Agency IROs (full-time equivalent)"),
        _figure(("iro_service", "headcount"), "IROs in post (people)"),
        _figure(("iro_service", "children_allocated"), "Children allocated to IROs",
                "leave empty for the children looked after at 31 March"),
        _figure(("iro_service", "changed_iro_pct"), "Children whose IRO changed in the year (%)"),
    ), "at 31 March")


def _earlier(data: dict[str, Any]) -> list[Group]:
    """Return the earlier years the file gives as one table: a column for each year, a row for each figure."""
    given = data.get("previous_years") if isinstance(data.get("previous_years"), list) else []
    years = [(index, year) for index, year in enumerate(given) if isinstance(year, dict)]
    if not years:
        return []
    fields = tuple(_figure(("previous_years", index, key), label) for key, label in EARLIER.items() for index, _ in years)
    return [Group("Earlier years, for the trend", fields, "the headline figures of the years before, as the file "
                  "gives them (a year is added in statistics.yaml)",
                  columns=tuple(_year_words(year.get("year_ending")) for _, year in years))]


def _year_words(year: Any) -> str:
    """Return a year ending as its reporting year ('2025/26'), or as written."""
    text = str(year)
    return f"{int(text) - 1}/{text[2:]}" if text.isdigit() and len(text) == 4 else text


def figure_values(data: Any, fields: list[Field]) -> dict[str, Any]:
    """Return what each field shows: the figure the file gives, or '' (not available)."""
    values = {}
    for field in fields:
        node = _at(data, field.path)
        values[field.name] = "" if node is None or isinstance(node, (dict, list)) else node
    return values


def write_figures(document: YamlFile, fields: list[Field], form: Any) -> str:
    """Return the file's text with every field's posted value written in place (an empty one taken out)."""
    order = {field.path: rank for rank, field in enumerate(fields)}
    for field in fields:
        _put(document.data, field.path, posted_value(form, field), order)
    return document.dump()


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    """Return the value at path (a key matched by its text, an index in a list), or None."""
    for step in path:
        if isinstance(data, list) and isinstance(step, int) and 0 <= step < len(data):
            data = data[step]
        elif isinstance(data, dict):
            data = data.get(_key(data, step))
        else:
            return None
    return data


def _key(mapping: dict[Any, Any], step: Any) -> Any:
    """Return the mapping's key written as step (2026 and '2026' alike), or step when there is none."""
    return next((key for key in mapping if str(key) == str(step)), step)


def _put(data: Any, path: tuple[Any, ...], value: Any, order: dict[tuple[Any, ...], int]) -> None:
    """Write value at path, making the mappings on the way; take the figure out when value is None."""
    parents = [data]
    for depth, step in enumerate(path[:-1]):
        child = _at(parents[-1], (step,))
        if not isinstance(child, (dict, list)):
            if value is None or not isinstance(parents[-1], dict):
                return
            child = CommentedMap()
            _insert(parents[-1], path[:depth + 1], child, order)
        parents.append(child)
    node, key = parents[-1], _key(parents[-1], path[-1])
    if not isinstance(node, dict):
        return
    if value is None:
        node.pop(key, None)
        _prune(parents, path)
    elif key not in node:
        _insert(node, path, value, order)
    elif node[key] != value:  # an unchanged figure keeps its node, written as it was (6.0 stays 6.0)
        node[key] = value


def _insert(mapping: Any, path: tuple[Any, ...], value: Any, order: dict[tuple[Any, ...], int]) -> None:
    """Put a new figure into the mapping after the figures the form lists before it."""
    rank = min((r for p, r in order.items() if p[:len(path)] == path), default=len(order))
    before = [i for i, key in enumerate(mapping) if _rank(order, (*path[:-1], key)) < rank]
    position = before[-1] + 1 if before else 0
    if isinstance(mapping, CommentedMap):
        mapping.insert(position, path[-1], value)
    else:
        mapping[path[-1]] = value


def _rank(order: dict[tuple[Any, ...], int], path: tuple[Any, ...]) -> int:
    """Return where the form first lists a figure at or under path (a key the form does not know: first)."""
    text = tuple(str(step) for step in path)
    return min((r for p, r in order.items() if tuple(str(s) for s in p[:len(path)]) == text), default=-1)


def _prune(parents: list[Any], path: tuple[Any, ...]) -> None:
    """Take out the mappings on path that the figure taken out has left empty."""
    for depth in range(len(parents) - 1, 0, -1):
        if parents[depth] or not isinstance(parents[depth - 1], dict):
            return
        parents[depth - 1].pop(_key(parents[depth - 1], path[depth - 1]), None)


def validated_aggregates(text: str, path: Path, cache_dir: Path) -> dict[str, list[Problem]]:
    """Return the problems the aggregates reader finds in statistics.yaml's new text, by field name."""
    from report_builder.statistics.aggregates import read_aggregates

    trial = cache_dir / "trial" / path.name
    trial.parent.mkdir(parents=True, exist_ok=True)
    write_file(trial, text.encode("utf-8"))
    try:
        read_aggregates(trial, trial.parent)
    except ReportError as error:
        document = parse_yaml(text, path.name)
        fields = aggregate_fields(document.data)
        problems = [replace(p, file=path.name) for p in error.problems]
        return field_problems(problems, document.source, fields)
    return {}
