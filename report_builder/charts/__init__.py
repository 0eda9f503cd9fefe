"""The chart catalogue: charts drawn from Statistics in the house style, with alt text, cached.

    charts = draw_charts(stats, ["rate_per_10k"], ChartStyle(), Path("figures"), Path(".cache"))
    charts["rate_per_10k"].alt_text, charts.skipped

Importing this package does not import matplotlib; only drawing a chart that is not cached does.
"""

from report_builder.charts.build import ChartSet, draw_charts, output_name, plan_charts
from report_builder.charts.cache import CODE_VERSION
from report_builder.charts.catalogue import CHART_NAMES, ChartPlan, ChartUnavailable, plan_chart
from report_builder.charts.data import Band, ChartData, Series
from report_builder.charts.style import DEFAULT_COLOURS, ChartStyle

__all__ = [
    "CHART_NAMES",
    "CODE_VERSION",
    "DEFAULT_COLOURS",
    "Band",
    "ChartData",
    "ChartPlan",
    "ChartSet",
    "ChartStyle",
    "ChartUnavailable",
    "Series",
    "draw_charts",
    "output_name",
    "plan_chart",
    "plan_charts",
]
