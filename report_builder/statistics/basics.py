"""Building blocks of the Statistics models: documented fields, percentages, frozen models, the year.

A figure a council did not give, or that cannot be worked out from what it gave, is None: "not
available", shown as `:` in tables and charts (the DfE's symbol) and left out of the sentences the
tool writes. Nothing is ever filled in with 0 unless the figures given make it 0.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, computed_field


def figure(unit: str, description: str, default: Any = ...) -> Any:
    """Return a pydantic Field documented with its unit and meaning (required unless a default is given)."""
    return Field(default, description=description, json_schema_extra={"unit": unit})


def derived(unit: str, description: str) -> Any:
    """Return a computed_field decorator documented with its unit and meaning."""
    return computed_field(description=description, json_schema_extra={"unit": unit})  # type: ignore[call-overload]


def percentage(part: float | None, whole: float | None) -> float | None:
    """Return part as a percentage of whole, or None when either is missing or whole is 0."""
    if part is None or not whole:
        return None
    return 100.0 * part / whole


def difference(whole: int | None, *parts: int | None) -> int | None:
    """Return whole minus the parts, or None when any of them is not available."""
    if whole is None or any(part is None for part in parts):
        return None
    return whole - sum(part for part in parts if part is not None)


class Frozen(BaseModel):
    """A read-only model that rejects unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Period(Frozen):
    """The reporting year, 1 April to 31 March."""

    year_ending: int = figure("year", "The year in which the reporting year ends (2025 for 2024/25).")

    @property
    def start(self) -> date:
        """Return 1 April at the start of the reporting year."""
        return date(self.year_ending - 1, 4, 1)

    @property
    def end(self) -> date:
        """Return 31 March at the end of the reporting year."""
        return date(self.year_ending, 3, 31)

    @derived("text", "The year as written in reports, for example 2024/25.")
    @property
    def label(self) -> str:
        return f"{self.year_ending - 1}/{self.year_ending % 100:02d}"

    @derived("text", "The year in full, for example 1 April 2024 to 31 March 2025.")
    @property
    def long_label(self) -> str:
        return f"1 April {self.year_ending - 1} to 31 March {self.year_ending}"
