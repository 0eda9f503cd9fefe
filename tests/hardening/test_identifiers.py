"""No identifiers out: a build from synthetic SSDA903 data and CIN census, with PDFs, and every message about
bad rows, hold no CHILD id, LAchildID, UPN, date of birth or postcode from the input."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from report_builder.publish.libreoffice import libreoffice_available
from report_builder.cin.synth import write_synthetic_cin
from report_builder.ssda903.synth import write_synthetic

from .conftest import EXAMPLE, Outcome, run_cli
from .identifiers import Identifiers, dates_in, read_cin_identifiers, read_identifiers, texts_of

SEED = 7092
"""Synthetic data unlike the example's own (seed 2025), so the test does not depend on its files."""


@dataclass(frozen=True)
class Built:
    """A built example report and what it was built from."""

    report: Path
    outputs: list[Path]
    outcome: Outcome
    identifiers: Identifiers
    public_dates: set[date]


def public_dates(report: Path, years: range) -> set[date]:
    """Return dates the report may print: those its YAML names, year ends and starts, and today."""
    found = {date.today()}
    for path in report.rglob("*.yaml"):
        found |= dates_in(path.read_text(encoding="utf-8"))
    for year in years:
        found |= {date(year, 3, 31), date(year, 4, 1), date(year - 1, 4, 1), date(year, 9, 30)}
    return found


def example_with_synthetic_data(root: Path) -> Path:
    """Return a copy of the example report whose SSDA903 folder and CIN census are freshly generated."""
    report = root / "report"
    shutil.copytree(EXAMPLE, report, ignore=shutil.ignore_patterns("ssda903", "cin"))
    write_synthetic(report / "data" / "ssda903", children=800, years=5, seed=SEED)
    write_synthetic_cin(report / "data" / "cin", children=1200, years=5, seed=SEED)
    return report


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("identifiers")
    report = example_with_synthetic_data(root)
    options = ["--pdf"] if libreoffice_available() else ["--draft"]
    outcome = run_cli("build", report, "--out", root / "out", "--figures", root / "figures", "-v", *options,
                      seconds=180)
    assert outcome.exit_code == 0, outcome.output
    outputs = [p for folder in (root / "out", root / "figures") for p in folder.rglob("*") if p.is_file()]
    return Built(report, outputs, outcome, read_identifiers(report / "data"), public_dates(report, range(2019, 2027)))


def test_the_input_has_identifiers_to_look_for(built: Built) -> None:
    found = built.identifiers
    assert len(found.numbers) > 500 and len(found.upns) > 500 and len(found.births) > 500
    assert len(found.postcodes) > 100
    census = Identifiers()
    read_cin_identifiers(built.report / "data" / "cin", census)
    assert len(census.numbers) > 500 and len(census.upns) > 500 and len(census.births) > 500


def test_the_scan_finds_census_identifiers(built: Built) -> None:
    text = (built.report / "data" / "cin" / "cin_census_2026.xml").read_text(encoding="utf-8")
    child = text.split("<LAchildID>", 1)[1].split("<", 1)[0]
    upn = text.split("<UPN>", 1)[1].split("<", 1)[0]
    born = text.split("<PersonBirthDate>", 1)[1].split("<", 1)[0]
    for written in (f"child {child}", f"UPN {upn}", f"born {born}"):
        assert built.identifiers.found_in(written, set()), written


def test_the_scan_finds_identifiers_where_they_are(built: Built, tmp_path: Path) -> None:
    header = built.report / "data" / "ssda903" / "2025" / "header.csv"
    child, _, birth, _, upn, *_ = header.read_text(encoding="utf-8").splitlines()[1].split(",")
    day, month, year = (int(n) for n in birth.split("/"))
    written = date(year, month, day)
    long_form = f"born {written.day} {written.strftime('%B')} {written.year}"
    for text in (f"child {child}.", f"UPN {upn}", f"born {written.isoformat()}", long_form, f"born {birth}"):
        assert built.identifiers.found_in(text, set()), text
    assert built.identifiers.found_in(texts_of(header)[0][1], built.public_dates)


def test_every_kind_of_output_was_written(built: Built) -> None:
    suffixes = {p.suffix for p in built.outputs}
    assert {".docx", ".png", ".svg"} <= suffixes
    assert any(".cache" in p.parts for p in built.outputs)
    if libreoffice_available():
        assert ".pdf" in suffixes


