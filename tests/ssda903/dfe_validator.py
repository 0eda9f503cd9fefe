"""Run the DfE's SSDA903 validation rules (csc-validator-be-903, module lac_validator) on a return.

The package pins pandas < 2 and numpy < 1.25, so it usually lives in its own environment:
    python -m venv /tmp/v903 && /tmp/v903/bin/pip install csc-validator-be-903==0.1.17
    /tmp/v903/bin/python tests/ssda903/dfe_validator.py OUT/2025 2025 [OUT/2024]
It prints a JSON object: rule code -> [number of rows flagged, the rule's message].
"""

from __future__ import annotations

import contextlib
import importlib
import io
import json
import logging
import sys
from pathlib import Path

FILES = (
    "header",
    "episodes",
    "reviews",
    "uasc",
    "missing",
    "oc2",
    "oc3",
    "ad1",
    "placed_for_adoption",
)
LOCAL_AUTHORITY = "E06000001"
"""Any real local authority code: the rules need one to place postcodes; the data's postcodes are fictional."""


def ruleset(year_ending: int) -> str:
    """Return the rule set name of a collection year: 2025 -> 'lac2024_25'."""
    return f"lac{year_ending - 1}_{year_ending % 100:02d}"


def uploads(folder: Path, description: str) -> list[dict]:
    """Return the folder's CSV files as the validator takes them."""
    return [
        {
            "name": f"{name}.csv",
            "file_content": (folder / f"{name}.csv").read_bytes(),
            "description": description,
        }
        for name in FILES
        if (folder / f"{name}.csv").exists()
    ]


def run(folder: Path, year_ending: int, previous: Path | None = None) -> dict[str, list]:
    """Return, for every rule that flagged a row, how many rows it flagged and its message."""
    logging.disable(logging.CRITICAL)
    from lac_validator.lac_validator import LacValidator

    registry = importlib.import_module(f"lac_validator.rules.{ruleset(year_ending)}").registry
    files = uploads(folder, "This year") + (uploads(previous, "Prev year") if previous else [])
    metadata = {"collectionYear": str(year_ending), "localAuthority": LOCAL_AUTHORITY}
    with contextlib.redirect_stdout(io.StringIO()):
        validator = LacValidator(metadata, files, registry)
    found: dict[str, list] = {}
    for table in validator.ds_results.values():
        if not hasattr(table, "columns"):
            continue
        for column in [c for c in table.columns if str(c).startswith("ERR_")]:
            code = column[4:]
            count = int(table[column].fillna(False).astype(bool).sum())
            if count:
                found.setdefault(code, [0, registry[code].message])[0] += count
    if validator.fails:
        found["rules that failed to run"] = [len(validator.fails), ", ".join(validator.fails)]
    return found


if __name__ == "__main__":
    folder, year = Path(sys.argv[1]), int(sys.argv[2])
    previous = Path(sys.argv[3]) if len(sys.argv) > 3 else None
    print(json.dumps(run(folder, year, previous), indent=1))
