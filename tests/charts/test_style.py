"""Tests for the house style: safe colours, sizes and validation."""

from __future__ import annotations

import itertools

import pytest

from report_builder.charts.style import DEFAULT_COLOURS, ChartStyle


def lightness(colour: str) -> float:
    """Return CIE L* (0 black to 100 white) of a #RRGGBB colour, as it prints in greyscale."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 116 * luminance ** (1 / 3) - 16 if luminance > 0.008856 else 903.3 * luminance


def test_first_three_colours_differ_in_greyscale() -> None:
    values = [lightness(c) for c in DEFAULT_COLOURS[:3]]
    assert min(abs(a - b) for a, b in itertools.combinations(values, 2)) >= 15


def test_series_that_touch_differ_by_hatching() -> None:
    style = ChartStyle()
    assert len({style.hatch(i) for i in range(4)}) == 4


def test_accent_colours_the_council_series() -> None:
    style = ChartStyle(accent="#5E2750")
    assert style.colour(0) == "#5E2750" and style.colour(1) == DEFAULT_COLOURS[1]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"dpi": 150}, "at least 200 dpi, got 150"),
        ({"font_size_pt": 8}, "at least 9.0pt, got 8pt"),
        ({"colours": ["blue"]}, "#RRGGBB, got 'blue'"),
    ],
)
def test_style_refuses_what_would_print_badly(options: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ChartStyle(**options)


def test_list_of_colours_becomes_a_tuple() -> None:
    assert ChartStyle(colours=["#000000", "#FFFFFF"]).colours == ("#000000", "#FFFFFF")
