"""The Statistics object: every figure a report can show, whether computed from SSDA903 or aggregates.

Counts are stored; every derived figure (percentage, change, rate, caseload) is a computed field, so
it can never disagree with the counts it comes from. Each field carries a unit ("count", "percent",
"rate", "number", "year", "text") used to format it and to document the vocabulary. A figure that
was not given, or cannot be worked out from what was, is None ("not available"). The children's
figures are in looked_after.py, the reviews' in review_measures.py; they are all importable from here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field

from report_builder.statistics.basics import Frozen, Period, derived, difference, figure, percentage
from report_builder.statistics.looked_after import Breakdown, Ceased, ChildrenLookedAfter, Profile, Started
from report_builder.statistics.review_measures import Participation, Reviews, ReviewTimeliness

if TYPE_CHECKING:
    from report_builder.statistics.child_protection import ChildProtection

__all__ = [
    "COMPARATOR_AREAS", "Breakdown", "Ceased", "ChildrenLookedAfter", "ComparatorArea", "ComparatorValue",
    "Disputes", "Frozen", "IroService", "Participation", "Period", "Profile", "Reviews", "ReviewTimeliness",
    "Started", "Statistics", "YearFigures", "derived", "difference", "figure", "percentage",
]


class Disputes(Frozen):
    """IRO challenge through the dispute resolution process, by reason (the council's own words)."""

    informal: dict[str, int] | None = Field(None, description="Informal challenges by reason (None: not given).")
    formal: dict[str, int] | None = Field(None, description="Formal disputes by reason (None: not given).")
    resolved_informally_pct: float | None = figure(
        "percent", "Percentage of challenges resolved at the informal stage (an input).", None
    )

    @derived("count", "Informal challenges raised in the year.")
    @property
    def informal_total(self) -> int | None:
        return None if self.informal is None else sum(self.informal.values())

    @derived("count", "Formal disputes raised in the year.")
    @property
    def formal_total(self) -> int | None:
        return None if self.formal is None else sum(self.formal.values())

    @derived("count", "All challenges raised in the year, informal and formal.")
    @property
    def total(self) -> int | None:
        if self.informal_total is None or self.formal_total is None:
            return None
        return self.informal_total + self.formal_total


class IroService(Frozen):
    """The IRO team: staffing and caseloads (inputs the 903 cannot give)."""

    fte: float | None = figure("number", "IROs in post, full-time equivalent.", None)
    establishment_fte: float | None = figure("number", "IRO posts in the establishment, FTE.", None)
    agency_fte: float | None = figure("number", "Agency IROs, FTE.", None)
    headcount: int | None = figure("count", "IROs in post, people.", None)
    children_allocated: int | None = figure(
        "count", "Children allocated to IROs at 31 March (the children looked after, unless given).", None
    )
    changed_iro_pct: float | None = figure(
        "percent", "Percentage of children whose IRO changed in the year (an input).", None
    )
    caseload_low: int = figure("count", "Lower end of the Handbook's suggested caseload.", 50)
    caseload_high: int = figure("count", "Upper end of the Handbook's suggested caseload.", 70)

    @derived("number", "Children per full-time IRO (children allocated divided by FTE).")
    @property
    def caseload_per_fte(self) -> float | None:
        if not self.fte or self.children_allocated is None:
            return None
        return self.children_allocated / self.fte


class YearFigures(Frozen):
    """Headline figures for one year, for trends over up to five years."""

    year_ending: int = figure("year", "The year in which the reporting year ends.")
    cla_at_end: int | None = figure("count", "Children looked after at 31 March.", None)
    population_0_17: int | None = figure("count", "Population aged 0 to 17.", None)
    started: int | None = figure("count", "Children who started to be looked after.", None)
    ceased: int | None = figure("count", "Children who ceased to be looked after.", None)
    reviews_held: int | None = figure("count", "Reviews held.", None)
    reviews_on_time: int | None = figure("count", "Reviews held on time.", None)
    reviews_not_judged: int | None = figure("count", "Reviews whose due date could not be worked out.", None)
    participated: int | None = figure("count", "Reviews (aged 4 and over) where the child took part.", None)
    participation_eligible: int | None = figure("count", "Reviews of children aged 4 and over.", None)

    @property
    def label(self) -> str:
        """Return the year as written in reports, for example 2024/25."""
        return f"{self.year_ending - 1}/{self.year_ending % 100:02d}"

    @derived("rate", "Children looked after per 10,000 children aged 0 to 17.")
    @property
    def rate_per_10k(self) -> float | None:
        if not self.population_0_17 or self.cla_at_end is None:
            return None
        return self.cla_at_end / self.population_0_17 * 10_000

    @derived("count", "Reviews held late.")
    @property
    def reviews_late(self) -> int | None:
        return difference(self.reviews_held, self.reviews_on_time, self.reviews_not_judged or 0)

    @derived("percent", "Reviews held on time (of those judged).")
    @property
    def reviews_on_time_pct(self) -> float | None:
        return percentage(self.reviews_on_time, difference(self.reviews_held, self.reviews_not_judged or 0))

    @derived("percent", "Participation in reviews.")
    @property
    def participation_pct(self) -> float | None:
        return percentage(self.participated, self.participation_eligible)


ComparatorArea = Literal["statistical_neighbours", "region", "england", "target"]
"""Where a comparator figure is from; `target` is the council's own target for the measure."""
COMPARATOR_AREAS: dict[str, str] = {
    "statistical_neighbours": "Statistical neighbours",
    "region": "Region",
    "england": "England",
}


class ComparatorValue(Frozen):
    """One published figure for a comparator area."""

    measure: str = figure("text", "The statistic compared, by its vocabulary name (e.g. cla.rate_per_10k).")
    area: ComparatorArea = figure("text", "statistical_neighbours, region, england, or target (the council's own).")
    year_ending: int = figure("year", "The year (at 31 March) the figure is for.")
    value: float = figure("number", "The figure.")
    source: str = figure("text", "Where the figure was published.", "")
    decimals: int | None = figure("count", "Decimal places it was given with (66 has none, 66.0 one).", None)


class Statistics(Frozen):
    """Every figure for one council's reporting year, with trends and comparators."""

    council: str = figure("text", "The council the figures are for.")
    period: Period
    source: Literal["ssda903", "aggregates"] = figure("text", "Where the figures came from.")
    cla: ChildrenLookedAfter = Field(default_factory=ChildrenLookedAfter)
    started: Started = Field(default_factory=Started)
    ceased: Ceased = Field(default_factory=Ceased)
    profile: Profile = Field(default_factory=Profile)
    reviews: Reviews = Field(default_factory=Reviews)
    participation: Participation = Field(default_factory=Participation)
    disputes: Disputes = Field(default_factory=Disputes)
    iro: IroService = Field(default_factory=IroService)
    cp: ChildProtection | None = Field(None, description="Child protection figures, from the CIN census (none when the IROs do not chair conferences).")
    trend: list[YearFigures] = Field(default_factory=list, description="Earlier years, oldest first.")
    comparators: list[ComparatorValue] = Field(default_factory=list)
    data_notes: list[str] = Field(default_factory=list, description="Notes on the data for readers.")
    suppress_small_counts: bool = Field(True, description="Suppress counts 1 to 5 in breakdowns.")

    def comparator(self, measure: str, area: str, year_ending: int | None = None) -> ComparatorValue | None:
        """Return the area's figure for the year, or its latest before it when that is not published."""
        year = year_ending or self.period.year_ending
        found = [c for c in self.comparators if c.measure == measure and c.area == area and c.year_ending <= year]
        return max(found, key=lambda c: c.year_ending) if found else None

    def years(self) -> list[YearFigures]:
        """Return the trend years plus this year, oldest first (at most five)."""
        return [*self.trend, self.this_year()][-5:]

    def this_year(self) -> YearFigures:
        """Return this year's headline figures in the trend shape."""
        return YearFigures(
            year_ending=self.period.year_ending,
            cla_at_end=self.cla.at_end,
            population_0_17=self.cla.population_0_17,
            started=self.started.total,
            ceased=self.ceased.total,
            reviews_held=self.reviews.held,
            reviews_on_time=self.reviews.on_time,
            reviews_not_judged=self.reviews.not_judged,
            participated=self.participation.participated,
            participation_eligible=self.participation.eligible,
        )


# The child protection figures build on the models above; importing them completes Statistics.
from report_builder.statistics import child_protection as _child_protection  # noqa: E402, F401
