"""Read statistics.yaml: whatever figures a council has for the year, and the inputs the 903 cannot give.

Every figure is optional: a council gives what it has, and a figure it did not give is not
available (never 0). Only counts are typed; every percentage, change, rate and caseload is
computed by the Statistics model, and only from the figures given. A few counts follow from
others given, and are worked out: reviews on time from held and late (or held from on time and
late), the total of a breakdown whose every category is given, the categories not given of a
breakdown whose given parts already add up to its total (they are 0), age bands and sexes from
ages by sex. Parts that do not add up to their totals are errors naming both numbers
(aggregate_checks.py).
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, NonNegativeFloat, NonNegativeInt

from report_builder.content.validation import validate
from report_builder.errors import ContentError, DataError
from report_builder.statistics.categories import AGE_BANDS, BREAKDOWNS, CEASED_REASON_GROUPS, ETHNIC_CODES, PN_CODES
from report_builder.statistics.model import (
    Breakdown,
    Ceased,
    ChildrenLookedAfter,
    Disputes,
    IroService,
    Participation,
    Period,
    Profile,
    Reviews,
    ReviewTimeliness,
    Started,
    Statistics,
    YearFigures,
)
from report_builder.yamlsource import SourceMap, read_yaml

Count = NonNegativeInt | None


class Input(BaseModel):
    """An aggregates input block: unknown keys are typos."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class CountsAtEnd(Input):
    """Children looked after at the start and end of the year."""

    at_start: Count = None
    at_end: Count = None


class CeasedInput(Input):
    """Children who ceased to be looked after."""

    total: Count = None
    by_reason: dict[str, NonNegativeInt] = Field(default_factory=dict)


class ProfileInput(Input):
    """Breakdowns of the children looked after at 31 March."""

    age_band: dict[str, NonNegativeInt] = Field(default_factory=dict)
    sex: dict[str, NonNegativeInt] = Field(default_factory=dict)
    age_band_by_sex: dict[str, dict[str, NonNegativeInt]] = Field(default_factory=dict)
    ethnicity: dict[str, NonNegativeInt] = Field(default_factory=dict)
    ethnicity_detailed: dict[str, NonNegativeInt] = Field(default_factory=dict)
    legal_status: dict[str, NonNegativeInt] = Field(default_factory=dict)
    placement: dict[str, NonNegativeInt] = Field(default_factory=dict)
    uasc: Count = None


class TimelinessInput(Input):
    """Reviews held, on time and late (any two give the third)."""

    held: Count = None
    on_time: Count = None
    late: Count = None

    def timeliness(self) -> tuple[int | None, int | None]:
        """Return (held, on time), each worked out from the other two when not given."""
        held, on_time, late = self.held, self.on_time, self.late
        if on_time is None and held is not None and late is not None:
            on_time = held - late
        if held is None and on_time is not None and late is not None:
            held = on_time + late
        return held, on_time


class ReviewsInput(TimelinessInput):
    """Reviews of children looked after held in the year, and the children all on time (old NI 66)."""

    first: TimelinessInput | None = None
    second: TimelinessInput | None = None
    subsequent: TimelinessInput | None = None
    overdue: Count = None
    children_all_on_time: Count = None
    children_eligible: Count = None


class ParticipationInput(Input):
    """How children took part: reviews by PN code, or reviews taking part of those eligible, or children."""

    PN0: Count = None
    PN1: Count = None
    PN2: Count = None
    PN3: Count = None
    PN4: Count = None
    PN5: Count = None
    PN6: Count = None
    PN7: Count = None
    participated: Count = None
    eligible: Count = None
    children_participated: Count = None
    children_eligible: Count = None

    def codes(self) -> dict[str, int]:
        """Return the reviews by PN code, for the codes given."""
        return {code: getattr(self, code) for code in PN_CODES if getattr(self, code) is not None}


class DisputesInput(Input):
    """IRO challenge by reason, in the council's own words."""

    informal: dict[str, NonNegativeInt] | None = None
    formal: dict[str, NonNegativeInt] | None = None
    resolved_informally_pct: NonNegativeFloat | None = Field(None, le=100)


