"""The Statistics object: every figure a report can show, whether computed from SSDA903 or aggregates.

Counts are stored; every derived figure (percentage, change, rate, caseload) is a computed field, so
it can never disagree with the counts it comes from. Each field carries a unit ("count", "percent",
"rate", "number", "year", "text") used to format it and to document the vocabulary.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field

from report_builder.statistics.categories import ELIGIBLE_CODES, PARTICIPATED_CODES, PN_CODES

if TYPE_CHECKING:
    from report_builder.statistics.child_protection import ChildProtection


def figure(unit: str, description: str, default: Any = ...) -> Any:
    """Return a pydantic Field documented with its unit and meaning."""
    return Field(default, description=description, json_schema_extra={"unit": unit})


def derived(unit: str, description: str) -> Any:
    """Return a computed_field decorator documented with its unit and meaning."""
    return computed_field(description=description, json_schema_extra={"unit": unit})  # type: ignore[call-overload]


def percentage(part: float | None, whole: float | None) -> float | None:
    """Return part as a percentage of whole, or None when either is missing or whole is 0."""
    if part is None or not whole:
        return None
    return 100.0 * part / whole


class Frozen(BaseModel):
    """A read-only model that rejects unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Period(Frozen):
    """The reporting year, 1 April to 31 March."""

    year_ending: int = figure("year", "The year in which the reporting year ends (2025 for 2024/25).")

    @property
    def start(self) -> date:
        """Return 1 April at the start of the reporting year."""
        return date(self.year_ending - 1, 4, 1)

    @property
    def end(self) -> date:
        """Return 31 March at the end of the reporting year."""
        return date(self.year_ending, 3, 31)

    @derived("text", "The year as written in reports, for example 2024/25.")
    @property
    def label(self) -> str:
        return f"{self.year_ending - 1}/{self.year_ending % 100:02d}"

    @derived("text", "The year in full, for example 1 April 2024 to 31 March 2025.")
    @property
    def long_label(self) -> str:
        return f"1 April {self.year_ending - 1} to 31 March {self.year_ending}"


class Breakdown(Frozen):
    """Counts by category in a fixed order; percentages are of the breakdown's total."""

    counts: dict[str, int] = Field(default_factory=dict)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def total(self) -> int:
        """Return the sum of the counts."""
        return sum(self.counts.values())

    @computed_field  # type: ignore[prop-decorator]
    @property
    def percentages(self) -> dict[str, float | None]:
        """Return each category's share of the total, in percent (in the JSON export beside the counts)."""
        return {key: self.pct(key) for key in self.counts}

    def pct(self, key: str) -> float | None:
        """Return the category's share of the total as a percentage."""
        return percentage(self.counts.get(key, 0), self.total)


class ChildrenLookedAfter(Frozen):
    """Children looked after (short breaks excluded) at the start and end of the year."""

    at_start: int = figure("count", "Children looked after at the start of the year (the previous 31 March).")
    at_end: int = figure("count", "Children looked after at 31 March.")
    population_0_17: int | None = figure("count", "Resident population aged 0 to 17 (ONS mid-year estimate).", None)

    @derived("count", "Change over the year: at 31 March minus at the start.")
    @property
    def change(self) -> int:
        return self.at_end - self.at_start

    @derived("percent", "Change over the year as a percentage of the number at the start.")
    @property
    def change_pct(self) -> float | None:
        return percentage(self.change, self.at_start)

    @derived("rate", "Children looked after at 31 March per 10,000 children aged 0 to 17.")
    @property
    def rate_per_10k(self) -> float | None:
        if not self.population_0_17:
            return None
        return self.at_end / self.population_0_17 * 10_000


class Started(Frozen):
    """Children who started to be looked after in the year (each child once)."""

    total: int = figure("count", "Children who started to be looked after in the year.")


class Ceased(Frozen):
    """Children who ceased to be looked after in the year (each child once)."""

    total: int = figure("count", "Children who ceased to be looked after in the year.")
    by_reason: Breakdown = Field(default_factory=Breakdown, description="Ceased by reason group.")


class Profile(Frozen):
    """Children looked after at 31 March, broken down."""

    age_band: Breakdown = Field(default_factory=Breakdown, description="By age on 31 March.")
    sex: Breakdown = Field(default_factory=Breakdown, description="By sex.")
    ethnicity: Breakdown = Field(default_factory=Breakdown, description="By major ethnic group.")
    ethnicity_detailed: Breakdown = Field(default_factory=Breakdown, description="By ethnic code.")
    legal_status: Breakdown = Field(default_factory=Breakdown, description="By legal status group.")
    placement: Breakdown = Field(default_factory=Breakdown, description="By placement type group.")
    age_band_by_sex: dict[str, Breakdown] = Field(
        default_factory=dict, description="Age band counts for each sex (keyed by sex)."
    )
    uasc: int | None = figure("count", "Unaccompanied asylum-seeking children looked after at 31 March.", None)
    ethnicity_population_pct: dict[str, float] = Field(
        default_factory=dict,
        description="The local child population's share in each major ethnic group, in percent (an input).",
    )