def test_no_identifier_in_any_output_file(built: Built) -> None:
    leaks = []
    for path in built.outputs:
        for where, text in texts_of(path):
            leaks += [f"{where}: {hit}" for hit in built.identifiers.found_in(text, built.public_dates)]
    assert not leaks, leaks[:20]


def test_no_identifier_in_what_the_build_printed(built: Built) -> None:
    assert not built.identifiers.found_in(built.outcome.output, built.public_dates)


def break_rows(data: Path) -> None:
    """Spoil rows of the last year's return in every way validation reports, keeping each child's identifiers."""
    year = max(p for p in data.iterdir() if p.is_dir())
    header = (year / "header.csv").read_text(encoding="utf-8").splitlines()
    child, _, birth, *rest = header[1].split(",")
    header[1] = ",".join([child, "X", birth, *rest])  # unknown sex code
    child2, sex2, birth2, *rest2 = header[2].split(",")
    header[2] = ",".join([child2, sex2, "31/02/" + birth2[-4:], *rest2])  # impossible date of birth
    header.append(header[3])  # a child listed twice
    (year / "header.csv").write_text("\n".join(header) + "\n", encoding="utf-8")
    episodes = (year / "episodes.csv").read_text(encoding="utf-8").splitlines()
    fields = episodes[1].split(",")
    episodes.append(",".join(["7777777", *fields[1:]]))  # a child not in header.csv
    episodes.append(",".join([fields[0], fields[1], "Q", *fields[3:]]))  # bad code, overlapping episode
    (year / "episodes.csv").write_text("\n".join(episodes) + "\n", encoding="utf-8")
    reviews = (year / "reviews.csv").read_text(encoding="utf-8").splitlines()
    reviews.append(",".join([*reviews[1].split(",")[:3], "PN9"]))  # bad participation code
    (year / "reviews.csv").write_text("\n".join(reviews) + "\n", encoding="utf-8")


def break_census(path: Path) -> None:
    """Spoil records of a census: an unreadable birth date, bad plan and review dates, a child repeated."""
    text = path.read_text(encoding="utf-8")
    born = text.split("<PersonBirthDate>", 1)[1].split("<", 1)[0]
    text = text.replace(f"<PersonBirthDate>{born}<", f"<PersonBirthDate>{born[:5]}02-30<", 1)
    text = text.replace("<CPPstartDate>", "<CPPstartDate>20x", 1).replace("<CPPreviewDate>", "<CPPreviewDate>9", 1)
    first = text.index("<Child>")
    child = text[first:text.index("</Child>", first) + len("</Child>")]
    path.write_text(text.replace("</Children>", child + "\n</Children>"), encoding="utf-8")


def test_no_identifier_in_messages_about_bad_rows(built: Built, tmp_path: Path) -> None:
    report = tmp_path / "report"
    shutil.copytree(built.report, report)
    break_rows(report / "data" / "ssda903")
    census = report / "data" / "cin" / "cin_census_2026.xml"
    break_census(census)
    identifiers = read_identifiers(report / "data")
    printed = [run_cli("stats", "--ssda903", report / "data" / "ssda903", "--year", "2025", seconds=60).output,
               run_cli("stats", "--cin", census, "--year", "2026", seconds=60).output,
               run_cli("build", report, "--out", tmp_path / "out", "--figures", tmp_path / "figures", "--draft",
                       "-v", seconds=120).output]
    try:
        printed.append(run_cli("check", report, "--no-documents", seconds=60).output)
    except AssertionError as failure:  # another command's own failure is reported by its own tests
        pytest.fail(f"check failed on broken rows: {failure}")
    leaks = [hit for text in printed for hit in identifiers.found_in(text, built.public_dates)]
    assert not leaks, leaks[:20]
    assert any("header.csv:" in text for text in printed), "messages should cite the file and line"
    assert any("cin_census_2026.xml:" in text and "CPPstartDate" in text for text in printed), printed[-1][-3000:]


def test_messages_cite_the_file_and_line_of_a_bad_row(tmp_path: Path) -> None:
    data = tmp_path / "ssda903"
    write_synthetic(data, children=40, years=1, seed=SEED)
    break_rows(data)
    from report_builder.ssda903 import read_ssda903

    problems = [str(p) for p in read_ssda903(data).errors]
    assert any("header.csv:2:" in p and "SEX" in p for p in problems), problems
    assert any("episodes.csv:" in p for p in problems), problems
