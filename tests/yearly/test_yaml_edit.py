"""Editing YAML text in place: only the changed value's characters move; comments stay."""

from __future__ import annotations

import pytest
import yaml

from report_builder.yearly.yaml_edit import (
    apply_edits,
    insert_item,
    remove_item,
    replace_items,
    replace_value,
)

TEXT = """# a comment
title: Old title   # kept
body:
  - >-
    A folded paragraph that
    runs over two lines.
  - bullets:
      - one
      - two
  - Last
"""


@pytest.mark.parametrize(("edit", "expected"), [
    (lambda t: replace_value(t, ("title",), "New: title"), "title: 'New: title'   # kept"),
    (lambda t: replace_value(t, ("body", 0), "Short now."), "  - >-\n    Short now.\n  - bullets:"),
    (lambda t: remove_item(t, ("body", 1, "bullets", 0)), "  - bullets:\n      - two\n  - Last"),
    (lambda t: insert_item(t, ("body", 1, "bullets", 2), "three"), "      - two\n      - three\n  - Last"),
    (lambda t: insert_item(t, ("body", 3), "After"), "  - Last\n  - After\n"),
    (lambda t: insert_item(t, ("body", 0), {"heading": "First"}), "body:\n  - {heading: First}\n  - >-"),
], ids=["scalar", "folded", "remove", "append-item", "append-block", "insert-mapping"])
def test_edits(edit, expected: str) -> None:  # type: ignore[no-untyped-def]
    new = apply_edits(TEXT, [edit(TEXT)])
    assert expected in new
    assert new.startswith("# a comment\n")
    yaml.safe_load(new)


def test_long_text_is_folded_and_reads_back() -> None:
    long = "word " * 40 + "end."
    new = apply_edits(TEXT, [replace_value(TEXT, ("body", 2), long.strip())])
    assert yaml.safe_load(new)["body"][2] == long.strip()
    assert max(len(line) for line in new.splitlines()) <= 100


def test_replace_items_with_empty_values() -> None:
    new = apply_edits(TEXT, [replace_items(TEXT, ("body", 1, "bullets"), [{"priority": "A", "progress": None}])])
    assert "      - priority: A\n        progress:\n  - Last" in new
