"""The care history the figures are worked out from: children numbered, periods of care, reviews placed and judged."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from report_builder.ssda903.periods import open_on, periods_of_care
from report_builder.ssda903.reader import NUMBER, Ssda903Data
from report_builder.ssda903.timeliness import judge_reviews, place_reviews

if TYPE_CHECKING:
    import pandas as pd

HEADER_COLUMNS = ("CHILD", "SEX", "DOB", "ETHNIC")
EPISODE_COLUMNS = ("CHILD", "DECOM", "RNE", "LS", "PLACE", "DEC", "REC")
REVIEW_COLUMNS = ("CHILD", "REVIEW", "REVIEW_CODE", "participation_ok")
"""The columns the figures use; leaving out the rest (file, line, year) makes every sort and filter
of these large tables cheaper."""


@dataclass(frozen=True, eq=False)
class CareHistory:
    """The data arranged for the figures: children numbered, episodes in periods, reviews judged.

    `judged` holds only the reviews that count: those held within one of the child's periods of
    care that is not short breaks only (timeliness.place_reviews), each judged on time or late;
    `uncounted` holds the date of every other review and why it does not count.
    """

    data: Ssda903Data
    header: pd.DataFrame
    reviews: pd.DataFrame
    episodes: pd.DataFrame
    periods: pd.DataFrame
    judged: pd.DataFrame
    uncounted: pd.DataFrame
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
        placed, uncounted = place_reviews(reviews, periods)
        judged = judge_reviews(placed, data.coverage_start)
        return cls(data, header, reviews, episodes, periods, judged, uncounted)

    def covers(self, year_ending: int) -> bool:
        """Return whether the data holds the whole reporting year."""
        return (
            self.data.coverage_start <= date(year_ending - 1, 4, 1)
            and year_ending <= self.data.extract_end.year
        )

    def looked_after(self, day: date) -> pd.DataFrame:
        """Return the episode of each child looked after on the day (short breaks left out)."""
        if day not in self.open_on_day:
            self.open_on_day[day] = open_on(self.episodes, day)
        return self.open_on_day[day]


def numbered(table: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """Return the table's columns with CHILD replaced by the child's number (the same in every table)."""
    return table[list(columns)].assign(CHILD=table[NUMBER])
