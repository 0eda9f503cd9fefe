"""Fuzzing the SSDA903 CSVs: any export ends in figures or a clear message, never a traceback."""

from __future__ import annotations

import csv
import io
import os
import resource
import subprocess
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from command_line import REPORT_BUILDER
from hypothesis import given
from hypothesis import strategies as st

from report_builder.ssda903.codes import COLUMNS

from .conftest import MEMORY_LIMIT_MB, clear_message, fuzz, peak_memory_mb, run_cli

POOL = [str(1_000_001 + n) for n in range(8)]
"""Fuzzed rows' children: few, so that rows link, repeat and overlap."""
ANCHOR = {
    "header": {"CHILD": "9000001", "SEX": "F", "DOB": "01/01/2010", "ETHNIC": "WBRI"},
    "episodes": {"CHILD": "9000001", "DECOM": "01/05/2020", "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "U1"},
    "reviews": {"CHILD": "9000001", "DOB": "01/01/2010", "REVIEW": "01/06/2024", "REVIEW_CODE": "PN1"},
}
"""One valid child, kept apart from the fuzzed ones, so that some review always falls in a period of care."""

JUNK = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from(',"\n\r;\t\x00\ufeff '),
               max_size=12)
CODES = {
    "SEX": ["1", "2", "M", "F", "U", "9", "m"],
    "ETHNIC": ["WBRI", "MWBC", "AIND", "BAFR", "OOTH", "REFU", "NOBT", "wbri", "XXXX"],
    "RNE": ["S", "L", "P", "T", "B", "U", "Z"],
    "LS": ["C1", "C2", "E1", "V2", "V3", "V4", "J1", "L1", "Q9"],
    "CIN": ["N1", "N4", "N8", "N9"],
    "PLACE": ["U1", "U4", "K2", "K3", "H5", "P2", "Z1", "R4", "A3"],
    "REC": ["", "X1", "E11", "E4A", "E13", "E17", "E99"],
    "REVIEW_CODE": ["PN0", "PN1", "PN4", "PN7", "PN8", "pn1"],
    "CHILD": POOL,
}


@st.composite
def dates(draw: st.DrawFn) -> str:
    """Return a date as exports write them: dd/mm/yyyy mostly, ISO, impossible, blank or junk."""
    day = date(2000, 1, 1) + timedelta(days=draw(st.integers(0, 9500)))
    return draw(st.sampled_from([
        day.strftime("%d/%m/%Y"), day.strftime("%d/%m/%Y"), day.isoformat(), day.isoformat() + "T00:00:00",
        day.strftime("%d/%m/%y"), "31/02/2024", "00/00/0000", "01/01/1900", "31/12/9999", "",
    ]) | JUNK)


def value(column: str) -> st.SearchStrategy[str]:
    """Return values for a column: mostly its codes or dates, sometimes anything."""
    if column in ("DOB", "DECOM", "DEC", "REVIEW", "MC_DOB", "DUC"):
        return dates()
    return st.sampled_from(CODES.get(column, [""])) | JUNK if column in CODES else JUNK


def rows(name: str) -> st.SearchStrategy[list[dict[str, str]]]:
    """Return a table's rows: each column from value()."""
    row = st.fixed_dictionaries({column: value(column) for column in COLUMNS[name]})
    return st.lists(row, max_size=12)


@st.composite
def export(draw: st.DrawFn) -> dict[str, bytes]:
    """Return the files of one return as bytes: fuzzed rows, columns, quoting, separators and encodings."""
    files = {}
    for name in ("header", "episodes", "reviews", "uasc"):
        if name == "uasc" and draw(st.booleans()):
            continue
        columns = list(COLUMNS[name])
        if draw(st.integers(0, 9)) == 0:
            columns.remove(draw(st.sampled_from(columns)))
        if draw(st.integers(0, 9)) == 0:
            columns.append(draw(st.sampled_from(["EXTRA", "CHILD", "child", " DOB ", ""])))
        if draw(st.booleans()):
            columns = draw(st.permutations(columns))
        table = draw(rows(name)) if name != "uasc" else []
        if name in ANCHOR:
            table.insert(draw(st.integers(0, len(table))), ANCHOR[name])
        text = io.StringIO()
        writer = csv.DictWriter(text, columns, extrasaction="ignore", restval="",
                                quoting=draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC])),
                                delimiter=draw(st.sampled_from([",", ",", ",", ";", "\t"])),
                                lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
        writer.writeheader()
        writer.writerows(table)
        encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "cp1252", "utf-16"]))
        files[name] = text.getvalue().encode(encoding, errors="replace")
    return files


