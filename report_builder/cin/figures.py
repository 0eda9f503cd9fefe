"""Compute every child protection figure of a year (and the years before it) from the CIN census.

Each year's figures come from that year's own census, as the DfE publishes them: the census carries
the whole history of every plan open in its year, so the start of the year (the previous 31 March)
is worked out from the same file (reference case 1).
"""

from __future__ import annotations

from report_builder.cin.conferences import conference_notes, initial_conferences
from report_builder.cin.plans import plan_figures, profile, profile_notes
from report_builder.cin.reader import CinCensus, CinReturn
from report_builder.cin.reviews import review_conferences
from report_builder.errors import DataError, Problem
from report_builder.statistics.child_protection import ChildProtection, Conferences, CpYear

Population = dict[int, int] | int | None
TREND_YEARS = 4


def compute_child_protection(
    census: CinCensus, year_ending: int, population: Population = None, chairs_fte: float | None = None
) -> ChildProtection:
    """Return the child protection figures of the year ending 31 March of year_ending, with trends.

    Raises DataError when no census for that year was given.
    """
    if year_ending not in census.returns:
        given = ", ".join(str(year) for year in sorted(census.returns)) or "none"
        raise DataError(
            Problem(
                f"no CIN census for the year ending 31 March {year_ending} (years given: {given})",
                hint=f"add the census for {year_ending - 1}-{year_ending % 100:02d}, or name its file by that year",
            )
        )
    this = census.returns[year_ending]
    icpc = initial_conferences(this, year_ending)
    rcpc, missed = review_conferences(this, year_ending)
    return ChildProtection(
        icpc=icpc,
        plans=plan_figures(this, year_ending, population_in(population, year_ending)),
        **profile(this, year_ending),
        rcpc=rcpc,
        conferences=Conferences(chaired=icpc.held + rcpc.held, chairs_fte=chairs_fte),
        trend=[
            year_figures(census.returns[year], year, population)
            for year in range(year_ending - TREND_YEARS, year_ending)
            if year in census.returns
        ],
        data_notes=data_notes(this, year_ending, missed),
    )


def population_in(population: Population, year_ending: int) -> int | None:
    """Return the population aged 0 to 17 for the year (a single number is this year's)."""
    if isinstance(population, dict):
        return population.get(year_ending)
    return population


def year_figures(census: CinReturn, year_ending: int, population: Population) -> CpYear:
    """Return an earlier year's headline figures from its own census."""
    icpc = initial_conferences(census, year_ending)
    rcpc, _ = review_conferences(census, year_ending)
    plans = plan_figures(census, year_ending, None)
    return CpYear(
        year_ending=year_ending,
        at_end=plans.at_end,
        population_0_17=population.get(year_ending) if isinstance(population, dict) else None,
        icpc_held=icpc.held,
        icpc_on_time=icpc.on_time,
        icpc_late=icpc.late,
        icpc_led_to_plan=icpc.led_to_plan,
        rcpc_held=rcpc.held,
        rcpc_on_time=rcpc.on_time,
        rcpc_late=rcpc.late,
        rcpc_overdue=rcpc.overdue,
        started=plans.started,
        second_or_subsequent=plans.second_or_subsequent,
    )


def data_notes(census: CinReturn, year_ending: int, missed_earlier: int) -> list[str]:
    """Return plain-English notes on what was left out or could not be judged, for readers."""
    label = f"{year_ending - 1}/{year_ending % 100:02d}"
    notes = [left.sentence() for left in census.left_out]
    notes += conference_notes(census, year_ending, label)
    notes += profile_notes(census, year_ending)
    if missed_earlier:
        plural = missed_earlier != 1
        notes.append(
            f"{missed_earlier:,} plan{'s' if plural else ''} had a review conference due before "
            f"1 April {year_ending - 1} that the census does not record as held; "
            f"{'they are' if plural else 'it is'} not counted as overdue in {label}."
        )
    return notes
