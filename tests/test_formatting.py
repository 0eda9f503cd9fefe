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


@pytest.mark.parametrize(
    ("value", "unit", "places", "expected"),
    [
        (66.0, "percent", 0, "66%"),
        (66.0, "percent", 1, "66.0%"),
        (7.25, "percent", 2, "7.25%"),
        (64.0, "share", 1, "64.0%"),
        (83.0, "rate", 1, "83.0"),
        (83.0, "rate", 0, "83"),
        (4.0, "number", 1, "4.0"),
        (41.0, "rate_1dp", 0, "41.0"),
        (1469, "count", 2, "1,469"),
        (None, "percent", 0, ":"),
    ],
    ids=["percent-whole", "percent-one-place", "percent-two-places", "share-one-place", "rate-one-place", "rate-whole", "number",
         "cp-rate-always-one-place", "count-whole", "missing"],
)
def test_a_figure_given_with_its_own_precision_keeps_it(value: object, unit: str, places: int, expected: str) -> None:
    assert format_value(value, unit, places) == expected
