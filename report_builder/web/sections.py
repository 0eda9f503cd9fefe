"""Editing one section: the form written into its YAML file, checked as `check` checks it, previewed, saved.

Every change goes the same way: the form is merged into the file as the page read it (so untouched
blocks keep their comments and layout), the text that gives is read back through the loader's own
parser and content model, the report's content checks run on the report with this section as it
now stands, and the text is written only when the model accepts it and the file on disk is still
the version the page read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from report_builder.content import blocks as b
from report_builder.content.models import Section
from report_builder.content.validation import validate
from report_builder.errors import ContentError, Problem, display_path
from report_builder.load import LoadedSection, Report, inside
from report_builder.statistics.model import Statistics
from report_builder.web.roundtrip import YamlFile, merged, merged_list, plain
from report_builder.web.saving import Conflict, Saves, version_of
from report_builder.web.section_form import SectionForm, keep_unshown_keys
from report_builder.yamlsource import SourceMap, parse_yaml

BLOCK = TypeAdapter(b.AnyBlock)


@dataclass
class Findings:
    """Problems sorted by where the page shows them: on a block, on the title, or for the section."""

    blocks: dict[int, list[Problem]] = field(default_factory=dict)
    title: list[Problem] = field(default_factory=list)
    section: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem, source: SourceMap, body_length: int) -> None:
        """File a problem under the block (or title) whose lines hold it."""
        where = place_of(problem, source, body_length)
        if where == "title":
            self.title.append(problem)
        elif isinstance(where, int):
            self.blocks.setdefault(where, []).append(problem)
        else:
            self.section.append(problem)

    @property
    def count(self) -> int:
        """Return how many findings there are."""
        return sum(map(len, self.blocks.values())) + len(self.title) + len(self.section)


@dataclass(frozen=True)
class Save:
    """How to save an edit: through the page's saves, over the version the editor last had."""

    saves: Saves
    made_from: str
    editor: str = ""


@dataclass
class Edited:
    """The outcome of one change to a section: what is saved, what is wrong, and the new text."""

    form: SectionForm
    text: str
    version: str
    saved: bool
    errors: Findings
    findings: Findings
    section: Section | None
    blocks: list[b.Block | None]
    conflict: Conflict | None = None
    data: dict[str, Any] = field(default_factory=dict)
    """The section's data as the edit gives it (plain YAML data)."""
    source: SourceMap | None = None
    """Where each value of the edited text stands (its lines), as the loader maps a file."""


def section_path(folder: Path, name: str) -> Path:
    """Return the file of a section named in report.yaml. Raises ContentError outside the folder."""
    return inside(folder, f"sections/{name}.yaml")


def shown_name(folder: Path, path: Path) -> str:
    """Return the file name messages use for a file of the report (as the loader names it)."""
    return display_path(path, folder.parent)


def merge_form(base: YamlFile, form: SectionForm) -> str:
    """Return the file's text with the form's title, covers and body written over it."""
    data = base.data
    old_body = data.get("body") if isinstance(data.get("body"), list) else []
    form = keep_unshown_keys(form, [plain(item) for item in old_body])
    data["title"] = merged(data.get("title"), form.title, 0) if "title" in data else form.title
    if form.covers or "covers" in data:
        if form.covers:
            data["covers"] = merged(data.get("covers"), form.covers, 0) if "covers" in data else form.covers
        else:
            del data["covers"]
    if "body" in data and hasattr(data["body"], "ca"):
        merged_list(data["body"], form.body(), 2)
    else:
        data["body"] = merged([], [item for _, item in form.body()], 2)
    return base.dump()


def edit_section(report: Report | None, folder: Path, name: str, base_text: str, form: SectionForm,
                 stats: Statistics | None = None, save: Save | None = None) -> Edited:
    """Return the outcome of writing the form over the section's file as the page read it (base_text).

    The text is saved only when save is given and the content model accepts it.
    Raises ContentError when the section's file is outside the report folder.
    """
    path = section_path(folder, name)
    text = merge_form(YamlFile.parse(path, base_text), form)
    document = parse_yaml(text, shown_name(folder, path))
    errors, findings = Findings(), Findings()
    body_length = len(form.blocks)
    section = None
    try:
        section = validate(Section, document, f"sections/{name}.yaml")
    except ContentError as error:
        for problem in error.problems:
            errors.add(problem, document.source, body_length)
    data = document.data if isinstance(document.data, dict) else {}
    blocks = [_block_or_none(item) for item in data.get("body") or []]
    edited = Edited(form, text, version_of(base_text), False, errors, findings, section, blocks, data=data,
                    source=document.source)
    if section is not None and save is not None:
        try:
            saved = save.saves.save(path, text, save.made_from, save.editor)
            edited.version, edited.saved = saved.version, saved.written
        except Conflict as found:
            edited.conflict = found
    if section is not None and report is not None:
        for problem in section_findings(report, name, section, document.source, stats):
            findings.add(problem, document.source, body_length)
    return edited


def _block_or_none(item: object) -> b.Block | None:
    try:
        return BLOCK.validate_python(item)
    except ValidationError:
        return None


def with_section(report: Report, name: str, section: Section, source: SourceMap) -> Report:
    """Return the report with one section as the page has it now (added at the end if new)."""
    loaded = LoadedSection(name, section, source)
    sections = [loaded if item.name == name else item for item in report.sections]
    if all(item.name != name for item in report.sections):
        sections.append(loaded)
    return replace(report, sections=sections)


def section_findings(report: Report, name: str, section: Section, source: SourceMap,
                     stats: Statistics | None) -> list[Problem]:
    """Return the findings `check` gives about this section, with the section as the page has it."""
    from report_builder.checks.run import content_checks
    from report_builder.checks.texts import clear_line_cache
    from report_builder.draw import unknown_exhibits

    alone = replace(report, sections=[LoadedSection(name, section, source)])  # every check of a text reads it alone
    clear_line_cache()
    found = content_checks(alone, stats) + unknown_exhibits(alone)
    return [p for p in found if p.file == source.file]


def place_of(problem: Problem, source: SourceMap, body_length: int) -> int | str | None:
    """Return where a problem stands: the index of the block holding its line, 'title', or None."""
    if problem.line is None:
        return None
    starts = sorted((line, index) for index in range(body_length)
                    if (line := source.values.get(("body", index), (None,))[0]) is not None)
    title_line = source.values.get(("title",), (None,))[0]
    if title_line == problem.line or source.keys.get(("title",), (None,))[0] == problem.line:
        return "title"
    holding = [index for line, index in starts if line <= problem.line]
    if holding and problem.line >= starts[0][0]:
        return holding[-1]
    return None


SUGGESTED = re.compile(r"^did you mean '(?P<name>[A-Za-z0-9_.]+)'\?$")
QUOTED_NAME = re.compile(r"'(?P<name>[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)+)'")


def suggested_name(problem: Problem) -> tuple[str, str] | None:
    """Return (the misspelt figure's name, the name check suggests), when a finding suggests one."""
    suggested = SUGGESTED.match(problem.hint or "")
    wrong = QUOTED_NAME.search(problem.message)
    if suggested is None or wrong is None or wrong.group("name") == suggested.group("name"):
        return None
    return wrong.group("name"), suggested.group("name")
