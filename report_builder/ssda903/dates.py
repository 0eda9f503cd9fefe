"""Date arithmetic for the figures: ages, working days (England and Wales) and calendar months."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

FIRST_REVIEW_WORKING_DAYS = 20
"""Regulation 33: the first review within 20 working days of becoming looked after."""
SECOND_REVIEW_MONTHS = 3
LATER_REVIEW_MONTHS = 6


def _parts(value: Any) -> tuple[Any, Any]:
    """Return the year and month*100+day of a date, a Timestamp or a datetime Series."""
    source = value.dt if hasattr(value, "dt") else value
    return source.year, source.month * 100 + source.day


def age_on(born: pd.Series, on: Any) -> pd.Series:
    """Return age in whole years on the date (NaN where a date is missing).

    A child born on 29 February has their birthday on 1 March in other years.
    """
    born_year, born_day = _parts(born)
    on_year, on_day = _parts(on)
    return on_year - born_year - (on_day < born_day)


@cache
def working_days(first_year: int, last_year: int) -> np.busdaycalendar:
    """Return a calendar of working days: Monday to Friday except England and Wales bank holidays.

    England and Wales share their bank holidays; the holidays package lists them under UK, ENG.
    """
    import holidays
    import numpy as np

    bank_holidays = holidays.country_holidays(
        "GB", subdiv="ENG", years=range(first_year, last_year + 1)
    )
    return np.busdaycalendar(weekmask="1111100", holidays=sorted(bank_holidays))


def as_days(values: pd.Series | np.ndarray) -> np.ndarray:
    """Return dates as a numpy datetime64[D] array (NaT kept)."""
    import numpy as np

    return np.asarray(values, dtype="datetime64[D]")


def first_review_due(became_looked_after: np.ndarray) -> np.ndarray:
    """Return the 20th working day after each date (NaT kept)."""
    return working_days_after(became_looked_after, FIRST_REVIEW_WORKING_DAYS)


def working_days_after(start: np.ndarray, count: int) -> np.ndarray:
    """Return the count-th working day after each date, the date itself being day 0 (NaT kept).

    Working day 1 is the first working day after the date, so a date on a Saturday (or a bank
    holiday) counts the next working day as day 1: rolling back to the previous working day, then
    adding the count, gives exactly that. Used for first reviews (20) and for initial child
    protection conferences (15 working days after the section 47 enquiry started).
    """
    import numpy as np

    days = as_days(start)
    known = ~np.isnat(days)
    due = np.full(days.shape, np.datetime64("NaT"), dtype="datetime64[D]")
    if known.any():
        years = days[known].astype("datetime64[Y]").astype(int) + 1970
        calendar = working_days(int(years.min()) - 1, int(years.max()) + 1)
        due[known] = np.busday_offset(days[known], count, roll="backward", busdaycal=calendar)
    return due


def add_months(dates: np.ndarray, months: np.ndarray | int) -> np.ndarray:
    """Return each date plus whole calendar months; a month without that day gives its last day."""
    import numpy as np

    days = as_days(dates)
    month_start = days.astype("datetime64[M]")
    day_of_month = (days - month_start.astype("datetime64[D]")).astype("timedelta64[D]")
    target = month_start + np.asarray(months).astype("timedelta64[M]")
    target_start = target.astype("datetime64[D]")
    month_length = (target + np.timedelta64(1, "M")).astype("datetime64[D]") - target_start
    return target_start + np.minimum(day_of_month, month_length - np.timedelta64(1, "D"))
