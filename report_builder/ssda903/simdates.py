"""Date helpers for simulating one child at a time (scalar versions of the figures' date rules)."""

from __future__ import annotations

from datetime import date, timedelta

from report_builder.ssda903 import dates


def years_between(born: date, day: date) -> int:
    """Return age in whole years on the day (29 February birthdays fall on 1 March)."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def birthday(born: date, age: int) -> date:
    """Return the date the child turns the age (1 March for 29 February in other years)."""
    try:
        return born.replace(year=born.year + age)
    except ValueError:
        return date(born.year + age, 3, 1)


def add_months(day: date, months: int) -> date:
    """Return the day plus whole calendar months (the month's last day when it has no such day)."""
    return _as_date(dates.add_months([day], months)[0])


def first_review_due(became_looked_after: date) -> date:
    """Return the 20th working day after the child became looked after."""
    return _as_date(dates.first_review_due([became_looked_after])[0])


def weekday_before(day: date) -> date:
    """Return the day, or the Friday before it when it falls at a weekend."""
    return day - timedelta(days=max(0, day.weekday() - 4))


def _as_date(value) -> date:
    """Return a numpy datetime64 day as a date."""
    return value.astype("datetime64[D]").item()