class IroInput(Input):
    """The IRO team's staffing and caseloads."""

    fte: NonNegativeFloat | None = None
    establishment_fte: NonNegativeFloat | None = None
    agency_fte: NonNegativeFloat | None = None
    headcount: Count = None
    children_allocated: Count = None
    changed_iro_pct: NonNegativeFloat | None = Field(None, le=100)


class PreviousYear(Input):
    """Headline counts for an earlier year."""

    year_ending: int = Field(ge=2000, le=2100)
    cla_at_end: Count = None
    population_0_17: Count = None
    started: Count = None
    ceased: Count = None
    reviews_held: Count = None
    reviews_on_time: Count = None
    reviews_not_judged: Count = None
    participated: Count = None
    participation_eligible: Count = None


class Aggregates(Input):
    """statistics.yaml."""

    year_ending: int | None = Field(None, ge=2000, le=2100)
    population_0_17: NonNegativeInt | dict[int, NonNegativeInt] | None = None
    children_looked_after: CountsAtEnd = Field(default_factory=CountsAtEnd)
    started: Count = None
    ceased: CeasedInput = Field(default_factory=CeasedInput)
    at_31_march: ProfileInput = Field(default_factory=ProfileInput)
    reviews: ReviewsInput = Field(default_factory=ReviewsInput)
    participation: ParticipationInput = Field(default_factory=ParticipationInput)
    disputes: DisputesInput = Field(default_factory=DisputesInput)
    iro_service: IroInput = Field(default_factory=IroInput)
    previous_years: list[PreviousYear] = Field(default_factory=list)

    def population(self, year_ending: int) -> int | None:
        """Return the population aged 0 to 17 for the year, if given."""
        if isinstance(self.population_0_17, dict):
            return self.population_0_17.get(year_ending)
        return self.population_0_17


def read_aggregates(path: Path, base: Path | None = None, year_ending: int | None = None,
                    consistent: bool = True) -> tuple[Aggregates, SourceMap]:
    """Return statistics.yaml validated, with its positions; `year_ending` is the report's year.

    With consistent=False, figures that do not add up, unknown categories and another year are let
    through (to tell which figures a placeholder asks for are not given at all, while those are fixed).
    Raises DataError listing every problem: wrong keys or types, unknown categories, parts that do not
    add up to their totals, and a year that is not the report's.
    """
    from report_builder.statistics.aggregate_checks import (
        category_problems,
        consistency_problems,
        year_problems,
    )

    document = read_yaml(path, base)
    problems = year_problems(document, year_ending) if year_ending is not None else []
    problems += category_problems(document.data, document.source)
    try:
        aggregates = validate(Aggregates, document, path.name)
    except ContentError as error:
        raise DataError(problems + error.problems) from None
    problems += consistency_problems(aggregates, document.source, year_ending)
    if problems and consistent:
        raise DataError(problems)
    return aggregates, document.source


def statistics_from_aggregates(aggregates: Aggregates, council: str, year_ending: int) -> Statistics:
    """Return the Statistics built from statistics.yaml's figures (those not given are not available)."""
    cla = aggregates.children_looked_after
    return Statistics(
        council=council,
        period=Period(year_ending=year_ending),
        source="aggregates",
        cla=ChildrenLookedAfter(
            at_start=cla.at_start, at_end=cla.at_end, population_0_17=aggregates.population(year_ending)
        ),
        started=Started(total=aggregates.started),
        ceased=_ceased(aggregates.ceased),
        profile=_profile(aggregates.at_31_march, cla.at_end),
        reviews=_reviews(aggregates.reviews),
        participation=_participation(aggregates.participation),
        disputes=inputs_disputes(aggregates),
        iro=inputs_iro(aggregates),
        trend=previous_years(aggregates, year_ending),
    )


def breakdown(counts: dict[str, int], categories: dict[str, str] | tuple[str, ...], whole: int | None) -> Breakdown:
    """Return the breakdown of the counts given, its shares of `whole` (or of the sum when all are given).

    When the parts given already add up to the whole, the categories not given are 0. A breakdown of
    which nothing was given has no total either: its table reads ':' throughout, not a total of 100%.
    """
    if not counts:
        return Breakdown()
    complete = all(key in counts for key in categories)
    if whole is not None and sum(counts.values()) == whole and counts:
        counts = {key: counts.get(key, 0) for key in categories} | counts
        complete = True
    ordered = {key: counts[key] for key in categories if key in counts}
    return Breakdown(counts=ordered, whole=whole, partial=bool(counts) and not complete)


