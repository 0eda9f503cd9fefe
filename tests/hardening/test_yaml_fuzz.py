"""Fuzzing the content YAML: any file ends in a loaded report or a located message, never a traceback."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from report_builder.errors import ContentError
from report_builder.yamlsource import MAX_DEPTH, MAX_NODES, parse_yaml, read_yaml

from .conftest import MEMORY_LIMIT_MB, clear_message, fuzz, peak_memory_mb, run_cli
from .yaml_text import flow

ODD_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from(
        "\x00\x01\x08\x0b\x0c\x1b\x1e\x1f\x7f\x85\u00a0\u200b\u200e\u200f\u202a\u202e\u2066\u2069\ufeff\ufffe\uffff"
        "&<>\"'{}%#:-|>*!@`\\\n\t\r"),
    max_size=60,
)
SCALARS = (
    ODD_TEXT
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.booleans()
    | st.none()
    | st.sampled_from(["{{ reviews.held }}", "{{ nope }}", "2025-02-30", "x" * 3000, "{% raw %}", "}}{{"])
)
STRUCTURES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(ODD_TEXT | st.integers(), inner, max_size=5),
    max_leaves=25,
)
YAML_SYMBOLS = st.lists(st.sampled_from(list("ab1 :-?[]{},&*!|>'\"#%@`\n\t\\") + ["!!python/object:os.system", "&a", "*a",
                                                                            "<<: ", "!!binary", "!!timestamp", "---",
                                                                            "...", "%YAML 1.1", "\\ud800", "\\x00"]),
                       max_size=80).map("".join)
SECTION_KEYS = st.fixed_dictionaries(
    {},
    optional={
        "title": STRUCTURES,
        "covers": STRUCTURES | st.lists(st.sampled_from(["participation", "resources", "nope"])),
        "guidance": STRUCTURES,
        "body": STRUCTURES | st.lists(STRUCTURES | st.fixed_dictionaries({"text": STRUCTURES}), max_size=4),
        "extra": STRUCTURES,
    },
)


def check_parse(text: str) -> None:
    """Parse YAML text: plain data, or a ContentError naming the file."""
    try:
        parse_yaml(text, "fuzz.yaml")
    except ContentError as error:
        assert error.problems and all(p.file == "fuzz.yaml" for p in error.problems)


@fuzz(1500)
@given(YAML_SYMBOLS)
def test_any_yaml_text_parses_or_is_refused_with_a_location(text: str) -> None:
    check_parse(text)


@fuzz(250)
@given(STRUCTURES)
def test_any_structure_written_as_yaml_parses(value: object) -> None:
    check_parse(flow(value))


@fuzz(60)
@given(SECTION_KEYS)
def test_any_section_file_loads_or_is_refused(section: dict) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "report"
        shutil.copytree(Path(__file__).parents[1] / "fixtures" / "small_report", folder)
        (folder / "sections" / "service.yaml").write_text(flow(section), encoding="utf-8")
        outcome = run_cli("stats", folder, "--format", "json")
        if outcome.exit_code:
            clear_message(outcome)
            assert "service.yaml" in outcome.stderr


REPORT_FIELDS = ["title", "service", "year_ending", "author", "document_control", "committee", "council_profile",
                 "data", "sections", "extra_appendices"]


@fuzz(60)
@given(st.sampled_from(REPORT_FIELDS), STRUCTURES, st.sampled_from(["report.yaml", "council.yaml", "covering.yaml"]))
def test_a_wrong_value_in_any_file_is_refused_with_a_message(field: str, value: object, file: str) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "report"
        shutil.copytree(Path(__file__).parents[1] / "fixtures" / "small_report", folder)
        path = folder / file
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith(f"{field}:")]
        path.write_text("\n".join(lines) + f"\n{flow(field)}: {flow(value)}\n", encoding="utf-8")
        outcome = run_cli("stats", folder, "--format", "json")
        if outcome.exit_code:
            clear_message(outcome)
    assert peak_memory_mb() < MEMORY_LIMIT_MB


BILLION_LAUGHS = "\n".join(
    ["a: &a ['lol', 'lol', 'lol', 'lol', 'lol', 'lol', 'lol', 'lol', 'lol']"]
    + [f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]" for p, n in zip("abcdefgh", "bcdefghi")]
)

REFUSED = {
    "billion laughs": (BILLION_LAUGHS, f"more than {MAX_NODES:,} values"),
    "alias inside itself": ("a: &a [1, *a]", "nested more than"),
    "mapping inside itself": ("&a {x: *a}", "nested more than"),
    "deep brackets": ("[" * 5000 + "]" * 5000, f"nested more than {MAX_DEPTH}"),
    "deep block lists": ("\n".join(" " * i + "- " for i in range(0, 400, 2)), "nested more than"),
    "python object": ("a: !!python/object/apply:os.system ['touch pwned']", "not allowed"),
    "python name": ("a: !!python/name:os.system", "python/name"),
    "python module": ("a: !!python/module:os", "python/module"),
    "set": ("a: !!set {x, y}", "not allowed"),
    "impossible date": ("date_agreed: 2025-02-30", "day is out of range"),
    "impossible timestamp": ("a: !!timestamp 2025-13-45", "month must be in"),
    "bad int tag": ("a: !!int zz", "cannot read the value 'zz'"),
    "bad bool tag": ("a: !!bool zz", "cannot read the value 'zz'"),
    "5,000-digit number": ("a: 1" + "0" * 5000, "cannot read the value"),
    "NUL character": ("a: \x00", "unacceptable character #x0000"),
    "lone surrogate escape": ('a: "\\ud800"', "half of a character"),
    "list as a key": ("? [1, 2]\n: 3", "a key must be plain text"),
    "duplicate key": ("a: 1\na: 2", "appears twice"),
}


@pytest.mark.parametrize(("text", "expected"), REFUSED.values(), ids=REFUSED.keys())
def test_dangerous_yaml_is_refused_with_a_clear_message(text: str, expected: str) -> None:
    with pytest.raises(ContentError) as caught:
        parse_yaml(text, "bad.yaml")
    assert expected in str(caught.value)
    assert caught.value.problems[0].file == "bad.yaml"


def test_an_escaped_surrogate_pair_is_one_character() -> None:
    assert parse_yaml('a: "\\ud83d\\ude00"', "ok.yaml").data == {"a": "\U0001f600"}


def test_a_50_mb_yaml_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as stream:  # sparse: the size without the disk
        stream.truncate(50 * 1024 * 1024)
    with pytest.raises(ContentError, match="larger than 5 MB"):
        read_yaml(path)


def test_a_huge_section_file_stops_the_build_with_a_message(small_report: Path) -> None:
    with (small_report / "sections" / "service.yaml").open("ab") as stream:
        stream.truncate(50 * 1024 * 1024)
    outcome = run_cli("build", small_report, "--out", small_report / "out", "--draft")
    clear_message(outcome)
    assert "larger than 5 MB" in outcome.stderr
    assert not (small_report / "out").exists() or not list((small_report / "out").glob("*.docx"))


def test_a_yaml_file_in_another_encoding_is_refused(small_report: Path) -> None:
    path = small_report / "sections" / "service.yaml"
    path.write_bytes(path.read_text(encoding="utf-8").replace("Zoë", "Zoë").encode("utf-16"))
    outcome = run_cli("stats", small_report)
    clear_message(outcome)
    assert "not UTF-8" in outcome.stderr
