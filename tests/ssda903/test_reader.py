"""Reading real-shaped exports: BOM, ISO dates, stray spaces, any header case, blank rows, cp1252, year folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from report_builder.errors import DataError, display_path
from report_builder.ssda903 import compute_statistics, read_ssda903

HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"
REVIEWS = "CHILD,DOB,REVIEW,REVIEW_CODE\n"


def write(folder: Path, files: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = folder / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return folder


def test_messy_export_is_read(tmp_path):
    write(
        tmp_path / "2025",
        {
            "Header.csv": "\ufeffchild , Sex,dob,Ethnic,upn,mother,mc_dob\r\n 00123 , 2 ,2012-01-05, WBRI ,,,\r\n",
            "EPISODES.CSV": "Child,DECOM,rne,LS,cin,Place,place_provider,dec,rec,reason_place_change,home_post,pl_post,urn\n"
            "00123,2024-06-01 00:00:00,S,C1,N1,U4,PR1,,,,,,\n,,,,,,,,,,,,\n\n",
            "reviews.csv": REVIEWS + "00123,05/01/2012,  28/06/2024,PN1  \n\n\n",
        },
    )
    data = read_ssda903(tmp_path)
    assert data.problems == ()
    assert data.header["CHILD"].tolist() == ["00123"]
    stats = compute_statistics(data, 2025, "Testshire")
    assert (stats.cla.at_end, stats.profile.sex.counts["female"], stats.reviews.on_time) == (
        1,
        1,
        1,
    )


def test_cp1252_file_is_read_with_a_warning(tmp_path):
    episodes = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
    episodes += "A,01/06/2024,S,C1,N1,U4,PR1,,,,,,Caf\xe9\n"
    folder = write(
        tmp_path / "x",
        {
            "header.csv": HEADER + "A,1,01/01/2012,WBRI,,,\n",
            "episodes.csv": episodes.encode("cp1252"),
            "reviews.csv": REVIEWS,
        },
    )
    data = read_ssda903(folder, year_ending=2025)
    assert [p.severity for p in data.problems] == ["warning"]
    assert "read as Windows-1252 (cp1252)" in str(data.problems[0])
    assert len(data.episodes) == 1


def test_blank_line_in_the_middle_keeps_line_numbers(tmp_path):
    folder = write(
        tmp_path / "x",
        {
            "header.csv": HEADER + "A,1,01/01/2012,WBRI,,,\n\nB,7,01/01/2012,WBRI,,,\n",
            "episodes.csv": "CHILD,DECOM,RNE,LS,PLACE,DEC,REC\n",
            "reviews.csv": REVIEWS,
        },
    )
    assert read_ssda903(folder, year_ending=2025).problems[0].line == 4


def test_structural_problems_are_all_reported(tmp_path):
    folder = write(
        tmp_path / "x", {"header.csv": "CHILD,SEX,DOB\n", "episodes.csv": "CHILD,DECOM\n"}
    )
    with pytest.raises(DataError) as raised:
        read_ssda903(folder, year_ending=2025)
    found = [str(p) for p in raised.value.problems]
    assert len(found) == 3
    assert found[0].startswith(f"{display_path(folder)}: reviews.csv is missing")
    assert f"{display_path(folder / 'header.csv')}:1: column ETHNIC missing" in found[1]
    assert (
        f"{display_path(folder / 'episodes.csv')}:1: columns RNE, LS, PLACE, DEC, REC missing"
        in found[2]
    )


NOT_CSV = [
    ("Excel workbook", b"PK\x03\x04rest-of-a-zip", "this is an Excel workbook, not a CSV file"),
    (
        "semicolons",
        b"CHILD;SEX;DOB;ETHNIC\nA;1;01/01/2012;WBRI\n",
        "values are separated by semicolons, not commas",
    ),
    ("UTF-16", "CHILD,SEX\n".encode("utf-16"), "this file is not plain text"),
]


@pytest.mark.parametrize(
    ("content", "expected"), [c[1:] for c in NOT_CSV], ids=[c[0] for c in NOT_CSV]
)
def test_file_that_is_not_csv(tmp_path, content, expected):
    folder = write(
        tmp_path / "x",
        {
            "header.csv": content,
            "episodes.csv": "CHILD,DECOM,RNE,LS,PLACE,DEC,REC\n",
            "reviews.csv": REVIEWS,
        },
    )
    with pytest.raises(DataError, match=expected):
        read_ssda903(folder, year_ending=2025)


def test_year_folders_are_combined_and_episodes_counted_once(tmp_path):
    episodes = "CHILD,DECOM,RNE,LS,PLACE,DEC,REC\n"
    header = HEADER + "A,1,01/01/2012,WBRI,,,\n"
    write(
        tmp_path / "2024",
        {
            "header.csv": header,
            "episodes.csv": episodes + "A,01/06/2023,S,C1,U4,,\n",
            "reviews.csv": REVIEWS + "A,,28/06/2023,PN1\n",
        },
    )
    write(
        tmp_path / "2025",
        {
            "header.csv": header.replace(",1,", ",M,"),
            "episodes.csv": episodes + "A,01/06/2023,S,C1,U4,01/07/2024,E4A\n",
            "reviews.csv": REVIEWS + "A,,20/12/2023,PN1\n",
        },
    )
    data = read_ssda903(tmp_path)
    assert (data.years, len(data.episodes), len(data.reviews)) == ((2024, 2025), 1, 2)
    stats = compute_statistics(data, 2025, "Testshire", population={2024: 10_000, 2025: 10_000})
    assert (stats.cla.at_start, stats.cla.at_end, stats.ceased.total) == (1, 0, 1)
    assert [
        (y.year_ending, y.cla_at_end, y.started, y.reviews_held, y.rate_per_10k)
        for y in stats.trend
    ] == [(2024, 1, 1, 2, 1.0)]


def test_missing_folder(tmp_path):
    with pytest.raises(DataError, match="no such folder"):
        read_ssda903(tmp_path / "nowhere")


def test_cumulative_extract_without_year_folders(tmp_path):
    # One extract from April 2023 (earliest review) to March 2025 (latest episode date).
    episodes = "CHILD,DECOM,RNE,LS,PLACE,DEC,REC\nA,01/04/2023,S,C1,U4,01/07/2024,E4A\nB,02/01/2025,S,V2,U4,,\n"
    reviews = REVIEWS + "A,,28/04/2023,PN1\nA,,20/07/2023,PN1\n"
    header = HEADER + "A,1,01/01/2012,WBRI,,,\nB,2,01/01/2012,WBRI,,,\n"
    folder = write(tmp_path / "extract", {"header.csv": header, "episodes.csv": episodes, "reviews.csv": reviews})
    data = read_ssda903(folder)
    assert (data.coverage_start.isoformat(), data.extract_end.isoformat()) == ("2023-04-01", "2025-03-31")
    stats = compute_statistics(data, 2025, "Testshire")
    assert (stats.cla.at_end, stats.ceased.total, [y.year_ending for y in stats.trend]) == (1, 1, [2024])
