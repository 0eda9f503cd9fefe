"""Alt text written from a chart's figures: what it shows and its values, as sentences."""

from __future__ import annotations

from report_builder.charts.data import ChartData, Series

HIDDEN_WORDS = "not shown (small number)"
MISSING_WORDS = "not available"


def spoken_value(series: Series, index: int, unit: str) -> str:
    """Return one value as alt text says it."""
    if series.hidden[index]:
        return HIDDEN_WORDS
    return MISSING_WORDS if series.values[index] is None else series.label(index, unit)


def category_phrase(data: ChartData, index: int) -> str:
    """Return every series' value for one category: 'Northbridge 78, England 70'."""
    if len(data.series) == 1:
        return spoken_value(data.series[0], index, data.unit)
    return ", ".join(f"{s.said} {spoken_value(s, index, data.unit)}" for s in data.series)


def values_phrase(data: ChartData) -> str:
    """Return the chart's values in reading order."""
    if len(data.categories) == 1 and len(data.series) > 1:
        return category_phrase(data, 0)
    return "; ".join(
        f"{name}: {category_phrase(data, i)}" for i, name in enumerate(data.categories)
    )


def describe(data: ChartData, subject: str, summary: str = "") -> str:
    """Return alt text: 'Bar chart. <subject>: <values>.' then the band and any summary sentence."""
    text = f"Bar chart. {subject}: {values_phrase(data)}."
    if data.band:
        text += f" The shaded band shows {data.band.label}."
    if summary:
        text += f" {summary}"
    return text
