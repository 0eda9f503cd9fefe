"""A section as the page's form shows it, and back: each block's fields, and the edits the buttons make.

A block is kept as the plain data YAML holds (a string for a paragraph, a mapping for the rest), with
the index it had in the file the page read (its origin), so that a block the person did not touch is
written back exactly as it was, comments and all. Keys the form does not show are kept as they were.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from report_builder.content.blocks import block_kind

KINDS: dict[str, str] = {
    "paragraph": "Paragraph",
    "unnumbered": "Follow-on paragraph",
    "heading": "Sub-heading",
    "bullets": "Bullet list",
    "numbered": "Numbered list",
    "quote": "Quote",
    "table": "Table",
    "chart": "Chart",
    "statistics_table": "Table of figures",
    "priorities": "Priorities for next year",
    "progress": "Progress on last year's priorities",
    "page_break": "Page break",
}
"""Every kind of block a section can hold, as the page names it."""

OTHER = "other"
"""A block the form has no fields for: it is shown and edited as its YAML."""


@dataclass
class FormBlock:
    """One block of the form: its kind, its plain data and where it came from in the file."""

    kind: str
    data: Any
    origin: int | None = None

    def field(self, name: str, default: Any = "") -> Any:
        """Return one value of the block's data (the text itself for a paragraph written as text)."""
        if isinstance(self.data, str):
            return self.data if name == "text" else default
        if name == "text" and isinstance(self.data, dict) and "unnumbered" in self.data:
            return self.data["unnumbered"]
        return self.data.get(name, default) if isinstance(self.data, dict) else default


@dataclass
class SectionForm:
    """A section's title, the Handbook matters it covers, and its blocks, as the page edits them."""

    title: str
    covers: list[str]
    blocks: list[FormBlock] = field(default_factory=list)

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> SectionForm:
        """Return the form for a section's YAML data."""
        body = data.get("body") if isinstance(data.get("body"), list) else []
        blocks = [FormBlock(kind_of(item), item, index) for index, item in enumerate(body)]
        covers = [str(c) for c in data.get("covers") or [] if isinstance(c, str)]
        return cls(str(data.get("title") or ""), covers, blocks)

    def body(self) -> list[tuple[int | None, Any]]:
        """Return the body as (origin, plain data) pairs, in order."""
        return [(block.origin, block.data) for block in self.blocks]


def kind_of(item: Any) -> str:
    """Return the kind of a block's YAML data, or OTHER for one the form has no fields for."""
    kind = block_kind(item)
    if kind == "text":
        return "paragraph"
    return kind if kind in KINDS else OTHER


def new_block(kind: str, name: str = "") -> FormBlock:
    """Return a new, empty block of a kind (a chart or table of figures named by name)."""
    empty: dict[str, Any] = {
        "paragraph": "",
        "unnumbered": {"unnumbered": ""},
        "heading": {"heading": ""},
        "bullets": {"bullets": [""]},
        "numbered": {"numbered": [""]},
        "quote": {"quote": ""},
        "table": {"table": {"title": "", "columns": ["", ""], "rows": [["", ""]]}},
        "chart": {"chart": name},
        "statistics_table": {"statistics_table": name},
        "priorities": {"priorities": [{"priority": "", "detail": ""}]},
        "progress": {"progress": [{"priority": "", "progress": ""}]},
        "page_break": {"page_break": True},
    }
    return FormBlock(kind, empty[kind])


def read_form(form: Any) -> SectionForm:
    """Return the section as the posted form gives it (a Starlette FormData; fields block-N-…, N from 0)."""
    count = _int(form.get("blocks"), 0)
    blocks = [_read_block(form, f"block-{n}-") for n in range(count)]
    return SectionForm(_text(form, "title"), [str(c) for c in form.getlist("covers")], blocks)


