"""Export the Statistics: JSON (the whole object), a table, CSV or an Excel workbook of named figures."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from report_builder.statistics.model import Statistics
from report_builder.statistics.vocabulary import entries, values

CP_ONLY = ("council", "period.", "cp.", "comparators.")
"""The names shown for a CIN census on its own (no SSDA903 figures to show)."""


def rows(stats: Statistics, cp_only: bool = False) -> list[tuple[str, str, object, str]]:
    """Return (name, formatted value, raw value, meaning) for every figure, in vocabulary order.

    With cp_only, only the child protection figures (and the council and year) are given.
    """
    meanings = {e.name: e.description for e in entries()}
    found = values(stats, public=False)
    return [(name, str(value), value.value, meanings.get(name, "")) for name, value in found.items()
            if not cp_only or name.startswith(CP_ONLY)]


def to_json(stats: Statistics, cp_only: bool = False) -> str:
    """Return the whole Statistics object as indented JSON (with cp_only, the child protection part)."""
    dumped = stats.model_dump(mode="json")
    if cp_only:
        dumped = {key: dumped[key] for key in ("council", "period", "cp", "comparators")}
    return json.dumps(dumped, indent=2, ensure_ascii=False)


def to_table(stats: Statistics, cp_only: bool = False) -> str:
    """Return the named figures as aligned text, one per line."""
    table = rows(stats, cp_only)
    width = max(len(name) for name, *_ in table)
    return "\n".join(f"{name:<{width}}  {shown}" for name, shown, _, _ in table)


def to_csv(stats: Statistics, cp_only: bool = False) -> str:
    """Return the named figures as CSV: name, value, formatted, meaning."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["name", "value", "formatted", "meaning"])
    for name, shown, raw, meaning in rows(stats, cp_only):
        writer.writerow([name, "" if raw is None else raw, shown, meaning])
    return buffer.getvalue()


def to_xlsx(stats: Statistics, path: Path, cp_only: bool = False) -> None:
    """Write the named figures to an Excel workbook for the performance team."""
    from openpyxl import Workbook

    from report_builder.files import write_file

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"Figures {stats.period.label.replace('/', '-')}"
    sheet.append(["name", "value", "formatted", "meaning"])
    for name, shown, raw, meaning in rows(stats, cp_only):
        sheet.append([name, raw if isinstance(raw, (int, float)) else (None if raw is None else str(raw)), shown,
                      meaning])
    for column, width in zip("ABCD", (42, 12, 16, 80)):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    write_file(path, buffer.getvalue())
