"""Builders for small hand-made SSDA903 returns."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from report_builder.ssda903 import Ssda903Data, read_ssda903
from report_builder.ssda903.codes import COLUMNS


def day(text: str) -> str:
    """Return an ISO date (2024-12-13) written as the 903 does (13/12/2024)."""
    return date.fromisoformat(text).strftime("%d/%m/%Y")


class Return:
    """One collection year's files, built row by row and written as CSV."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.rows: dict[str, list[dict]] = {"header": [], "episodes": [], "reviews": []}

    def child(self, child: str, dob: str, sex: str = "1", ethnic: str = "WBRI") -> Return:
        self.rows["header"].append({"CHILD": child, "SEX": sex, "DOB": day(dob), "ETHNIC": ethnic})
        return self

    def episode(
        self,
        child: str,
        start: str,
        end: str = "",
        rne: str = "S",
        ls: str = "C2",
        place: str = "U4",
        rec: str = "",
    ) -> Return:
        rec = rec or ("E4A" if end else "")
        self.rows["episodes"].append(
            {
                "CHILD": child,
                "DECOM": day(start),
                "RNE": rne,
                "LS": ls,
                "PLACE": place,
                "DEC": day(end) if end else "",
                "REC": rec,
            }
        )
        return self

    def review(self, child: str, held: str, code: str = "PN1") -> Return:
        self.rows["reviews"].append({"CHILD": child, "REVIEW": day(held), "REVIEW_CODE": code})
        return self

    def write(self) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        for name, rows in self.rows.items():
            with (self.folder / f"{name}.csv").open("w", newline="") as file:
                writer = csv.DictWriter(file, fieldnames=COLUMNS[name])
                writer.writeheader()
                writer.writerows(rows)
        return self.folder

    def read(self, year_ending: int = 2025) -> Ssda903Data:
        return read_ssda903(self.write(), year_ending=year_ending)


@pytest.fixture
def one_year(tmp_path: Path) -> Return:
    """Return an empty single-year return to fill."""
    return Return(tmp_path / "903")


@pytest.fixture
def two_years(tmp_path: Path) -> tuple[Return, Return]:
    """Return the 2023-24 and 2024-25 returns of one data folder (tmp_path/903), to fill and write."""
    return Return(tmp_path / "903" / "2024"), Return(tmp_path / "903" / "2025")


@pytest.fixture
def extract(tmp_path: Path) -> Return:
    """Return an empty extract whose folder is not named by year (its years come from its dates)."""
    return Return(tmp_path / "extract")