def _read_block(form: Mapping[str, str], prefix: str) -> FormBlock:
    """Return one block from its form fields."""
    kind = form.get(prefix + "kind", OTHER)
    origin = _int(form.get(prefix + "origin"), None)
    reader = _READERS.get(kind)
    data = reader(form, prefix) if reader else _yaml_value(form.get(prefix + "yaml", ""))
    return FormBlock(kind_of(data) if reader else OTHER, data, origin)


def keep_unshown_keys(form: SectionForm, base_body: list[Any]) -> SectionForm:
    """Return the form with each block's keys that the form does not show taken from the file as it was."""
    for block in form.blocks:
        if block.origin is None or block.origin >= len(base_body) or block.kind == OTHER:
            continue
        old = base_body[block.origin]
        if not isinstance(old, dict) or kind_of(old) != block.kind:
            continue
        kept = {key: value for key, value in old.items() if key not in _SHOWN[block.kind]}
        if block.kind == "paragraph":
            block.data = {**old, "text": block.data}
        elif kept and isinstance(block.data, dict):
            block.data = {**kept, **block.data}
    return form


def _text(form: Mapping[str, str], name: str) -> str:
    return " ".join(form.get(name, "").split())


def _paragraph(form: Mapping[str, str], prefix: str) -> Any:
    """Return a paragraph: its text, or a follow-on paragraph (no number of its own) when ticked so."""
    text = _text(form, prefix + "text")
    return {"unnumbered": text} if form.get(prefix + "follow_on") else text


def _lines(form: Mapping[str, str], name: str) -> list[str]:
    return [" ".join(line.split()) for line in form.get(name, "").splitlines() if line.strip()]


def _quote(form: Mapping[str, str], prefix: str) -> dict[str, Any]:
    data: dict[str, Any] = {"quote": _text(form, prefix + "quote")}
    if _text(form, prefix + "by"):
        data["by"] = _text(form, prefix + "by")
    return data


def _table(form: Mapping[str, str], prefix: str) -> dict[str, Any]:
    rows, columns = _int(form.get(prefix + "rows"), 1), _int(form.get(prefix + "cols"), 1)
    table: dict[str, Any] = {
        "title": _text(form, prefix + "title"),
        "columns": [_text(form, f"{prefix}cell-0-{c}") for c in range(columns)],
        "rows": [[cell_value(_text(form, f"{prefix}cell-{r}-{c}")) for c in range(columns)]
                 for r in range(1, rows + 1)],
    }
    if _text(form, prefix + "source"):
        table["source"] = _text(form, prefix + "source")
    if form.get(prefix + "landscape"):
        table["landscape"] = True
    return {"table": table}


def _chart(form: Mapping[str, str], prefix: str) -> dict[str, Any]:
    data: dict[str, Any] = {"chart": form.get(prefix + "chart", "")}
    choice = form.get(prefix + "with_table", "")
    if choice in ("yes", "no"):
        data["with_table"] = choice == "yes"
    return data


def _statistics_table(form: Mapping[str, str], prefix: str) -> dict[str, Any]:
    data: dict[str, Any] = {"statistics_table": form.get(prefix + "statistics_table", "")}
    if form.get(prefix + "landscape"):
        data["landscape"] = True
    return data


def _items(form: Mapping[str, str], prefix: str, first: str, second: str) -> list[dict[str, Any]]:
    items = []
    for k in range(_int(form.get(prefix + "items"), 0)):
        item: dict[str, Any] = {"priority": _text(form, f"{prefix}item-{k}-{first}")}
        words = _text(form, f"{prefix}item-{k}-{second}")
        if words or second == "progress":
            item[second] = words or None
        items.append(item)
    return items


