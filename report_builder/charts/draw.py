"""Drawing a chart with matplotlib (Agg): one bar-chart helper for every chart in the catalogue.

matplotlib is imported here only, inside the functions, so that planning charts, reading the cache
and building documents whose charts are cached never load it.
"""

from __future__ import annotations

import io
import textwrap
from functools import cache
from typing import Any

from report_builder.charts.data import ChartData, Series
from report_builder.charts.style import ChartStyle
from report_builder.formatting import NOT_AVAILABLE, PERCENT_UNITS, SUPPRESSED, format_number

MM_PER_INCH = 25.4
GROUP_WIDTH = 0.8
FALLBACK_FONTS = ("Liberation Sans", "DejaVu Sans")
SVG_SALT = "report_builder"
PNG_OPTIONS = {"compress_level": 1}
"""Fast PNG compression: files about a tenth larger, written in about two thirds of the time."""


VERTICAL_PLOT_MM = 56
"""Height of a vertical bar chart's plot area: enough to compare five years' bars, small enough that two
charts and some text share a page."""
BAR_MM = 4.2
"""Thickness of one horizontal bar; a category's bars sit side by side."""
MAX_HEIGHT_MM = 150


def chart_height_mm(data: ChartData) -> float:
    """Return the chart's height on the page, from what it shows: a vertical chart's plot is of a fixed
    height plus its legend and labels; a horizontal chart grows with its categories and series (at most
    MAX_HEIGHT_MM, three-fifths of an A4 page's text, so that text can share its page)."""
    legend = 7 if len(data.series) > 1 or data.band else 0
    if data.orientation == "vertical":
        lines = max(label_lines(data), 1)
        return VERTICAL_PLOT_MM + legend + 4 * lines
    per_category = [
        max(len(data.series) * BAR_MM, text_lines(c, 30) * 4.2) + 2.5 for c in data.categories
    ]
    return min(max(20 + legend + sum(per_category), 40), MAX_HEIGHT_MM)


def text_lines(text: str, width: int) -> int:
    """Return how many lines a label takes when wrapped at width characters."""
    return len(textwrap.wrap(text, width)) or 1


def label_width(data: ChartData, style: ChartStyle) -> int:
    """Return the characters per line for category labels."""
    if data.orientation == "horizontal":
        return 30
    char_mm = style.font_size_pt * 0.5 * 0.3528
    return max(8, int(style.width_mm * 0.85 / max(len(data.categories), 1) / char_mm))


def label_lines(data: ChartData) -> int:
    """Return the most lines any vertical category label takes at the default style."""
    width = label_width(data, ChartStyle())
    return max((text_lines(c, width) for c in data.categories), default=1)


@cache
def font_families(preferred: str) -> list[str]:
    """Return the installed fonts to try, preferred first, so matplotlib never reports a missing one."""
    from matplotlib import font_manager

    found = []
    for family in (preferred, *FALLBACK_FONTS):
        try:
            font_manager.findfont(
                font_manager.FontProperties(family=family), fallback_to_default=False
            )
        except ValueError:
            continue
        found.append(family)
    return list(dict.fromkeys([*found, "sans-serif"]))  # the generic last: SVG viewers then find a sans serif


def rc_params(style: ChartStyle) -> dict[str, Any]:
    """Return matplotlib settings for the house style (no chart junk, true point sizes)."""
    size = style.font_size_pt
    return {
        "font.family": font_families(style.font_family),
        "font.size": size,
        "axes.labelsize": size,
        "xtick.labelsize": size,
        "ytick.labelsize": size,
        "legend.fontsize": size,
        "text.color": style.text_colour,
        "axes.labelcolor": style.text_colour,
        "axes.edgecolor": "#888888",
        "xtick.color": style.text_colour,
        "ytick.color": style.text_colour,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": False,
        "hatch.linewidth": 0.8,
        "svg.hashsalt": SVG_SALT,
        "svg.fonttype": "none",  # text stays text: searchable, editable on slides, and quicker to write
    }