@fuzz(40)
@given(export())
def test_any_export_gives_figures_or_a_clear_message(files: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "2025"
        folder.mkdir()
        for name, data in files.items():
            (folder / f"{name}.csv").write_bytes(data)
        outcome = run_cli("stats", "--ssda903", folder, "--year", "2025", "--format", "json")
        if outcome.exit_code:
            clear_message(outcome)
            assert ".csv" in outcome.stderr
    assert peak_memory_mb() < MEMORY_LIMIT_MB


HEADER = ",".join(COLUMNS["header"])
EPISODES = ",".join(COLUMNS["episodes"])
REVIEWS = ",".join(COLUMNS["reviews"])
GOOD = {
    "header": f"{HEADER}\n9000001,F,01/01/2010,WBRI,,,\n",
    "episodes": f"{EPISODES}\n9000001,01/05/2020,S,C2,N1,U1,,,,,,,\n",
    "reviews": f"{REVIEWS}\n9000001,01/01/2010,01/06/2024,PN1\n",
}
ODD_FILES = {
    "UTF-16 (refused, says so)": ("header", GOOD["header"].encode("utf-16"), "UTF-16"),
    "Windows-1252 (read, with a warning)": ("header", (GOOD["header"] + "9000002,M,01/01/2011,WBRI,é,,\n").encode("cp1252"), None),
    "Excel workbook": ("header", b"PK\x03\x04" + bytes(100), "Excel workbook"),
    "semicolons": ("header", GOOD["header"].replace(",", ";").encode(), "semicolons"),
    "tabs": ("episodes", GOOD["episodes"].replace(",", "\t").encode(), "tabs"),
    "missing columns": ("reviews", b"CHILD,DOB\n9000001,01/01/2010\n", "REVIEW, REVIEW_CODE missing"),
    "unterminated quote": ("header", f'{HEADER}\n"9000001,F,01/01/2010,WBRI\n'.encode(), "not a readable CSV"),
    "zero bytes": ("header", b"", "empty"),
    "binary": ("episodes", bytes(range(256)) * 4, "not plain text"),
    "an extra column": ("header", f"{HEADER},EXTRA\n9000001,F,01/01/2010,WBRI,,,,x\n".encode(), None),
    "header row only (0 rows) in reviews": ("reviews", f"{REVIEWS}\n".encode(), None),
    "quoted commas and quotes": ("header", f'{HEADER}\n"9000001",F,"01/01/2010","WBRI","a,""b""",,\n'.encode(), None),
}


@pytest.mark.parametrize(("name", "data", "expected"), ODD_FILES.values(), ids=ODD_FILES.keys())
def test_odd_files_are_read_or_refused_clearly(tmp_path: Path, name: str, data: bytes, expected: str | None) -> None:
    folder = write_return(tmp_path, {name: data})
    outcome = run_cli("stats", "--ssda903", folder, "--year", "2025", "--format", "json")
    if expected is None:
        assert outcome.exit_code == 0, outcome.output
    else:
        clear_message(outcome)
        assert expected in outcome.stderr and f"{name}.csv" in outcome.stderr


def write_return(root: Path, replaced: dict[str, bytes]) -> Path:
    """Return a 2025 return folder with the good files, some replaced."""
    folder = root / "2025"
    folder.mkdir()
    for name, text in GOOD.items():
        (folder / f"{name}.csv").write_bytes(replaced.get(name, text.encode()))
    return folder


def test_an_episodes_file_with_no_rows_gives_a_message_or_figures(tmp_path: Path) -> None:
    folder = write_return(tmp_path, {"episodes": f"{EPISODES}\n".encode()})
    run_cli("stats", "--ssda903", folder, "--year", "2025", "--format", "json")


def test_rows_with_more_fields_than_the_header_give_a_message_or_figures(tmp_path: Path) -> None:
    folder = write_return(tmp_path, {"header": f"{HEADER},EXTRA\n9000001,F,01/01/2010,WBRI,,,,x,y,z\n".encode()})
    run_cli("stats", "--ssda903", folder, "--year", "2025", "--format", "json")


def test_a_file_with_cr_line_ends_gives_a_message_or_figures(tmp_path: Path) -> None:
    folder = write_return(tmp_path, {"header": GOOD["header"].replace("\n", "\r").encode()})
    run_cli("stats", "--ssda903", folder, "--year", "2025", "--format", "json")


def test_a_2_gb_csv_is_refused_by_size_naming_the_file(tmp_path: Path) -> None:
    folder = write_return(tmp_path, {})
    with (folder / "episodes.csv").open("ab") as stream:  # sparse: 2 GB without the disk
        stream.truncate(2 * 1024**3)
    limit = 1536 * 1024**2  # enough to start, not to read the file

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    result = subprocess.run([*REPORT_BUILDER, "stats", "--ssda903", str(folder), "--year", "2025"],
                            capture_output=True, text=True, timeout=120, preexec_fn=limited, check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "episodes.csv" in result.stderr and "larger than" in result.stderr


MILLION = 1_000_000


@pytest.mark.slow
@pytest.mark.skipif(not os.environ.get("REPORT_BUILDER_SLOW"), reason="set REPORT_BUILDER_SLOW=1 for the 1,000,000-row file")
def test_a_million_episode_rows_are_read_in_bounded_time_and_memory(tmp_path: Path) -> None:
    folder = write_return(tmp_path, {})
    with (folder / "episodes.csv").open("w", encoding="utf-8") as stream:
        stream.write(EPISODES + "\n")
        for n in range(MILLION):
            stream.write(f"{5_000_000 + n},01/05/2020,S,C2,N1,U1,PR1,,,,,,\n")
    with (folder / "header.csv").open("w", encoding="utf-8") as stream:
        stream.write(HEADER + "\n")
        for n in range(MILLION):
            stream.write(f"{5_000_000 + n},F,01/01/2010,WBRI,,,\n")
    start = time.perf_counter()
    from click.testing import CliRunner

    from report_builder.cli import main

    result = CliRunner().invoke(main, ["stats", "--ssda903", str(folder), "--year", "2025", "--format", "json"])
    assert result.exit_code in (0, 1) and "Traceback" not in result.output
    assert time.perf_counter() - start < 300
    assert peak_memory_mb() < 4096
