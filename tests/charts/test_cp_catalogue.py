"""Child protection charts: planned from their tables, alt text from the data, the target as a band."""

from __future__ import annotations

import pytest

from chart_fixtures import realistic_statistics
from report_builder.charts.catalogue import ChartUnavailable, plan_chart


def test_icpc_timeliness_against_the_target() -> None:
    target = {"measure": "cp.icpc.on_time_pct", "area": "target", "year_ending": 2021, "value": 85, "source": "Target"}
    chart = plan_chart(realistic_statistics(comparators=[target]), "icpc_timeliness")
    assert chart.title == "Initial child protection conferences held on time, by year, against the council's target of 85%"
    assert chart.data.band is not None and (chart.data.band.low, chart.data.band.high) == (85, 100)
    assert chart.alt_text.startswith("Bar chart. Initial child protection conferences held on time, by year: 2020/21: ")
    assert "The shaded band shows the council's target of 85% or more on time." in chart.alt_text
    assert chart.alt_text.endswith("In 2024/25, 84.9% were on time.")


def test_category_chart_hides_small_counts() -> None:
    chart = plan_chart(realistic_statistics(), "cp_category")
    assert chart.data.orientation == "horizontal" and "Sexual abuse" in chart.data.categories
    sexual = chart.data.categories.index("Sexual abuse")
    assert chart.data.series[0].hidden[sexual] and "Sexual abuse: not shown (small number)" in chart.alt_text


@pytest.mark.parametrize("name", ["cp_rate", "icpc_timeliness", "rcpc_timeliness", "cp_category", "cp_duration",
                                  "cp_second_plans"])
def test_no_census_no_child_protection_chart(name: str) -> None:
    with pytest.raises(ChartUnavailable, match="no CIN census"):
        plan_chart(realistic_statistics(cp=None), name)
