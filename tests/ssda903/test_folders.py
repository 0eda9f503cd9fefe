"""Where an SSDA903 export's files are: year folders by name, and what is refused before reading."""

from __future__ import annotations

from pathlib import Path

import pytest

from report_builder.errors import DataError
from report_builder.ssda903.folders import collection_folders, folder_year


@pytest.mark.parametrize(("name", "year"), [
    ("2025", 2025), ("2024-25", 2025), ("24-25", 2025), ("2024_25", 2025), ("2024 to 2025", 2025),
    ("2024-2025", 2025), ("25", 2025), ("2023-25", None), ("old", None), ("1999", None),
], ids=lambda value: str(value))
def test_folder_year(name: str, year: int | None) -> None:
    assert folder_year(name) == year


def test_a_folder_of_csvs_not_named_for_a_year_beside_year_folders_is_a_problem(tmp_path: Path) -> None:
    for name in ("2024", "2025", "misc"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "header.csv").write_text("CHILD\n", encoding="utf-8")
    with pytest.raises(DataError, match="the folder 'misc' holds CSV files but its name is not a collection year"):
        collection_folders(tmp_path, None)
    (tmp_path / "misc" / "header.csv").unlink()
    assert [year for year, _ in collection_folders(tmp_path, None)] == [2024, 2025]
