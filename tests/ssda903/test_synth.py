"""Synthetic returns: deterministic, valid by our own rules and the DfE's, with plausible figures."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from report_builder.ssda903 import compute_statistics, read_ssda903
from report_builder.ssda903.synth import write_synthetic

EXAMPLE = Path(__file__).parents[2] / "content" / "example" / "data" / "ssda903"
POSTCODE_LOOKUP_RULES = {"164", "169", "179", "392a", "392c", "1015", "241"}
"""Rules that look postcodes up in the ONS directory (241 finds the placement's council from its
postcode): the synthetic postcodes are fictional on purpose."""
KNOWN_VALIDATOR_FAULTS = {
    "146": "its 2024-25 placement list spells K3 as 'k3', so every K3 placement is flagged",
    "202": "it compares 2024-25's M/F with 2023-24's 1/2 and reports every child as a change of sex",
}
SHORT_BREAK_URN_RULE = "218"
"""In 2025-26 rule 218 asks every short break (V3, V4) in foster care for a URN, which rule 214 forbids."""
FILES = [
    "episodes.csv",
    "header.csv",
    "missing.csv",
    "oc2.csv",
    "placed_for_adoption.csv",
    "reviews.csv",
    "uasc.csv",
]


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("synth")
    write_synthetic(folder, children=250, years=3, seed=11)
    return folder


def test_one_folder_per_collection_year_up_to_2025_26(synthetic):
    assert sorted(p.name for p in synthetic.iterdir()) == ["2024", "2025", "2026"]
    assert sorted(p.name for p in (synthetic / "2026").iterdir()) == FILES


def test_deterministic_for_a_seed(synthetic, tmp_path):
    write_synthetic(tmp_path, children=250, years=3, seed=11)
    for path in synthetic.rglob("*.csv"):
        assert path.read_bytes() == (tmp_path / path.relative_to(synthetic)).read_bytes()


def test_a_different_seed_gives_different_children(tmp_path):
    write_synthetic(tmp_path / "a", children=20, years=1, seed=1)
    write_synthetic(tmp_path / "b", children=20, years=1, seed=2)
    assert (tmp_path / "a/2026/header.csv").read_text() != (
        tmp_path / "b/2026/header.csv"
    ).read_text()


def test_valid_by_our_own_rules(synthetic):
    assert read_ssda903(synthetic).problems == ()


def test_sex_codes_change_in_2024_25(synthetic):
    assert {
        line.split(",")[1] for line in (synthetic / "2024/header.csv").read_text().splitlines()[1:]
    } <= {"1", "2"}
    assert {
        line.split(",")[1] for line in (synthetic / "2025/header.csv").read_text().splitlines()[1:]
    } <= {"M", "F"}


def test_figures_are_plausible(synthetic):
    stats = compute_statistics(read_ssda903(synthetic), 2026, "Synthetic")
    assert 40 <= stats.cla.at_end <= 150
    assert stats.started.total > 10 and stats.ceased.total > 10
    assert 75 <= stats.reviews.on_time_pct <= 98
    assert stats.reviews.late > 0 and stats.reviews.not_judged == 0
    assert 80 <= stats.participation.pct <= 100
    assert stats.participation.codes["PN0"] > 0
    assert 70 <= stats.reviews.all_on_time_pct <= 95
    assert 70 <= stats.participation.children_pct <= 100
    assert [year.year_ending for year in stats.trend] == [2024, 2025]


def test_short_break_children_have_no_reviews(synthetic):
    data = read_ssda903(synthetic)
    short_breaks = set(data.episodes.loc[data.episodes["LS"].isin(["V3", "V4"]), "CHILD"])
    assert short_breaks
    assert not short_breaks & set(data.reviews["CHILD"])


def test_example_council_data_is_six_valid_years_and_about_450_children():
    data = read_ssda903(EXAMPLE)
    assert data.problems == ()
    assert data.years == (2021, 2022, 2023, 2024, 2025, 2026)
    stats = compute_statistics(data, 2026, "Northbridge")
    assert 400 <= stats.cla.at_end <= 500
    assert len(stats.trend) == 4
    assert sum(path.stat().st_size for path in EXAMPLE.rglob("*")) < 2 * 1024**2


def placements(folder: Path) -> set[str]:
    return {line.split(",")[5] for line in (folder / "episodes.csv").read_text().splitlines()[1:]}


def test_each_year_has_its_own_placement_codes(synthetic, tmp_path):
    write_synthetic(tmp_path, children=600, years=4, seed=5, year_ending=2024)
    assert "H5" in placements(tmp_path / "2023") and "K3" not in placements(tmp_path / "2024")
    assert "K3" in placements(synthetic / "2026")
    assert not placements(synthetic / "2026") & {"H5", "P2", "Z1"}


@pytest.mark.parametrize("year", [2009, 2027], ids=["before 2009-10", "after 2025-26"])
def test_years_outside_the_code_lists_are_refused(tmp_path, year):
    with pytest.raises(ValueError, match="2010 to 2026"):
        write_synthetic(tmp_path, children=5, years=1, seed=1, year_ending=year)


def rows(folder: Path, name: str) -> list[dict]:
    import csv

    with (folder / f"{name}.csv").open(newline="") as stream:
        return list(csv.DictReader(stream))


def test_optional_files_describe_children_in_the_return(synthetic):
    folder = synthetic / "2026"
    children = {row["CHILD"]: row["DOB"] for row in rows(folder, "header")}
    for name in ("missing", "oc2", "placed_for_adoption"):
        found = rows(folder, name)
        assert found, name
        assert all(children[row["CHILD"]] == row["DOB"] for row in found), name


def test_missing_periods_fall_in_the_collection_year(synthetic):
    def day(text: str) -> date:
        return date(int(text[6:]), int(text[3:5]), int(text[:2]))

    found = rows(synthetic / "2026", "missing")
    assert {row["MISSING"] for row in found} == {"M", "A"}
    assert all(date(2025, 4, 1) <= day(r["MIS_START"]) <= day(r["MIS_END"]) <= date(2026, 3, 31) for r in found)


def test_oc2_only_for_children_looked_after_all_year(synthetic):
    from report_builder.ssda903.periods import open_on

    data = read_ssda903(synthetic)
    all_year = set(open_on(data.episodes, date(2025, 4, 1))["CHILD"]) & set(
        open_on(data.episodes, date(2026, 3, 30))["CHILD"])
    in_oc2 = {row["CHILD"] for row in rows(synthetic / "2026", "oc2")}
    assert in_oc2 and in_oc2 <= all_year


def test_every_child_with_a_placement_order_has_the_decision_to_place_for_adoption(synthetic):
    episodes = rows(synthetic / "2026", "episodes")
    ordered = {row["CHILD"] for row in episodes if row["LS"] == "E1"}
    decided = {row["CHILD"] for row in rows(synthetic / "2026", "placed_for_adoption")}
    assert ordered and ordered <= decided


def dfe_findings(folder: Path, year: int) -> dict[str, list]:
    """Return the DfE validator's findings, run here or in the environment SSDA903_VALIDATOR_PYTHON names."""
    helper = Path(__file__).with_name("dfe_validator.py")
    previous = folder / str(year - 1)
    try:
        import lac_validator  # noqa: F401
    except ImportError:
        python = os.environ.get("SSDA903_VALIDATOR_PYTHON")
        if not python:
            pytest.skip(
                "csc-validator-be-903 (lac_validator) is not importable and SSDA903_VALIDATOR_PYTHON is not set"
            )
        output = subprocess.run(
            [python, str(helper), str(folder / str(year)), str(year), str(previous)],
            capture_output=True,
            text=True,
            check=True,
        )
        return json.loads(output.stdout)
    sys.path.insert(0, str(helper.parent))
    from dfe_validator import run  # type: ignore[import-not-found]

    return run(folder / str(year), year, previous)


