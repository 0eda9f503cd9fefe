"""What differs between two versions of a section, as a reader sees it: which block, and how each version reads.

Shown when a section changed on disk while the page had it open, so that the person choosing which
version to keep compares words, not YAML. Blocks are matched in order (difflib), so a block added or
taken out in one version shows as one difference rather than moving every block after it.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

import yaml

from report_builder.content.blocks import block_kind


@dataclass(frozen=True)
class Difference:
    """One part of a section that reads differently in the two versions ('' where a version lacks it)."""

    where: str
    theirs: str
    mine: str


def section_differences(theirs: str, mine: str) -> list[Difference] | None:
    """Return how the version on disk and the page's version differ, or None when either cannot be read."""
    old, new = _section(theirs), _section(mine)
    if old is None or new is None:
        return None
    found = [Difference(label, _text(old.get(key)), _text(new.get(key)))
             for key, label in (("title", "The title"), ("covers", "The IRO Handbook matters it covers"))
             if old.get(key) != new.get(key)]
    return found + _body_differences(_body(old), _body(new))


def _section(text: str) -> dict[str, Any] | None:
    try:
        data = yaml.safe_load(text) if text.strip() else {}
    except yaml.YAMLError:
        return None
    return data if isinstance(data, dict) else None


def _body(section: dict[str, Any]) -> list[Any]:
    body = section.get("body")
    return body if isinstance(body, list) else []


def _body_differences(old: list[Any], new: list[Any]) -> list[Difference]:
    """Return the blocks that differ, named by their place in the page's version (or on disk, when gone)."""
    keys_old, keys_new = [repr(item) for item in old], [repr(item) for item in new]
    found = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(a=keys_old, b=keys_new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        for offset in range(max(i2 - i1, j2 - j1)):
            before = old[i1 + offset] if i1 + offset < i2 else None
            after = new[j1 + offset] if j1 + offset < j2 else None
            where = _name(new, j1 + offset) if after is not None else _name(old, i1 + offset) + " (not in yours)"
            found.append(Difference(where, block_text(before), block_text(after)))
    return found


def _name(body: list[Any], index: int) -> str:
    """Return how a reader names a block: 'Paragraph 3', 'Bullet list 1'."""
    from report_builder.web.section_form import KINDS, kind_of

    kind = kind_of(body[index])
    number = sum(kind_of(item) == kind for item in body[:index + 1])
    return f"{KINDS.get(kind, 'Block')} {number}"


def block_text(item: Any) -> str:
    """Return a block as plain words: a paragraph's text, a list's items, a table's title and rows."""
    if item is None:
        return ""
    kind = block_kind(item)
    if isinstance(item, str) or not isinstance(item, dict):
        return _text(item)
    value = item.get(kind) if kind else None
    if kind in ("bullets", "numbered") and isinstance(value, list):
        return "\n".join(f"• {_text(line)}" for line in value)
    if kind == "quote":
        return f"“{_text(value)}”" + (f" — {_text(item['by'])}" if item.get("by") else "")
    if kind == "table" and isinstance(value, dict):
        rows = value.get("rows") if isinstance(value.get("rows"), list) else []
        lines = [" | ".join(_text(cell) for cell in row) for row in rows if isinstance(row, list)]
        return "\n".join([_text(value.get("title")), " | ".join(_text(c) for c in value.get("columns") or []), *lines])
    if kind in ("priorities", "progress") and isinstance(value, list):
        return "\n".join(" – ".join(_text(v) for v in entry.values() if v) for entry in value if isinstance(entry, dict))
    if kind == "page_break":
        return "(a new page)"
    return _text(value if value is not None else item)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_text(item) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{key}: {_text(item)}" for key, item in value.items())
    return " ".join(str(value).split())
