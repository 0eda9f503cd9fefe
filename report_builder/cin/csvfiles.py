"""Read the CIN census as CSV tables, one per module, joined by LAchildID and CINdetailsID (and CPPID).

Regional data hubs and performance teams hold the census this way: `ChildIdentifiers.csv`,
`ChildCharacteristics.csv`, `CINdetails.csv`, `Section47.csv`, `ChildProtectionPlans.csv` and
`Reviews.csv`, with the XML's element names as column names. Files are read by the SSDA903 side's
CSV reader (encodings, spaces, line ends, size limit), so both sources say the same about a bad file.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from report_builder.cin.codes import KEYS, MODULES, REQUIRED_MODULES
from report_builder.errors import DataError, Problem, display_path
from report_builder.ssda903.csvfile import NotCsv, check_size, decode, read_table

if TYPE_CHECKING:
    import pandas as pd


def module_files(folder: Path) -> dict[str, Path]:
    """Return the folder's CSV files that are census modules, by module name (any case)."""
    names = {name.lower(): name for name in MODULES}
    return {
        names[path.stem.strip().lower()]: path
        for path in sorted(folder.iterdir())
        if path.suffix.lower() == ".csv" and path.stem.strip().lower() in names
    }


def is_csv_census(folder: Path) -> bool:
    """Return True when the folder holds the CSV form of a census (a ChildIdentifiers table)."""
    return folder.is_dir() and "ChildIdentifiers" in module_files(folder)


def read_csv_census(folder: Path) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """Return each module's table (text values, with FILE and LINE) and any encoding warnings.

    Raises DataError listing every missing table or column and every file that is not CSV.
    """
    files = module_files(folder)
    problems: list[Problem] = []
    for name in REQUIRED_MODULES:
        if name not in files:
            problems.append(
                Problem(
                    f"{name}.csv is missing",
                    display_path(folder),
                    hint="expected one CSV file per census module: "
                    + ", ".join(f"{m}.csv" for m in MODULES),
                )
            )
    tables = {}
    for name, path in files.items():
        table, found = _read_module(name, path)
        problems.extend(found)
        if table is not None:
            tables[name] = table
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise DataError(errors)
    return tables, problems


def _read_module(name: str, path: Path) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Return one module's table with the census's column names, or None and its problems."""
    wanted = {column.upper(): column for column in MODULES[name]}
    try:
        check_size(path)
        text = decode(path, path.read_bytes())
        table = read_table(path, text.text, tuple(wanted))
    except NotCsv as error:
        return None, [error.problem]
    problems = [text.warning] if text.warning else []
    missing = [wanted[c] for c in wanted if c not in table.columns and wanted[c] in KEYS[name]]
    if missing:
        problems.append(
            Problem(
                f"column{'s' if len(missing) > 1 else ''} {', '.join(missing)} missing",
                display_path(path),
                1,
                hint=f"expected the columns {', '.join(MODULES[name])}, which join the tables",
            )
        )
        return None, problems
    table = table.rename(columns=wanted)
    for column in MODULES[name]:
        if column not in table.columns:
            table[column] = ""
    return table, problems
