"""IRO Handbook coverage: the report addresses every matter paragraph 7.11 (and local procedures) expect."""

from __future__ import annotations

from report_builder.content.models import HANDBOOK_MATTERS, ONLY_WITH_CIN
from report_builder.errors import Problem
from report_builder.load import Report


def check_handbook_coverage(report: Report) -> list[Problem]:
    """Return an error, at report.yaml's `sections`, for each Handbook matter no section covers.

    Child protection conferences are expected only of a report with a CIN census.
    """
    covered = {matter for loaded in report.sections for matter in loaded.section.covers}
    return [
        report.meta_source.problem(
            ("sections",),
            f"no section covers the IRO Handbook matter '{matter}': {meaning}",
            f"add '{matter}' to the 'covers:' list of the section that addresses it, or write a section on it",
            key=True,
        )
        for matter, meaning in HANDBOOK_MATTERS.items()
        if matter not in covered and (report.meta.data.cin or matter not in ONLY_WITH_CIN)
    ]
