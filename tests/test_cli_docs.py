"""Every command is documented: in the README's Commands table, and in its own --help with an example."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from report_builder.cli import main

README = Path(__file__).parents[1] / "README.md"


def commands_table() -> str:
    """Return the README's Commands section."""
    text = README.read_text(encoding="utf-8")
    return text.split("## Commands", 1)[1].split("\n## ", 1)[0]


@pytest.mark.parametrize("name", sorted(main.commands))
def test_command_is_in_the_readme(name: str) -> None:
    rows = [line for line in commands_table().splitlines() if line.startswith("|")]
    assert any(f"`report-builder {name}" in row for row in rows), f"add a row for '{name}' to README's Commands table"


@pytest.mark.parametrize("name", sorted(main.commands))
def test_command_help_has_an_example(name: str) -> None:
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output
