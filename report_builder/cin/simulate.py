"""Simulate one fictional child in need: episodes, section 47 enquiries, conferences, plans and reviews.

Proportions follow the national picture of the CIN census (DfE, Characteristics of children in
need) for the child protection half: four in five initial conferences lead to a plan; categories,
plan lengths and second plans in national shares; most conferences on time. Most real children in
need never reach a section 47 enquiry; here they are drawn at about a twentieth of their real share,
so that a council's files stay small while its child protection figures are of a realistic size.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from report_builder.ssda903.children import ETHNIC_MIX, pick, upn
from report_builder.ssda903.dates import working_days_after
from report_builder.ssda903.simdates import add_months, birthday, weekday_before, years_between

PATHS = {"nfa": 2, "assessment": 5, "cin_plan": 3, "s47": 12, "icpc": 12, "plan": 66}
"""How an episode of need goes: no further action, assessment only, a CIN plan, an enquiry with no
conference, a conference with no plan, or a child protection plan."""
CATEGORY_MIX = {"NEG": 48, "EMO": 36, "PHY": 7, "SAB": 4, "MUL": 5}
PREVIOUS_PLANS = {"0": 84, "1": 12, "2": 3, "3": 1}
LENGTH_DAYS = ((20, 85, 17), (92, 180, 14), (183, 364, 43), (366, 729, 23), (731, 1100, 3))
"""Plan lengths: (shortest, longest, weight) in days for each DfE band."""
AGE_MIX = {0: 12, 1: 6, 2: 6, 3: 6, 4: 5, 5: 6, 6: 6, 7: 5, 8: 5, 9: 5, 10: 5, 11: 5, 12: 5, 13: 6, 14: 6, 15: 5, 16: 4, 17: 2}  # fmt: skip
ICPC_ON_TIME = 0.82
REVIEW_ON_TIME = 0.9
UNBORN = 0.05


@dataclass
class Plan:
    """One child protection plan and its review conferences."""

    start: date
    end: date | None
    initial: str
    latest: str
    previous: str
    reviews: list[date] = field(default_factory=list)


@dataclass
class Enquiry:
    """One section 47 enquiry and the initial conference it led to, if any."""

    start: date
    target: date
    conference: date | None


@dataclass
class Episode:
    """One episode of need (a CINdetails module)."""

    referral: date
    source: str
    need: str
    closure: date | None
    nfa: bool
    assessment: tuple[date, date] | None = None
    cin_plan: tuple[date, date | None] | None = None
    enquiries: list[Enquiry] = field(default_factory=list)
    plans: list[Plan] = field(default_factory=list)


@dataclass
class ChildInNeed:
    """A fictional child and their episodes of need."""

    child_id: str
    upn: str
    sex: str
    born: date
    unborn_until: date | None
    ethnicity: str
    episodes: list[Episode] = field(default_factory=list)


def icpc_target(start: date) -> date:
    """Return the 15th working day after the enquiry started."""
    return working_days_after([start], 15)[0].astype("datetime64[D]").item()


def simulate_child(rng: random.Random, child_id: str, window: tuple[date, date]) -> ChildInNeed:
    """Return a child with one or two episodes of need, at least one of them in the window."""
    referral = window[0] + timedelta(days=rng.randint(-500, (window[1] - window[0]).days))
    path = pick(rng, PATHS)
    unborn = path == "plan" and rng.random() < UNBORN
    born = referral + timedelta(days=rng.randint(20, 120)) if unborn else _birth(rng, referral)
    child = ChildInNeed(
        child_id, upn(rng), rng.choice("MF"), born, born if unborn else None, pick(rng, ETHNIC_MIX)
    )
    child.episodes.append(episode(rng, referral, path, born))
    last = child.episodes[-1].closure
    if last is not None and rng.random() < 0.15:
        again = last + timedelta(days=rng.randint(60, 500))
        if again <= window[1] and years_between(born, again) < 17:
            child.episodes.append(episode(rng, again, pick(rng, PATHS), born, returning=True))
    return child


def _birth(rng: random.Random, referral: date) -> date:
    """Return a date of birth giving an age at referral in the national mix."""
    age = int(pick(rng, AGE_MIX))
    return birthday(referral - timedelta(days=rng.randint(0, 364)), -age)


def episode(rng: random.Random, referral: date, path: str, born: date, returning: bool = False) -> Episode:
    """Return an episode of need that goes the given way."""
    source = pick(rng, {"1A": 3, "1B": 3, "2A": 6, "3A": 8, "3B": 6, "4": 5, "5A": 18, "5B": 6, "6": 14, "8": 9, "9": 5, "10": 17})  # fmt: skip
    need = "N1" if path in ("icpc", "plan", "s47") else pick(rng, {"N1": 40, "N2": 8, "N3": 4, "N4": 15, "N5": 6, "N6": 5, "N8": 10, "N9": 12})  # fmt: skip
    if path == "nfa":
        return Episode(referral, source, "N9", referral, True)
    found = Episode(referral, source, need, None, False)
    assessed = referral + timedelta(days=rng.randint(10, 45))
    found.assessment = (referral + timedelta(days=rng.randint(0, 3)), assessed)
    ends = assessed + timedelta(days=rng.randint(1, 30))
    if path == "cin_plan":
        ends = assessed + timedelta(days=rng.randint(90, 400))
        found.cin_plan = (assessed, ends)
    if path in ("s47", "icpc", "plan"):
        ends = _enquiry(rng, found, referral, path, returning)
    found.closure = ends + timedelta(days=rng.randint(0, 40))
    return found


def _enquiry(rng: random.Random, found: Episode, referral: date, path: str, returning: bool) -> date:
    """Add an enquiry (and a conference and plan when the path has them); return when work ended."""
    start = referral + timedelta(days=rng.randint(0, 10))
    target = icpc_target(start)
    if path == "s47":
        found.enquiries.append(Enquiry(start, target, None))
        return start + timedelta(days=rng.randint(10, 30))
    if rng.random() < ICPC_ON_TIME:
        held = weekday_before(max(start + timedelta(days=5), target - timedelta(days=rng.randint(0, 6))))
    else:
        held = weekday_before(target + timedelta(days=rng.randint(3, 25)))
    found.enquiries.append(Enquiry(start, target, held))
    if path == "icpc":
        return held
    low, high, _ = rng.choices(LENGTH_DAYS, weights=[w for *_, w in LENGTH_DAYS])[0]
    end = held + timedelta(days=rng.randint(low, high))
    initial = pick(rng, CATEGORY_MIX)
    latest = initial if rng.random() < 0.9 else pick(rng, CATEGORY_MIX)
    previous = pick(rng, PREVIOUS_PLANS) if not returning else str(rng.randint(1, 2))
    plan = Plan(held, end, initial, latest, previous)
    plan.reviews = _reviews(rng, held, end)
    found.plans.append(plan)
    return end


def _reviews(rng: random.Random, start: date, end: date) -> list[date]:
    """Return the review conferences of a plan: 3 months after it starts, then every 6 months."""
    reviews, due = [], add_months(start, 3)
    while due <= end:
        if rng.random() < REVIEW_ON_TIME:
            held = weekday_before(due - timedelta(days=rng.randint(0, 14)))
        else:
            held = weekday_before(due + timedelta(days=rng.randint(3, 30)))
        if held > end:
            break
        reviews.append(held)
        due = add_months(held, 6)
    if end not in reviews and reviews and (end - reviews[-1]).days > 20 and rng.random() < 0.7:
        reviews.append(end)  # the review conference that ended the plan
    return reviews
