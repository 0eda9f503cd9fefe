from __future__ import annotations

from report_builder.docs import README, END, START, vocabulary_markdown


def test_readme_vocabulary_is_in_step_with_the_code() -> None:
    text = README.read_text(encoding="utf-8")
    section = text.split(START, 1)[1].split(END, 1)[0].strip()
    assert section == vocabulary_markdown(), "run: python -m report_builder.docs"


def test_readme_opens_with_the_two_commands() -> None:
    blocks = README.read_text(encoding="utf-8").split("```bash\n")
    assert blocks[1].startswith("./install.sh && .venv/bin/report-builder build content/example\n")
    assert blocks[2].startswith("./install.sh --test && .venv/bin/python -m pytest\n")
