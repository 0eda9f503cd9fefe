"""Every piece of narrative a manager wrote, with where it stands, for the checks that read words and numbers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from report_builder.compose.inline import clean_text, plain_text
from report_builder.content import blocks as b
from report_builder.content.models import CoveringText, text_of
from report_builder.errors import Problem
from report_builder.load import Report
from report_builder.placeholders import PLACEHOLDER
from report_builder.yamlsource import PathKey, SourceMap

PROSE_KINDS = ("paragraph", "bullet", "numbered", "priority_detail", "progress", "covering")
"""Kinds of text written as sentences (not titles, table cells or other people's words)."""

SENTENCE_END = re.compile(r"(?<=[.!?])[”\"')]?\s+(?=[A-Z“\"‘(\d{])")
ABBREVIATIONS = re.compile(r"\b(e\.g|i\.e|etc|c|no|para|s|St|Mr|Mrs|Ms|Dr|p\.m|a\.m)\.$", re.IGNORECASE)


@dataclass(frozen=True)
class NarrativeText:
    """One text of the report as written, its kind, and where it stands in its YAML file."""

    text: str
    kind: str
    source: SourceMap
    path: PathKey
    folder: Path

    def problem(self, message: str, hint: str | None = None, severity: str = "error",
                needle: str | None = None, key: bool = False) -> Problem:
        """Return a Problem at this text, or at the first place needle appears in it when that can be found."""
        line, column = self.source.position(self.path, key=key)
        if needle and line is not None and column is not None:
            line, column = _find_after(self.folder / self.source.file, line, column, needle)
        return Problem(message, file=self.source.file, line=line, column=column, hint=hint, severity=severity)


def narrative_texts(report: Report) -> Iterator[NarrativeText]:
    """Yield every text of the sections and of the covering report, with its kind and position."""
    base = report.folder.parent
    for loaded in report.sections:
        yield NarrativeText(clean_text(loaded.section.title), "title", loaded.source, ("title",), base)
        for index, block in enumerate(loaded.section.body):
            for text, kind, path in _block_texts(block):
                yield NarrativeText(clean_text(text), kind, loaded.source, ("body", index, *path), base)
    yield from _covering_texts(report, base)


def _block_texts(block: b.Block) -> Iterator[tuple[str, str, PathKey]]:
    """Yield (text, kind, path inside the block) for every text a block holds."""
    if isinstance(block, b.Paragraph):
        yield block.text, "paragraph", ()
    elif isinstance(block, b.Unnumbered):
        yield block.unnumbered, "paragraph", ("unnumbered",)
    elif isinstance(block, b.Heading):
        yield block.heading, "heading", ("heading",)
    elif isinstance(block, (b.Bullets, b.Numbered)):
        key, kind = ("bullets", "bullet") if isinstance(block, b.Bullets) else ("numbered", "numbered")
        for i, item in enumerate(getattr(block, key)):
            yield item, kind, (key, i)
    elif isinstance(block, b.Quote):
        yield block.quote, "quote", ("quote",)
        if block.by:
            yield block.by, "by", ("by",)
    elif isinstance(block, b.Table):
        yield from _table_texts(block.table)
    elif isinstance(block, b.Priorities):
        for i, item in enumerate(block.priorities):
            yield item.priority, "priority", ("priorities", i, "priority")
            if item.detail:
                yield item.detail, "priority_detail", ("priorities", i, "detail")
    elif isinstance(block, b.Progress):
        for i, item in enumerate(block.progress):
            yield item.priority, "progress_priority", ("progress", i, "priority")
            if item.progress:
                yield item.progress, "progress", ("progress", i, "progress")


def _table_texts(table: b.TableBlock) -> Iterator[tuple[str, str, PathKey]]:
    """Yield the texts of a narrative table: title, column names, text cells and source."""
    yield table.title, "table", ("table", "title")
    for i, column in enumerate(table.columns):
        yield column, "table", ("table", "columns", i)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row):
            if isinstance(cell, str):
                yield cell, "table", ("table", "rows", r, c)
    if table.source:
        yield table.source, "table", ("table", "source")


def _covering_texts(report: Report, base: Path) -> Iterator[NarrativeText]:
    """Yield the covering report's paragraphs."""
    covering, source = report.covering, report.covering_source
    for key in ("purpose", "recommendations", "background"):
        for i, item in enumerate(getattr(covering, key)):
            yield _covering_text(item, source, (key, i), base)
    for heading, items in covering.implications.items():
        for i, item in enumerate(items):
            yield _covering_text(item, source, ("implications", heading, i), base)


def _covering_text(item: CoveringText, source: SourceMap, path: PathKey, base: Path) -> NarrativeText:
    """Return one covering-report paragraph, numbered or following on unnumbered."""
    where = (*path, "unnumbered") if isinstance(item, b.Unnumbered) else path
    return NarrativeText(clean_text(text_of(item)), "covering", source, where, base)


def without_placeholders(text: str, mark: str = "\x00") -> str:
    """Return text with every {{ placeholder }} replaced by mark, and markup removed."""
    return plain_text(PLACEHOLDER.sub(mark, text))


def sentences(text: str) -> list[str]:
    """Return the sentences of a paragraph (not split after common abbreviations)."""
    found: list[str] = []
    start = 0
    for match in SENTENCE_END.finditer(text):
        if ABBREVIATIONS.search(text[start:match.start()]):
            continue
        found.append(text[start:match.start()].strip())
        start = match.end()
    found.append(text[start:].strip())
    return [s for s in found if s]


def words(text: str) -> list[str]:
    """Return the words of a text (a placeholder counts as one word)."""
    return re.findall(r"[\w\x00][\w\x00'’.,%/-]*", text)


@lru_cache(maxsize=256)
def _lines(path: Path) -> tuple[str, ...]:
    """Return the lines of a file, read once per check run."""
    try:
        return tuple(path.read_text(encoding="utf-8-sig").splitlines())
    except OSError:
        return ()


def _find_after(path: Path, line: int, column: int, needle: str) -> tuple[int, int]:
    """Return the (line, column) of needle's first appearance at or after (line, column), else that start."""
    lines = _lines(path)
    for number in range(line, min(len(lines), line + 200) + 1):
        text = lines[number - 1] if number - 1 < len(lines) else ""
        offset = column - 1 if number == line else 0
        found = text.find(needle, offset)
        if found >= 0:
            return number, found + 1
        if number > line and text and not text[:1].isspace():
            break
    return line, column


def clear_line_cache() -> None:
    """Forget the file lines read, so that edited files are read again."""
    _lines.cache_clear()
