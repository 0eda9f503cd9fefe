"""Where an SSDA903 export's files are: a folder per collection year (`2025`, `2024-25`, `24-25`), or
one folder of files, every file and folder checked before anything is read.

A file or year folder that is a link pointing outside the SSDA903 folder is refused, as the
report's other files are; so is anything named `.csv` that is not an ordinary file (a folder, a
FIFO, a device). A folder holding CSV files whose name is not a collection year is a problem, not
passed over: its files would otherwise be missing from the figures without a word.
"""

from __future__ import annotations

import re
from pathlib import Path

from report_builder.errors import DataError, Problem, display_path

_ONE_YEAR = re.compile(r"^(\d{4}|\d{2})$")
_TWO_YEARS = re.compile(r"^(\d{4}|\d{2})\s*(?:[-_/ ]|to)\s*(\d{4}|\d{2})$")


def folder_year(name: str) -> int | None:
    """Return the collection year a folder is named for: '2025', '2024-25', '24-25', '2024 to 2025' -> 2025.

    A name of two years must give consecutive years ('2023-25' is not a collection year).
    """
    text = name.strip().lower()
    one, two = _ONE_YEAR.match(text), _TWO_YEARS.match(text)
    if one:
        year = _century(one.group(1))
    elif two and _century(two.group(1)) == _century(two.group(2)) - 1:
        year = _century(two.group(2))
    else:
        return None
    return year if 2000 <= year <= 2100 else None


def _century(digits: str) -> int:
    return int(digits) if len(digits) == 4 else 2000 + int(digits)


def collection_folders(folder: Path, year_ending: int | None) -> list[tuple[int | None, Path]]:
    """Return each collection year's folder, oldest first; a single extract has one, maybe unnamed.

    Raises DataError when the folder does not exist, a year folder points outside it, or a folder
    of CSV files is not named for a year.
    """
    if not folder.is_dir():
        raise DataError(Problem(f"no such folder: {display_path(folder)}",
                                hint="give the folder that holds the SSDA903 CSV files"))
    subfolders = [path for path in sorted(folder.iterdir()) if path.is_dir() and not path.name.endswith(".csv")]
    years = sorted((year, path) for path in subfolders if (year := folder_year(path.name)))
    problems = [_outside(folder, path) for _year, path in years if not _inside(folder, path)]
    named = [year for year, _path in years]
    problems += [Problem(f"two folders are named for {year - 1}/{year % 100:02d}: "
                         f"{', '.join(path.name for y, path in years if y == year)}", display_path(folder),
                         hint="keep one folder for each collection year")
                 for year in sorted({y for y in named if named.count(y) > 1})]
    if years and not csv_paths(folder):
        problems += [Problem(f"the folder '{path.name}' holds CSV files but its name is not a collection year",
                             display_path(path), hint="name it for the year its return is for, for example "
                                                      "2025 or 2024-25 for the year ending 31 March 2025")
                     for path in subfolders if not folder_year(path.name) and csv_paths(path)]
        if problems:
            raise DataError(problems)
        return [(year, path) for year, path in years]
    return [(year_ending or folder_year(folder.name), folder)]


def csv_paths(folder: Path) -> dict[str, Path]:
    """Return the folder's entries named .csv, by lower-case name without extension."""
    try:
        return {path.stem.strip().lower(): path for path in folder.iterdir() if path.suffix.lower() == ".csv"}
    except OSError:
        return {}


def outside_problem(root: Path, path: Path) -> Problem | None:
    """Return the problem of a file that is a link pointing outside root, or None."""
    return None if _inside(root, path) else _outside(root, path)


def _inside(root: Path, path: Path) -> bool:
    """Return whether path, links followed, stays inside root."""
    top = root.resolve()
    target = path.resolve()
    return target == top or top in target.parents


def _outside(root: Path, path: Path) -> Problem:
    return Problem(f"'{path.name}' is a link pointing outside the SSDA903 folder", display_path(path),
                   hint=f"copy the file itself into {display_path(root)}")
