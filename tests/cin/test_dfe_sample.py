"""The DfE validator's own sample census (csc-validator-be-cin, MIT): read, faults listed, figures made."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from report_builder.cin import compute_child_protection, read_cin

from .support import identifiers_in

SAMPLE = Path(__file__).parent / "data" / "fake_CIN_data.xml"


def test_sample_is_read_its_faults_listed_and_figures_made():
    census = read_cin(SAMPLE, 2022)
    this = census.returns[2022]
    assert len(this.children) == 332
    kinds = Counter(p.message.split(":")[0] for p in this.problems)
    assert kinds == {"DateOfInitialCPC": 35, "PersonBirthDate": 6}
    assert all(p.file and p.file.endswith("fake_CIN_data.xml") and p.line for p in this.problems)
    cp = compute_child_protection(census, 2022, population=60_000)
    assert (cp.icpc.held, cp.icpc.not_judged, cp.icpc.on_time_pct) == (42, 42, None)
    assert cp.plans.at_end == 0 and cp.rcpc.held == 0
    assert cp.conferences.chaired == 42
    assert any("left out of the initial conference figures" in note for note in cp.data_notes)


def test_no_identifier_from_the_sample_in_any_message():
    census = read_cin(SAMPLE, 2022)
    text = "\n".join(str(p) for p in census.problems)
    ids = identifiers_in(SAMPLE, ("LAchildID", "UPN"))
    assert len(ids) == 664 and not [value for value in ids if value in text]
    births = [str(p) for p in census.problems if p.message.startswith("PersonBirthDate")]
    assert births and not any(re.search(r"\d{4}-\d\d-\d\d", message) for message in births)
