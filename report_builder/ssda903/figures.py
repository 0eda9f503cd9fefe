"""Compute every figure of a reporting year (and the years before it) from validated SSDA903 data."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from report_builder.errors import DataError, Problem
from report_builder.ssda903.codes import SEX_CODES
from report_builder.ssda903.dates import age_on
from report_builder.ssda903.history import CareHistory
from report_builder.ssda903.periods import in_year
from report_builder.ssda903.reader import Ssda903Data
from report_builder.ssda903.review_figures import counted_in_year, participation, review_notes, reviews
from report_builder.ssda903.timeliness import SEQUENCE
from report_builder.statistics import categories
from report_builder.statistics.model import (
    Breakdown,
    Ceased,
    ChildrenLookedAfter,
    Period,
    Profile,
    Started,
    Statistics,
    YearFigures,
)

if TYPE_CHECKING:
    import pandas as pd

Population = dict[int, int] | int | None
TREND_YEARS = 4
_AGE_EDGES = (0, 1, 5, 10, 16)


def compute_statistics(
    data: Ssda903Data, year_ending: int, council: str, population: Population = None
) -> Statistics:
    """Return the Statistics of the reporting year ending 31 March of year_ending, with trends.

    Raises DataError when the data does not cover that year.
    """
    history = CareHistory.of(data)
    if not history.covers(year_ending):
        raise DataError(not_covered(data, year_ending))
    return Statistics(
        council=council,
        period=Period(year_ending=year_ending),
        source="ssda903",
        cla=children_looked_after(history, year_ending, population_in(population, year_ending)),
        started=Started(total=started(history, year_ending)),
        ceased=ceased(history, year_ending),
        profile=profile(history, year_ending),
        reviews=reviews(history, year_ending),
        participation=participation(history, year_ending),
        trend=[
            year_figures(history, y, population)
            for y in range(year_ending - TREND_YEARS, year_ending)
            if history.covers(y)
        ],
        data_notes=data_notes(history, year_ending),
    )


def not_covered(data: Ssda903Data, year_ending: int) -> Problem:
    """Return the problem of data that does not hold the whole reporting year, saying which years it holds."""
    first, last = data.coverage_start.year + 1, data.extract_end.year
    if first == last:
        which = f"build the report for the year ending 31 March {last} (the only year the data holds)"
    else:
        which = f"choose a year ending from {first} to {last}"
    return Problem(
        f"the SSDA903 data covers {data.coverage_start:%d/%m/%Y} to {data.extract_end:%d/%m/%Y}, "
        f"not the year ending 31 March {year_ending}",
        hint=f"{which}, or add that year's return",
    )


def population_in(population: Population, year_ending: int) -> int | None:
    """Return the population aged 0 to 17 for the year (a single number is this year's)."""
    if isinstance(population, dict):
        return population.get(year_ending)
    return population


def children_looked_after(
    history: CareHistory, year_ending: int, population: int | None
) -> ChildrenLookedAfter:
    """Return the children looked after at the start and end of the year."""
    at_start = history.looked_after(date(year_ending - 1, 3, 31))
    at_end = history.looked_after(date(year_ending, 3, 31))
    return ChildrenLookedAfter(
        at_start=len(at_start), at_end=len(at_end), population_0_17=population
    )


def started(history: CareHistory, year_ending: int) -> int:
    """Return the children who started to be looked after in the year, each once (not short breaks only)."""
    periods = history.periods
    starts = (
        periods["start_known"]
        & in_year(periods["start"], year_ending)
        & ~periods["short_break_only"]
    )
    return periods.loc[starts, "CHILD"].nunique()


def ceased(history: CareHistory, year_ending: int) -> Ceased:
    """Return the children who ceased to be looked after in the year, each once by their last reason."""
    periods = history.periods
    ends = periods["ceased"] & in_year(periods["end"], year_ending) & ~periods["short_break_only"]
    last = periods[ends].sort_values("end", kind="stable").drop_duplicates("CHILD", keep="last")
    groups = last["reason"].map(categories.CEASED_REASON_CODES).fillna("other")
    return Ceased(total=len(last), by_reason=breakdown(groups, categories.CEASED_REASON_GROUPS))


def breakdown(values: pd.Series, keys: dict[str, str] | tuple[str, ...]) -> Breakdown:
    """Return the counts of each key, in the keys' order, zeros included."""
    counts = values.value_counts()
    return Breakdown(counts={key: int(counts.get(key, 0)) for key in keys})


def profile(history: CareHistory, year_ending: int) -> Profile:
    """Return the children looked after at 31 March by age band, sex, ethnicity, legal status, placement."""
    at_end = history.looked_after(date(year_ending, 3, 31))
    children = at_end.merge(
        history.header[["CHILD", "SEX", "DOB", "ETHNIC"]], on="CHILD", how="left"
    )
    age = age_band(children["DOB"], date(year_ending, 3, 31))
    sex = children["SEX"].map(SEX_CODES)
    return Profile(
        age_band=breakdown(age, categories.AGE_BANDS),
        sex=breakdown(sex, categories.SEXES),
        ethnicity=breakdown(
            children["ETHNIC"].map(lambda code: categories.ETHNIC_CODES[code][0]),
            categories.ETHNIC_GROUPS,
        ),
        ethnicity_detailed=breakdown(children["ETHNIC"], tuple(categories.ETHNIC_CODES)),
        legal_status=breakdown(
            children["LS"].map(categories.LEGAL_STATUS_CODES), categories.LEGAL_STATUS_GROUPS
        ),
        placement=breakdown(
            children["PLACE"].map(categories.PLACEMENT_CODES), categories.PLACEMENT_GROUPS
        ),
        age_band_by_sex={
            key: breakdown(age[sex == key], categories.AGE_BANDS) for key in categories.SEXES
        },
        uasc=uasc(history, at_end, year_ending),
    )


def age_band(born: pd.Series, day: date) -> pd.Series:
    """Return each child's DfE age band on the day."""
    import numpy as np
    import pandas as pd

    age = age_on(born, pd.Timestamp(day)).to_numpy(dtype=float)
    index = np.searchsorted(_AGE_EDGES, age, side="right") - 1
    return pd.Series(np.array(list(categories.AGE_BANDS))[index.clip(0)], index=born.index)


def uasc(history: CareHistory, at_end: pd.DataFrame, year_ending: int) -> int | None:
    """Return the unaccompanied asylum-seeking children looked after at 31 March (None without uasc.csv)."""
    import pandas as pd

    table = history.data.uasc
    if table is None:
        return None
    current = (
        table["DUC"].isna() | (table["DUC"] > pd.Timestamp(year_ending, 3, 31))
        if "DUC" in table
        else True
    )
    children = history.header.loc[
        history.data.header["CHILD"].isin(table.loc[current, "CHILD"]).to_numpy(), "CHILD"
    ]
    return int(at_end["CHILD"].isin(children).sum())


def year_figures(history: CareHistory, year_ending: int, population: Population) -> YearFigures:
    """Return the headline figures of an earlier year, for trends."""
    counted = counted_in_year(history, year_ending)
    judged = counted[counted[SEQUENCE] != ""]
    taking_part = participation(history, year_ending)
    return YearFigures(
        year_ending=year_ending,
        cla_at_end=len(history.looked_after(date(year_ending, 3, 31))),
        population_0_17=population_in(population, year_ending)
        if isinstance(population, dict)
        else None,
        started=started(history, year_ending),
        ceased=ceased(history, year_ending).total,
        reviews_held=len(counted),
        reviews_on_time=int(judged["on_time"].sum()),
        reviews_not_judged=len(counted) - len(judged),
        participated=taking_part.participated,
        participation_eligible=taking_part.eligible,
    )


def data_notes(history: CareHistory, year_ending: int) -> list[str]:
    """Return plain-English notes on rows left out and reviews left out or not judged."""
    return [left.sentence() for left in history.data.left_out] + review_notes(history, year_ending)