def _ceased(ceased: CeasedInput) -> Ceased:
    """Return the children who ceased, the total worked out from the reasons when every reason is given."""
    by_reason = breakdown(ceased.by_reason, CEASED_REASON_GROUPS, ceased.total)
    total = ceased.total if ceased.total is not None else by_reason.total
    return Ceased(total=total, by_reason=by_reason)


def _profile(profile: ProfileInput, at_end: int | None) -> Profile:
    """Return the breakdowns at 31 March; age bands and sexes from ages by sex when not given themselves."""
    by_sex = {
        sex: breakdown(bands, AGE_BANDS, profile.sex.get(sex)) for sex, bands in profile.age_band_by_sex.items()
    }
    age_band, sex = dict(profile.age_band), dict(profile.sex)
    if by_sex and not age_band:
        age_band = {band: sum(b.get(band, 0) for b in profile.age_band_by_sex.values()) for band in AGE_BANDS
                    if all(band in b for b in profile.age_band_by_sex.values())}
    if by_sex and not sex:
        sex = {key: sum(bands.values()) for key, bands in profile.age_band_by_sex.items()}
    given = {**{name: getattr(profile, name) for name in BREAKDOWNS}, "age_band": age_band, "sex": sex}
    found = {name: breakdown(given[name], categories, at_end) for name, categories in BREAKDOWNS.items()}
    detailed = breakdown(profile.ethnicity_detailed, tuple(ETHNIC_CODES), at_end)
    return Profile(**found, ethnicity_detailed=detailed, age_band_by_sex=by_sex, uasc=profile.uasc)


def _reviews(reviews: ReviewsInput) -> Reviews:
    """Return the Reviews figures from those given."""
    def kind(value: TimelinessInput | None) -> ReviewTimeliness | None:
        if value is None:
            return None
        held, on_time = value.timeliness()
        return ReviewTimeliness(held=held, on_time=on_time)

    held, on_time = reviews.timeliness()
    return Reviews(
        held=held,
        on_time=on_time,
        first=kind(reviews.first),
        second=kind(reviews.second),
        subsequent=kind(reviews.subsequent),
        overdue=reviews.overdue,
        children_all_on_time=reviews.children_all_on_time,
        children_eligible=reviews.children_eligible,
    )


def _participation(participation: ParticipationInput) -> Participation:
    """Return the participation figures from those given (reviews taking part from the codes, when all given)."""
    return Participation(
        codes=participation.codes(),
        participated=participation.participated,
        eligible=participation.eligible,
        children_participated=participation.children_participated,
        children_eligible=participation.children_eligible,
    )


def inputs_disputes(aggregates: Aggregates) -> Disputes:
    """Return the disputes figures (always from statistics.yaml)."""
    return Disputes(**aggregates.disputes.model_dump())


def inputs_iro(aggregates: Aggregates) -> IroService:
    """Return the IRO service figures (always from statistics.yaml)."""
    return IroService(**aggregates.iro_service.model_dump())


def previous_years(aggregates: Aggregates, year_ending: int) -> list[YearFigures]:
    """Return the earlier years' headline figures, oldest first.

    What statistics.yaml gives elsewhere for an earlier year is used there too, never more: the
    children looked after at the start of this year are last year's at 31 March (last year joins the
    trend with that figure alone when previous_years does not give it), and an earlier year's
    population is the one population_0_17 gives for it by year.
    """
    given = {year.year_ending: year.model_dump(exclude_none=True) for year in aggregates.previous_years}
    at_start = aggregates.children_looked_after.at_start
    if at_start is not None:
        given.setdefault(year_ending - 1, {"year_ending": year_ending - 1}).setdefault("cla_at_end", at_start)
    by_year = aggregates.population_0_17 if isinstance(aggregates.population_0_17, dict) else {}
    for year, figures in given.items():
        if year in by_year:
            figures.setdefault("population_0_17", by_year[year])
    return [YearFigures(**given[year]) for year in sorted(given)]
