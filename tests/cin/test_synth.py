"""The synthetic census: valid, the same for the same seed, and coded as each year's return is."""

from __future__ import annotations

from report_builder.cin import compute_child_protection, read_cin
from report_builder.cin.synth import write_synthetic_cin


def test_synthetic_census_is_valid_and_realistic(tmp_path):
    files = write_synthetic_cin(tmp_path / "cin", children=600, years=2, seed=3, year_ending=2025)
    assert [f.name for f in files] == ["cin_census_2024.xml", "cin_census_2025.xml"]
    census = read_cin(tmp_path / "cin")
    assert [p for year in census.returns.values() for p in year.problems] == []
    cp = compute_child_protection(census, 2025, {2024: 20_000, 2025: 20_000})
    assert cp.plans.at_end > 10 and cp.icpc.held > 10 and cp.rcpc.held > 10
    assert 50 < cp.icpc.on_time_pct < 100 and 70 < cp.rcpc.on_time_pct < 100
    assert cp.icpc.led_to_plan_pct > 60
    assert [y.year_ending for y in cp.years(2025)] == [2024, 2025]


def test_same_seed_same_files_and_sex_coded_by_year(tmp_path):
    first = write_synthetic_cin(tmp_path / "a", children=50, years=2, seed=9, year_ending=2025)
    second = write_synthetic_cin(tmp_path / "b", children=50, years=2, seed=9, year_ending=2025)
    assert [f.read_bytes() for f in first] == [f.read_bytes() for f in second]
    assert "<GenderCurrent>" in first[0].read_text() and "<Sex>" not in first[0].read_text()
    assert "<Sex>" in first[1].read_text() and "<GenderCurrent>" not in first[1].read_text()
