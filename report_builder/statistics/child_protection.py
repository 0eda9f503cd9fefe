"""Child protection figures (the `cp.*` names), from the CIN census: conferences, plans and reviews.

As in the rest of Statistics, counts are stored and every percentage and rate is a computed field.
Percentages and rates are rounded half up to one decimal place, and have no value (not 0) when
there is nothing to divide by (reference case 13).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from pydantic import Field

from report_builder.statistics import model
from report_builder.statistics.model import Breakdown, Frozen, derived, figure

CATEGORIES: dict[str, str] = {
    "neglect": "Neglect",
    "physical": "Physical abuse",
    "emotional": "Emotional abuse",
    "sexual": "Sexual abuse",
    "multiple": "Multiple categories",
    "not_recorded": "Not recorded",
}
AGE_BANDS: dict[str, str] = {
    "unborn": "Unborn",
    "under_1": "Under 1",
    "age_1_to_4": "1 to 4",
    "age_5_to_9": "5 to 9",
    "age_10_to_15": "10 to 15",
    "age_16_plus": "16 and over",
    "not_known": "Not known",
}
DURATIONS: dict[str, str] = {
    "under_3_months": "Under 3 months",
    "months_3_to_6": "3 months to under 6 months",
    "months_6_to_12": "6 months to under 1 year",
    "years_1_to_2": "1 year to under 2 years",
    "years_2_plus": "2 years and over",
}
DURATION_MONTHS = (3, 6, 12, 24)
"""The DfE's bands of a plan's length, in calendar months: under 3, 3 to 6, 6 to 12, 12 to 24, 24+."""


def rounded_percentage(part: int | None, whole: int | None) -> float | None:
    """Return part as a percentage of whole, rounded half up to 0.1; None when whole is 0 or missing."""
    if part is None or not whole:
        return None
    return _half_up(Decimal(part) * 100 / Decimal(whole))


def rate_per_10k(count: int | None, population: int | None) -> float | None:
    """Return count per 10,000 of the population, rounded half up to 0.1; None without a population."""
    if count is None or not population:
        return None
    return _half_up(Decimal(count) * 10_000 / Decimal(population))


def _half_up(value: Decimal) -> float:
    """Return the value rounded half up to one decimal place."""
    return float(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


class CpBreakdown(Breakdown):
    """A breakdown whose shares are rounded half up, as every child protection percentage is."""

    def pct(self, key: str) -> float | None:
        """Return the category's share of the total, rounded half up to 0.1."""
        return rounded_percentage(self.counts.get(key, 0), self.total)


class InitialConferences(Frozen):
    """Initial child protection conferences (ICPCs) held in the year and their timeliness."""

    on_time: int = figure("count", "ICPCs held within 15 working days of the section 47 enquiry starting.")
    late: int = figure("count", "ICPCs held more than 15 working days after the section 47 enquiry started.")
    not_judged: int = figure("count", "ICPCs that cannot be judged: no usable section 47 start recorded for them.")
    led_to_plan: int = figure("count", "ICPCs after which the child became subject to a plan that day.")

    @derived("count", "Initial child protection conferences held in the year (each child and date once).")
    @property
    def held(self) -> int:
        return self.on_time + self.late + self.not_judged

    @derived("count", "ICPCs that could be judged on time or late (on time plus late).")
    @property
    def judged(self) -> int:
        return self.on_time + self.late

    @derived("percent", "ICPCs on time as a percentage of those that could be judged.")
    @property
    def on_time_pct(self) -> float | None:
        return rounded_percentage(self.on_time, self.on_time + self.late)

    @derived("percent", "ICPCs that led to a plan, as a percentage of ICPCs held.")
    @property
    def led_to_plan_pct(self) -> float | None:
        return rounded_percentage(self.led_to_plan, self.held)


