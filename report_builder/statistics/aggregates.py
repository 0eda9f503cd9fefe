"""Read statistics.yaml: the year's counts when there is no SSDA903 export, and the inputs the 903 cannot give.

Only counts are typed; every percentage, change, rate and caseload is computed by the Statistics model.
Parts that do not add up to their totals are errors naming both numbers.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, NonNegativeFloat, NonNegativeInt

from report_builder.content.validation import suggest, validate
from report_builder.errors import ContentError, DataError, Problem
from report_builder.statistics.categories import (
    BREAKDOWNS,
    CEASED_REASON_GROUPS,
    ETHNIC_CODES,
    PN_CODES,
)
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
from report_builder.yamlsource import SourceMap, YamlDocument, read_yaml


class Input(BaseModel):
    """An aggregates input block: unknown keys are typos."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class CountsAtEnd(Input):
    """Children looked after at the start and end of the year."""

    at_start: NonNegativeInt
    at_end: NonNegativeInt


class CeasedInput(Input):
    """Children who ceased to be looked after."""

    total: NonNegativeInt
    by_reason: dict[str, NonNegativeInt] = Field(default_factory=dict)


class ProfileInput(Input):
    """Breakdowns of the children looked after at 31 March."""

    age_band: dict[str, NonNegativeInt] = Field(default_factory=dict)
    sex: dict[str, NonNegativeInt] = Field(default_factory=dict)
    ethnicity: dict[str, NonNegativeInt] = Field(default_factory=dict)
    ethnicity_detailed: dict[str, NonNegativeInt] = Field(default_factory=dict)
    legal_status: dict[str, NonNegativeInt] = Field(default_factory=dict)
    placement: dict[str, NonNegativeInt] = Field(default_factory=dict)
    uasc: NonNegativeInt | None = None


class TimelinessInput(Input):
    """Reviews held and held on time."""

    held: NonNegativeInt
    on_time: NonNegativeInt


class ReviewsInput(TimelinessInput):
    """Reviews of children looked after held in the year."""

    first: TimelinessInput | None = None
    second: TimelinessInput | None = None
    subsequent: TimelinessInput | None = None
    overdue: NonNegativeInt | None = None
    children_all_on_time: NonNegativeInt | None = None
    children_eligible: NonNegativeInt | None = None


class DisputesInput(Input):
    """IRO challenge by reason, in the council's own words."""

    informal: dict[str, NonNegativeInt] = Field(default_factory=dict)
    formal: dict[str, NonNegativeInt] = Field(default_factory=dict)
    resolved_informally_pct: NonNegativeFloat | None = Field(None, le=100)


class IroInput(Input):
    """The IRO team's staffing and caseloads."""

    fte: NonNegativeFloat | None = None
    establishment_fte: NonNegativeFloat | None = None
    agency_fte: NonNegativeFloat | None = None
    headcount: NonNegativeInt | None = None
    children_allocated: NonNegativeInt | None = None
    changed_iro_pct: NonNegativeFloat | None = Field(None, le=100)


class PreviousYear(Input):
    """Headline counts for an earlier year."""

    year_ending: int = Field(ge=2000, le=2100)
    cla_at_end: NonNegativeInt | None = None
    population_0_17: NonNegativeInt | None = None
    started: NonNegativeInt | None = None
    ceased: NonNegativeInt | None = None
    reviews_held: NonNegativeInt | None = None
    reviews_on_time: NonNegativeInt | None = None
    reviews_not_judged: NonNegativeInt | None = None
    participated: NonNegativeInt | None = None
    participation_eligible: NonNegativeInt | None = None


