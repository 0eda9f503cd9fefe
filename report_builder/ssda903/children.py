"""Simulate one fictional child's time in care: periods, episodes, moves and reviews."""

from __future__ import annotations

import random
import zlib
from dataclasses import dataclass, field
from datetime import date, timedelta

from report_builder.ssda903.simdates import (
    add_months,
    birthday,
    first_review_due,
    weekday_before,
    years_between,
)

ETHNIC_MIX = {
    "WBRI": 62, "WOTH": 4, "WIRI": 1, "WROM": 1, "MWBC": 6, "MWBA": 2, "MWAS": 2, "MOTH": 4,
    "AIND": 1, "APKN": 2, "ABAN": 1, "AOTH": 1, "BCRB": 3, "BAFR": 4, "BOTH": 2, "CHNE": 1,
    "OOTH": 2, "NOBT": 1,
}  # fmt: skip
UASC_ETHNIC = {"BAFR": 35, "AOTH": 30, "OOTH": 25, "WOTH": 10}
ENTRY_AGES = {
    0: 20,
    1: 6,
    2: 5,
    3: 4,
    4: 4,
    5: 4,
    6: 4,
    7: 4,
    8: 4,
    9: 4,
    10: 5,
    11: 5,
    12: 6,
    13: 7,
    14: 8,
    15: 7,
    16: 6,
    17: 3,
}
PN_MIX = {"PN1": 45, "PN2": 10, "PN3": 5, "PN4": 10, "PN5": 10, "PN6": 12, "PN7": 8}
PLACE_CHANGE_REASONS = {
    "CARPL": 20,
    "CHILD": 10,
    "LAREQ": 30,
    "PLACE": 15,
    "STAND": 10,
    "OTHER": 15,
}
NEEDS = {"N1": 62, "N2": 3, "N3": 4, "N4": 16, "N5": 5, "N6": 2, "N7": 1, "N8": 7}
ON_TIME = 0.9


def pick(rng: random.Random, weights: dict) -> str:
    """Return a key chosen with the given weights."""
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def postcode(rng: random.Random) -> str:
    """Return a fictional postcode in the area 'NB' (no such area exists)."""
    return f"NB{rng.randint(1, 9)} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"


def upn(rng: random.Random) -> str:
    """Return a well-formed UPN for local authority number 999 (no council has it), check letter included."""
    body = f"999{rng.randint(1000, 9999)}{rng.randint(0, 99):02d}{rng.randint(0, 999):03d}"
    total = sum(int(digit) * weight for digit, weight in zip(body, range(2, 14), strict=False))
    return "ABCDEFGHJKLMNPQRTUVWXYZ"[total % 23] + body


@dataclass
class Episode:
    """One episode of care."""

    start: date
    ls: str
    place: str
    rne: str
    cin: str
    home_post: str
    end: date | None = None
    rec: str = ""
    reason_place_change: str = ""
    pl_post: str = ""
    placed: date | None = None
    """When the child moved to this placement (an earlier episode's start after a change of legal status only)."""

    def as_row(self, child_id: str, return_end: date) -> dict:
        """Return the episode as returned in the year ending return_end (open if it ends later)."""
        ended = self.end is not None and self.end <= return_end
        short_break = self.ls in ("V3", "V4")
        place = self.place
        return {
            "CHILD": child_id, "DECOM": day_text(self.start), "RNE": self.rne, "LS": self.ls, "CIN": self.cin,
            "PLACE": place, "PLACE_PROVIDER": provider(place),
            "DEC": day_text(self.end) if ended else "", "REC": self.rec if ended else "",
            "REASON_PLACE_CHANGE": self.reason_place_change if ended else "",
            "HOME_POST": "" if short_break else self.home_post, "PL_POST": "" if short_break else self.pl_post,
            "URN": self.urn(child_id),
        }  # fmt: skip

    def urn(self, child_id: str) -> str:
        """Return the placement's Ofsted URN: the provider's, XXXXXXX for foster and adoptive homes, else none.

        Short breaks carry no URN; a change of legal status only keeps the placement's URN.
        """
        if self.ls in ("V3", "V4"):
            return ""
        if self.place in REGISTERED_PLACES:
            return fictional_urn(child_id, self.placed or self.start)
        return UNKNOWN_URN if self.place[0] in "UA" else ""


