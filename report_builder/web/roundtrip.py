"""The page's YAML files: read with their version and changed in place, keeping comments and layout.

ruamel.yaml reads a file into data that remembers its comments, key order, quoting and folded lines,
and writes unchanged parts back byte for byte (the example's files round-trip exactly). Values the
page changes are written in the file's own style: long text folded at 100 characters, as the
project's own files are. A file's version is the hash of its bytes (saving.py writes the files and
sees a change made on disk since the page read it).
"""

from __future__ import annotations

import difflib
import io
import re
import textwrap
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

from report_builder.web.saving import read_text, version_of

WIDTH = 100
"""Longest line written for a changed value; longer text is folded onto several lines."""
INDENT_MEMORY = 64
"""How many files' indentation is remembered (finding it means writing the file back in each style)."""
_indents: OrderedDict[str, tuple[int, int]] = OrderedDict()


@dataclass
class YamlFile:
    """One YAML file as the page read it: its text, version and round-trip data."""

    path: Path
    text: str
    data: Any
    indent: tuple[int, int]

    @classmethod
    def read(cls, path: Path) -> YamlFile:
        """Return the file read for editing (an empty mapping when it does not exist)."""
        return cls.parse(path, read_text(path))

    @classmethod
    def parse(cls, path: Path, text: str) -> YamlFile:
        """Return the file's text parsed for editing, in the indentation it is written in."""
        if not text.strip():
            return cls(path, text, CommentedMap(), (2, 2))
        version = version_of(text)
        if version in _indents:
            _indents.move_to_end(version)
            indent = _indents[version]
            return cls(path, text, _loader(*indent).load(text), indent)
        data, indent = _with_indent(text)
        _remember_indent(version, indent)
        return cls(path, text, data, indent)

    @property
    def version(self) -> str:
        """Return the version of the text as read."""
        return version_of(self.text)

    def dump(self) -> str:
        """Return the data written as YAML in the file's own indentation, unchanged lines spaced as they were."""
        text = spaced_as(self.text, _written(self.data, self.indent), self.indent)
        _remember_indent(version_of(text), self.indent)
        return text


def spaced_as(original: str, written: str, indent: tuple[int, int]) -> str:
    """Return written with each line that differs from the original only in its spaces put back as it was.

    ruamel.yaml writes one space after a colon, so spaces that line values up (`male:   {…}`) would be
    lost on every save. Lines are matched as difflib pairs them; a result is kept only when it reads
    as the same data as written (so no change of a value is ever undone): first with whole lines put
    back, else with only the spaces after each key.
    """
    if original == written or not original:
        return written
    reader = _loader(*indent)
    for whole_lines in (True, False):
        result = _respaced(original, written, whole_lines)
        if result != written and plain(reader.load(result)) == plain(reader.load(written)):
            return result
    return written


def _respaced(original: str, written: str, whole_lines: bool) -> str:
    """Return written with the original's spacing put back on the lines difflib pairs one for one."""
    old, new = original.splitlines(keepends=True), written.splitlines(keepends=True)
    lines = []
    for tag, start, end, new_start, new_end in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "replace" and end - start == new_end - new_start:
            for before, after in zip(old[start:end], new[new_start:new_end], strict=True):
                same = whole_lines and before.split() == after.split() and before.endswith("\n") == after.endswith("\n")
                lines.append(before if same else _key_spaced(before, after))
        else:
            lines.extend(new[new_start:new_end])
    return "".join(lines)


def _key_spaced(before: str, after: str) -> str:
    """Return a changed line with the spaces after its key as the line before it had them."""
    found = _SPACED_KEY.match(before)
    if not found or not after.startswith(found.group(1) + " ") or found.group(2) == " ":
        return after
    return found.group(0) + after[len(found.group(1)) + 1:]


_SPACED_KEY = re.compile(r"(\s*[\w-]+:)( +)(?=\S)")


def _remember_indent(version: str, indent: tuple[int, int]) -> None:
    """Keep the indentation a version of a file is written in, for the next time it is read."""
    _indents[version] = indent
    _indents.move_to_end(version)
    while len(_indents) > INDENT_MEMORY:
        _indents.popitem(last=False)


INDENTS: tuple[tuple[int, int], ...] = ((2, 4), (2, 2), (4, 4), (4, 6), (2, 3), (3, 3))
"""(mapping, sequence) indentations tried in turn: the first that writes the file back as it is wins."""


