"""Finding a council's census: one file, CSV tables, or one return per year named by its year."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from report_builder.cin import compute_child_protection, read_cin
from report_builder.cin.codes import MODULES
from report_builder.cin.reader import name_year
from report_builder.cin.xmlfile import LINE, columns, read_xml
from report_builder.errors import DataError


@pytest.mark.parametrize(
    ("name", "year"),
    [("2025", 2025), ("2024-25", 2025), ("2024_25", 2025), ("cin_census_2025", 2025),
     ("CIN_Census_2024", 2024), ("census", None), ("2024-26", 2024)],
)
def test_year_from_a_name(name, year):
    assert name_year(name) == year


def test_one_file_takes_the_report_year_whatever_its_name(census):
    census.child().episode("2024-05-01").plan("2024-05-01")
    path = census.write("cin_census_2019.xml")
    assert list(read_cin(path, 2025).returns) == [2025]


def test_one_file_without_a_year(census):
    with pytest.raises(DataError, match="the census year is not known"):
        read_cin(census.write(), None)


def test_folder_of_years_gives_the_trend(census, tmp_path):
    census.child().episode("2023-05-01").plan("2023-05-01")
    census.write("cin_census_2024.xml")
    census.child().episode("2024-05-01").plan("2024-05-01")
    census.write("2024-25.xml")
    found = read_cin(census.folder)
    assert list(found.returns) == [2024, 2025]
    cp = compute_child_protection(found, 2025, {2024: 50_000, 2025: 50_000})
    assert [y.at_end for y in cp.years(2025)] == [1, 2]
    assert cp.years(2025)[0].rate_per_10k == 0.2


def test_two_files_for_one_year_and_a_file_without_a_year(census):
    census.child().episode("2024-05-01")
    census.write("cin_2025.xml")
    census.write("2024-25.xml")
    census.write("export.xml")
    with pytest.raises(DataError) as raised:
        read_cin(census.folder)
    messages = [str(p) for p in raised.value.problems]
    assert any("the census year is not in the name" in m and "export.xml" in m for m in messages)
    assert any("more than one census for the year ending 31 March 2025" in m for m in messages)


def test_year_not_given_is_a_clear_error(census):
    census.child().episode("2024-05-01")
    found = read_cin(census.write("cin_2024.xml"), 2024)
    with pytest.raises(DataError, match="no CIN census for the year ending 31 March 2025"):
        compute_child_protection(found, 2025)


def write_csv_tables(xml_path: Path, folder: Path) -> Path:
    """Write the census at xml_path as CSV tables, one per module, as a data hub holds it."""
    raw = read_xml(xml_path)
    folder.mkdir(parents=True, exist_ok=True)
    for name in MODULES:
        if name == "ChildCharacteristics":
            rows = [(row[0], row[-2]) for row in raw.rows["ChildIdentifiers"]]
        else:
            rows = [row[: len(MODULES[name])] for row in raw.rows[name]]
        with (folder / f"{name}.csv").open("w", newline="", encoding="utf-8") as stream:
            writer = csv.writer(stream)
            writer.writerow(MODULES[name])
            writer.writerows(rows)
    assert columns("Reviews")[-1] == LINE
    return folder


def test_csv_tables_give_the_same_figures_as_the_xml(census, tmp_path):
    episode = census.child(sex="F").episode("2024-05-01").s47("2024-05-01", "2024-05-20")
    episode.plan("2024-05-20", category="EMO", previous="1", reviews=["2024-08-19", "2025-02-10"])
    census.child().episode("2024-06-01", icpc="2024-06-20")
    census.child(born="", expected="2025-06-01").episode("2025-01-05").plan("2025-01-05", "2025-03-01")
    xml = census.write()
    folder = write_csv_tables(xml, tmp_path / "csv")
    from_xml = compute_child_protection(read_cin(xml, 2025), 2025, 40_000)
    from_csv = compute_child_protection(read_cin(folder, 2025), 2025, 40_000)
    assert from_csv == from_xml
    assert from_xml.rcpc.held == 2 and from_xml.icpc.held == 2


def test_csv_rows_that_do_not_join_are_named_by_file_and_row(census, tmp_path):
    census.child().episode("2024-05-01").plan("2024-05-01", reviews=["2024-08-01"])
    folder = write_csv_tables(census.write(), tmp_path / "csv")
    with (folder / "Reviews.csv").open("a", newline="") as stream:
        csv.writer(stream).writerow(["SECRET9", "1", "1", "2024-09-01"])
        csv.writer(stream).writerow(["TEST0001", "1", "7", "2024-09-01"])
    found = read_cin(folder, 2025).returns[2025]
    messages = [str(p) for p in found.problems]
    assert any(m.endswith("Reviews.csv:3: LAchildID: the child is not in ChildIdentifiers — expected every child to have a row in ChildIdentifiers; correct it in the case management system and export again") for m in messages)
    assert any("Reviews.csv:4: CPPID: the review's plan is not in ChildProtectionPlans" in m for m in messages)
    assert not any("SECRET9" in m for m in messages)


def test_missing_csv_table(tmp_path):
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "ChildIdentifiers.csv").write_text("LAchildID,PersonBirthDate\nA1,2015-01-01\n")
    with pytest.raises(DataError, match="CINdetails.csv is missing"):
        read_cin(folder, 2025)
