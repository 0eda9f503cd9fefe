"""Helpers for the CIN tests: every identifying value in a census file."""

from __future__ import annotations

import re
from pathlib import Path

IDENTIFYING = ("LAchildID", "UPN", "FormerUPN", "PersonBirthDate", "ExpectedPersonBirthDate", "PersonDeathDate")


def identifiers_in(path: Path, names: tuple[str, ...] = IDENTIFYING) -> set[str]:
    """Return every value of the named identifying elements in the XML file."""
    text = path.read_text(encoding="utf-8")
    found = set()
    for name in names:
        found.update(value.strip() for value in re.findall(rf"<{name}>([^<]+)</{name}>", text))
    return {value for value in found if value}
