"""The page's YAML files read and written back as they were: comments, order, layout and spacing kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from report_builder.web.roundtrip import YamlFile, spaced_as

CONTENT = Path(__file__).parents[2] / "content"
FILES = sorted(CONTENT.glob("example*/**/*.yaml"))


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(CONTENT)) for p in FILES])
def test_every_file_of_the_examples_is_written_back_byte_for_byte(path: Path) -> None:
    document = YamlFile.read(path)
    assert document.dump() == document.text


def test_spaces_that_line_values_up_are_kept_on_a_changed_line(tmp_path: Path) -> None:
    path = tmp_path / "statistics.yaml"
    path.write_text("by_sex:\n  male:   {under_1: 5}\n  female: {under_1: 4}\n", encoding="utf-8")
    document = YamlFile.read(path)
    document.data["by_sex"]["male"]["under_1"] = 6
    assert document.dump() == "by_sex:\n  male:   {under_1: 6}\n  female: {under_1: 4}\n"


def test_a_change_of_spaces_inside_a_value_is_never_undone() -> None:
    original = "title: 'Two  spaces'\nother:   1\n"
    written = "title: 'Two spaces'\nother: 1\n"
    assert spaced_as(original, written, (2, 4)) == "title: 'Two spaces'\nother:   1\n"
