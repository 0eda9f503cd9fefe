"""The XML reader: streamed, safe (no DTD, entities or network), and clear about files it cannot read."""

from __future__ import annotations

from pathlib import Path

import pytest

from report_builder.cin import read_cin
from report_builder.cin.reader import read_tables
from report_builder.cin.xmlfile import read_xml
from report_builder.errors import DataError

CHILD = "<Child><ChildIdentifiers><LAchildID>SECRET1</LAchildID><PersonBirthDate>2015-01-01</PersonBirthDate><Sex>M</Sex></ChildIdentifiers></Child>"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "census.xml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(DataError) as raised:
        read_cin(path, 2025)
    return [str(p) for p in raised.value.problems]


@pytest.mark.parametrize(
    "prolog",
    [
        "<!DOCTYPE Message [<!ENTITY x 'BOOM'>]>",
        "<!DOCTYPE Message SYSTEM 'http://example.invalid/census.dtd'>",
        "<!DOCTYPE Message [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>",
        "<!DOCTYPE Message [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'><!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'>]>",
    ],
    ids=["internal-entity", "external-dtd", "external-entity", "entity-expansion"],
)
def test_doctype_is_refused_before_anything_is_read(tmp_path, prolog):
    path = write(tmp_path, f"<?xml version='1.0'?>\n{prolog}\n<Message><Children>{CHILD}</Children><Note>&x;</Note></Message>")
    [message] = problems(path)
    assert "census.xml:1: the file declares a DOCTYPE" in message
    assert "SECRET1" not in message and "passwd" not in message


def test_file_cut_short_names_the_line(tmp_path):
    path = write(tmp_path, "<Message>\n<Children>\n" + CHILD + "\n<Child><ChildIdentifiers>")
    [message] = problems(path)
    assert "census.xml:4: the file is not well-formed XML" in message
    assert "SECRET1" not in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [("", "the file is empty"), ("not xml at all", "not well-formed XML"),
     ("<Workbook><Sheet/></Workbook>", "starts with <Workbook>, not <Message>")],
    ids=["empty", "not-xml", "wrong-root"],
)
def test_files_that_are_not_a_census(tmp_path, text, expected):
    [message] = problems(write(tmp_path, text))
    assert expected in message


def test_namespace_and_stray_text_are_read(tmp_path):
    text = (
        "<Message xmlns='http://www.example.invalid/cin'><Children><Child><ChildIdentifiers>"
        "<LAchildID>A1</LAchildID>stray text<PersonBirthDate> 2015-01-01 </PersonBirthDate><Sex>F</Sex>"
        "</ChildIdentifiers><!-- a comment --><CINdetails><CINreferralDate>2024-05-01</CINreferralDate>"
        "<ChildProtectionPlans><CPPstartDate>2024-05-01</CPPstartDate><InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse>"
        "<NumberOfPreviousCPP>0</NumberOfPreviousCPP></ChildProtectionPlans></CINdetails></Child></Children></Message>"
    )
    tables, _ = read_tables(write(tmp_path, text))
    children = tables["ChildIdentifiers"]
    assert (children["LAchildID"][0], children["PersonBirthDate"][0], children["Sex"][0]) == ("A1", "2015-01-01", "F")
    assert len(tables["ChildProtectionPlans"]) == 1


def test_rows_carry_the_line_each_module_starts_on(census):
    census.child().episode("2024-05-01").plan("2024-05-01", reviews=["2024-08-01"])
    raw = read_xml(census.write())
    lines = census.text().splitlines()
    plan_line = raw.rows["ChildProtectionPlans"][0][-1]
    review_line = raw.rows["Reviews"][0][-1]
    assert lines[plan_line - 1] == "<ChildProtectionPlans>"
    assert "<CPPreviewDate>2024-08-01</CPPreviewDate>" in lines[review_line - 1]
