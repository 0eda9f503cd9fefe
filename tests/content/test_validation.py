"""Messages about wrong values in the user's words: what was expected and found, never a class or type name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from report_builder.content.models import CouncilProfile, Covering, ReportMeta, Section
from report_builder.content.validation import plain_words, validate
from report_builder.errors import ContentError
from report_builder.statistics.aggregates import Aggregates
from report_builder.yamlsource import read_yaml

LIBRARY_WORDS = re.compile(r"Input should|instance of|[a-z][A-Z][a-z]+[A-Z]|constrained-int|dict\[|Field required")

WRONG = [
    (Aggregates, "children_looked_after: 452\n",
     "statistics.yaml:1:24: children_looked_after: expected a group of 'name: value' lines (at_start: …, "
     "at_end: …), found 452"),
    (Aggregates, "population_0_17: lots\n",
     "statistics.yaml:1:18: population_0_17: expected a whole number or a group of 'name: value' lines, "
     "found 'lots'"),
    (Aggregates, "reviews: {held: -3}\n", "statistics.yaml:1:17: reviews.held: expected 0 or more, found -3"),
    (Aggregates, "iro_service: {changed_iro_pct: 150}\n",
     "statistics.yaml:1:32: iro_service.changed_iro_pct: expected 100 or less, found 150"),
    (Aggregates, "started: 1.5\n", "statistics.yaml:1:10: started: expected a whole number, found 1.5"),
    (Aggregates, "disputes: {informal: [1, 2]}\n",
     "statistics.yaml:1:22: disputes.informal: expected a group of 'name: value' lines, found a list"),
]


@pytest.mark.parametrize(("model", "text", "message"), WRONG, ids=[m for _, _, m in WRONG])
def test_wrong_values_say_what_was_expected(tmp_path: Path, model, text: str, message: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "statistics.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        validate(model, read_yaml(path, tmp_path), path.name)
    assert [str(p).split(" — ")[0] for p in raised.value.problems] == [message]


@pytest.mark.parametrize("model", [Aggregates, ReportMeta, Section, CouncilProfile, Covering],
                         ids=lambda m: m.__name__)
@pytest.mark.parametrize("value", ["1", "[1, 2]", "{a: 1}", "text", "-5", "true"], ids=str)
def test_no_library_or_class_names_reach_a_person(tmp_path: Path, model, value: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "file.yaml"
    fields = list(model.model_fields)
    path.write_text("\n".join(f"{name}: {value}" for name in fields) + "\n", encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        validate(model, read_yaml(path, tmp_path), path.name)
    for problem in raised.value.problems:
        assert not LIBRARY_WORDS.search(str(problem)), str(problem)


def test_plain_words_drop_class_names() -> None:
    assert plain_words("Input should be a valid dictionary or instance of CountsAtEnd") == (
        "expected a valid dictionary")
