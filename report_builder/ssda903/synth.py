"""Write a realistic, valid SSDA903 data set for a fictional council, one folder per collection year.

Every identifier is invented: CHILD ids are random numbers, UPNs use local authority number 999
(no council has it) with a correct check letter, postcodes are in the fictional area "NB".
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

LAST_SUPPORTED_YEAR = 2025
"""Placement codes H5, P2 and Z1 end in 2025-26; the generator writes years up to 2024-25."""


@dataclass
class Rows:
    """The rows of every file across all years, before they are split into returns."""

    header: list[dict] = field(default_factory=list)
    episodes: list[dict] = field(default_factory=list)
    reviews: list[dict] = field(default_factory=list)
    uasc: list[dict] = field(default_factory=list)


def write_synthetic(
    out_dir: Path, children: int, years: int, seed: int, year_ending: int = 2025
) -> None:
    """Write `years` collection years ending 31 March `year_ending`, one subfolder each (out/2021 …).

    Each folder is a full return: episodes open at any point in its year (open ones shown open),
    reviews held in its year, and the header and UASC rows of those children.
    Raises ValueError for a year after 2024-25 or fewer than one child or year.
    """
    if year_ending > LAST_SUPPORTED_YEAR or children < 1 or years < 1:
        raise ValueError(
            f"expected at least one child and year, ending no later than {LAST_SUPPORTED_YEAR}"
        )
    rng = random.Random(seed)
    window = (date(year_ending - years, 4, 1), date(year_ending, 3, 31))
    ids = rng.sample(range(1_000_000, 9_999_999), children)
    population = [simulate_child(rng, str(child_id), window) for child_id in ids]
    for year in range(year_ending - years + 1, year_ending + 1):
        write_return(Path(out_dir) / str(year), population, year)


def write_return(folder: Path, population: list[Child], year: int) -> None:
    """Write one collection year's return from the simulated children."""
    import pandas as pd

    start, end = date(year - 1, 4, 1), date(year, 3, 31)
    rows = Rows()
    for child in population:
        episodes = [
            e.as_row(child.child_id, end)
            for e in child.episodes
            if e.start <= end and (e.end is None or e.end >= start)
        ]
        if not episodes:
            continue
        rows.episodes.extend(episodes)
        rows.header.append(child.header_row(year))
        rows.reviews.extend(r.as_row(child) for r in child.reviews if start <= r.held <= end)
        if child.uasc_ceased is not None:
            rows.uasc.append(child.uasc_row(year))
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("header", "episodes", "reviews", "uasc"):
        table = pd.DataFrame(getattr(rows, name), columns=list(COLUMNS[name]))
        table.to_csv(folder / f"{name}.csv", index=False)


def main(argv: list[str] | None = None) -> None:
    """Write a synthetic data set from the command line."""
    parser = argparse.ArgumentParser(
        prog="python -m report_builder.ssda903.synth", description=__doc__.splitlines()[0]
    )
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--children", type=int, default=700)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--year-ending", type=int, default=LAST_SUPPORTED_YEAR)
    args = parser.parse_args(argv)
    write_synthetic(args.out_dir, args.children, args.years, args.seed, args.year_ending)


if __name__ == "__main__":
    main()
