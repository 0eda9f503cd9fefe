"""Write a realistic, valid SSDA903 data set for a fictional council, one folder per collection year.

Every identifier is invented: CHILD ids are random numbers, UPNs use local authority number 999
(no council has it) with a correct check letter, postcodes are in the fictional area "NB".
Each year is written with that year's code lists: sex 1/2 until 2023-24 and M/F after; K3
(registered supported accommodation) from 2024-25, when semi-independent living (H5) still open
is recoded K3; no H5 or P2 in 2025-26. Besides header, episodes, reviews and uasc, each return
has the optional files the figures could use: missing, oc2 and placed_for_adoption.
Usage: python -m report_builder.ssda903.synth OUT_DIR --children N --years K --seed S
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from report_builder.ssda903.children import Child, simulate_child
from report_builder.ssda903.codes import COLUMNS
from report_builder.ssda903.synth_optional import (
    adoption_decision,
    missing_periods,
    oc2_row,
    placed_for_adoption_row,
)

LATEST_YEAR = 2026
"""The latest collection year (2025-26), the default last year of a data set."""
EARLIEST_YEAR = 2010
FILES = ("header", "episodes", "reviews", "uasc", "missing", "oc2", "placed_for_adoption")


@dataclass
class Rows:
    """The rows of every file of one collection year's return."""

    header: list[dict] = field(default_factory=list)
    episodes: list[dict] = field(default_factory=list)
    reviews: list[dict] = field(default_factory=list)
    uasc: list[dict] = field(default_factory=list)
    missing: list[dict] = field(default_factory=list)
    oc2: list[dict] = field(default_factory=list)
    placed_for_adoption: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class Population:
    """The simulated children, with what their optional rows are made from."""

    children: list[Child]
    missing: dict[str, list[dict]]
    decisions: dict[str, date | None]
    seed: int


def write_synthetic(
    out_dir: Path, children: int, years: int, seed: int, year_ending: int = LATEST_YEAR
) -> None:
    """Write `years` collection years ending 31 March `year_ending`, one subfolder each (out/2022 …).

    Each folder is a full return: episodes open at any point in its year (open ones shown open),
    reviews held in its year, the header and UASC rows of those children, and the optional files.
    Raises ValueError for fewer than one child or year, or a year outside 2009-10 to 2025-26.
    """
    if children < 1 or years < 1 or not EARLIEST_YEAR <= year_ending - years + 1 <= year_ending <= LATEST_YEAR:
        raise ValueError(
            f"expected at least one child and year, in the collection years {EARLIEST_YEAR} to {LATEST_YEAR}"
        )
    rng = random.Random(seed)
    window = (date(year_ending - years, 4, 1), date(year_ending, 3, 31))
    ids = rng.sample(range(1_000_000, 9_999_999), children)
    simulated = [simulate_child(rng, str(child_id), window) for child_id in ids]
    population = Population(
        simulated,
        {c.child_id: missing_periods(c, seed, window[1]) for c in simulated},
        {c.child_id: adoption_decision(c, seed) for c in simulated},
        seed,
    )
    for year in range(year_ending - years + 1, year_ending + 1):
        write_return(Path(out_dir) / str(year), population, year)


def write_return(folder: Path, population: Population, year: int) -> None:
    """Write one collection year's return from the simulated children."""
    import pandas as pd

    rows = Rows()
    for child in population.children:
        add_child(rows, child, population, year)
    folder.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        table = pd.DataFrame(getattr(rows, name), columns=list(COLUMNS[name]))
        table.to_csv(folder / f"{name}.csv", index=False)


def add_child(rows: Rows, child: Child, population: Population, year: int) -> None:
    """Add the child's rows of the collection year's return, if they were looked after in it."""
    start, end = date(year - 1, 4, 1), date(year, 3, 31)
    episodes = [
        e.as_row(child.child_id, end)
        for e in child.episodes
        if e.start <= end and (e.end is None or e.end >= start)
    ]
    if not episodes:
        return
    rows.episodes.extend(episodes)
    rows.header.append(child.header_row(year))
    rows.reviews.extend(r.as_row(child) for r in child.reviews if start <= r.held <= end)
    if child.uasc_ceased is not None:
        rows.uasc.append(child.uasc_row(year))
    rows.missing.extend(m for m in population.missing[child.child_id] if start <= m["_start"] <= end)
    optional = (
        (rows.oc2, oc2_row(child, population.seed, year)),
        (rows.placed_for_adoption, placed_for_adoption_row(child, population.decisions[child.child_id], year)),
    )
    for table, row in optional:
        if row is not None:
            table.append(row)


def main(argv: list[str] | None = None) -> None:
    """Write a synthetic data set from the command line."""
    parser = argparse.ArgumentParser(
        prog="python -m report_builder.ssda903.synth", description=__doc__.splitlines()[0]
    )
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--children", type=int, default=700)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--year-ending", type=int, default=LATEST_YEAR)
    args = parser.parse_args(argv)
    write_synthetic(args.out_dir, args.children, args.years, args.seed, args.year_ending)


if __name__ == "__main__":
    main()
