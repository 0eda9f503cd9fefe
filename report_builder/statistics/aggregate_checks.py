"""The checks on statistics.yaml's figures: known categories, and parts that add up to their totals.

Every message names both numbers and where the figure is, so that the council can see which of
them to correct.
"""

from __future__ import annotations

from report_builder.content.validation import suggest
from report_builder.errors import Problem
from report_builder.statistics.aggregates import Aggregates, ParticipationInput, ReviewsInput, TimelinessInput
from report_builder.statistics.categories import (
    AGE_BANDS,
    BREAKDOWNS,
    CEASED_REASON_GROUPS,
    ELIGIBLE_CODES,
    ETHNIC_CODES,
    PARTICIPATED_CODES,
    PN_CODES,
    SEXES,
)
from report_builder.yamlsource import SourceMap, YamlDocument

ADD_UP = "correct the counts so that the parts add up to the total"
NOT_MORE = "correct the counts: the parts given cannot add up to more than the total"


def year_problems(document: YamlDocument, year_ending: int) -> list[Problem]:
    """Return a problem when statistics.yaml is for another year than report.yaml, or gives this year as an earlier one."""
    data = document.data if isinstance(document.data, dict) else {}
    label = f"{year_ending - 1}/{year_ending % 100:02d}"
    problems = []
    given = data.get("year_ending")
    if isinstance(given, int) and not isinstance(given, bool) and given != year_ending:
        problems.append(document.source.problem(
            ("year_ending",), f"year_ending is {given} in statistics.yaml but {year_ending} in report.yaml "
            f"(the report is for {label})", "the figures must be for the report's year: correct one of the two files"))
    earlier = data.get("previous_years")
    for index, year in enumerate(earlier if isinstance(earlier, list) else []):
        found = year.get("year_ending") if isinstance(year, dict) else None
        if isinstance(found, int) and not isinstance(found, bool) and found >= year_ending:
            problems.append(document.source.problem(
                ("previous_years", index, "year_ending"),
                f"previous_years gives the year ending {found}, but report.yaml's year ends in {year_ending}",
                "previous_years holds earlier years only: give this year's figures in the main blocks"))
    return problems


def category_problems(data: object, source: SourceMap) -> list[Problem]:
    """Return problems for breakdown keys that are not known categories.

    Read from the file's data as written, so that they come with any wrong values in the same round.
    """
    def group(*path: str) -> dict:  # type: ignore[type-arg]
        found = data
        for key in path:
            found = found.get(key) if isinstance(found, dict) else None
        return found if isinstance(found, dict) else {}

    by_sex = group("at_31_march", "age_band_by_sex")
    checks: list[tuple[tuple[str, ...], dict, list[str]]] = [  # type: ignore[type-arg]
        (("ceased", "by_reason"), group("ceased", "by_reason"), list(CEASED_REASON_GROUPS)),
        (("at_31_march", "ethnicity_detailed"), group("at_31_march", "ethnicity_detailed"), list(ETHNIC_CODES)),
        (("at_31_march", "age_band_by_sex"), by_sex, list(SEXES)),
    ]
    checks += [(("at_31_march", name), group("at_31_march", name), list(categories))
               for name, categories in BREAKDOWNS.items()]
    checks += [(("at_31_march", "age_band_by_sex", str(sex)), group("at_31_march", "age_band_by_sex", sex),
                list(AGE_BANDS)) for sex in by_sex]
    return [
        source.problem((*path, key), f"'{key}' is not a category of {'.'.join(path)}",
                       suggest(str(key), allowed, "categories"), key=True)
        for path, counts, allowed in checks
        for key in counts
        if key not in allowed
    ]


def consistency_problems(aggregates: Aggregates, source: SourceMap, year_ending: int | None = None) -> list[Problem]:
    """Return a problem for each set of parts that does not add up to its total (`year_ending` the report's)."""
    problems = _profile_problems(aggregates, source)
    ceased = aggregates.ceased
    problems += _parts(source, ("ceased", "by_reason"), ceased.by_reason, list(CEASED_REASON_GROUPS),
                       ceased.total, "ceased.total")
    problems += _review_problems(aggregates.reviews, source)
    problems += _participation_problems(aggregates.participation, aggregates.reviews.held, source)
    problems += _previous_year_problems(aggregates, source, year_ending or aggregates.year_ending)
    return problems


