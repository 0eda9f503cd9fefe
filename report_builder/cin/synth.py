"""Write a realistic, valid synthetic CIN census for a fictional council: one XML file per census year.

Every identifier is invented: LAchildIDs are random, UPNs use local authority number 999 (no
council has it) with a correct check letter. Each year's file holds every child with an episode of
need open at some time in that year, with the episode's whole history up to 31 March, as a case
management system exports it. Sex is GenderCurrent 1/2 (0 unborn) up to 2023-24 and Sex M/F/U from
2024-25.
Usage: report-builder synth --cin OUT_DIR --children N --years K --seed S
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

from report_builder.cin.simulate import ChildInNeed, Episode, Plan, simulate_child
from report_builder.cin.xmlwriter import XmlWriter

SEX_FROM = 2025
"""The first census (2024-25) that returns Sex (M, F, U) instead of GenderCurrent (1, 2, 0)."""


def write_synthetic_cin(
    out_dir: Path, children: int, years: int, seed: int, year_ending: int = 2026
) -> list[Path]:
    """Write `years` censuses ending 31 March `year_ending` (cin_census_2021.xml …); return the files.

    Raises ValueError for fewer than one child or year.
    """
    if children < 1 or years < 1:
        raise ValueError("expected at least one child and one year")
    rng = random.Random(seed)
    window = (date(year_ending - years, 4, 1), date(year_ending, 3, 31))
    ids = rng.sample(range(10_000_000, 99_999_999), children)
    population = [simulate_child(rng, f"NB{number}", window) for number in ids]
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for year in range(year_ending - years + 1, year_ending + 1):
        path = out_dir / f"cin_census_{year}.xml"
        write_census(path, population, year)
        written.append(path)
    return written


def write_census(path: Path, population: list[ChildInNeed], year: int) -> None:
    """Write one year's census of the simulated children."""
    start, end = date(year - 1, 4, 1), date(year, 3, 31)
    with XmlWriter(path) as xml, xml.element("Message"):
        _header(xml, year)
        with xml.element("Children"):
            for child in population:
                episodes = [
                    e for e in child.episodes
                    if e.referral <= end and (e.closure is None or e.closure >= start)
                ]  # fmt: skip
                if episodes:
                    _child(xml, child, episodes, year)


def _header(xml: XmlWriter, year: int) -> None:
    """Write the census header."""
    with xml.element("Header"):
        with xml.element("CollectionDetails"):
            xml.leaf("Collection", "CIN")
            xml.leaf("Year", str(year))
            xml.leaf("ReferenceDate", f"{year}-03-31")
        with xml.element("Source"):
            for name, value in (("SourceLevel", "L"), ("LEA", "999"), ("SoftwareCode", "Northbridge case records"),
                                ("Release", "1"), ("SerialNo", "1"), ("DateTime", f"{year}-05-01T09:00:00")):  # fmt: skip
                xml.leaf(name, value)


def _child(xml: XmlWriter, child: ChildInNeed, episodes: list[Episode], year: int) -> None:
    """Write one child as at 31 March of the year."""
    end = date(year, 3, 31)
    unborn = child.born > end
    with xml.element("Child"):
        with xml.element("ChildIdentifiers"):
            xml.leaf("LAchildID", child.child_id)
            if unborn:
                xml.leaf("UPNunknown", "UN1")
                xml.leaf("ExpectedPersonBirthDate", child.born.isoformat())
            else:
                xml.leaf("UPN", child.upn)
                xml.leaf("PersonBirthDate", child.born.isoformat())
            if year >= SEX_FROM:
                xml.leaf("Sex", "U" if unborn else child.sex)
            else:
                xml.leaf("GenderCurrent", "0" if unborn else {"M": "1", "F": "2"}[child.sex])
        with xml.element("ChildCharacteristics"):
            xml.leaf("Ethnicity", "NOBT" if unborn else child.ethnicity)
            with xml.element("Disabilities"):
                xml.leaf("Disability", "NONE")
        for episode in episodes:
            _episode(xml, episode, end)


def _day(value: date | None, end: date) -> str | None:
    """Return the date as yyyy-mm-dd when it is on or before the end, else None."""
    return value.isoformat() if value is not None and value <= end else None


def _episode(xml: XmlWriter, episode: Episode, end: date) -> None:
    """Write one episode of need, cut at 31 March."""
    closed = _day(episode.closure, end)
    with xml.element("CINdetails"):
        xml.leaf("CINreferralDate", episode.referral.isoformat())
        xml.leaf("ReferralSource", episode.source)
        xml.leaf("PrimaryNeedCode", episode.need)
        if closed:
            xml.leaf("CINclosureDate", closed)
            xml.leaf("ReasonForClosure", "RC8" if episode.nfa is False and not episode.plans and not episode.cin_plan else "RC1")
        xml.leaf("ReferralNFA", "true" if episode.nfa else "false")
        if episode.assessment and episode.assessment[0] <= end:
            with xml.element("Assessments"):
                xml.leaf("AssessmentActualStartDate", episode.assessment[0].isoformat())
                done = _day(episode.assessment[1], end)
                if done:
                    xml.leaf("AssessmentAuthorisationDate", done)
                    with xml.element("FactorsIdentifiedAtAssessment"):
                        for factor in ("3A", "4A") if episode.enquiries else ("21",):
                            xml.leaf("AssessmentFactors", factor)
        if episode.cin_plan and episode.cin_plan[0] <= end:
            with xml.element("CINPlanDates"):
                xml.leaf("CINPlanStartDate", episode.cin_plan[0].isoformat())
                xml.optional("CINPlanEndDate", _day(episode.cin_plan[1], end))
        for enquiry in episode.enquiries:
            if enquiry.start <= end:
                with xml.element("Section47"):
                    xml.leaf("S47ActualStartDate", enquiry.start.isoformat())
                    xml.leaf("InitialCPCtarget", enquiry.target.isoformat())
                    xml.optional("DateOfInitialCPC", _day(enquiry.conference, end))
                    xml.leaf("ICPCnotRequired", "false" if enquiry.conference else "true")
        for plan in episode.plans:
            if plan.start <= end:
                _plan(xml, plan, end)


def _plan(xml: XmlWriter, plan: Plan, end: date) -> None:
    """Write one child protection plan and its reviews held by 31 March."""
    ended = _day(plan.end, end)
    with xml.element("ChildProtectionPlans"):
        xml.leaf("CPPstartDate", plan.start.isoformat())
        xml.optional("CPPendDate", ended)
        xml.leaf("InitialCategoryOfAbuse", plan.initial)
        xml.leaf("LatestCategoryOfAbuse", plan.latest if ended else plan.initial)
        xml.leaf("NumberOfPreviousCPP", plan.previous)
        held = [review for review in plan.reviews if review <= end]
        if held:
            with xml.element("Reviews"):
                for review in held:
                    xml.leaf("CPPreviewDate", review.isoformat())
