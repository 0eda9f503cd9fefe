"""Plan one period of care for a simulated child: legal statuses, placements, moves and how it ends."""

from __future__ import annotations

import random
from datetime import date, timedelta

from report_builder.ssda903.simdates import birthday, years_between

SUPPORTED_ACCOMMODATION_FROM = date(2024, 4, 1)
"""K3 (registered supported accommodation) replaces H5 from 2024-25: new placements are K3, and a
child still in semi-independent living (H5) then moves to K3 that day, with the same carers (RNE T),
so that no H5 episode is open in a return after 2023-24 (2025-26 has no H5 code at all)."""
Step = tuple[date, str, str, str]
"""A new episode: its start, legal status, placement and reason for new episode."""


def placement(rng: random.Random, age: int, day: date, status: str) -> str:
    """Return a placement type that suits the child's age on the day and legal status."""
    if age >= 16:
        weights = {
            "U4": 20,
            "U5": 8,
            "U6": 7,
            "U1": 6,
            "U2": 2,
            "K2": 17,
            "SEMI": 34,
            "P1": 3,
            "R5": 1,
            "K1": 2,
        }
    elif age >= 12:
        weights = {
            "U4": 30,
            "U5": 12,
            "U6": 8,
            "U1": 8,
            "U3": 4,
            "K2": 27,
            "P1": 5,
            "S1": 3,
            "K1": 1,
            "R1": 2,
        }
    else:
        weights = {"U4": 38, "U5": 14, "U6": 8, "U1": 14, "U2": 4, "U3": 4, "P1": 7, "K2": 3}
    place = rng.choices(list(weights), weights=list(weights.values()))[0]
    if place == "P1" and status in ("V2", "L1"):
        return "U4"
    if place == "SEMI":
        return "K3" if day >= SUPPORTED_ACCOMMODATION_FROM else "H5"
    return place


def plan_period(
    rng: random.Random, dob: date, start: date, uasc: bool, returning: bool = False
) -> tuple[list[Step], date | None, str]:
    """Return the period's episodes (start, LS, PLACE, RNE), when it ends (if planned) and why.

    A child returning to care does not come back under police protection: the DfE's rule 361
    would join two police protection episodes of one child into one longer than 72 hours.
    """
    age = years_between(dob, start)
    eighteen = birthday(dob, 18)
    if uasc:
        route = "section_20"
    elif age < 5 and rng.random() < 0.35:
        route = "adoption"
    else:
        route = rng.choices(
            ("care_order", "section_20", "police"), weights=(50, 40, 0 if returning else 10)
        )[0]
    if route == "adoption":
        return adoption(rng, dob, start)
    status = {"police": "L1", "care_order": "C1", "section_20": "V2"}[route]
    steps = [(start, status, placement(rng, age, start, status), "S")]
    if route == "police":
        steps.append(
            (start + timedelta(days=rng.randint(1, 2)), rng.choice(("V2", "C1")), steps[0][2], "L")
        )
    if steps[-1][1] == "C1":
        steps.append(
            (steps[-1][0] + timedelta(days=rng.randint(180, 330)), "C2", steps[-1][2], "L")
        )
    end, reason = planned_end(rng, dob, start, steps[-1][1], eighteen)
    end = max(end, start + timedelta(days=1))
    steps = with_moves(
        rng, dob, [step for step in steps if step[0] < end - timedelta(days=3)] or steps[:1], end
    )
    steps = registered(steps, end)
    if reason in ("E45", "E46") and steps[-1][2][0] != "U":
        reason = "E4A"
    return steps, end, reason


def planned_end(
    rng: random.Random, dob: date, start: date, status: str, eighteen: date
) -> tuple[date, str]:
    """Return when and why the period ends: returning home, an order, or reaching 18."""
    stay = int(rng.expovariate(1 / 220)) + 7 if status == "V2" else rng.randint(300, 365 * 6)
    end = start + timedelta(days=stay)
    if end >= eighteen:
        return eighteen, rng.choices(("E5", "E6", "E17", "E8"), weights=(45, 10, 30, 15))[0]
    if status == "V2":
        return end, rng.choices(("E4A", "E4B", "E13", "E8", "E3"), weights=(60, 10, 15, 10, 5))[0]
    return end, rng.choices(("E4A", "E45", "E41", "E13", "E8"), weights=(40, 30, 10, 12, 8))[0]


def adoption(rng: random.Random, dob: date, start: date) -> tuple[list[Step], date, str]:
    """Return a young child's route to adoption: interim order, placement order, placed, adopted."""
    place = rng.choice(("U4", "U4", "U1", "U5"))
    order = start + timedelta(days=rng.randint(180, 300))
    placed = order + timedelta(days=rng.randint(60, 200))
    adopted = placed + timedelta(days=rng.randint(180, 360))
    steps = [
        (start, "C1", place, "S"),
        (order, "E1", place, "L"),
        (placed, "E1", rng.choice(("A4", "A6")), "P"),
    ]
    return steps, adopted, rng.choice(("E11", "E12"))


def registered(steps: list[Step], end: date) -> list[Step]:
    """Return the steps with a move from H5 to K3 on the day supported accommodation became registered."""
    day = SUPPORTED_ACCOMMODATION_FROM
    found: list[Step] = []
    for index, step in enumerate(steps):
        found.append(step)
        until = steps[index + 1][0] if index + 1 < len(steps) else end
        if step[2] == "H5" and step[0] < day < until:
            found.append((day, step[1], "K3", "T"))
    return found


def with_moves(rng: random.Random, dob: date, steps: list[Step], end: date) -> list[Step]:
    """Return the steps with changes of placement added (about one every 18 months)."""
    moved: list[Step] = []
    for index, step in enumerate(steps):
        moved.append(step)
        until = steps[index + 1][0] if index + 1 < len(steps) else end
        day, place = step[0], step[2]
        while True:
            day += timedelta(days=int(rng.expovariate(1 / 540)) + 14)
            if day >= until - timedelta(days=7):
                break
            place = placement(rng, years_between(dob, day), day, step[1])
            moved.append((day, step[1], place, "P"))
        if index + 1 < len(steps):
            steps[index + 1] = (
                steps[index + 1][0],
                steps[index + 1][1],
                place,
                steps[index + 1][3],
            )
    return moved