class ReviewTimeliness(Frozen):
    """Reviews held, and how many on time, for one kind of review."""

    held: int = figure("count", "Reviews held in the year.")
    on_time: int = figure("count", "Reviews held on or before their due date.")

    @derived("count", "Reviews held after their due date.")
    @property
    def late(self) -> int:
        return self.held - self.on_time

    @derived("percent", "Reviews held on time as a percentage of reviews held.")
    @property
    def on_time_pct(self) -> float | None:
        return percentage(self.on_time, self.held)


class Reviews(ReviewTimeliness):
    """Statutory reviews of children looked after held in the year (regulation 33).

    Held reviews include those whose due date could not be worked out (`not_judged`, when the review
    before them is not in the data): on time + late + not judged = held, and the percentage on time
    is of the reviews judged. With every review judged (the usual case) on time + late = held.
    """

    first: ReviewTimeliness | None = Field(None, description="First reviews (20 working days).")
    second: ReviewTimeliness | None = Field(None, description="Second reviews (3 months).")
    subsequent: ReviewTimeliness | None = Field(None, description="Later reviews (6 months).")
    overdue: int | None = figure("count", "Reviews due in the year and not held by 31 March.", None)
    not_judged: int = figure("count", "Reviews whose due date could not be worked out from the data.", 0)
    children_all_on_time: int | None = figure(
        "count", "Children in the timeliness indicator whose reviews were all on time (old NI 66).", None
    )
    children_eligible: int | None = figure(
        "count", "Children looked after at 31 March for 28 days or more, not placed for adoption (old NI 66).",
        None,
    )

    @derived("count", "Reviews held after their due date.")
    @property
    def late(self) -> int:
        return self.held - self.on_time - self.not_judged

    @derived("percent", "Reviews held on time as a percentage of reviews held (of those judged).")
    @property
    def on_time_pct(self) -> float | None:
        return percentage(self.on_time, self.held - self.not_judged)

    @derived("percent", "Percentage of those children whose reviews were all on time (old NI 66).")
    @property
    def all_on_time_pct(self) -> float | None:
        return percentage(self.children_all_on_time, self.children_eligible)


class Participation(Frozen):
    """How children took part in their reviews: per review by participation (PN) code, and per child.

    Per child is seed 004's PAF C63: of the children looked after at 31 March for 28 days or more
    with a review in the year coded PN1 to PN7, those whose every such review was coded PN1 to PN6.
    """

    codes: dict[str, int] = Field(default_factory=dict, description="Reviews by PN code, PN0 to PN7.")
    children_participated: int | None = figure(
        "count", "Children who took part in every review they had in the year (PAF C63).", None
    )
    children_eligible: int | None = figure(
        "count", "Children looked after at 31 March for 28 days or more with a review coded PN1 to PN7.", None
    )

    @derived("count", "Reviews of children aged 4 and over where the child took part (PN1 to PN6).")
    @property
    def participated(self) -> int:
        return sum(self.codes.get(code, 0) for code in PARTICIPATED_CODES)

    @derived("count", "Reviews of children aged 4 and over (PN1 to PN7).")
    @property
    def eligible(self) -> int:
        return sum(self.codes.get(code, 0) for code in ELIGIBLE_CODES)

    @derived("percent", "Percentage of reviews of children aged 4 and over where the child took part.")
    @property
    def pct(self) -> float | None:
        return percentage(self.participated, self.eligible)

    @derived("percent", "Percentage of those children who took part in every review (PAF C63).")
    @property
    def children_pct(self) -> float | None:
        return percentage(self.children_participated, self.children_eligible)

    def code_counts(self) -> dict[str, int]:
        """Return the count for every PN code in order, 0 where none."""
        return {code: self.codes.get(code, 0) for code in PN_CODES}


class Disputes(Frozen):
    """IRO challenge through the dispute resolution process, by reason (the council's own words)."""

    informal: dict[str, int] = Field(default_factory=dict, description="Informal challenges by reason.")
    formal: dict[str, int] = Field(default_factory=dict, description="Formal disputes by reason.")
    resolved_informally_pct: float | None = figure(
        "percent", "Percentage of challenges resolved at the informal stage (an input).", None
    )

    @derived("count", "Informal challenges raised in the year.")
    @property
    def informal_total(self) -> int:
        return sum(self.informal.values())

    @derived("count", "Formal disputes raised in the year.")
    @property
    def formal_total(self) -> int:
        return sum(self.formal.values())

    @derived("count", "All challenges raised in the year, informal and formal.")
    @property
    def total(self) -> int:
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
        if self.reviews_held is None or self.reviews_on_time is None:
            return None
        return self.reviews_held - self.reviews_on_time - (self.reviews_not_judged or 0)

    @derived("percent", "Reviews held on time (of those judged).")
    @property
    def reviews_on_time_pct(self) -> float | None:
        if self.reviews_held is None:
            return None
        return percentage(self.reviews_on_time, self.reviews_held - (self.reviews_not_judged or 0))

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
    cla: ChildrenLookedAfter
    started: Started
    ceased: Ceased
    profile: Profile = Field(default_factory=Profile)
    reviews: Reviews
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
            participated=self.participation.participated if self.participation.codes else None,
            participation_eligible=self.participation.eligible if self.participation.codes else None,
        )


# The child protection figures build on the models above; importing them completes Statistics.
from report_builder.statistics import child_protection as _child_protection  # noqa: F401
