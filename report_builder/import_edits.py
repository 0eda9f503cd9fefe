"""Keep edits made in Word: read the edited annual report, place each paragraph, and change the YAML.

Each paragraph of the edited document is matched to the text it was built from (a section's title, a
paragraph, a heading, a list item, a quote, a priority). Changed text is written back into its YAML
file in place; deleted paragraphs are removed; added paragraphs are inserted after the one before
them. Where a figure's value still appears in changed text, its placeholder is kept. Paragraphs that
cannot be placed are reported, never dropped.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from report_builder.compose.inline import clean_text, plain_text
from report_builder.compose.narrative import figure_bookmark, table_bookmark
from report_builder.content import blocks as b
from report_builder.content.models import Section
from report_builder.content.validation import validate
from report_builder.draw import placed_names
from report_builder.errors import ContentError, Problem, display_path
from report_builder.load import LoadedSection, Report
from report_builder.placeholders import Placeholders
from report_builder.statistics.model import Statistics
from report_builder.statistics.vocabulary import values
from report_builder.yamlsource import PathKey, parse_yaml
from report_builder.yearly.edited_docx import (
    EditedDocument,
    EditedParagraph,
    EditedTable,
    read_edited,
    strip_number,
)
from report_builder.yearly.edited_generated import generated_problems, sections_end
from report_builder.yearly.edited_tables import expected_tables, table_edits
from report_builder.yearly.shown_text import compare_key, render_each, restore_placeholders
from report_builder.yearly.yaml_edit import (
    Edit,
    apply_edits,
    insert_item,
    remove_item,
    replace_value,
)

GENERATED_STYLES = ("Caption", "Source", "Signature Label", "TOC Heading")
SIMILAR = 0.5
"""Paragraphs at least this alike (0 to 1) are one paragraph changed, not one deleted and one added."""


@dataclass
class Unit:
    """A text of the report as built: where it is written, and how it reads in the document."""

    loaded: LoadedSection
    file: Path
    path: PathKey
    kind: str
    written: str
    shown: str
    placeholders: list[tuple[str, str]]
    bookmarks: dict[str, str] = field(default_factory=dict)
    """The chart or table name of each cross-reference bookmark."""

    @property
    def block(self) -> int:
        """Return the index of the body block the text is in (-1 for the section's title)."""
        return self.path[1] if self.path[0] == "body" else -1


@dataclass
class Imported:
    """The YAML files changed by the edits (old and new text), and what could not be placed."""

    files: dict[Path, tuple[str, str]] = field(default_factory=dict)
    unplaced: list[Problem] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)

    def diff(self) -> str:
        """Return a unified diff of every changed YAML file."""
        lines: list[str] = []
        for path, (old, new) in self.files.items():
            lines += difflib.unified_diff(old.splitlines(True), new.splitlines(True), f"a/{path.name}",
                                          f"b/{path.name}")
        return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def import_edits(edited: Path, report: Report, stats: Statistics) -> Imported:
    """Return the YAML changes that carry the edited document's text back into the report's files.

    Raises ContentError when the document cannot be read, or an edit would make a section invalid.
    """
    document = read_edited(edited)
    units = expected_units(report, stats)
    must_be_the_annual_report(document, units, report, display_path(edited))
    end = sections_end(document, report, stats)
    paragraphs = _narrative_paragraphs(document, end)
    result = Imported(unplaced=generated_problems(document, report, stats))
    tables = table_edits(expected_tables(report, stats, report_placeholders(report, stats)),
                         _section_tables(document, end), document.comments)
    edits: dict[Path, list[Edit]] = {path: list(changes) for path, changes in tables.edits.items()}
    placed: dict[int, Unit] = {}
    for event in _whole_blocks(match(units, paragraphs), units):
        _record(event, edits, placed, result)
    result.unplaced += tables.problems
    shown = {loaded.name: loaded.source.file for loaded in report.sections}
    for path, changes in edits.items():
        old = path.read_text(encoding="utf-8")
        new = apply_edits(old, changes)
        _must_load(new, shown.get(path.stem, str(path)), display_path(edited))
        if new != old:
            result.files[path] = (old, new)
    result.comments = _comments(document, placed) + tables.comments
    return result