def _parts(source: SourceMap, path: tuple[str, ...], counts: dict[str, int], categories: list[str],
           total: int | None, total_name: str) -> list[Problem]:
    """Return a problem when the parts given add up to more than the total, or (all given) not to it."""
    if not counts or total is None:
        return []
    found = sum(counts.values())
    complete = all(key in counts for key in categories)
    if found > total or (complete and found != total):
        return [source.problem(path, f"{'.'.join(path)} adds up to {found:,} but {total_name} is {total:,}",
                               ADD_UP if complete else NOT_MORE)]
    return []


def _profile_problems(aggregates: Aggregates, source: SourceMap) -> list[Problem]:
    """Return problems where the breakdowns at 31 March, or ages by sex, do not add up."""
    profile, at_end = aggregates.at_31_march, aggregates.children_looked_after.at_end
    problems = []
    for name, categories in {**BREAKDOWNS, "ethnicity_detailed": ETHNIC_CODES}.items():
        problems += _parts(source, ("at_31_march", name), getattr(profile, name), list(categories), at_end,
                           "children_looked_after.at_end")
    for sex, bands in profile.age_band_by_sex.items():
        problems += _parts(source, ("at_31_march", "age_band_by_sex", sex), bands, list(AGE_BANDS),
                           profile.sex.get(sex), f"at_31_march.sex.{sex}")
    if profile.age_band_by_sex and not profile.sex:  # the sexes come from the ages by sex: they too add up
        by_sex = {sex: sum(bands.values()) for sex, bands in profile.age_band_by_sex.items()}
        problems += _parts(source, ("at_31_march", "age_band_by_sex"), by_sex, list(SEXES), at_end,
                           "children_looked_after.at_end")
    sexes = list(profile.age_band_by_sex)
    every_sex = bool(profile.sex) and all(s in sexes for s, count in profile.sex.items() if count)
    for band, count in profile.age_band.items() if sexes and every_sex else ():
        given = [profile.age_band_by_sex[s].get(band) for s in sexes]
        if all(n is not None for n in given) and sum(n or 0 for n in given) != count:
            problems.append(source.problem(
                ("at_31_march", "age_band_by_sex"), f"at_31_march.age_band_by_sex adds up to "
                f"{sum(n or 0 for n in given):,} for {band} but at_31_march.age_band.{band} is {count:,}", ADD_UP))
    problems += _not_more(source, ("at_31_march", "uasc"), profile.uasc, "at_31_march.uasc", at_end,
                          "children_looked_after.at_end")
    return problems


def _review_problems(reviews: ReviewsInput, source: SourceMap) -> list[Problem]:
    """Return problems where reviews on time exceed reviews held, kinds or the children do not add up."""
    problems = []
    kinds = {"": reviews, "first": reviews.first, "second": reviews.second, "subsequent": reviews.subsequent}
    for name, figures in kinds.items():
        if figures is not None:
            problems += _timeliness_problems(("reviews", name) if name else ("reviews",), figures, source)
    given = [k for k in (reviews.first, reviews.second, reviews.subsequent) if k is not None]
    if len(given) == 3:
        totals = dict(zip(("held", "on_time"), reviews.timeliness(), strict=True))
        for index, field in enumerate(("held", "on_time")):
            parts = [k.timeliness()[index] for k in given]
            if None in parts or totals[field] is None:
                continue
            if sum(parts) != totals[field]:  # type: ignore[arg-type]
                problems.append(source.problem(
                    ("reviews", "first"),
                    f"first, second and later reviews {field.replace('_', ' ')} add up to "
                    f"{sum(parts):,} but reviews.{field} is {totals[field]:,}", ADD_UP))  # type: ignore[arg-type]
    problems += _not_more(source, ("reviews", "children_all_on_time"), reviews.children_all_on_time,
                          "reviews.children_all_on_time", reviews.children_eligible, "reviews.children_eligible")
    return problems


