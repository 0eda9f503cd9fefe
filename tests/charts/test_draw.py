"""Tests for drawing: every chart of every case draws, at print size, without metadata that changes."""

from __future__ import annotations

import io

import pytest
from chart_fixtures import EDGE_CASES
from PIL import Image

from report_builder.charts import CHART_NAMES, ChartStyle, plan_chart
from report_builder.charts.draw import chart_height_mm, draw_bars, hatch_colour, render

STYLE = ChartStyle()


@pytest.mark.parametrize("case", EDGE_CASES)
def test_every_chart_draws_at_print_size(case: str) -> None:
    stats = EDGE_CASES[case]()
    for name in CHART_NAMES:
        data = plan_chart(stats, name).data
        png, svg = render(data, STYLE)
        image = Image.open(io.BytesIO(png))
        assert abs(image.width - 160 / 25.4 * 200) < 1
        assert abs(image.height - chart_height_mm(data) / 25.4 * 200) < 1
        assert "Software" not in image.info, name
        assert b"<dc:date>" not in svg and b"Matplotlib v" not in svg


def value_labels(data) -> list[str]:  # type: ignore[no-untyped-def]
    """Return the labels drawn on the bars."""
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots()
    try:
        draw_bars(axes, data, STYLE)
        return [text.get_text() for text in axes.texts]
    finally:
        plt.close(figure)


def test_hidden_values_are_drawn_as_c_not_as_bars() -> None:
    data = plan_chart(EDGE_CASES["all suppressed"](), "legal_status").data
    assert value_labels(data) == ["c", "c", "c", "0%", "0%"]


def test_comparators_are_labelled_with_the_precision_they_were_given() -> None:
    stats = EDGE_CASES["realistic"]()
    given = [c.model_copy(update={"decimals": 0 if c.area == "england" else 1}) for c in stats.comparators]
    plan = plan_chart(stats.model_copy(update={"comparators": given}), "legal_status")
    labels = value_labels(plan.data)
    assert labels[:5] == ["15%", "60%", "17%", "c", "c"]  # the council's own shares, whole as in tables (and hidden)
    assert labels[5:10] == ["13.0%", "58.0%", "18.0%", "9.0%", "2.0%"]  # statistical neighbours, given as 13.0
    assert labels[10:] == ["12%", "60%", "17%", "8%", "3%"]  # England, given as 12
    assert "England 60%" in plan.alt_text and "statistical neighbours 58.0%" in plan.alt_text


def test_zeros_are_labelled_0() -> None:
    data = plan_chart(EDGE_CASES["zeros"](), "review_timeliness_by_sequence").data
    assert value_labels(data) == ["190", "160", "1,119", "0", "0", "0"]


def test_twenty_groups_make_a_taller_chart() -> None:
    many = plan_chart(EDGE_CASES["20 ethnic groups"](), "ethnicity_detailed").data
    few = plan_chart(EDGE_CASES["realistic"](), "ethnicity_detailed").data
    assert chart_height_mm(many) > chart_height_mm(few)


@pytest.mark.parametrize(("fill", "hatch"), [("#004488", "#FFFFFF"), ("#DDAA33", "#333333")])
def test_hatching_contrasts_with_its_bar(fill: str, hatch: str) -> None:
    assert hatch_colour(fill) == hatch
