"""Read YAML safely, remembering where every key and value stands so problems can name file:line:column."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from report_builder.errors import ContentError, Problem, display_path

MAX_NODES = 100_000
"""More values than this (an alias bomb, or a file nobody wrote by hand) is refused."""
MAX_BYTES = 5 * 1024 * 1024
"""YAML files larger than this are refused before they are read."""
MAX_NUMBER = 10**12
"""Whole numbers larger than this are refused: no figure of a report comes near it."""
MAX_DEPTH = 50
"""Values nested deeper than this (or an alias that contains itself) are refused."""

FAST_LOADER = getattr(yaml, "CSafeLoader", None)
"""LibYAML's parser when PyYAML has it (about twenty times faster); the same safe constructors either way."""

PLAIN_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")
"""Collections may carry only these tags: no Python objects, no custom types."""

PathKey = tuple[Any, ...]


@dataclass
class SourceMap:
    """Where each value (and each mapping key) of one YAML file stands, by its path of keys/indices."""

    file: str
    values: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    keys: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: PathKey, key: bool = False) -> tuple[int | None, int | None]:
        """Return (line, column) of the value at path, or of the nearest enclosing value known."""
        table = self.keys if key and tuple(path) in self.keys else self.values
        path = tuple(path)
        while path and path not in table:
            path = path[:-1]
            table = self.values
        return table.get(path, (None, None))

    def problem(self, path: PathKey, message: str, hint: str | None = None, key: bool = False,
                severity: str = "error") -> Problem:
        """Return a Problem located at the value (or key) at path."""
        line, column = self.position(path, key=key)
        return Problem(message, file=self.file, line=line, column=column, hint=hint, severity=severity)


@dataclass
class YamlDocument:
    """A YAML file's data with its source map."""

    data: Any
    source: SourceMap


def read_yaml(path: Path, base: Path | None = None) -> YamlDocument:
    """Return the file's data and positions.

    Raises ContentError when the file is missing, too large, not valid YAML, or uses tags or aliases
    that could run code or exhaust memory.
    """
    shown = display_path(path, base)
    if not path.is_file():
        raise ContentError(Problem(f"file not found: {shown}", hint="create it, or check the name in report.yaml"))
    if path.stat().st_size > MAX_BYTES:
        raise ContentError(
            Problem(
                f"{shown} is larger than {MAX_BYTES // (1024 * 1024)} MB",
                file=shown,
                hint="a report's YAML is a few kilobytes; check that the right file was named",
            )
        )
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ContentError(
            Problem(
                f"the file is not UTF-8 text (byte {error.start})",
                file=shown,
                hint="save it as UTF-8 in your editor (in Notepad: Save As, Encoding: UTF-8)",
            )
        ) from None
    return parse_yaml(text, shown)


def parse_yaml(text: str, shown: str) -> YamlDocument:
    """Return the data and positions of YAML text; shown is the file name used in messages.

    LibYAML's fast parser reads it when PyYAML has it; anything it refuses is read again by PyYAML's
    own parser, whose messages (and handling of escapes such as surrogate pairs) are the ones users see.
    Raises ContentError on a syntax error, a disallowed tag, or too many values.
    """
    if FAST_LOADER is not None:
        try:
            return _parse(text, shown, FAST_LOADER)
        except ContentError:
            pass
    return _parse(text, shown, yaml.SafeLoader)


def _parse(text: str, shown: str, loader_class: type) -> YamlDocument:
    """Return the data and positions of YAML text read with one loader class. Raises ContentError."""
    try:
        loader = loader_class(text)
    except yaml.YAMLError as error:  # a character YAML does not allow, such as U+0000
        raise ContentError(Problem(f"not valid YAML: {error}", file=shown,
                                   hint="remove the control character, or write it as an escape in double quotes")) from None
    try:
        node = loader.get_single_node()
        source = SourceMap(shown)
        data = _Builder(loader, source).build(node, ()) if node is not None else None
    except yaml.MarkedYAMLError as error:
        raise ContentError(_syntax_problem(error, shown)) from None
    except yaml.YAMLError as error:
        raise ContentError(Problem(f"not valid YAML: {error}", file=shown)) from None
    except RecursionError:  # PyYAML composes nested collections recursively
        raise ContentError(Problem(f"values are nested more than {MAX_DEPTH} levels deep", file=shown,
                                   hint="a report's YAML nests a few levels; check the brackets and indentation")) from None
    finally:
        loader.dispose()
    return YamlDocument(data, source)


