"""Comparators file: good rows read, bad rows reported with file, line, what was found and what was expected."""

from __future__ import annotations

import pytest

from report_builder.errors import DataError, display_path
from report_builder.statistics.comparators import england_series, load_comparators


def test_england_series_is_shipped():
    series = england_series()
    at_end = {c.year_ending: c.value for c in series if c.measure == "cla.at_end"}
    rates = {c.year_ending: c.value for c in series if c.measure == "cla.rate_per_10k"}
    assert (min(at_end), max(at_end), at_end[2024], rates[2023]) == (2013, 2025, 83_630, 71)
    assert (at_end[2025], rates[2025]) == (81_770, 67)  # the 2025 release
    assert all(
        c.area == "england" and c.source.startswith("DfE, Children looked after in England")
        for c in series
    )


def test_comparators_file_is_read(tmp_path):
    path = tmp_path / "comparators.csv"
    path.write_text(
        '\ufeffmeasure,area,year_ending,value,source\ncla.rate_per_10k,statistical_neighbours,2024,"81",SN average\n\nprofile.legal_status.full_care_orders_pct,region,2024,61.5,\n'
    )
    values = load_comparators(path)
    assert [(v.measure, v.area, v.year_ending, v.value) for v in values] == [
        ("cla.rate_per_10k", "statistical_neighbours", 2024, 81.0),
        ("profile.legal_status.full_care_orders_pct", "region", 2024, 61.5),
    ]


def test_bad_rows_are_all_reported(tmp_path):
    path = tmp_path / "comparators.csv"
    path.write_text(
        "measure,area,year_ending,value,source\nCLA rate,county,24,high,x\ncla.at_end,england,2024,80,x\n"
    )
    with pytest.raises(DataError) as raised:
        load_comparators(path)
    where = display_path(path)
    assert [str(p) for p in raised.value.problems] == [
        f"{where}:2: measure: 'CLA rate' is not a statistic's name — expected a name such as cla.rate_per_10k; correct the row in the comparators file",
        f"{where}:2: area: 'county' is not a comparator area — expected one of statistical_neighbours, region, england, target (target: the council's own target); correct the row in the comparators file",
        f"{where}:2: year_ending: '24' is not a year — expected the year of 31 March the figure is for, such as 2024; correct the row in the comparators file",
        f"{where}:2: value: 'high' is not a number — expected a number such as 70 or 7.5 (no % sign); correct the row in the comparators file",
    ]


def test_missing_column(tmp_path):
    path = tmp_path / "comparators.csv"
    path.write_text("measure,area,value\n")
    with pytest.raises(DataError, match="column year_ending missing"):
        load_comparators(path)
