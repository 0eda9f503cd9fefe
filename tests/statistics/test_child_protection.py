"""The child protection model: percentages and rates rounded half up, no value without a denominator."""

from __future__ import annotations

import pytest

from report_builder.statistics.child_protection import (
    InitialConferences,
    Plans,
    rate_per_10k,
    rounded_percentage,
)


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [(1, 16, 6.3), (1, 8, 12.5), (1, 3, 33.3), (2, 3, 66.7), (0, 5, 0.0), (3, 0, None), (None, 4, None)],
    ids=["half-up", "exact", "third", "two-thirds", "zero", "no-denominator", "no-count"],
)
def test_rounded_percentage(part, whole, expected):
    assert rounded_percentage(part, whole) == expected


def test_rate_per_10000_rounded_half_up():
    assert rate_per_10k(249, 58_400) == 42.6
    assert rate_per_10k(1, 80_000) == 0.1  # 0.125 rounds up
    assert rate_per_10k(5, None) is None


def test_icpc_percentage_leaves_out_those_not_judged():
    icpc = InitialConferences(on_time=3, late=1, not_judged=4, led_to_plan=6)
    assert (icpc.held, icpc.on_time_pct, icpc.led_to_plan_pct) == (8, 75.0, 75.0)


def test_plans_derived_figures():
    plans = Plans(at_end=10, at_start=12, started=8, started_children=7, second_or_subsequent=2, ended=0)
    assert (plans.change, plans.rate_per_10k, plans.second_or_subsequent_pct, plans.ended_2_years_plus_pct) == (
        -2, None, 25.0, None)