def must_be_the_annual_report(document: EditedDocument, units: list[Unit], report: Report, shown: str) -> None:
    """Raise ContentError unless the document is this report's annual report: most of its section
    headings must be there (a blank document, the covering report or another report's are not)."""
    titles = [unit.shown for unit in units if unit.kind == "title"]
    headings = {_key(plain_text(strip_number(p.plain, heading=True))) for p in document.paragraphs
                if p.style == "Heading 1"}
    found = sum(title in headings for title in titles)
    if titles and found * 2 >= len(titles):
        return
    covering = {_key(heading) for heading in report.council.covering_headings}
    if not document.paragraphs or not any(p.plain.strip() for p in document.paragraphs):
        why = "the document is empty"
    elif headings and len(headings & covering) * 2 >= len(covering):
        why = "it is the covering report, not the annual report"
    else:
        why = (f"only {found} of the report's {len(titles)} section headings are in it "
               f"(for example '{titles[0] if titles else ''}')")
    raise ContentError(Problem(f"this is not the annual report built from {report.folder.name}: {why}", file=shown,
                               hint="give the annual report 'report-builder build' wrote for this folder, as "
                                    "edited in Word; edits to the covering report go into covering.yaml by hand"))


def write_imported(imported: Imported, within: Path | None = None) -> list[Path]:
    """Write each changed YAML file whole; return the paths written.

    A file that is a link to a file inside `within` (the report folder) is written through.
    Raises PublishError when a file cannot be written.
    """
    from report_builder.files import write_file

    for path, (_old, new) in imported.files.items():
        write_file(path, new.encode("utf-8"), within)
    return list(imported.files)


def expected_units(report: Report, stats: Statistics) -> list[Unit]:
    """Return every editable text of the sections in document order, with how it reads when built."""
    bookmarks = {name: bookmark for bookmark, name in bookmark_names(report).items()}
    placeholders = report_placeholders(report, stats)
    units = []
    for loaded in report.sections:
        file = report.folder / "sections" / f"{loaded.name}.yaml"
        units.append(_unit(loaded, file, ("title",), "title", loaded.section.title, placeholders))
        for index, block in enumerate(loaded.section.body):
            for path, kind, text in _editable(block):
                units.append(_unit(loaded, file, ("body", index, *path), kind, text, placeholders))
    for unit in units:
        unit.bookmarks = {bookmark: name for name, bookmark in bookmarks.items()}
    return units


def report_placeholders(report: Report, stats: Statistics) -> Placeholders:
    """Return the placeholders as the document shows them, a cross-reference as a token naming its bookmark."""
    bookmarks = {name: bookmark for bookmark, name in bookmark_names(report).items()}
    return Placeholders(values(stats, report.meta.document_control.public),
                        {"ref": lambda name: f"⟨ref:{bookmarks.get(name, name)}⟩"})


def bookmark_names(report: Report) -> dict[str, str]:
    """Return the chart or table name of each cross-reference bookmark the report can have."""
    names = {figure_bookmark(n): n for n in placed_names(report, b.ChartRef)}
    return names | {table_bookmark(n): n for n in placed_names(report, b.StatisticsTable)}


def _editable(block: b.Block) -> list[tuple[PathKey, str, str]]:
    """Return (path in the block, kind, text) for each text of a block that is a paragraph of its own."""
    if isinstance(block, b.Paragraph):
        return [((), "paragraph", block.text)]
    if isinstance(block, b.Unnumbered):
        return [(("unnumbered",), "paragraph", block.unnumbered)]
    if isinstance(block, b.Heading):
        return [(("heading",), "heading", block.heading)]
    if isinstance(block, (b.Bullets, b.Numbered)):
        key = "bullets" if isinstance(block, b.Bullets) else "numbered"
        return [((key, i), key, item) for i, item in enumerate(getattr(block, key))]
    if isinstance(block, b.Quote):
        return [(("quote",), "quote", block.quote)] + ([(("by",), "by", block.by)] if block.by else [])
    if isinstance(block, b.Priorities):
        return [(("priorities", i), "priority", f"**{p.priority}**" + (f": {p.detail}" if p.detail else ""))
                for i, p in enumerate(block.priorities)]
    return []


def _unit(loaded: LoadedSection, file: Path, path: PathKey, kind: str, text: str,
          placeholders: Placeholders) -> Unit:
    """Return a unit, its placeholders rendered one by one as the document shows them."""
    written = clean_text(text)
    shown, shown_values = render_each(written, placeholders)
    return Unit(loaded, file, path, kind, written, _key(plain_text(shown)), shown_values)


