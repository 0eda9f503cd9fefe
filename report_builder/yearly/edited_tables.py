"""Keep edits made to the tables of the sections in Word.

Each table of the edited document is paired with the table the build put there: a narrative table
(its title, column headings and rows come back into the section's YAML), a progress table (each row
is a priority and what happened), or a table of figures from the data (a statistics table or a
chart's data), whose edited cells cannot be kept and are reported.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from report_builder.compose.inline import clean_text, plain_text
from report_builder.compose.narrative import PROGRESS_COLUMNS, PROGRESS_NOT_WRITTEN, PROGRESS_TITLE, chart_table_mode
from report_builder.content import blocks as b
from report_builder.errors import Problem
from report_builder.exhibits import Cell, DataTable
from report_builder.load import LoadedSection, Report
from report_builder.placeholders import Placeholders
from report_builder.statistics.model import Statistics
from report_builder.yamlsource import PathKey
from report_builder.yearly.edited_docx import Comment, EditedTable
from report_builder.yearly.shown_text import compare_key, literal_text, render_each, restore_placeholders
from report_builder.yearly.yaml_edit import Edit, insert_item, remove_item, replace_value

CAPTION_NUMBER = re.compile(r"^(?:Table|Data for Figure)\s+\d+\s*:\s*")
FROM_DATA = "figures come from the data and cannot be edited in Word"


@dataclass
class TableSlot:
    """A table the build puts in a section, as the document shows it: title, header row, rows."""

    kind: str
    """'narrative', 'progress', 'statistics' or 'chart' (a chart's data)."""
    loaded: LoadedSection
    file: Path
    block: int
    title: str
    rows: list[list[str]]
    placeholders: dict[PathKey, list[tuple[str, str]]] = field(default_factory=dict)
    """The placeholders of each text (by its path in the block) with the values shown for them."""

    @property
    def at(self) -> PathKey:
        """Return the path of the block in its section."""
        return ("body", self.block)

    @property
    def from_data(self) -> bool:
        """Return whether the table's figures are computed from the data."""
        return self.kind in ("statistics", "chart")


@dataclass
class TableEdits:
    """The YAML edits that keep the tables' edits, by file, and what could not be kept."""

    edits: dict[Path, list[Edit]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RowChange:
    """A row changed ('changed', old row index, new row), added before an old row, or deleted."""

    kind: str
    old: int
    new: list[str] | None = None


def expected_tables(report: Report, stats: Statistics, placeholders: Placeholders) -> list[TableSlot]:
    """Return the tables the build puts in the sections, in document order."""
    charts = _chart_tables(report, stats)
    slots = []
    for loaded in report.sections:
        file = report.folder / "sections" / f"{loaded.name}.yaml"
        for index, block in enumerate(loaded.section.body):
            slot = _slot(block, report, charts, stats, placeholders)
            if slot is not None:
                kind, title, rows, shown = slot
                slots.append(TableSlot(kind, loaded, file, index, title, rows, shown))
    return slots


def _slot(block: b.Block, report: Report, charts: dict[str, DataTable], stats: Statistics,
          placeholders: Placeholders) -> tuple[str, str, list[list[str]], dict[PathKey, list[tuple[str, str]]]] | None:
    """Return (kind, title, rows with the header first, placeholders) of the table a block makes, or None."""
    if isinstance(block, b.Table):
        return _narrative(block.table, placeholders)
    if isinstance(block, b.Progress):
        return _progress(block, placeholders)
    if isinstance(block, b.StatisticsTable):
        table = _statistics_table(stats, block.statistics_table)
        return None if table is None else ("statistics", table.title, _shown_rows(table), {})
    if isinstance(block, b.ChartRef) and block.chart in charts:
        with_table = chart_table_mode(block, report.council.chart_tables) == "below"
        table = charts[block.chart]
        return ("chart", table.title, _shown_rows(table), {}) if with_table else None
    return None


def _narrative(table: b.TableBlock, placeholders: Placeholders
               ) -> tuple[str, str, list[list[str]], dict[PathKey, list[tuple[str, str]]]]:
    """Return a narrative table as shown: every text's placeholders rendered, numbers formatted."""
    shown: dict[PathKey, list[tuple[str, str]]] = {}

    def text(value: str, *path: Any) -> str:
        rendered, shown[tuple(path)] = render_each(clean_text(value), placeholders)
        return plain_text(rendered)

    header = [text(column, "columns", c) for c, column in enumerate(table.columns)]
    rows = [[text(str(v), "rows", r, c) if _is_text(v) else _number_cell(v).text for c, v in enumerate(row)]
            for r, row in enumerate(table.rows)]
    return "narrative", text(table.title, "title"), [header, *rows], shown


def _progress(block: b.Progress, placeholders: Placeholders
              ) -> tuple[str, str, list[list[str]], dict[PathKey, list[tuple[str, str]]]]:
    """Return a progress table as shown: each priority and what happened (or that it is not written)."""
    shown: dict[PathKey, list[tuple[str, str]]] = {}

    def text(value: str | None, *path: Any) -> str:
        if not value:
            return PROGRESS_NOT_WRITTEN
        rendered, shown[tuple(path)] = render_each(clean_text(value), placeholders)
        return plain_text(rendered)

    rows = [[text(item.priority, i, "priority"), text(item.progress, i, "progress")]
            for i, item in enumerate(block.progress)]
    return "progress", PROGRESS_TITLE, [list(PROGRESS_COLUMNS), *rows], shown


def _statistics_table(stats: Statistics, name: str) -> DataTable | None:
    """Return a statistics table from the catalogue, or None when it cannot be made."""
    from report_builder.errors import ReportError
    from report_builder.statistics.tables import build_table

    try:
        return build_table(stats, name)
    except ReportError:
        return None


def _chart_tables(report: Report, stats: Statistics) -> dict[str, DataTable]:
    """Return the data table of each chart the report places and can draw, titled as its caption is."""
    from report_builder.charts.build import plan_charts
    from report_builder.draw import placed_names
    from report_builder.errors import ReportError

    try:
        plans, _skipped = plan_charts(stats, placed_names(report, b.ChartRef))
    except ReportError:
        return {}
    return {plan.name: DataTable(**{**plan.table.__dict__, "title": plan.title}) for plan in plans}


def _shown_rows(table: DataTable) -> list[list[str]]:
    """Return a table's header row and rows as the document shows them."""
    return [list(table.columns), *[[cell.text for cell in row] for row in table.rows]]


def _is_text(value: object) -> bool:
    """Return whether a narrative table value is text (numbers are formatted, not rendered)."""
    return isinstance(value, bool) or not isinstance(value, (int, float))


def _number_cell(value: float) -> Cell:
    """Return a narrative table's number as the composer shows it."""
    return Cell(value, "count" if isinstance(value, int) else "number")


def caption_title(caption: str) -> str:
    """Return a caption's text without 'Table N: ' or 'Data for Figure N: '."""
    return CAPTION_NUMBER.sub("", caption, count=1).strip()


def pair_tables(slots: list[TableSlot], tables: list[EditedTable]
                ) -> tuple[list[tuple[TableSlot, EditedTable]], list[TableSlot], list[EditedTable]]:
    """Return the (slot, edited table) pairs, the slots whose table was deleted, the tables added."""
    def key(title: str, rows: list[list[str]]) -> str:
        return compare_key(f"{title} | {' | '.join(rows[0] if rows else [])}")

    matcher = difflib.SequenceMatcher(None, [key(s.title, s.rows) for s in slots],
                                      [key(caption_title(t.caption), t.rows) for t in tables], autojunk=False)
    pairs, deleted, added = [], [], []
    for _tag, i1, i2, j1, j2 in matcher.get_opcodes():
        common = min(i2 - i1, j2 - j1)
        pairs += list(zip(slots[i1:i1 + common], tables[j1:j1 + common]))
        deleted += slots[i1 + common:i2]
        added += tables[j1 + common:j2]
    return pairs, deleted, added


def row_changes(old: list[list[str]], new: list[list[str]]) -> list[RowChange]:
    """Return how the rows changed: rows paired by position where rows were replaced."""
    def key(row: list[str]) -> str:
        return compare_key("\t".join(row))

    matcher = difflib.SequenceMatcher(None, [key(r) for r in old], [key(r) for r in new], autojunk=False)
    changes = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        common = min(i2 - i1, j2 - j1)
        changes += [RowChange("changed", i1 + k, new[j1 + k]) for k in range(common)]
        changes += [RowChange("added", i1 + common, row) for row in new[j1 + common:j2]]
        changes += [RowChange("deleted", i) for i in range(i1 + common, i2)]
    return changes


def table_edits(slots: list[TableSlot], tables: list[EditedTable], comments: dict[str, Comment]) -> TableEdits:
    """Return the YAML edits that keep the edits made to the sections' tables, and what cannot be kept."""
    result = TableEdits()
    pairs, deleted, added = pair_tables(slots, tables)
    for slot, table in pairs:
        source = slot.file.read_text(encoding="utf-8")
        edits, problems = _compare(slot, table, source)
        result.edits.setdefault(slot.file, []).extend(edits)
        result.problems += problems
        result.comments += table_comments(slot, table, comments)
    for slot in deleted:
        if slot.from_data:
            result.problems.append(_problem(slot, f"the table '{slot.title}' was deleted in Word",
                                            f"remove the '{_block_key(slot)}' block from the section to leave it out"))
        else:
            source = slot.file.read_text(encoding="utf-8")
            result.edits.setdefault(slot.file, []).append(remove_item(source, slot.at))
    result.problems += [_added_table(table) for table in added]
    return result


def _compare(slot: TableSlot, table: EditedTable, source: str) -> tuple[list[Edit], list[Problem]]:
    """Return the edits and problems of one table paired with the table the build made."""
    if slot.from_data:
        return [], _data_problems(slot, table)
    if slot.kind == "progress":
        return _progress_edits(slot, table, source)
    return _narrative_edits(slot, table, source)


def _narrative_edits(slot: TableSlot, table: EditedTable, source: str) -> tuple[list[Edit], list[Problem]]:
    """Return the edits that keep a narrative table's changed title, headings and rows."""
    at = (*slot.at, "table")
    edits: list[Edit] = []
    title = caption_title(table.caption)
    if table.caption and compare_key(title) != compare_key(slot.title):
        edits.append(replace_value(source, (*at, "title"), _restored(slot, ("title",), title)))
    header, columns = (table.rows or [[]])[0], slot.rows[0]
    if len(header) != len(columns):
        return edits, [_problem(slot, f"columns were added or deleted in '{slot.title}' in Word "
                                      f"(expected {len(columns)}, found {len(header)})",
                                "change columns: and every row of the table in the YAML by hand")]
    for c, (old, new) in enumerate(zip(columns, header)):
        if compare_key(old) != compare_key(new):
            edits.append(replace_value(source, (*at, "columns", c), _restored(slot, ("columns", c), new)))
    kept = [r for r in table.rows[1:] if len(r) == len(columns)]
    if not kept:
        return [remove_item(source, slot.at)], []
    changes = row_changes(slot.rows[1:], kept)
    edits += _row_edits(slot, changes, source, at, lambda change, c, text: _narrative_cell(slot, change, c, text),
                        ["rows"])
    problems = [_problem(slot, f"a row of '{slot.title}' does not have {len(columns)} cells: {row}",
                         "add the row to the YAML by hand") for row in table.rows[1:] if len(row) != len(columns)]
    return edits, problems


def _narrative_cell(slot: TableSlot, change: RowChange, column: int, text: str) -> str | int | float:
    """Return a cell's value: its placeholders kept where their values still show, numbers as typed."""
    if change.kind == "changed":
        restored = _restored(slot, ("rows", change.old, column), text)
        if "{{" in restored:
            return restored
    value = typed_value(text)
    return literal_text(value, {}) if isinstance(value, str) else value


def _row_edits(slot: TableSlot, changes: list[RowChange], source: str, at: PathKey,
               value: Callable[[RowChange, int, str], Any], keys: list[Any]) -> list[Edit]:
    """Return the edits of changed cells, then of added rows, then of deleted rows.

    keys[0] is the list's key in the block; keys[1:] the key of each column in an item (none for a
    row written as a list of cells).
    """
    edits: list[Edit] = []
    items = (*at, keys[0])
    for change in (c for c in changes if c.kind == "changed" and c.new is not None):
        for column, (old, new) in enumerate(zip(slot.rows[change.old + 1], change.new)):
            if compare_key(old) != compare_key(new):
                step = keys[column + 1] if len(keys) > 1 else column
                edits.append(replace_value(source, (*items, change.old, step), value(change, column, new)))
    for change in (c for c in changes if c.kind == "added" and c.new is not None):
        cells = [value(change, column, text) for column, text in enumerate(change.new)]
        row = dict(zip(keys[1:], cells)) if len(keys) > 1 else cells
        edits.append(insert_item(source, (*items, change.old), row, as_lines=True))
    edits += [remove_item(source, (*items, c.old)) for c in changes if c.kind == "deleted"]
    return edits


def _progress_edits(slot: TableSlot, table: EditedTable, source: str) -> tuple[list[Edit], list[Problem]]:
    """Return the edits that keep a progress table's changed, added and deleted rows."""
    problems = []
    if caption_title(table.caption) != PROGRESS_TITLE or (table.rows or [[]])[0] != list(PROGRESS_COLUMNS):
        problems.append(_problem(slot, f"the title or column headings of '{PROGRESS_TITLE}' were changed in Word",
                                 "they are written by the build; change the rows only"))
    kept = [r for r in table.rows[1:] if len(r) == 2]
    if not kept:
        return [remove_item(source, slot.at)], problems

    def value(change: RowChange, column: int, text: str) -> str | None:
        key = ("priority", "progress")[column]
        if key == "progress" and compare_key(text) in ("", PROGRESS_NOT_WRITTEN):
            return None if change.kind == "added" else ""
        return _restored(slot, (change.old, key), text) if change.kind == "changed" else literal_text(text.strip(), {})

    changes = row_changes(slot.rows[1:], kept)
    return _row_edits(slot, changes, source, slot.at, value, ["progress", "priority", "progress"]), problems


def _data_problems(slot: TableSlot, table: EditedTable) -> list[Problem]:
    """Return a problem for each edit to a table of figures from the data."""
    caption = table.caption or f"the table '{slot.title}'"
    hint = f"{FROM_DATA}; correct the data and rebuild, or explain the figure in the narrative"
    problems = []
    if table.caption and compare_key(caption_title(table.caption)) != compare_key(slot.title):
        problems.append(_problem(slot, f"{caption}: the title was changed in Word (it is '{slot.title}')",
                                 "titles of tables from the data come from the catalogue"))
    columns = slot.rows[0]
    for change in row_changes(slot.rows, table.rows):
        old = slot.rows[change.old] if change.old < len(slot.rows) else []
        if change.kind == "changed" and change.new is not None:
            row = "the header row" if change.old == 0 else f"row '{old[0]}'"
            for c, (before, after) in enumerate(zip(old, change.new)):
                if compare_key(before) != compare_key(after):
                    column = columns[c] if c < len(columns) else str(c + 1)
                    problems.append(_problem(slot, f"{caption}, {row}, column '{column}': '{before}' was changed to "
                                                   f"'{after}' in Word", hint))
        elif change.kind == "added":
            problems.append(_problem(slot, f"{caption}: a row was added in Word: {' | '.join(change.new or [])}", hint))
        else:
            problems.append(_problem(slot, f"{caption}: the row '{old[0]}' was deleted in Word", hint))
    return problems


def table_comments(slot: TableSlot, table: EditedTable, comments: dict[str, Comment]) -> list[str]:
    """Return each comment on a cell with who made it and the cell it is on."""
    lines = []
    where = slot.loaded.source.problem(slot.at, "").location
    for row, column, comment_id in table.comment_ids:
        comment = comments.get(comment_id)
        if comment is None:
            continue
        cells = table.rows[row] if row < len(table.rows) else []
        heading = table.rows[0][column] if column < len(table.rows[0]) else str(column + 1)
        label = "the header row" if row == 0 else f"row '{cells[0] if cells else row}'"
        lines.append(f"{where}: comment by {comment.author} on '{slot.title}', {label}, column '{heading}': "
                     f"{comment.text}")
    return lines


def _added_table(table: EditedTable) -> Problem:
    """Return a warning quoting a table that matches none the build made."""
    first = " | ".join(table.rows[0]) if table.rows else ""
    caption = f" '{table.caption}'" if table.caption else ""
    return Problem(f"table{caption} before paragraph {table.before + 1} not placed (the build made no table "
                   f"there): '{first[:80]}'", hint="add it to the section's YAML as a table: block by hand",
                   severity="warning")


def _problem(slot: TableSlot, message: str, hint: str, severity: str = "warning") -> Problem:
    """Return a problem located at the table's block in its section."""
    return slot.loaded.source.problem(slot.at, message, hint, severity=severity)


def _block_key(slot: TableSlot) -> str:
    """Return the key a table's block is written with."""
    return {"statistics": "statistics_table", "chart": "chart"}.get(slot.kind, slot.kind)


def _restored(slot: TableSlot, path: PathKey, text: str) -> str:
    """Return edited text with the placeholders of the text at path put back where their values show."""
    return restore_placeholders(slot.placeholders.get(path, []), text.strip())


NUMBER = re.compile(r"-?\d{1,3}(?:,\d{3})*(?:\.\d+)?|-?\d+(?:\.\d+)?")


def typed_value(text: str) -> str | int | float:
    """Return a cell's typed text as a number when it reads as one the composer would show the same way."""
    text = text.strip()
    if not NUMBER.fullmatch(text):
        return text
    value: int | float = float(text.replace(",", "")) if "." in text else int(text.replace(",", ""))
    return value if _number_cell(value).text == text else text