def render(data: ChartData, style: ChartStyle) -> tuple[bytes, bytes]:
    """Return the chart drawn as PNG and SVG bytes, identical for identical inputs."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with matplotlib.rc_context(rc_params(style)):
        size = (style.width_mm / MM_PER_INCH, chart_height_mm(data) / MM_PER_INCH)
        figure, axes = plt.subplots(figsize=size, layout="constrained")
        try:
            draw_bars(axes, data, style)
            png, svg = io.BytesIO(), io.BytesIO()
            figure.savefig(
                png,
                format="png",
                dpi=style.dpi,
                metadata={"Software": None},
                pil_kwargs=PNG_OPTIONS,
            )
            figure.set_layout_engine("none")  # keep the layout just worked out rather than redo it
            figure.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
        finally:
            plt.close(figure)
    return png.getvalue(), svg.getvalue()


def draw_bars(axes: Any, data: ChartData, style: ChartStyle) -> None:
    """Draw grouped bars with values labelled on them, hidden values as 'c', and any band."""
    horizontal = data.orientation == "horizontal"
    count = len(data.series)
    width = GROUP_WIDTH / count
    limit = value_limit(data)
    for index, series in enumerate(data.series):
        offset = (index - (count - 1) / 2) * width
        positions = [i + offset for i in range(len(data.categories))]
        draw_series(axes, series, positions, width, index, style, horizontal)
        label_series(axes, series, positions, data.unit, horizontal, limit)
    if data.band:
        draw_band(axes, data, style, horizontal)
    format_axes(axes, data, style, horizontal, limit)


def value_limit(data: ChartData) -> float:
    """Return the end of the value axis: room for the labels beyond the longest bar or the band."""
    values = [v for s in data.series for v in s.values if v is not None]
    top = max(values + [data.band.high if data.band else 0])
    if top <= 0:
        return 10.0
    return top * (1.2 if data.orientation == "horizontal" else 1.12)


def draw_series(
    axes: Any,
    series: Series,
    positions: list[float],
    width: float,
    index: int,
    style: ChartStyle,
    horizontal: bool,
) -> None:
    """Draw one series' bars (none where a value is hidden or missing)."""
    values = [0.0 if v is None else v for v in series.values]
    colour = style.colour(index)
    options = {
        "color": colour,
        "hatch": style.hatch(index),
        "edgecolor": hatch_colour(colour),
        "linewidth": 0,
        "label": series.name,
        "zorder": 2,
    }
    if horizontal:
        axes.barh(positions, values, height=width * 0.92, **options)
    else:
        axes.bar(positions, values, width=width * 0.92, **options)


def hatch_colour(colour: str) -> str:
    """Return white hatching on dark bars and dark hatching on light ones."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#FFFFFF" if 0.299 * red + 0.587 * green + 0.114 * blue < 128 else "#333333"


def label_series(
    axes: Any, series: Series, positions: list[float], unit: str, horizontal: bool, limit: float
) -> None:
    """Write each value at the end of its bar: 'c' for hidden values, ':' for values not available, '0' for zeros."""
    gap = limit * 0.01
    for index, (position, value, hidden) in enumerate(zip(positions, series.values, series.hidden)):
        text = SUPPRESSED if hidden else NOT_AVAILABLE if value is None else series.label(index, unit)
        end = 0.0 if hidden or value is None else value
        style = "italic" if hidden or value is None else "normal"
        if horizontal:
            axes.text(end + gap, position, text, va="center", ha="left", fontstyle=style, zorder=3)
        else:
            axes.text(
                position, end + gap, text, va="bottom", ha="center", fontstyle=style, zorder=3
            )


def draw_band(axes: Any, data: ChartData, style: ChartStyle, horizontal: bool) -> None:
    """Shade the band's range and name it."""
    band = data.band
    span = axes.axvspan if horizontal else axes.axhspan
    span(band.low, band.high, color="#E4E4E4", zorder=0, label=band.legend or band.label)


def format_axes(
    axes: Any, data: ChartData, style: ChartStyle, horizontal: bool, limit: float
) -> None:
    """Label the axes with units, wrap category labels and place the legend above the plot."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    width = label_width(data, style)
    labels = [textwrap.fill(c, width) for c in data.categories]
    ticks = range(len(data.categories))
    pad = 0.5 + max(0, 3 - len(ticks)) * 0.25
    suffix = "%" if data.unit in PERCENT_UNITS else ""
    value_axis = axes.xaxis if horizontal else axes.yaxis
    value_axis.set_major_formatter(FuncFormatter(lambda value, _: format_number(value) + suffix))
    value_axis.set_major_locator(
        MaxNLocator(nbins=6, steps=[1, 2, 5, 10], integer=data.unit in ("count", "rate"))
    )
    if horizontal:
        axes.set_yticks(ticks, labels)
        axes.set_ylim(len(ticks) - 1 + pad, -pad)
        axes.set_xlim(0, limit)
        axes.set_xlabel(data.value_axis)
        axes.tick_params(axis="y", length=0)
    else:
        axes.set_xticks(ticks, labels)
        axes.set_xlim(-pad, len(ticks) - 1 + pad)
        axes.set_ylim(0, limit)
        axes.set_ylabel(data.value_axis)
        axes.tick_params(axis="x", length=0)
    if len(data.series) > 1 or data.band:
        axes.legend(
            loc="lower left",
            bbox_to_anchor=(0, 1.01),
            ncol=len(data.series) + bool(data.band),
            frameon=False,
            borderaxespad=0,
            handlelength=1.6,
        )
