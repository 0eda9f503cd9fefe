"""British formatting of figures: 1,469; 7.2%; 32% (a breakdown's share); 78; 31 March 2025."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

SUPPRESSED = "c"
"""Shown in place of a count from 1 to 5 (and what could be worked out from it) in public papers."""
NOT_AVAILABLE = ":"
"""Shown where a figure is not available (DfE convention)."""


def format_count(value: float) -> str:
    """Return a whole number with thousands separators: 1469 -> '1,469'."""
    return f"{round(value):,}"


def format_percent(value: float, places: int = 1) -> str:
    """Return a percentage to one decimal place: 7.2154 -> '7.2%'."""
    return f"{value:,.{places}f}%"


def format_share(value: float) -> str:
    """Return a share of a breakdown as a whole percentage, rounded half up: 24.52 -> '25%'.

    The DfE's tables of children looked after give local authorities' shares to the nearest whole
    number; the headline percentages (on time, taking part) keep one decimal place.
    """
    return f"{Decimal(repr(value)).quantize(Decimal('1'), rounding=ROUND_HALF_UP):,}%"


def format_rate(value: float) -> str:
    """Return a rate per 10,000 as a whole number, as DfE shows local-authority rates."""
    return format_count(value)


def format_rate_1dp(value: float) -> str:
    """Return a rate per 10,000 to one decimal place, as DfE shows child protection rates: 43 -> '43.0'."""
    return f"{value:,.1f}"


def format_number(value: float) -> str:
    """Return a number with at most one decimal place and no trailing '.0': 8.5 -> '8.5', 9.0 -> '9'."""
    text = f"{value:,.1f}"
    return text[:-2] if text.endswith(".0") else text


def format_date(value: date, style: str = "plain") -> str:
    """Return a date the British way: '31 March 2025', or with style 'ordinal' '31st March 2025'."""
    day = ordinal(value.day) if style == "ordinal" else str(value.day)
    return f"{day} {value:%B %Y}"


def ordinal(number: int) -> str:
    """Return 1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


FORMATTERS = {
    "count": format_count,
    "percent": format_percent,
    "share": format_share,
    "rate": format_rate,
    "rate_1dp": format_rate_1dp,
    "number": format_number,
    "year": str,
    "text": str,
}


GIVEN_PRECISION_UNITS = ("percent", "share", "rate", "number")
"""Units a figure keeps the decimal places it was given with (a published comparator: 66 stays 66%, 66.0 stays
66.0%, a share of a breakdown as much as a percentage); child protection rates (rate_1dp) are always shown to
one decimal place, as the DfE publishes them."""
PERCENT_UNITS = ("percent", "share")
"""The units written as percentages."""


def format_value(value: object, unit: str, places: int | None = None) -> str:
    """Return the value formatted for its unit, to `places` decimal places when the figure was given with its
    own precision (66 -> '66%', 66.0 -> '66.0%'); None as the 'not available' symbol."""
    if value is None:
        return NOT_AVAILABLE
    if isinstance(value, date):
        return format_date(value)
    if places is not None and unit in GIVEN_PRECISION_UNITS and isinstance(value, (int, float)):
        return f"{value:,.{places}f}" + ("%" if unit in PERCENT_UNITS else "")
    return FORMATTERS.get(unit, str)(value)  # type: ignore[operator]
