"""The optional files of a synthetic return: missing episodes, OC2 outcomes and adoption decisions.

Each child's rows come from their own random stream (seeded by the data set's seed and the child),
so the optional files never change the children, episodes or reviews the same seed gives. The rows
follow the DfE's validation rules for these files: missing and away periods inside one placement
and one collection year; OC2 only for children looked after continuously for 12 months at
31 March, each item completed for the ages the rules expect; a decision that a child should be
placed for adoption made after care began and before the placement order.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from report_builder.ssda903.children import Child, Episode, day_text
from report_builder.ssda903.simdates import years_between

MISSING_FROM_AGE = 11
"""Children in the synthetic data go missing or away from placement from this age."""
GOES_MISSING = 0.3
"""The share of children in care at that age who go missing or away at some time."""
MISSING_DAYS = {0: 40, 1: 30, 2: 14, 3: 8, 5: 5, 9: 3}
"""How long a missing or away period lasts (days after the day it began), with weights."""
SDQ_REASONS = {"SDQ2": 30, "SDQ3": 15, "SDQ4": 35, "SDQ5": 20}
"""Reasons for no SDQ score for children of the ages who should have one (SDQ1 is for other ages)."""


def anniversary(born: date, years: int) -> date:
    """Return the date `years` after birth, 28 February for a 29 February birthday (as the DfE's rules count)."""
    try:
        return born.replace(year=born.year + years)
    except ValueError:
        return date(born.year + years, 2, 28)


def stream(kind: str, seed: int, child: Child, year: int = 0) -> random.Random:
    """Return the child's own random stream for one kind of row (and year)."""
    return random.Random(f"{kind}:{seed}:{child.child_id}:{year}")


def missing_periods(child: Child, seed: int, until: date) -> list[dict]:
    """Return every missing or away period of the child up to `until`, as rows (with `_start` for filtering)."""
    rng = stream("missing", seed, child)
    if child.short_breaks_only or rng.random() > GOES_MISSING:
        return []
    every = rng.randint(25, 120)  # the child's typical number of days between periods
    rows: list[dict] = []
    for episode in child.episodes:
        rows += _periods_in(rng, child, episode, until, every)
    return rows


def _periods_in(rng: random.Random, child: Child, episode: Episode, until: date, every: int) -> list[dict]:
    """Return the missing or away periods within one episode (none in adoptive or short-break placements)."""
    if episode.place.startswith("A") or episode.ls in ("V3", "V4"):
        return []
    last = min(episode.end or until, until) - timedelta(days=1)
    day = max(episode.start, anniversary(child.dob, MISSING_FROM_AGE))
    rows = []
    while True:
        day += timedelta(days=int(rng.expovariate(1 / every)) + 1)
        ended = day + timedelta(days=int(rng.choices(list(MISSING_DAYS), list(MISSING_DAYS.values()))[0]))
        if ended >= last or years_between(child.dob, ended) >= 18:
            return rows
        if _collection_year(day) != _collection_year(ended):
            continue  # the synthetic periods never run across 31 March
        rows.append({"CHILD": child.child_id, "DOB": day_text(child.dob), "MISSING": "M" if rng.random() < 0.75 else "A",
                     "MIS_START": day_text(day), "MIS_END": day_text(ended), "_start": day})
        day = ended


def _collection_year(day: date) -> int:
    """Return the collection year (the year ending 31 March) a day falls in."""
    return day.year + (day.month >= 4)


def continuously_looked_after(child: Child, year: int) -> bool:
    """Return whether the child was looked after for the whole collection year, as the DfE's rules judge it.

    Looked after at some time in the year, with no episode starting care (RNE S) after 1 April, none
    ceasing care (other than X1) from 1 April to 30 March, and no short break in the year.
    """
    start, end = date(year - 1, 4, 1), date(year, 3, 31)
    returned = [e for e in child.episodes if e.start <= end and (e.end is None or e.end >= start)]
    for episode in returned:
        ended = episode.end if episode.end is not None and episode.end <= end else None
        if episode.rne == "S" and start < episode.start <= end:
            return False
        if ended is not None and episode.rec != "X1" and start <= ended < end:
            return False
        if episode.ls in ("V3", "V4"):
            return False
    return bool(returned)


def oc2_row(child: Child, seed: int, year: int) -> dict | None:
    """Return the child's OC2 row for the collection year, or None when they were not looked after all year."""
    if not continuously_looked_after(child, year):
        return None
    rng = stream("oc2", seed, child, year)
    end = date(year, 3, 31)
    age = years_between(child.dob, end)
    substance = "1" if age >= MISSING_FROM_AGE and rng.random() < 0.06 else "0"
    received = ("1" if rng.random() < 0.6 else "0") if substance == "1" else ""
    row = {
        "CHILD": child.child_id, "DOB": day_text(child.dob), **_sdq(rng, child.dob, year),
        "CONVICTED": _yes(rng, 0.04 if age >= 14 else 0.01) if anniversary(child.dob, 10) <= end else "",
        "HEALTH_CHECK": _yes(rng, 0.92) if end < anniversary(child.dob, 5) else "",
        "IMMUNISATIONS": _yes(rng, 0.86), "TEETH_CHECK": _yes(rng, 0.78), "HEALTH_ASSESSMENT": _yes(rng, 0.9),
        "SUBSTANCE_MISUSE": substance, "INTERVENTION_RECEIVED": received,
        "INTERVENTION_OFFERED": _yes(rng, 0.5) if received == "0" else "",
    }  # fmt: skip
    return row


def _sdq(rng: random.Random, born: date, year: int) -> dict:
    """Return SDQ_SCORE and SDQ_REASON: a score (or a reason) for ages 4 to 16, SDQ1 or a score when 4 or 17 is reached."""
    start, end = date(year - 1, 4, 1), date(year, 3, 31)
    four, seventeen = anniversary(born, 4), anniversary(born, 17)
    if four > end or seventeen < start:
        return {"SDQ_SCORE": "", "SDQ_REASON": ""}
    if four <= start and seventeen > end:
        if rng.random() < 0.8:
            return {"SDQ_SCORE": str(_score(rng)), "SDQ_REASON": ""}
        return {"SDQ_SCORE": "", "SDQ_REASON": rng.choices(list(SDQ_REASONS), list(SDQ_REASONS.values()))[0]}
    if rng.random() < 0.4:
        return {"SDQ_SCORE": str(_score(rng)), "SDQ_REASON": ""}
    return {"SDQ_SCORE": "", "SDQ_REASON": "SDQ1"}


def _score(rng: random.Random) -> int:
    """Return a total difficulties score (0 to 40): children in care average about 14."""
    return max(0, min(40, round(rng.gauss(14, 7))))


def _yes(rng: random.Random, chance: float) -> str:
    """Return '1' with the given chance, else '0'."""
    return "1" if rng.random() < chance else "0"


def adoption_decision(child: Child, seed: int) -> date | None:
    """Return when the council decided the child should be placed for adoption (None if it never did).

    After the period of care began and on or before the placement order (legal status E1).
    """
    order = next((e for e in child.episodes if e.ls == "E1"), None)
    if order is None:
        return None
    began = max(e.start for e in child.episodes if e.rne == "S" and e.start <= order.start)
    rng = stream("adoption", seed, child)
    return min(order.start, max(began + timedelta(days=14), order.start - timedelta(days=rng.randint(20, 100))))


def placed_for_adoption_row(child: Child, decided: date | None, year: int) -> dict | None:
    """Return the child's row for the collection year: the decision, when it had been made by 31 March."""
    if decided is None or decided > date(year, 3, 31):
        return None
    return {"CHILD": child.child_id, "DOB": day_text(child.dob), "DATE_PLACED": day_text(decided),
            "DATE_PLACED_CEASED": "", "REASON_PLACED_CEASED": ""}
