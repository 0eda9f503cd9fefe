"""Paths stay inside: content names files only inside the report folder; escapes are refused with a message."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import clear_message, run_cli

OUTSIDE = "outside"
"""A folder beside the report, holding a copy of each kind of file a report may name."""


def escapes(report: Path, target: str) -> dict[str, str]:
    """Return the ways to name `target` outside the report: '..', an absolute path and an inward symlink."""
    outside = report.parent / OUTSIDE / target
    link = report / f"link-{target.replace('/', '-')}"
    link.symlink_to(outside)
    return {"dot-dot": f"../{OUTSIDE}/{target}", "absolute": str(outside), "symlink": link.name,
            "etc-passwd": "../../../../../../../../etc/passwd"}


def prepare_outside(report: Path) -> None:
    """Put valid files outside the report so that only the location is wrong."""
    outside = report.parent / OUTSIDE
    outside.mkdir(exist_ok=True)
    for name in ("council.yaml", "statistics.yaml"):
        (outside / name).write_bytes((report / name).read_bytes())
    (outside / "comparators.csv").write_text("measure,area,year_ending,value\n", encoding="utf-8")
    (outside / "ssda903").mkdir(exist_ok=True)
    (outside / "appendix.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    from report_builder.templates_default import annual_report_template

    annual_report_template().save(str(outside / "template.docx"))


def set_line(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (old, path)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


SETTINGS = {
    # what is named, the file it is named in, the line to replace, the replacement with {path}
    "council profile": ("council.yaml", "report.yaml", "council_profile: council.yaml", "council_profile: '{path}'"),
    "statistics file": ("statistics.yaml", "report.yaml", "statistics: statistics.yaml", "statistics: '{path}'"),
    "ssda903 folder": ("ssda903", "report.yaml", "data:\n", "data:\n  ssda903: '{path}'\n"),
    "comparators file": ("comparators.csv", "report.yaml", "data:\n", "data:\n  comparators: '{path}'\n"),
    "annual report template": ("template.docx", "council.yaml", "annual_report: default", "annual_report: '{path}'"),
    "covering report template": ("template.docx", "council.yaml", "covering_report: default",
                                 "covering_report: '{path}'"),
}
CASES = [(setting, way) for setting in SETTINGS for way in ("dot-dot", "absolute", "symlink", "etc-passwd")]


@pytest.mark.parametrize(("setting", "way"), CASES, ids=[f"{s}, {w}" for s, w in CASES])
def test_a_path_outside_the_report_is_refused(small_report: Path, setting: str, way: str) -> None:
    prepare_outside(small_report)
    target, file, old, new = SETTINGS[setting]
    path = escapes(small_report, target)[way]
    set_line(small_report / file, old, new.format(path=path))
    outcome = run_cli("build", small_report, "--out", small_report / "out", "--figures", small_report / "figures",
                      "--draft")
    clear_message(outcome)
    assert "outside the report folder" in outcome.stderr
    assert not (small_report / "out").exists() or not list((small_report / "out").glob("*.docx"))


@pytest.mark.parametrize("way", ["dot-dot", "absolute", "symlink", "etc-passwd"])
def test_an_extra_appendix_outside_the_report_is_refused_at_load(small_report: Path, way: str) -> None:
    prepare_outside(small_report)
    path = escapes(small_report, "appendix.pdf")[way]
    set_line(small_report / "report.yaml", "sections:\n", f"extra_appendices:\n- title: Action plan\n  file: '{path}'\nsections:\n")
    outcome = run_cli("stats", small_report)
    clear_message(outcome)
    assert "report.yaml:" in outcome.stderr and "outside the report folder" in outcome.stderr


@pytest.mark.parametrize("way", ["dot-dot", "symlink"])
def test_a_section_outside_the_report_is_refused(small_report: Path, way: str) -> None:
    outside = small_report.parent / OUTSIDE
    outside.mkdir()
    (outside / "stolen.yaml").write_bytes((small_report / "sections" / "purpose.yaml").read_bytes())
    if way == "symlink":
        (small_report / "sections" / "stolen.yaml").symlink_to(outside / "stolen.yaml")
        name = "stolen"
    else:
        name = f"../../{OUTSIDE}/stolen"
    set_line(small_report / "report.yaml", "- priorities", f"- priorities\n- '{name}'")
    outcome = run_cli("stats", small_report)
    clear_message(outcome)
    assert "report.yaml:" in outcome.stderr and "outside the report folder" in outcome.stderr
