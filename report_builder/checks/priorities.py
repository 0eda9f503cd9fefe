"""Carried-forward priorities: each of last year's priorities says what happened to it."""

from __future__ import annotations

from report_builder.content import blocks as b
from report_builder.errors import Problem
from report_builder.load import Report


def check_progress_written(report: Report) -> list[Problem]:
    """Return an error, at the item's line, for each of last year's priorities without a progress statement."""
    problems = []
    for loaded in report.sections:
        for index, block in enumerate(loaded.section.body):
            if not isinstance(block, b.Progress):
                continue
            for i, item in enumerate(block.progress):
                if item.progress and item.progress.strip():
                    continue
                problems.append(loaded.source.problem(
                    ("body", index, "progress", i, "progress"),
                    f"no progress written for last year's priority '{item.priority}'",
                    "write what happened after 'progress:' (done, partly done or not done, with the evidence)",
                    key=True,
                ))
    return problems