_READERS = {
    "paragraph": _paragraph,
    "unnumbered": _paragraph,
    "heading": lambda form, prefix: {"heading": _text(form, prefix + "heading")},
    "bullets": lambda form, prefix: {"bullets": _lines(form, prefix + "items")},
    "numbered": lambda form, prefix: {"numbered": _lines(form, prefix + "items")},
    "quote": _quote,
    "table": _table,
    "chart": _chart,
    "statistics_table": _statistics_table,
    "priorities": lambda form, prefix: {"priorities": _items(form, prefix, "priority", "detail")},
    "progress": lambda form, prefix: {"progress": _items(form, prefix, "priority", "progress")},
    "page_break": lambda form, prefix: {"page_break": True},
}
_SHOWN = {
    "paragraph": {"text"}, "unnumbered": {"unnumbered"}, "heading": {"heading"}, "bullets": {"bullets"}, "numbered": {"numbered"},
    "quote": {"quote", "by"}, "table": {"table"}, "chart": {"chart", "with_table"},
    "statistics_table": {"statistics_table", "landscape"}, "priorities": {"priorities"},
    "progress": {"progress"}, "page_break": {"page_break"},
}
"""The keys of each kind the form's fields give: any other key of the block is kept as it was."""

NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def cell_value(text: str) -> str | int | float:
    """Return a table cell as YAML should hold it: a plain number as a number, else the text."""
    if NUMBER.match(text):
        return float(text) if "." in text else int(text)
    return text


def _int(value: str | None, default: Any) -> Any:
    try:
        return int(value) if value not in (None, "") else default
    except ValueError:
        return default


def _yaml_value(text: str) -> Any:
    """Return YAML text as plain data, or the text itself when it is not valid YAML."""
    import yaml

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return text


def apply_action(form: SectionForm, action: str, catalogue_default: dict[str, str]) -> SectionForm:
    """Return the form after one button: add, move or delete a block, or a row, column or item.

    Actions are 'add:KIND:N' (after block N; -1 for the top), 'add-chart:NAME:N',
    'add-table:NAME:N', 'up:N', 'down:N', 'delete:N', 'row:N', 'unrow:N', 'column:N', 'uncolumn:N',
    'item:N', 'unitem:N:K'.
    """
    verb, *rest = action.split(":")
    blocks = form.blocks
    try:
        if verb == "add":
            kind, at = rest[0], int(rest[1])
            blocks.insert(at + 1, new_block(kind, catalogue_default.get(kind, "")))
        elif verb in ("add-chart", "add-table"):
            kind = "chart" if verb == "add-chart" else "statistics_table"
            blocks.insert(int(rest[1]) + 1, new_block(kind, rest[0]))
        elif verb in ("up", "down"):
            n = int(rest[0])
            m = n - 1 if verb == "up" else n + 1
            if 0 <= m < len(blocks):
                blocks[n], blocks[m] = blocks[m], blocks[n]
        elif verb == "delete":
            del blocks[int(rest[0])]
        else:
            _change_inside(blocks[int(rest[0])], verb, rest[1:])
    except (IndexError, ValueError, KeyError):
        pass  # a stale button (the form changed meanwhile) does nothing
    return form


def _change_inside(block: FormBlock, verb: str, rest: list[str]) -> None:
    """Add or remove a table row or column, or a priority item, in place."""
    data = block.data
    if verb in ("row", "unrow", "column", "uncolumn") and isinstance(data, dict) and "table" in data:
        table = data["table"]
        width = len(table["columns"])
        if verb == "row":
            table["rows"].append([""] * width)
        elif verb == "unrow" and len(table["rows"]) > 1:
            table["rows"].pop()
        elif verb == "column":
            table["columns"].append("")
            for row in table["rows"]:
                row.append("")
        elif verb == "uncolumn" and width > 1:
            table["columns"].pop()
            for row in table["rows"]:
                row.pop()
    elif verb in ("item", "unitem") and isinstance(data, dict):
        key = "priorities" if "priorities" in data else "progress"
        items = data[key]
        if verb == "item":
            items.append({"priority": "", ("detail" if key == "priorities" else "progress"): ""})
        elif len(items) > 1:
            del items[int(rest[0])]
