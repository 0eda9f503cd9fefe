"""Edit YAML text in place: change a value, remove or add a list item, keeping every comment and layout.

Each edit touches only the characters of the value it changes, so a manager's comments, key order and
line breaks elsewhere stay exactly as written, and a diff of the file shows only what changed.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Any

import yaml

from report_builder.yamlsource import PathKey

WIDTH = 100
"""Longest line written; longer text is folded onto several lines."""


@dataclass(frozen=True)
class Edit:
    """Replace text[start:end] with replacement."""

    start: int
    end: int
    replacement: str


def apply_edits(text: str, edits: list[Edit]) -> str:
    """Return text with the edits made; edits at the same place keep their order."""
    ordered = sorted(enumerate(edits), key=lambda pair: (pair[1].start, pair[0]), reverse=True)
    for _index, edit in ordered:
        text = text[:edit.start] + edit.replacement + text[edit.end:]
    return text


def node_at(text: str, path: PathKey) -> yaml.Node:
    """Return the YAML node at path (mapping keys and list indices).

    Raises KeyError when the path is not in the document.
    """
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    for step in path:
        if isinstance(node, yaml.MappingNode):
            node = next((value for key, value in node.value if key.value == str(step)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
        else:
            node = None
        if node is None:
            raise KeyError(f"{'.'.join(map(str, path))} is not in the file")
    return node


def replace_value(text: str, path: PathKey, value: Any) -> Edit:
    """Return the edit that writes value in place of the scalar at path, in a style that fits the line."""
    node = node_at(text, path)
    start, end = node.start_mark.index, _scalar_end(text, node)
    indent = _line_indent(text, start) + 2
    prefix = text[text.rfind("\n", 0, start) + 1:start]
    block = getattr(node, "style", None) in (">", "|")
    written = emit_scalar(value, indent, len(prefix), block)
    if start == end and text[start - 1:start] == ":":
        written = " " + written  # an empty value ('progress:') gets its space after the colon
    return Edit(start, end, written)


def remove_item(text: str, path: PathKey) -> Edit:
    """Return the edit that removes the list item at path, with its lines."""
    parent = node_at(text, path[:-1])
    index = path[-1]
    item = parent.value[index]
    start = _line_start(text, item.start_mark.index)
    return Edit(start, _item_end(text, parent, index), "")


def insert_item(text: str, path: PathKey, value: Any, as_lines: bool = False) -> Edit:
    """Return the edit that inserts value as a new list item at path (index len(list) appends).

    A mapping is written on one line ({key: value}), or a key a line when as_lines is True.
    """
    parent = node_at(text, path[:-1])
    index = path[-1]
    reference = parent.value[min(index, len(parent.value) - 1)]
    dash = _line_indent(text, reference.start_mark.index)
    if index < len(parent.value):
        at = _line_start(text, reference.start_mark.index)
    else:
        at = _item_end(text, parent, len(parent.value) - 1)
    if isinstance(value, dict) and as_lines:
        return Edit(at, at, item_lines(value, dash))
    if isinstance(value, dict):
        item = _plain(value)
    else:
        item = emit_scalar(value, dash + 2, dash + 2, block=False)
    return Edit(at, at, f"{' ' * dash}- {item}\n")


def replace_items(text: str, path: PathKey, items: list[dict[str, Any]]) -> Edit:
    """Return the edit that replaces every item of the (non-empty) list at path with the given mappings."""
    node = node_at(text, path)
    dash = _line_indent(text, node.value[0].start_mark.index)
    start = _line_start(text, node.value[0].start_mark.index)
    return Edit(start, _item_end(text, node, len(node.value) - 1), "".join(item_lines(i, dash) for i in items))


def item_lines(item: dict[str, Any], dash: int) -> str:
    """Return a list item of a mapping, a key a line; an empty value is written as nothing after the colon."""
    lines = []
    for number, (key, value) in enumerate(item.items()):
        lead = " " * dash + ("- " if number == 0 else "  ")
        shown = "" if value is None else " " + emit_scalar(value, dash + 4, dash + 4 + len(key), block=False)
        lines.append(f"{lead}{key}:{shown}\n")
    return "".join(lines)


def emit_scalar(value: Any, indent: int, column: int, block: bool) -> str:
    """Return value written as a YAML scalar starting at column; long text folded at indent."""
    if not isinstance(value, str):
        return _plain(value)
    single = _plain(value)
    if not block and "\n" not in single and column + len(single) <= WIDTH:
        return single
    lines = textwrap.wrap(value, width=max(WIDTH - indent, 40), break_long_words=False, break_on_hyphens=False)
    folded = ">-\n" + "\n".join(" " * indent + line for line in lines)
    if lines and _reads_back(folded, value):
        return folded
    return single


def _plain(value: Any) -> str:
    """Return value as a one-line YAML scalar (quoted when it must be)."""
    dumped = yaml.safe_dump(value, allow_unicode=True, width=1_000_000, default_flow_style=True,
                            sort_keys=False)
    return dumped.removesuffix("\n").removesuffix("\n...").strip()


def _reads_back(written: str, value: str) -> bool:
    """Return whether the written scalar reads back as the value."""
    try:
        return yaml.safe_load("key: " + written) == {"key": value}
    except yaml.YAMLError:
        return False


def _scalar_end(text: str, node: yaml.Node) -> int:
    """Return where a scalar's own text ends (a block scalar's end is before its final line break)."""
    end = node.end_mark.index
    if getattr(node, "style", None) in (">", "|"):
        while end > node.start_mark.index and text[end - 1] in " \n":
            end -= 1
    return end


def _item_end(text: str, parent: yaml.Node, index: int) -> int:
    """Return where a list item's lines end: the next item's line, or the line after the item's text."""
    if index + 1 < len(parent.value):
        return _line_start(text, parent.value[index + 1].start_mark.index)
    end = parent.value[index].end_mark.index
    while end > 0 and text[end - 1] in " \n":
        end -= 1
    newline = text.find("\n", end)
    return len(text) if newline < 0 else newline + 1


def _line_start(text: str, index: int) -> int:
    """Return the index at which the line holding index starts."""
    return text.rfind("\n", 0, index) + 1


def _line_indent(text: str, index: int) -> int:
    """Return the number of spaces that start the line holding index."""
    start = _line_start(text, index)
    line = text[start:]
    return len(line) - len(line.lstrip(" "))
