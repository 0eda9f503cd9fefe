"""Compute every figure of a reporting year (and the years before it) from validated SSDA903 data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from report_builder.errors import DataError, Problem
from report_builder.ssda903.codes import SEX_CODES
from report_builder.ssda903.dates import age_on
from report_builder.ssda903.periods import PERIOD, in_year, open_on, periods_of_care
from report_builder.ssda903.reader import NUMBER, Ssda903Data
from report_builder.ssda903.timeliness import SEQUENCE, judge_reviews, overdue
from report_builder.statistics import categories
from report_builder.statistics.model import (
    Breakdown,
    Ceased,
    ChildrenLookedAfter,
    Participation,
    Period,
    Profile,
    Reviews,
    ReviewTimeliness,
    Started,
    Statistics,
    YearFigures,
)

if TYPE_CHECKING:
    import pandas as pd

Population = dict[int, int] | int | None
TREND_YEARS = 4
CONTINUOUS_DAYS = 28
"""The national timeliness indicator counts children looked after continuously for 28 days or more."""
_AGE_EDGES = (0, 1, 5, 10, 16)


@dataclass(frozen=True, eq=False)
class CareHistory:
    """The data arranged for the figures: children numbered, episodes in periods, reviews judged."""

    data: Ssda903Data
    header: pd.DataFrame
    reviews: pd.DataFrame
    episodes: pd.DataFrame
    periods: pd.DataFrame
    judged: pd.DataFrame
    open_on_day: dict[date, pd.DataFrame] = field(default_factory=dict)
    """The episodes open on each day asked about so far (several figures ask about the same day)."""

    @classmethod
    def of(cls, data: Ssda903Data) -> CareHistory:
        """Return the care history of validated data (CHILD replaced by a number, for speed)."""
        header, episodes, reviews = (
            numbered(table, columns)
            for table, columns in (
                (data.header, HEADER_COLUMNS),
                (data.episodes, EPISODE_COLUMNS),
                (data.reviews, REVIEW_COLUMNS),
            )
        )
        episodes, periods = periods_of_care(episodes)
        return cls(
            data,
            header,
            reviews,
            episodes,
            periods,
            judge_reviews(reviews, periods, data.coverage_start),
        )

    def covers(self, year_ending: int) -> bool:
        """Return whether the data holds the whole reporting year."""
        return (
            self.data.coverage_start <= date(year_ending - 1, 4, 1)
            and year_ending <= self.data.extract_end.year
        )


HEADER_COLUMNS = ("CHILD", "SEX", "DOB", "ETHNIC")
EPISODE_COLUMNS = ("CHILD", "DECOM", "RNE", "LS", "PLACE", "DEC", "REC")
REVIEW_COLUMNS = ("CHILD", "REVIEW", "REVIEW_CODE", "participation_ok")
"""The columns the figures use; leaving out the rest (file, line, year) makes every sort and filter
of these large tables cheaper."""


def numbered(table: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """Return the table's columns with CHILD replaced by the child's number (the same in every table)."""
    return table[list(columns)].assign(CHILD=table[NUMBER])


def compute_statistics(
    data: Ssda903Data, year_ending: int, council: str, population: Population = None
) -> Statistics:
    """Return the Statistics of the reporting year ending 31 March of year_ending, with trends.

    Raises DataError when the data does not cover that year.
    """
    history = CareHistory.of(data)
    if not history.covers(year_ending):
        raise DataError(
            Problem(
                f"the SSDA903 data covers {data.coverage_start:%d/%m/%Y} to {data.extract_end:%d/%m/%Y}, not the year ending 31 March {year_ending}",
                hint=f"choose a year ending between {data.coverage_start.year + 1} and {data.extract_end.year}, or add that year's return",
            )
        )
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


def population_in(population: Population, year_ending: int) -> int | None:
    """Return the population aged 0 to 17 for the year (a single number is this year's)."""
    if isinstance(population, dict):
        return population.get(year_ending)
    return population


def looked_after(history: CareHistory, day: date) -> pd.DataFrame:
    """Return the episode of each child looked after on the day (short breaks left out)."""
    if day not in history.open_on_day:
        history.open_on_day[day] = open_on(history.episodes, day)
    return history.open_on_day[day]


def children_looked_after(
    history: CareHistory, year_ending: int, population: int | None
) -> ChildrenLookedAfter:
    """Return the children looked after at the start and end of the year."""
    at_start = looked_after(history, date(year_ending - 1, 3, 31))
    at_end = looked_after(history, date(year_ending, 3, 31))
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
    at_end = looked_after(history, date(year_ending, 3, 31))
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


def reviews(history: CareHistory, year_ending: int) -> Reviews:
    """Return the reviews held in the year, how many on time, by sequence, and those overdue."""
    judged = history.judged[in_year(history.judged["REVIEW"], year_ending)]
    known = judged[judged[SEQUENCE] != ""]
    by_sequence = {
        name: timeliness(known[known[SEQUENCE] == name]) for name in categories.REVIEW_SEQUENCES
    }
    late = overdue(history.judged, history.periods, year_ending, history.data.coverage_start)
    all_on_time, eligible = indicator(history, known, late, year_ending)
    return Reviews(
        held=len(known),
        on_time=int(known["on_time"].sum()),
        **by_sequence,
        overdue=int(late.sum()),
        not_judged=len(judged) - len(known),
        children_all_on_time=all_on_time,
        children_eligible=eligible,
    )


def timeliness(judged: pd.DataFrame) -> ReviewTimeliness:
    """Return the reviews held and on time."""
    return ReviewTimeliness(held=len(judged), on_time=int(judged["on_time"].sum()))


def indicator(
    history: CareHistory, known: pd.DataFrame, late: pd.Series, year_ending: int
) -> tuple[int, int]:
    """Return the children looked after 28 days or more at 31 March whose reviews were all on time,
    and all such children with a review held or overdue in the year."""
    import numpy as np

    year_end = date(year_ending, 3, 31)
    at_end = looked_after(history, year_end)
    starts = history.periods["start"].reindex(at_end[PERIOD]).to_numpy()
    long_enough = at_end["CHILD"].to_numpy()[
        starts <= np.datetime64(year_end - timedelta(days=CONTINUOUS_DAYS - 1))
    ]
    overdue_children = history.periods.loc[late.index[late.to_numpy()], "CHILD"].to_numpy()
    overdue_children = overdue_children[np.isin(overdue_children, long_enough)]
    reviewed = known[np.isin(known["CHILD"].to_numpy(), long_enough)]
    any_late = np.union1d(reviewed.loc[~reviewed["on_time"], "CHILD"].to_numpy(), overdue_children)
    eligible = np.union1d(reviewed["CHILD"].to_numpy(), overdue_children)
    return len(np.setdiff1d(eligible, any_late)), len(eligible)


def participation(history: CareHistory, year_ending: int) -> Participation:
    """Return the reviews held in the year by PN code (codes that do not fit the child's age left out)."""
    reviews = history.reviews
    usable = reviews[in_year(reviews["REVIEW"], year_ending) & reviews["participation_ok"]]
    counts = usable["REVIEW_CODE"].value_counts()
    return Participation(codes={code: int(counts.get(code, 0)) for code in categories.PN_CODES})


def year_figures(history: CareHistory, year_ending: int, population: Population) -> YearFigures:
    """Return the headline figures of an earlier year, for trends."""
    judged = history.judged[in_year(history.judged["REVIEW"], year_ending)]
    held = timeliness(judged[judged[SEQUENCE] != ""])
    taking_part = participation(history, year_ending)
    return YearFigures(
        year_ending=year_ending,
        cla_at_end=len(looked_after(history, date(year_ending, 3, 31))),
        population_0_17=population_in(population, year_ending)
        if isinstance(population, dict)
        else None,
        started=started(history, year_ending),
        ceased=ceased(history, year_ending).total,
        reviews_held=held.held,
        reviews_on_time=held.on_time,
        participated=taking_part.participated,
        participation_eligible=taking_part.eligible,
    )


def data_notes(history: CareHistory, year_ending: int) -> list[str]:
    """Return plain-English notes on rows left out and reviews that could not be judged."""
    notes = [left.sentence() for left in history.data.left_out]
    reviews = history.reviews
    held = reviews[in_year(reviews["REVIEW"], year_ending)]
    judged = history.judged[in_year(history.judged["REVIEW"], year_ending)]
    label = Period(year_ending=year_ending).label
    outside = len(held) - len(judged)
    if outside:
        notes.append(
            f"{_reviews(outside)} held in {label} {'was' if outside == 1 else 'were'} left out of the timeliness figures because {'it was' if outside == 1 else 'they were'} not held during a period of care."
        )
    unjudged = int((judged[SEQUENCE] == "").sum())
    if unjudged:
        notes.append(
            f"{_reviews(unjudged)} held in {label} could not be judged on time or late because the review before {'it' if unjudged == 1 else 'them'} is not in the data; add the previous year's SSDA903 return to judge {'it' if unjudged == 1 else 'them'}."
        )
    return notes


def _reviews(count: int) -> str:
    """Return '1 review' or 'N reviews'."""
    return f"{count:,} review{'' if count == 1 else 's'}"


def _stamp(day: date):
    """Return a date as a pandas Timestamp."""
    import pandas as pd

    return pd.Timestamp(day)