REGISTERED_PLACES = ("K1", "K2", "K3", "S1", "R3")
"""Placements with an Ofsted-registered provider, whose episodes carry the provider's URN."""
UNKNOWN_URN = "XXXXXXX"
"""The URN the DfE allows for foster and adoptive placements (through an agency) instead of one."""


def fictional_urn(child_id: str, start: date) -> str:
    """Return a provider URN for one placement: seven digits starting 9, which Ofsted has not used."""
    return "9" + f"{zlib.crc32(f'{child_id}:{start}'.encode()) % 1_000_000:06d}"


def provider(place: str) -> str:
    """Return a placement provider code that suits the placement."""
    if place == "P1":
        return "PR0"
    if place in ("K2", "K3", "H5", "R1", "S1"):
        return "PR4"
    if place in ("R2", "R5", "P2"):
        return "PR3" if place != "P2" else "PR1"
    return "PR1"


@dataclass
class Review:
    """One review held."""

    held: date
    code: str

    def as_row(self, child: Child) -> dict:
        """Return the review's row."""
        return {
            "CHILD": child.child_id,
            "DOB": day_text(child.dob),
            "REVIEW": day_text(self.held),
            "REVIEW_CODE": self.code,
        }


@dataclass
class Child:
    """A fictional child and their time in care."""

    child_id: str
    sex: str
    dob: date
    ethnic: str
    upn: str
    episodes: list[Episode] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)
    uasc_ceased: date | None = None
    short_breaks_only: bool = False

    def header_row(self, year: int) -> dict:
        """Return the header row as returned in the collection year (sex coded 1/2 until 2023-24)."""
        sex = self.sex if year >= 2025 else {"M": "1", "F": "2"}[self.sex]
        mother = "0" if self.sex == "F" and not self.short_breaks_only else ""
        return {
            "CHILD": self.child_id,
            "SEX": sex,
            "DOB": day_text(self.dob),
            "ETHNIC": self.ethnic,
            "UPN": self.upn,
            "MOTHER": mother,
            "MC_DOB": "",
        }

    def uasc_row(self, year: int) -> dict:
        """Return the UASC row (the date UASC status ceased, when it has)."""
        sex = self.sex if year >= 2025 else {"M": "1", "F": "2"}[self.sex]
        return {
            "CHILD": self.child_id,
            "SEX": sex,
            "DOB": day_text(self.dob),
            "DUC": day_text(self.uasc_ceased),
        }


def day_text(value: date | None) -> str:
    """Return a date as dd/mm/yyyy."""
    return value.strftime("%d/%m/%Y") if value else ""