def _timeliness_problems(path: tuple[str, ...], figures: TimelinessInput, source: SourceMap) -> list[Problem]:
    """Return problems where on time exceeds held, or held, on time and late do not add up."""
    where = ".".join(path)
    held, on_time, late = figures.held, figures.on_time, figures.late
    if held is not None and on_time is not None and late is not None and on_time + late != held:
        return [source.problem(path, f"{where}.on_time ({on_time:,}) and {where}.late ({late:,}) add up to "
                               f"{on_time + late:,} but {where}.held is {held:,}", ADD_UP)]
    problems = _not_more(source, (*path, "on_time"), on_time, f"{where}.on_time", held, f"{where}.held")
    return problems + _not_more(source, (*path, "late"), late, f"{where}.late", held, f"{where}.held")


def _participation_problems(participation: ParticipationInput, held: int | None,
                            source: SourceMap) -> list[Problem]:
    """Return problems where the codes, the reviews taking part or the children do not agree."""
    codes = participation.codes()
    problems = []
    every = all(code in codes for code in PN_CODES)
    if held is not None and codes and (sum(codes.values()) > held or every and sum(codes.values()) != held):
        given = "PN0 to PN7" if every else "PN codes given"
        problems.append(source.problem(("participation",), f"participation's {given} add up to "
                                       f"{sum(codes.values()):,} but reviews.held is {held:,}",
                                       ADD_UP if every else NOT_MORE))
    if all(code in codes for code in ELIGIBLE_CODES):
        for name, chosen in (("participated", PARTICIPATED_CODES), ("eligible", ELIGIBLE_CODES)):
            given, from_codes = getattr(participation, name), sum(codes[c] for c in chosen)
            if given is not None and given != from_codes:
                problems.append(source.problem(
                    ("participation", name), f"participation.{name} is {given:,} but the PN codes give "
                    f"{from_codes:,} ({chosen[0]} to {chosen[-1]})", "correct one of them, or give only the codes"))
    problems += _not_more(source, ("participation", "participated"), participation.participated,
                          "participation.participated", participation.eligible, "participation.eligible")
    return problems + _not_more(source, ("participation", "children_participated"),
                                participation.children_participated, "participation.children_participated",
                                participation.children_eligible, "participation.children_eligible")


def _previous_year_problems(aggregates: Aggregates, source: SourceMap, year_ending: int | None) -> list[Problem]:
    """Return problems for a year given twice, an earlier year's parts that exceed their totals, or last
    year's children at 31 March that are not this year's at the start."""
    problems, seen = [], set()
    for index, year in enumerate(aggregates.previous_years):
        if year.year_ending in seen:
            problems.append(source.problem(("previous_years", index, "year_ending"),
                                           f"previous_years gives {year.year_ending} more than once",
                                           "keep one entry for each year"))
        seen.add(year.year_ending)
        path = ("previous_years", index)
        at_start = aggregates.children_looked_after.at_start
        if year.cla_at_end is not None and at_start is not None and year.year_ending == (year_ending or 0) - 1 \
                and year.cla_at_end != at_start:
            problems.append(source.problem(
                (*path, "cla_at_end"), f"previous_years gives cla_at_end {year.cla_at_end:,} for the year ending "
                f"{year.year_ending} but children_looked_after.at_start is {at_start:,}",
                f"both are the children looked after at 31 March {year.year_ending}: correct one of them"))
        problems += _not_more(source, (*path, "reviews_on_time"), year.reviews_on_time, "reviews_on_time",
                              year.reviews_held, "reviews_held")
        problems += _not_more(source, (*path, "participated"), year.participated, "participated",
                              year.participation_eligible, "participation_eligible")
    return problems


def _not_more(source: SourceMap, path: tuple, part: int | None, part_name: str,
              whole: int | None, whole_name: str) -> list[Problem]:
    """Return a problem when a part is more than its whole (both given)."""
    if part is None or whole is None or part <= whole:
        return []
    return [source.problem(path, f"{part_name} ({part:,}) is more than {whole_name} ({whole:,})",
                           f"{part_name} is part of {whole_name}: correct one of them")]
