"""The checks on statistics.yaml: parts that do not add up, and a year that is not the report's, both numbers named."""

from __future__ import annotations

from pathlib import Path

import pytest

from report_builder.errors import DataError
from report_builder.statistics.aggregates import read_aggregates

PROBLEMS = [
    ("a breakdown larger than the children looked after",
     "children_looked_after: {at_end: 10}\nat_31_march: {legal_status: {full_care_orders: 8, section_20: 4}}\n",
     "statistics.yaml:2:29: at_31_march.legal_status adds up to 12 but children_looked_after.at_end is 10 — correct "
     "the counts: the parts given cannot add up to more than the total"),
    ("ages by sex, the only ages given, more than the children looked after",
     "children_looked_after: {at_end: 208}\nat_31_march:\n  age_band_by_sex:\n"
     "    male: {under_1: 8, age_1_to_4: 22, age_5_to_9: 15, age_10_to_15: 45, age_16_plus: 30}\n"
     "    female: {under_1: 6, age_1_to_4: 23, age_5_to_9: 17, age_10_to_15: 27, age_16_plus: 16}\n",
     "statistics.yaml:4:5: at_31_march.age_band_by_sex adds up to 209 but children_looked_after.at_end is 208 — "
     "correct the counts: the parts given cannot add up to more than the total"),
    ("some codes given, more than the reviews held",
     "reviews: {held: 590}\nparticipation: {PN1: 10, PN2: 700}\n",
     "statistics.yaml:2:16: participation's PN codes given add up to 710 but reviews.held is 590 — correct the "
     "counts: the parts given cannot add up to more than the total"),
    ("every category given, short of the total",
     "children_looked_after: {at_end: 10}\nat_31_march: {sex: {male: 4, female: 4, unknown: 0}}\n",
     "statistics.yaml:2:20: at_31_march.sex adds up to 8 but children_looked_after.at_end is 10 — correct the counts "
     "so that the parts add up to the total"),
    ("on time and late not adding up to held",
     "reviews: {held: 100, on_time: 90, late: 5}\n",
     "statistics.yaml:1:10: reviews.on_time (90) and reviews.late (5) add up to 95 but reviews.held is 100 — correct "
     "the counts so that the parts add up to the total"),
    ("more children on time than counted",
     "reviews: {children_all_on_time: 200, children_eligible: 199}\n",
     "statistics.yaml:1:33: reviews.children_all_on_time (200) is more than reviews.children_eligible (199) — "
     "reviews.children_all_on_time is part of reviews.children_eligible: correct one of them"),
    ("codes that disagree with the totals given",
     "participation: {PN1: 50, PN2: 0, PN3: 0, PN4: 0, PN5: 0, PN6: 30, PN7: 20, participated: 90}\n",
     "statistics.yaml:1:90: participation.participated is 90 but the PN codes give 80 (PN1 to PN6) — correct one of "
     "them, or give only the codes"),
    ("ages by sex that disagree with the sexes",
     "at_31_march:\n  sex: {male: 3}\n  age_band_by_sex:\n    male: {under_1: 1, age_1_to_4: 1, age_5_to_9: 0, age_10_to_15: 0, age_16_plus: 0}\n",
     "statistics.yaml:4:11: at_31_march.age_band_by_sex.male adds up to 2 but at_31_march.sex.male is 3 — correct "
     "the counts so that the parts add up to the total"),
    ("a year that is not the report's", "year_ending: 2025\n",
     "statistics.yaml:1:14: year_ending is 2025 in statistics.yaml but 2026 in report.yaml (the report is for "
     "2025/26) — the figures must be for the report's year: correct one of the two files"),
    ("this year among the earlier ones", "previous_years:\n  - {year_ending: 2026, cla_at_end: 10}\n",
     "statistics.yaml:2:19: previous_years gives the year ending 2026, but report.yaml's year ends in 2026 — "
     "previous_years holds earlier years only: give this year's figures in the main blocks"),
    ("last year's children at 31 March that are not this year's at the start",
     "children_looked_after: {at_start: 176}\nprevious_years:\n  - {year_ending: 2025, cla_at_end: 170}\n",
     "statistics.yaml:3:37: previous_years gives cla_at_end 170 for the year ending 2025 but "
     "children_looked_after.at_start is 176 — both are the children looked after at 31 March 2025: correct one "
     "of them"),
    ("an unknown category", "at_31_march: {placement: {fostered: 3}}\n",
     "statistics.yaml:1:27: 'fostered' is not a category of at_31_march.placement — did you mean 'foster_other'?"),
]


@pytest.mark.parametrize(("text", "message"), [c[1:] for c in PROBLEMS], ids=[c[0] for c in PROBLEMS])
def test_problems_name_both_numbers(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "statistics.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as raised:
        read_aggregates(path, tmp_path, 2026)
    assert [str(p) for p in raised.value.problems] == [message]


def test_every_problem_at_once(tmp_path: Path) -> None:
    path = tmp_path / "statistics.yaml"
    path.write_text("year_ending: 2025\nreviews: {held: 10, on_time: 12}\nstarted: many\n"
                    "at_31_march: {placement: {fostered: 3}}\n", encoding="utf-8")
    with pytest.raises(DataError) as raised:
        read_aggregates(path, tmp_path, 2026)
    found = [p.message for p in raised.value.problems]
    # the year, the unknown category and the word where a number goes; sums wait for numbers
    assert len(found) == 3 and any("'fostered' is not a category" in m for m in found), found
