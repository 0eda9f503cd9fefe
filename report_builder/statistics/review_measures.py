"""Figures about reviews: held and on time, overdue, the children all on time (old NI 66), participation.

Two measures of each are kept apart, because councils report both and the text must say which it
is: timeliness per review (`reviews.on_time_pct`) and per child (`reviews.all_on_time_pct`, the old
NI 66); participation per review (`participation.pct`, of reviews of children aged 4 and over) and
per child (`participation.children_pct`, seed 004's PAF C63).
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, computed_field, model_validator

from report_builder.statistics.basics import Frozen, derived, difference, figure, percentage
from report_builder.statistics.categories import ELIGIBLE_CODES, PARTICIPATED_CODES, PN_CODES


class ReviewTimeliness(Frozen):
    """Reviews held, and how many on time, for one kind of review."""

    held: int | None = figure("count", "Reviews held in the year.", None)
    on_time: int | None = figure("count", "Reviews held on or before their due date.", None)

    @derived("count", "Reviews held after their due date.")
    @property
    def late(self) -> int | None:
        return difference(self.held, self.on_time)

    @derived("percent", "Reviews held on time as a percentage of reviews held.")
    @property
    def on_time_pct(self) -> float | None:
        return percentage(self.on_time, self.held)


class Reviews(ReviewTimeliness):
    """Statutory reviews of children looked after held in the year (regulation 33).

    Held reviews include those whose due date could not be worked out (`not_judged`, when the review
    before them is not in the data): on time + late + not judged = held, and the percentage on time
    is of the reviews judged. With every review judged (the usual case) on time + late = held. Figures
    typed into statistics.yaml say nothing of reviews not judged: there `not_judged` is not available,
    and on time + late = held.
    """

    first: ReviewTimeliness | None = Field(None, description="First reviews (20 working days).")
    second: ReviewTimeliness | None = Field(None, description="Second reviews (3 months).")
    subsequent: ReviewTimeliness | None = Field(None, description="Later reviews (6 months).")
    overdue: int | None = figure("count", "Reviews due in the year and not held by 31 March.", None)
    not_judged: int | None = figure(
        "count", "Reviews whose due date could not be worked out from the data (SSDA903 only; none when not given).",
        None,
    )
    children_all_on_time: int | None = figure(
        "count", "Children in the timeliness indicator whose reviews were all on time (old NI 66).", None
    )
    children_eligible: int | None = figure(
        "count", "Children looked after at 31 March for 28 days or more, not placed for adoption (old NI 66).",
        None,
    )

    @derived("count", "Reviews held after their due date.")
    @property
    def late(self) -> int | None:
        return difference(self.held, self.on_time, self.not_judged or 0)

    @derived("percent", "Reviews held on time as a percentage of reviews held (of those judged).")
    @property
    def on_time_pct(self) -> float | None:
        return percentage(self.on_time, difference(self.held, self.not_judged or 0))

    @derived("percent", "Percentage of those children whose reviews were all on time (old NI 66).")
    @property
    def all_on_time_pct(self) -> float | None:
        return percentage(self.children_all_on_time, self.children_eligible)


class Participation(Frozen):
    """How children took part in their reviews: per review by participation (PN) code, and per child.

    `codes` holds the codes given (every code from SSDA903 data; those a council typed, from
    statistics.yaml). Reviews taking part and eligible are worked out from the codes when PN1 to PN7
    are all there, else given directly (or not available). Per child is seed 004's PAF C63: of the
    children looked after at 31 March for 28 days or more with a review in the year coded PN1 to
    PN7, those whose every such review was coded PN1 to PN6.
    """

    codes: dict[str, int] = Field(default_factory=dict, description="Reviews by PN code, PN0 to PN7.")
    participated: int | None = figure(
        "count", "Reviews of children aged 4 and over where the child took part (PN1 to PN6).", None
    )
    eligible: int | None = figure("count", "Reviews of children aged 4 and over (PN1 to PN7).", None)
    children_participated: int | None = figure(
        "count", "Children who took part in every review they had in the year (PAF C63).", None
    )
    children_eligible: int | None = figure(
        "count", "Children looked after at 31 March for 28 days or more with a review coded PN1 to PN7.", None
    )

    @model_validator(mode="before")
    @classmethod
    def _from_codes(cls, data: Any) -> Any:
        """Fill reviews taking part and eligible from the codes, when every code PN1 to PN7 is given."""
        if not isinstance(data, dict):
            return data
        codes = data.get("codes") or {}
        if not all(code in codes for code in ELIGIBLE_CODES):
            return data
        return {
            "participated": sum(codes[code] for code in PARTICIPATED_CODES),
            "eligible": sum(codes[code] for code in ELIGIBLE_CODES),
            **{key: value for key, value in data.items() if value is not None},
        }

    @derived("percent", "Percentage of reviews of children aged 4 and over where the child took part.")
    @property
    def pct(self) -> float | None:
        return percentage(self.participated, self.eligible)

    @derived("percent", "Percentage of those children who took part in every review (PAF C63).")
    @property
    def children_pct(self) -> float | None:
        return percentage(self.children_participated, self.children_eligible)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def code_percentages(self) -> dict[str, float | None]:
        """Return each PN code's share of all the reviews counted by code, in percent (in the JSON export
        beside the counts); none unless every code PN0 to PN7 is given."""
        total = self.codes_total
        return {code: percentage(self.codes.get(code), total) if total else None for code in PN_CODES}

    def code_counts(self) -> dict[str, int | None]:
        """Return the count for every PN code in order, None where it was not given."""
        return {code: self.codes.get(code) for code in PN_CODES}

    @property
    def codes_total(self) -> int | None:
        """Return the reviews counted by code (every code given), or None."""
        return sum(self.codes.values()) if all(code in self.codes for code in PN_CODES) else None