_key = compare_key


def _narrative_paragraphs(document: EditedDocument, end: int) -> list[EditedParagraph]:
    """Return the paragraphs from the first section heading to where the sections end (paragraph `end`)."""
    paragraphs, started = [], False
    for paragraph in document.paragraphs[:end]:
        heading = paragraph.style == "Heading 1"
        started = started or heading
        if not started or paragraph.style in GENERATED_STYLES or not paragraph.plain.strip():
            continue
        paragraph.plain = _shown_text(paragraph.plain, paragraph.style)
        paragraph.marked = _shown_text(paragraph.marked, paragraph.style)
        paragraphs.append(paragraph)
    return paragraphs


def _section_tables(document: EditedDocument, end: int) -> list[EditedTable]:
    """Return the tables from the first section heading to where the sections end (paragraph `end`)."""
    headings = [p for p in document.paragraphs if p.style == "Heading 1"]
    first = headings[0].index if headings else len(document.paragraphs)
    return [table for table in document.tables if first < table.before <= end]


def _shown_text(text: str, style: str) -> str:
    """Return a paragraph's text without what the composer adds: numbers, quotation marks, the dash."""
    text = strip_number(text, heading=style == "Heading 1")
    if style == "Quote":
        text = text.strip().removeprefix("*").removesuffix("*").strip().removeprefix("“").removesuffix("”")
    if style == "Quote Attribution":
        text = text.strip().removeprefix("— ")
    return text


def match(units: list[Unit], paragraphs: list[EditedParagraph]) -> list[tuple[str, Unit | None, Any]]:
    """Return events in document order: ('same'|'changed', unit, paragraph), ('deleted', unit, None),
    ('added', unit before it or None, paragraph)."""
    keys = [_key(plain_text(p.plain)) for p in paragraphs]
    matcher = difflib.SequenceMatcher(None, [u.shown for u in units], keys, autojunk=False)
    events: list[tuple[str, Unit | None, Any]] = []
    last: Unit | None = None
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            events += [("same", units[i], paragraphs[j]) for i, j in zip(range(i1, i2), range(j1, j2))]
            last = units[i2 - 1]
            continue
        pending = list(range(i1, i2))
        for j in range(j1, j2):
            found = next((i for i in pending if _similar(units[i].shown, keys[j])), None)
            if found is None:
                events.append(("added", last, paragraphs[j]))
                continue
            events += [("deleted", units[i], None) for i in pending if i < found]
            pending = [i for i in pending if i > found]
            events.append(("changed", units[found], paragraphs[j]))
            last = units[found]
        events += [("deleted", units[i], None) for i in pending]
        last = units[i2 - 1] if i2 > i1 else last
    return events


def _whole_blocks(events: list[tuple[str, Unit | None, Any]], units: list[Unit]) -> list[tuple[str, Unit | None, Any]]:
    """Return the events with every text of a wholly deleted block (a quote and its attribution, every
    item of a list) deleted as one block."""
    deleted = {(u.file, u.block, u.path) for kind, u, _p in events if kind == "deleted" and u is not None}
    blocks: dict[tuple[Path, int], list[Unit]] = {}
    for unit in units:
        if unit.block >= 0:
            blocks.setdefault((unit.file, unit.block), []).append(unit)
    whole = {key for key, members in blocks.items()
             if all((u.file, u.block, u.path) in deleted for u in members)}
    tidied: list[tuple[str, Unit | None, Any]] = []
    for kind, unit, paragraph in events:
        if kind == "deleted" and unit is not None and (unit.file, unit.block) in whole:
            if unit is blocks[(unit.file, unit.block)][0]:
                tidied.append(("deleted", replace(unit, path=unit.path[:2], kind="block"), None))
            continue
        tidied.append((kind, unit, paragraph))
    return tidied


def _similar(one: str, other: str) -> bool:
    """Return whether two paragraphs are the same paragraph, edited."""
    return difflib.SequenceMatcher(None, one, other, autojunk=False).ratio() >= SIMILAR