class UnusableNumber(yaml.MarkedYAMLError):
    """Raised for a number no figure can be: infinite, not a number, or far too large."""


def _syntax_problem(error: yaml.MarkedYAMLError, shown: str) -> Problem:
    """Return a Problem for a YAML syntax error (or an unusable number) at its mark."""
    mark = error.problem_mark or error.context_mark
    what = error.problem or "not valid YAML"
    if error.context:
        what = f"{what} ({error.context})"
    hint = "check the indentation and that text containing ': ' or starting with a symbol is in quotes"
    if isinstance(error, UnusableNumber):
        what, hint = error.problem or what, "write the figure as an ordinary number, for example 6 or 5.5"
    else:
        what = f"YAML syntax error: {what}"
    if mark is None:
        return Problem(what, file=shown, hint=hint)
    return Problem(what, file=shown, line=mark.line + 1, column=mark.column + 1, hint=hint)


class _Builder:
    """Build plain Python data from YAML nodes, recording positions and bounding the work."""

    def __init__(self, loader: yaml.SafeLoader, source: SourceMap):
        self.loader = loader
        self.source = source
        self.count = 0

    def build(self, node: yaml.Node, path: PathKey) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise yaml.MarkedYAMLError(
                problem=f"more than {MAX_NODES:,} values (aliases expanding without bound?)",
                problem_mark=node.start_mark,
            )
        if len(path) > MAX_DEPTH:
            raise yaml.MarkedYAMLError(
                problem=f"values nested more than {MAX_DEPTH} levels deep (an alias inside itself?)",
                problem_mark=node.start_mark,
            )
        self.source.values.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if not isinstance(node, yaml.ScalarNode) and node.tag not in PLAIN_TAGS:
            raise yaml.MarkedYAMLError(problem=f"the tag '{node.tag}' is not allowed; write plain values",
                                       problem_mark=node.start_mark)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        return self._scalar(node)

    def _scalar(self, node: yaml.Node) -> Any:
        """Return a scalar's value. Raises MarkedYAMLError for one its tag cannot hold (2025-02-30)."""
        try:
            value = self.loader.construct_object(node, deep=True)
        except (ValueError, LookupError, TypeError, AttributeError, ArithmeticError) as error:  # PyYAML constructors
            shown = str(node.value)[:40]
            raise yaml.MarkedYAMLError(problem=f"cannot read the value '{shown}' ({error})",
                                       problem_mark=node.start_mark) from None
        if isinstance(value, bool):
            return value
        if isinstance(value, float) and not math.isfinite(value):
            raise UnusableNumber(problem=f"'{str(node.value)[:20]}' is not a number a report can show",
                                 problem_mark=node.start_mark)
        if isinstance(value, int) and abs(value) > MAX_NUMBER:
            raise UnusableNumber(problem=f"the number {str(node.value)[:20]}… is larger than any figure a report "
                                         f"holds (at most {MAX_NUMBER:,})", problem_mark=node.start_mark)
        return _whole_characters(value, node) if isinstance(value, str) else value

    def _mapping(self, node: yaml.MappingNode, path: PathKey) -> dict[Any, Any]:
        self.loader.flatten_mapping(node)
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self._scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, (str, int, float, bool)) or key is None:
                raise yaml.MarkedYAMLError(problem="a key must be plain text", problem_mark=key_node.start_mark)
            if key in result:
                raise yaml.MarkedYAMLError(
                    problem=f"the key '{key}' appears twice in the same block", problem_mark=key_node.start_mark
                )
            self.source.keys[(*path, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.build(value_node, (*path, key))
        return result


def _whole_characters(text: str, node: yaml.Node) -> str:
    """Return text with escaped surrogate pairs ("\\ud83d\\ude00") joined into their characters.

    Raises MarkedYAMLError for a lone surrogate, which no document can store.
    """
    if not _SURROGATE.search(text):
        return text
    joined = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    if joined.count("\ufffd") > text.count("\ufffd"):
        raise yaml.MarkedYAMLError(problem="the text has a \\uD800-\\uDFFF escape that is half of a character",
                                   problem_mark=node.start_mark)
    return joined


_SURROGATE = re.compile("[\ud800-\udfff]")