class Aggregates(Input):
    """statistics.yaml."""

    year_ending: int | None = Field(None, ge=2000, le=2100)
    population_0_17: NonNegativeInt | dict[int, NonNegativeInt] | None = None
    children_looked_after: CountsAtEnd | None = None
    started: NonNegativeInt | None = None
    ceased: CeasedInput | None = None
    at_31_march: ProfileInput = Field(default_factory=ProfileInput)
    reviews: ReviewsInput | None = None
    participation: dict[str, NonNegativeInt] = Field(default_factory=dict)
    disputes: DisputesInput = Field(default_factory=DisputesInput)
    iro_service: IroInput = Field(default_factory=IroInput)
    previous_years: list[PreviousYear] = Field(default_factory=list)

    def population(self, year_ending: int) -> int | None:
        """Return the population aged 0 to 17 for the year, if given."""
        if isinstance(self.population_0_17, dict):
            return self.population_0_17.get(year_ending)
        return self.population_0_17


CORE_FIGURES = ("children_looked_after", "started", "ceased", "reviews")
"""What statistics.yaml must give when there is no SSDA903 export."""


def read_aggregates(path: Path, base: Path | None = None) -> tuple[Aggregates, SourceMap]:
    """Return statistics.yaml validated, with its positions.

    Raises DataError listing every problem: wrong keys or types, unknown categories, parts that do not
    add up to their totals.
    """
    document = read_yaml(path, base)
    try:
        aggregates = validate(Aggregates, document, path.name)
    except ContentError as error:
        raise DataError(error.problems) from None
    problems = _category_problems(aggregates, document) + _consistency_problems(aggregates, document.source)
    if problems:
        raise DataError(problems)
    return aggregates, document.source


def require_core(aggregates: Aggregates, source: SourceMap) -> None:
    """Check the figures needed when statistics.yaml is the only source.

    Raises DataError naming each missing block.
    """
    missing = [name for name in CORE_FIGURES if getattr(aggregates, name) is None]
    if missing:
        raise DataError(
            [
                source.problem((), f"missing required key '{name}'",
                               "there is no SSDA903 export, so statistics.yaml must give it (see content/example)")
                for name in missing
            ]
        )


def _category_problems(aggregates: Aggregates, document: YamlDocument) -> list[Problem]:
    """Return problems for breakdown keys that are not known categories."""
    checks: list[tuple[tuple[str, ...], dict[str, int], list[str]]] = [
        (("ceased", "by_reason"), aggregates.ceased.by_reason if aggregates.ceased else {}, list(CEASED_REASON_GROUPS)),
        (("participation",), aggregates.participation, list(PN_CODES)),
        (("at_31_march", "ethnicity_detailed"), aggregates.at_31_march.ethnicity_detailed, list(ETHNIC_CODES)),
    ]
    checks += [
        (("at_31_march", name), getattr(aggregates.at_31_march, name), list(categories))
        for name, categories in BREAKDOWNS.items()
    ]
    return [
        document.source.problem((*path, key), f"'{key}' is not a category of {'.'.join(path)}",
                                suggest(key, allowed, "categories"), key=True)
        for path, counts, allowed in checks
        for key in counts
        if key not in allowed
    ]


def _consistency_problems(aggregates: Aggregates, source: SourceMap) -> list[Problem]:
    """Return a problem for each set of parts that does not add up to its total."""
    problems: list[Problem] = []

    def parts(path: tuple[str, ...], counts: dict[str, int], total: int | None, total_name: str) -> None:
        if counts and total is not None and sum(counts.values()) != total:
            problems.append(source.problem(
                path, f"{'.'.join(path)} adds up to {sum(counts.values()):,} but {total_name} is {total:,}",
                "correct the counts so that the parts add up to the total"))

    cla = aggregates.children_looked_after
    at_end = cla.at_end if cla else None
    for name in [*BREAKDOWNS, "ethnicity_detailed"]:
        parts(("at_31_march", name), getattr(aggregates.at_31_march, name), at_end, "children_looked_after.at_end")
    if aggregates.ceased:
        parts(("ceased", "by_reason"), aggregates.ceased.by_reason, aggregates.ceased.total, "ceased.total")
    reviews = aggregates.reviews
    if reviews:
        parts(("participation",), aggregates.participation, reviews.held, "reviews.held")
        problems.extend(_review_problems(reviews, source))
    return problems