@pytest.mark.slow
@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_passes_the_dfe_validation_rules(synthetic, year):
    findings = dfe_findings(synthetic, year)
    findings.pop("rules that failed to run", None)
    if year == 2026:
        short_breaks = [row for row in rows(synthetic / "2026", "episodes") if row["LS"] in ("V3", "V4")]
        assert findings.pop(SHORT_BREAK_URN_RULE, [0])[0] == len(short_breaks)
    unexpected = {
        code: found
        for code, found in findings.items()
        if code not in POSTCODE_LOOKUP_RULES | set(KNOWN_VALIDATOR_FAULTS)
    }
    assert unexpected == {}


@pytest.mark.parametrize(("option", "value", "said"), [
    ("--year", "2027", "2027 is not in the range 2010 to 2026"),
    ("--children", "0", "0 is not in the range 1 to 1,000,000"),
], ids=["year", "children"])
def test_a_number_out_of_range_is_refused_in_words(tmp_path, option, value, said):
    import subprocess

    from command_line import REPORT_BUILDER

    done = subprocess.run([*REPORT_BUILDER, "synth", str(tmp_path / "903"), option, value],
                          capture_output=True, text=True)
    assert done.returncode == 1 and said in done.stderr and "<=" not in done.stderr
    assert not (tmp_path / "903").exists()