def simulate_child(rng: random.Random, child_id: str, window: tuple[date, date]) -> Child:
    """Return a child looked after at some time in the window, with episodes and reviews."""
    kind = rng.choices(("care", "uasc", "short_breaks"), weights=(91, 6, 3))[0]
    start = window[0] - timedelta(
        days=rng.randint(-365 * (window[1].year - window[0].year), 365 * 4)
    )
    start = min(start, window[1])
    age = rng.randint(14, 17) if kind == "uasc" else int(pick(rng, ENTRY_AGES))
    if kind == "short_breaks":
        age = rng.randint(5, 15)
    dob = birthday(start - timedelta(days=rng.randint(0, 364)), -age)
    while years_between(dob, start) > age:
        dob += timedelta(days=1)
    sex = "M" if kind == "uasc" and rng.random() < 0.92 else rng.choice("MF")
    ethnic = pick(rng, UASC_ETHNIC if kind == "uasc" else ETHNIC_MIX)
    child = Child(child_id, sex, dob, ethnic, upn(rng))
    if kind == "short_breaks":
        child.short_breaks_only = True
        short_breaks(rng, child, start, window)
        return child
    if kind == "uasc":
        child.uasc_ceased = (
            birthday(dob, 18) if (dob.month, dob.day) != (2, 29) else date(dob.year + 18, 2, 28)
        )
    home = postcode(rng)
    period_of_care(rng, child, start, window, home, uasc=kind == "uasc", returning=False)
    last = child.episodes[-1]
    if last.rec in ("E4A", "E13") and rng.random() < 0.35 and last.end:
        again = last.end + timedelta(days=rng.randint(90, 700))
        if again < window[1] and years_between(dob, again) < 17:
            period_of_care(rng, child, again, window, home, uasc=False, returning=True)
    if not any(e.end is None or e.end >= window[0] for e in child.episodes):
        return simulate_child(rng, child_id, window)
    return child


def short_breaks(rng: random.Random, child: Child, start: date, window: tuple[date, date]) -> None:
    """Add a series of short breaks (V4): a few nights at a time, no reviews."""
    day, last = max(start, window[0]), min(window[1], birthday(child.dob, 18) - timedelta(days=7))
    while day < last:
        nights = rng.randint(2, 5)
        child.episodes.append(
            Episode(day, "V4", "U6", "S", "N1", "", end=day + timedelta(days=nights), rec="E13")
        )
        day += timedelta(days=rng.randint(40, 90))


def period_of_care(
    rng: random.Random,
    child: Child,
    start: date,
    window: tuple[date, date],
    home: str,
    uasc: bool,
    returning: bool,
) -> None:
    """Add one period of care: legal status and placement changes, how it ends, and its reviews."""
    from report_builder.ssda903.careplan import plan_period

    cin = "N4" if uasc else pick(rng, NEEDS)
    steps, end, reason = plan_period(rng, child.dob, start, uasc, returning)
    first = len(child.episodes)
    for index, (day, ls, place, rne) in enumerate(steps):
        same_place = rne == "L" and child.episodes[first:]
        where = (
            child.episodes[-1].pl_post if same_place else (home if place == "P1" else postcode(rng))
        )
        placed = child.episodes[-1].placed if same_place else day
        child.episodes.append(
            Episode(day, ls, place, "S" if index == 0 else rne, cin, home, pl_post=where, placed=placed)
        )
    for previous, following in zip(
        child.episodes[first:], child.episodes[first + 1 :], strict=False
    ):
        previous.end, previous.rec = following.start, "X1"
        if (
            following.rne in ("P", "B", "T", "U")
            and following.place[0] != "T"
            and previous.place[0] != "T"
        ):
            previous.reason_place_change = pick(rng, PLACE_CHANGE_REASONS)
    if end is not None and end <= window[1]:
        child.episodes[-1].end, child.episodes[-1].rec = end, reason
    ends = end if end is not None and end <= window[1] else None
    child.reviews.extend(schedule_reviews(rng, child.dob, start, ends, window[1]))


def schedule_reviews(
    rng: random.Random, dob: date, start: date, end: date | None, until: date
) -> list[Review]:
    """Return the reviews of a period of care held by `until`: mostly on time, some late."""
    reviews, due = [], first_review_due(start)
    months = 3
    end = end or until + timedelta(days=1)
    while due < end:
        if rng.random() < ON_TIME:
            held = weekday_before(
                max(due - timedelta(days=rng.randint(0, 12)), start + timedelta(days=1))
            )
        else:
            held = due + timedelta(days=rng.randint(1, 35))
        if held >= end or years_between(dob, held) >= 18:
            break
        code = "PN0" if years_between(dob, held) < 4 else pick(rng, PN_MIX)
        reviews.append(Review(held, code))
        due, months = add_months(held, months), 6
    return reviews
