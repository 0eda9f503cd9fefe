from __future__ import annotations

import pytest

from report_builder.errors import ContentError
from report_builder.yamlsource import parse_yaml


def test_positions_of_keys_and_values() -> None:
    document = parse_yaml("title: Report\nbody:\n  - first\n  - second\n", "x.yaml")
    assert document.data == {"title": "Report", "body": ["first", "second"]}
    assert document.source.position(("body", 1)) == (4, 5)
    assert document.source.position(("title",), key=True) == (1, 1)


def test_syntax_error_names_line_and_column() -> None:
    with pytest.raises(ContentError) as caught:
        parse_yaml("title: Report\nbody:\n  - first\n - second\n", "sections/x.yaml")
    problem = caught.value.problems[0]
    assert (problem.file, problem.line) == ("sections/x.yaml", 4)
    assert str(problem).startswith("sections/x.yaml:4:2: YAML syntax error")


def test_python_tags_are_refused() -> None:
    with pytest.raises(ContentError) as caught:
        parse_yaml("title: !!python/object/apply:os.system ['echo hi']\n", "x.yaml")
    assert "python/object" in str(caught.value)


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for level in "bcdefghij":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [*{previous}, *{previous}, *{previous}, *{previous}, *{previous}, "
                     f"*{previous}, *{previous}, *{previous}, *{previous}, *{previous}]")
    with pytest.raises(ContentError) as caught:
        parse_yaml("\n".join(lines), "bomb.yaml")
    assert "more than 100,000 values" in str(caught.value)


def test_duplicate_key_is_an_error() -> None:
    with pytest.raises(ContentError) as caught:
        parse_yaml("title: A\ntitle: B\n", "x.yaml")
    assert "x.yaml:2:1: YAML syntax error: the key 'title' appears twice" in str(caught.value)