class Plans(Frozen):
    """Child protection plans: children subject to one at 31 March, plans started and plans ended."""

    at_end: int = figure("count", "Children subject to a child protection plan at 31 March.")
    at_start: int = figure("count", "Children subject to a child protection plan at the start of the year (the previous 31 March).")
    population_0_17: int | None = figure("count", "Resident population aged 0 to 17, as for children in care.", None)
    started: int = figure("count", "Plans started in the year (a child with two counts twice).")
    started_children: int = figure("count", "Children whose plan started in the year (each once).")
    second_or_subsequent: int = figure("count", "Plans started in the year that were a child's second or later plan.")
    ended: int = figure("count", "Plans ended in the year.")
    duration: CpBreakdown = Field(default_factory=CpBreakdown, description="Plans ended in the year by length.")

    @derived("count", "Change over the year: at 31 March minus at the start.")
    @property
    def change(self) -> int:
        return self.at_end - self.at_start

    @derived("rate_1dp", "Children subject to a plan at 31 March per 10,000 children aged 0 to 17 (one decimal place, as the DfE publishes it).")
    @property
    def rate_per_10k(self) -> float | None:
        return rate_per_10k(self.at_end, self.population_0_17)

    @derived("percent", "Second or subsequent plans as a percentage of plans started.")
    @property
    def second_or_subsequent_pct(self) -> float | None:
        return rounded_percentage(self.second_or_subsequent, self.started)

    @derived("count", "Plans ended in the year that had lasted 2 years or more.")
    @property
    def ended_2_years_plus(self) -> int:
        return self.duration.counts.get("years_2_plus", 0)

    @derived("percent", "Plans ended in the year that had lasted 2 years or more, as a percentage of plans ended.")
    @property
    def ended_2_years_plus_pct(self) -> float | None:
        return rounded_percentage(self.ended_2_years_plus, self.ended)


class ReviewConferences(Frozen):
    """Review child protection conferences (RCPCs) held in the year, their timeliness, and NI 67."""

    on_time: int = figure("count", "RCPCs held on or before their due date (3 months after the plan started, then every 6 months).")
    late: int = figure("count", "RCPCs held after their due date.")
    not_judged: int = figure("count", "RCPCs dated on or before the plan's start, which cannot be judged.", 0)
    overdue: int = figure("count", "Plans with a review conference due in the year, while the plan was open, and not held by 31 March.")
    children_eligible: int = figure("count", "Children subject to a plan at 31 March that had lasted at least 3 months.")
    children_all_on_time: int = figure("count", "Of those children, how many had every review conference in the year on time.")

    @derived("count", "Review child protection conferences held in the year.")
    @property
    def held(self) -> int:
        return self.on_time + self.late + self.not_judged

    @derived("count", "RCPCs that could be judged on time or late (on time plus late).")
    @property
    def judged(self) -> int:
        return self.on_time + self.late

    @derived("percent", "RCPCs on time as a percentage of those that could be judged.")
    @property
    def on_time_pct(self) -> float | None:
        return rounded_percentage(self.on_time, self.on_time + self.late)

    @derived("percent", "Percentage of those children whose review conferences were all on time (old NI 67).")
    @property
    def all_on_time_pct(self) -> float | None:
        return rounded_percentage(self.children_all_on_time, self.children_eligible)


class Conferences(Frozen):
    """The conference chairs' workload."""

    chaired: int = figure("count", "Child protection conferences chaired in the year (ICPCs and RCPCs).")
    chairs_fte: float | None = figure("number", "Conference chairs in post, full-time equivalent (the IROs in post, who chair them).", None)

    @derived("number", "Conferences chaired per full-time chair.")
    @property
    def per_chair_fte(self) -> float | None:
        if not self.chairs_fte:
            return None
        return _half_up(Decimal(self.chaired) / Decimal(str(self.chairs_fte)))