def _record(event: tuple[str, Unit | None, Any], edits: dict[Path, list[Edit]], placed: dict[int, Unit],
            result: Imported) -> None:
    """Turn one matching event into YAML edits (or a report of what could not be placed)."""
    kind, unit, paragraph = event
    if paragraph is not None and unit is not None:
        placed[paragraph.index] = unit
    if kind == "same" or unit is None and kind != "added":
        return
    if kind == "added" and unit is None:
        result.unplaced.append(_unplaced(paragraph, "it comes before the first section"))
        return
    assert unit is not None
    source = unit.file.read_text(encoding="utf-8")
    try:
        if kind == "changed":
            edits.setdefault(unit.file, []).extend(_changed(source, unit, paragraph))
        elif kind == "deleted":
            edits.setdefault(unit.file, []).append(_deleted(source, unit))
        else:
            edits.setdefault(unit.file, []).append(_added(source, unit, paragraph))
    except (KeyError, ValueError) as error:
        if paragraph is not None:
            result.unplaced.append(_unplaced(paragraph, f"{error}, in {unit.loaded.source.file}"))
        else:
            result.unplaced.append(unit.loaded.source.problem(
                unit.path, f"'{unit.shown[:60]}' was deleted in Word but cannot be removed: {error}",
                "edit the YAML by hand", severity="warning"))


def _changed(source: str, unit: Unit, paragraph: EditedParagraph) -> list[Edit]:
    """Return the edits that write a changed paragraph's text back, its placeholders kept."""
    text = restore_placeholders(unit.placeholders, paragraph.marked.strip(), unit.bookmarks)
    if unit.kind == "priority":
        title, _, detail = text.partition(":")
        edits = [replace_value(source, (*unit.path, "priority"), title.strip().strip("*").strip())]
        if detail.strip():
            edits.append(replace_value(source, (*unit.path, "detail"), detail.strip()))
        return edits
    if unit.kind in ("quote", "by", "title", "heading"):
        text = plain_text(text) if unit.kind != "heading" else text
    target = unit.path if unit.kind != "title" else ("title",)
    return [replace_value(source, target, text)]


def _deleted(source: str, unit: Unit) -> Edit:
    """Return the edit that removes a deleted paragraph's block or list item."""
    if unit.kind == "title":
        raise ValueError("a section's title was deleted; remove the section from report.yaml instead")
    if unit.kind in ("bullets", "numbered", "priority"):
        return remove_item(source, unit.path)
    if unit.kind == "by":
        raise ValueError("a quote's attribution was deleted")
    return remove_item(source, unit.path[:2])


def _added(source: str, unit: Unit, paragraph: EditedParagraph) -> Edit:
    """Return the edit that inserts an added paragraph after the unit before it."""
    text = restore_placeholders([], paragraph.marked.strip(), unit.bookmarks)
    if unit.kind in ("bullets", "numbered") and paragraph.style.startswith("List"):
        return insert_item(source, (*unit.path[:-1], unit.path[-1] + 1), text)
    value: Any = {"heading": plain_text(text)} if paragraph.style == "Heading 2" else text
    return insert_item(source, ("body", unit.block + 1), value)


def _unplaced(paragraph: EditedParagraph, why: str) -> Problem:
    """Return a warning quoting a paragraph that could not be placed."""
    return Problem(f"paragraph {paragraph.index + 1} not placed ({why}): '{paragraph.plain[:80]}'",
                   hint="copy it into the right section's YAML by hand", severity="warning")


def _must_load(text: str, shown: str, edited: str) -> None:
    """Raise ContentError, about the edited document, when its edits would leave a section invalid."""
    try:
        validate(Section, parse_yaml(text, shown), shown)
    except ContentError as error:
        raise ContentError([Problem(f"the edits made in Word would leave {shown} invalid ({p.message})", file=edited,
                                    hint="check what was deleted in Word: a section keeps at least its title and "
                                         "one paragraph; to drop a section, remove it from report.yaml instead")
                            for p in error.problems]) from None


def _comments(document: EditedDocument, placed: dict[int, Unit]) -> list[str]:
    """Return each comment with who made it and the section text it is on."""
    lines = []
    for paragraph in document.paragraphs:
        for comment_id in paragraph.comment_ids:
            comment = document.comments.get(comment_id)
            if comment is None:
                continue
            unit = placed.get(paragraph.index)
            where = (str(unit.loaded.source.problem(unit.path, "").location) if unit
                     else f"paragraph {paragraph.index + 1}")
            lines.append(f"{where}: comment by {comment.author}: {comment.text}")
    return lines
