from __future__ import annotations

from datetime import date

import pytest

from report_builder.formatting import format_value


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (1469, "count", "1,469"),
        (7.2154, "percent", "7.2%"),
        (-7.56, "percent", "-7.6%"),
        (77.4, "rate", "77"),
        (8.5, "number", "8.5"),
        (9.0, "number", "9"),
        (date(2025, 3, 31), "date", "31 March 2025"),
        (None, "count", ":"),
    ],
    ids=["thousands", "percent", "negative-percent", "rate-whole", "fte", "fte-whole", "date", "missing"],
)
def test_british_formats(value: object, unit: str, expected: str) -> None:
    assert format_value(value, unit) == expected