class CpYear(Frozen):
    """One year's headline child protection figures, for trends."""

    year_ending: int = figure("year", "The year in which the reporting year ends.")
    at_end: int | None = figure("count", "Children subject to a plan at 31 March.", None)
    population_0_17: int | None = figure("count", "Population aged 0 to 17.", None)
    icpc_held: int | None = figure("count", "ICPCs held.", None)
    icpc_on_time: int | None = figure("count", "ICPCs on time.", None)
    icpc_late: int | None = figure("count", "ICPCs late.", None)
    icpc_led_to_plan: int | None = figure("count", "ICPCs that led to a plan.", None)
    rcpc_held: int | None = figure("count", "RCPCs held.", None)
    rcpc_on_time: int | None = figure("count", "RCPCs on time.", None)
    rcpc_late: int | None = figure("count", "RCPCs late.", None)
    rcpc_overdue: int | None = figure("count", "RCPCs overdue at 31 March.", None)
    started: int | None = figure("count", "Plans started.", None)
    second_or_subsequent: int | None = figure("count", "Second or subsequent plans started.", None)

    @property
    def label(self) -> str:
        """Return the year as written in reports, for example 2024/25."""
        return f"{self.year_ending - 1}/{self.year_ending % 100:02d}"

    @derived("rate_1dp", "Children subject to a plan per 10,000 children aged 0 to 17.")
    @property
    def rate_per_10k(self) -> float | None:
        return rate_per_10k(self.at_end, self.population_0_17)

    @derived("count", "Conferences chaired (ICPCs and RCPCs).")
    @property
    def conferences_chaired(self) -> int | None:
        return _sum(self.icpc_held, self.rcpc_held)

    @derived("percent", "ICPCs that led to a plan, as a percentage of ICPCs held.")
    @property
    def icpc_led_to_plan_pct(self) -> float | None:
        return rounded_percentage(self.icpc_led_to_plan, self.icpc_held)

    @derived("percent", "ICPCs on time.")
    @property
    def icpc_on_time_pct(self) -> float | None:
        return _judged_pct(self.icpc_on_time, self.icpc_late)

    @derived("percent", "RCPCs on time.")
    @property
    def rcpc_on_time_pct(self) -> float | None:
        return _judged_pct(self.rcpc_on_time, self.rcpc_late)

    @derived("percent", "Second or subsequent plans as a percentage of plans started.")
    @property
    def second_or_subsequent_pct(self) -> float | None:
        return rounded_percentage(self.second_or_subsequent, self.started)


def _sum(*counts: int | None) -> int | None:
    """Return the sum of the counts, or None when any is missing."""
    return None if any(c is None for c in counts) else sum(c for c in counts if c is not None)


def _judged_pct(on_time: int | None, late: int | None) -> float | None:
    """Return on time as a percentage of on time and late."""
    if on_time is None or late is None:
        return None
    return rounded_percentage(on_time, on_time + late)


class ChildProtection(Frozen):
    """Every child protection figure of the year, from the CIN census."""

    icpc: InitialConferences
    plans: Plans
    category: CpBreakdown = Field(default_factory=CpBreakdown, description="Children subject to a plan at 31 March by initial category of abuse.")
    latest_category: CpBreakdown = Field(default_factory=CpBreakdown, description="Children subject to a plan at 31 March by latest category of abuse.")
    age_band: CpBreakdown = Field(default_factory=CpBreakdown, description="Children subject to a plan at 31 March by age on 31 March.")
    sex: CpBreakdown = Field(default_factory=CpBreakdown, description="Children subject to a plan at 31 March by sex.")
    ethnicity: CpBreakdown = Field(default_factory=CpBreakdown, description="Children subject to a plan at 31 March by major ethnic group.")
    rcpc: ReviewConferences
    conferences: Conferences
    trend: list[CpYear] = Field(default_factory=list, description="Earlier years, oldest first.")
    data_notes: list[str] = Field(default_factory=list, description="Notes on the census data for readers.")

    def this_year(self, year_ending: int) -> CpYear:
        """Return this year's headline figures in the trend shape."""
        return CpYear(
            year_ending=year_ending,
            at_end=self.plans.at_end,
            population_0_17=self.plans.population_0_17,
            icpc_held=self.icpc.held,
            icpc_on_time=self.icpc.on_time,
            icpc_late=self.icpc.late,
            icpc_led_to_plan=self.icpc.led_to_plan,
            rcpc_held=self.rcpc.held,
            rcpc_on_time=self.rcpc.on_time,
            rcpc_late=self.rcpc.late,
            rcpc_overdue=self.rcpc.overdue,
            started=self.plans.started,
            second_or_subsequent=self.plans.second_or_subsequent,
        )

    def years(self, year_ending: int) -> list[CpYear]:
        """Return the trend years plus this year, oldest first (at most five)."""
        return [*self.trend, self.this_year(year_ending)][-5:]


model.Statistics.model_rebuild(_types_namespace={"ChildProtection": ChildProtection})