def _with_indent(text: str) -> tuple[Any, tuple[int, int]]:
    """Return the text's data and the first indentation that writes it back as it is (else the first tried)."""
    for indent in INDENTS:
        data = _loader(*indent).load(text)
        if _written(data, indent) == text:
            return data, indent
    return _loader(*INDENTS[0]).load(text), INDENTS[0]


def _written(data: Any, indent: tuple[int, int]) -> str:
    """Return data written as YAML with the given indentation."""
    stream = io.StringIO()
    _loader(*indent).dump(data, stream)
    return stream.getvalue()


def _loader(mapping: int, sequence: int) -> YAML:
    """Return a round-trip YAML reader and writer for one indentation style."""
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-fold lines as written; changed text is folded by folded() instead
    yaml.indent(mapping=mapping, sequence=sequence, offset=max(sequence - 2, 0))
    return yaml


def folded(text: str, indent: int) -> str:
    """Return text as YAML will write it: plain when short, else folded at WIDTH (">-") on word breaks."""
    text = " ".join(text.split()) if "\n" not in text.strip() else text.strip()
    if "\n" in text:
        return LiteralScalarString(text)
    if len(text) + indent <= WIDTH - 10 or text != text.strip():
        return text
    lines = textwrap.wrap(text, width=max(WIDTH - indent, 40), break_long_words=False, break_on_hyphens=False)
    if " ".join(lines) != text:  # runs of spaces or tabs: folding would change the text
        return text
    scalar = FoldedScalarString(text)
    position, positions = 0, []
    for line in lines[:-1]:
        position += len(line)
        positions.append(position)
        position += 1
    scalar.fold_pos = positions  # type: ignore[attr-defined]
    return scalar


def same_value(old: Any, new: Any) -> bool:
    """Return whether a round-trip value holds the same plain data as new."""
    return plain(old) == plain(new)


def plain(value: Any) -> Any:
    """Return a round-trip value as plain Python data (str, int, list, dict)."""
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, str):
        return str(value)
    return value


def merged(old: Any, new: Any, indent: int) -> Any:
    """Return new written over old: old's nodes (and their comments and styles) kept where unchanged."""
    if same_value(old, new):
        return old
    if isinstance(old, CommentedMap) and isinstance(new, dict):
        for key in [k for k in old if k not in new]:
            del old[key]
        for position, (key, value) in enumerate(new.items()):
            if key in old:
                old[key] = merged(old[key], value, indent + 2)
            else:
                old.insert(min(position, len(old)), key, _fresh(value, indent + 2))
        return old
    if isinstance(old, CommentedSeq) and isinstance(new, list):
        return merged_list(old, [(index, item) for index, item in enumerate(new)], indent)
    return _fresh(new, indent)


def merged_list(old: CommentedSeq, items: Iterable[tuple[int | None, Any]], indent: int) -> CommentedSeq:
    """Return old rebuilt from items, each (index in old it came from, or None, new value).

    Items that came from old keep their node, style and comments, wherever they now stand.
    """
    items = list(items)
    comments = dict(old.ca.items)
    kept = [(origin, merged(old[origin], value, indent + 2) if origin is not None and origin < len(old)
             else _fresh(value, indent + 2)) for origin, value in items]
    old.clear()
    old.ca.items.clear()
    for position, (origin, value) in enumerate(kept):
        old.append(value)
        if origin is not None and origin in comments:
            old.ca.items[position] = comments[origin]
    return old


def _fresh(value: Any, indent: int) -> Any:
    """Return new plain data as round-trip values, long text folded, short lists of words on one line."""
    if isinstance(value, dict):
        mapping = CommentedMap()
        for key, item in value.items():
            mapping[key] = _fresh(item, indent + 2)
        return mapping
    if isinstance(value, list):
        sequence = CommentedSeq(_fresh(item, indent + 2) for item in value)
        if value and all(isinstance(item, (int, float)) or (isinstance(item, str) and len(item) < 40)
                         for item in value) and sum(len(str(item)) + 2 for item in value) + indent < WIDTH - 10:
            sequence.fa.set_flow_style()
        return sequence
    if isinstance(value, str):
        return folded(value, indent)
    return value
