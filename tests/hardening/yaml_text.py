"""Write any text into YAML exactly, even characters YAML only carries as escapes."""

from __future__ import annotations

from typing import Any


def quoted(text: str) -> str:
    """Return text as a double-quoted YAML scalar: printable characters as they are, the rest escaped."""
    out = []
    for character in text:
        code = ord(character)
        if character in '"\\':
            out.append("\\" + character)
        elif 0x20 <= code <= 0x7E or 0xA0 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or code > 0xFFFF:
            out.append(character)
        else:
            out.append(f"\\u{code:04x}")
    return '"' + "".join(out) + '"'


def flow(value: Any) -> str:
    """Return value as one line of flow-style YAML (dicts, lists, text, numbers, booleans, None)."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{flow(k)}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(item) for item in value) + "]"
    if isinstance(value, str):
        return quoted(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)