def _review_problems(reviews: ReviewsInput, source: SourceMap) -> list[Problem]:
    """Return problems where reviews on time exceed reviews held, or kinds do not add up."""
    problems = []
    kinds = {"": reviews, "first": reviews.first, "second": reviews.second, "subsequent": reviews.subsequent}
    for name, figures in kinds.items():
        if figures is not None and figures.on_time > figures.held:
            path = ("reviews", name) if name else ("reviews",)
            problems.append(source.problem(
                (*path, "on_time"), f"reviews on time ({figures.on_time:,}) exceed reviews held ({figures.held:,})",
                "reviews on time are part of reviews held: correct one of them"))
    given = [k for k in (reviews.first, reviews.second, reviews.subsequent) if k is not None]
    if len(given) == 3:
        for field in ("held", "on_time"):
            total = sum(getattr(k, field) for k in given)
            if total != getattr(reviews, field):
                problems.append(source.problem(
                    ("reviews", "first"),
                    f"first, second and later reviews {field.replace('_', ' ')} add up to {total:,} "
                    f"but reviews.{field} is {getattr(reviews, field):,}",
                    "correct the counts so that the parts add up to the total"))
    return problems


def statistics_from_aggregates(aggregates: Aggregates, council: str, year_ending: int) -> Statistics:
    """Return the Statistics object built from statistics.yaml's counts (require_core first)."""
    assert aggregates.children_looked_after and aggregates.ceased and aggregates.reviews
    profile = aggregates.at_31_march
    return Statistics(
        council=council,
        period=Period(year_ending=year_ending),
        source="aggregates",
        cla=ChildrenLookedAfter(
            at_start=aggregates.children_looked_after.at_start,
            at_end=aggregates.children_looked_after.at_end,
            population_0_17=aggregates.population(year_ending),
        ),
        started=Started(total=aggregates.started or 0),
        ceased=Ceased(total=aggregates.ceased.total, by_reason=Breakdown(counts=aggregates.ceased.by_reason)),
        profile=Profile(
            **{name: Breakdown(counts=getattr(profile, name)) for name in [*BREAKDOWNS, "ethnicity_detailed"]},
            uasc=profile.uasc,
        ),
        reviews=_reviews(aggregates.reviews),
        participation=Participation(codes=aggregates.participation),
        disputes=inputs_disputes(aggregates),
        iro=inputs_iro(aggregates),
        trend=previous_years(aggregates),
    )


def _reviews(reviews: ReviewsInput) -> Reviews:
    """Return the Reviews figures from their input counts."""
    def kind(value: TimelinessInput | None) -> ReviewTimeliness | None:
        return ReviewTimeliness(held=value.held, on_time=value.on_time) if value else None

    return Reviews(
        held=reviews.held,
        on_time=reviews.on_time,
        first=kind(reviews.first),
        second=kind(reviews.second),
        subsequent=kind(reviews.subsequent),
        overdue=reviews.overdue,
        children_all_on_time=reviews.children_all_on_time,
        children_eligible=reviews.children_eligible,
    )


def inputs_disputes(aggregates: Aggregates) -> Disputes:
    """Return the disputes figures (always from statistics.yaml)."""
    return Disputes(**aggregates.disputes.model_dump())


def inputs_iro(aggregates: Aggregates) -> IroService:
    """Return the IRO service figures (always from statistics.yaml)."""
    return IroService(**aggregates.iro_service.model_dump())


def previous_years(aggregates: Aggregates) -> list[YearFigures]:
    """Return the earlier years' headline figures, oldest first."""
    years = sorted(aggregates.previous_years, key=lambda y: y.year_ending)
    return [YearFigures(**year.model_dump()) for year in years]
