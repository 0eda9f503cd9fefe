"""Builders for small hand-made CIN census fragments, written as the XML a case system exports."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from report_builder.cin import CinCensus, compute_child_protection, read_cin
from report_builder.statistics.child_protection import ChildProtection

DATA = Path(__file__).parent / "data"


@dataclass
class Plan:
    start: str
    end: str = ""
    category: str = "NEG"
    latest: str = ""
    previous: str = "0"
    reviews: list[str] = field(default_factory=list)
    reviews_in_one: bool = True
    """Write every CPPreviewDate in one <Reviews> (True) or one <Reviews> each (False)."""

    def xml(self) -> str:
        parts = [f"<CPPstartDate>{self.start}</CPPstartDate>"]
        if self.end:
            parts.append(f"<CPPendDate>{self.end}</CPPendDate>")
        parts.append(f"<InitialCategoryOfAbuse>{self.category}</InitialCategoryOfAbuse>")
        parts.append(f"<LatestCategoryOfAbuse>{self.latest or self.category}</LatestCategoryOfAbuse>")
        parts.append(f"<NumberOfPreviousCPP>{self.previous}</NumberOfPreviousCPP>")
        dates = [f"<CPPreviewDate>{d}</CPPreviewDate>" for d in self.reviews]
        if dates and self.reviews_in_one:
            parts.append("<Reviews>" + "\n".join(dates) + "</Reviews>")
        else:
            parts += [f"<Reviews>{d}</Reviews>" for d in dates]
        return "<ChildProtectionPlans>\n" + "\n".join(parts) + "\n</ChildProtectionPlans>"


@dataclass
class Episode:
    referral: str
    icpc: str = ""
    enquiries: list[tuple[str, str, str, str]] = field(default_factory=list)
    plans: list[Plan] = field(default_factory=list)

    def s47(self, start: str, icpc: str = "", target: str = "", not_required: str = "false") -> Episode:
        self.enquiries.append((start, icpc, target, not_required))
        return self

    def plan(self, start: str, end: str = "", **options) -> Plan:
        plan = Plan(start, end, **options)
        self.plans.append(plan)
        return plan

    def xml(self) -> str:
        parts = [f"<CINreferralDate>{self.referral}</CINreferralDate>", "<ReferralSource>1A</ReferralSource>",
                 "<PrimaryNeedCode>N1</PrimaryNeedCode>"]
        if self.icpc:
            parts.append(f"<DateOfInitialCPC>{self.icpc}</DateOfInitialCPC>")
        parts.append("<ReferralNFA>false</ReferralNFA>")
        for start, icpc, target, not_required in self.enquiries:
            inner = f"<S47ActualStartDate>{start}</S47ActualStartDate>"
            inner += f"<InitialCPCtarget>{target}</InitialCPCtarget>" if target else ""
            inner += f"<DateOfInitialCPC>{icpc}</DateOfInitialCPC>" if icpc else ""
            inner += f"<ICPCnotRequired>{not_required}</ICPCnotRequired>"
            parts.append(f"<Section47>{inner}</Section47>")
        parts += [plan.xml() for plan in self.plans]
        return "<CINdetails>\n" + "\n".join(parts) + "\n</CINdetails>"


@dataclass
class Child:
    child_id: str
    born: str = "2015-06-01"
    expected: str = ""
    sex: str = ""
    gender: str = "1"
    ethnicity: str = "WBRI"
    episodes: list[Episode] = field(default_factory=list)

    def episode(self, referral: str = "2023-01-10", icpc: str = "") -> Episode:
        episode = Episode(referral, icpc)
        self.episodes.append(episode)
        return episode

    def xml(self) -> str:
        ids = [f"<LAchildID>{self.child_id}</LAchildID>", "<UPN>A999123456789</UPN>"]
        ids += [f"<PersonBirthDate>{self.born}</PersonBirthDate>"] if self.born else []
        ids += [f"<ExpectedPersonBirthDate>{self.expected}</ExpectedPersonBirthDate>"] if self.expected else []
        ids += [f"<Sex>{self.sex}</Sex>"] if self.sex else [f"<GenderCurrent>{self.gender}</GenderCurrent>"] if self.gender else []
        body = [
            "<ChildIdentifiers>\n" + "\n".join(ids) + "\n</ChildIdentifiers>",
            f"<ChildCharacteristics><Ethnicity>{self.ethnicity}</Ethnicity></ChildCharacteristics>",
            *(episode.xml() for episode in self.episodes),
        ]
        return "<Child>\n" + "\n".join(body) + "\n</Child>"


class Census:
    """One year's census, built child by child and written as XML."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.children: list[Child] = []

    def child(self, child_id: str = "", **options) -> Child:
        child = Child(child_id or f"TEST{len(self.children) + 1:04d}", **options)
        self.children.append(child)
        return child

    def text(self) -> str:
        header = ("<Header><CollectionDetails><Collection>CIN</Collection><Year>2025</Year>"
                  "<ReferenceDate>2025-03-31</ReferenceDate></CollectionDetails></Header>")
        children = "\n".join(child.xml() for child in self.children)
        return f"<?xml version='1.0' encoding='utf-8'?>\n<Message>\n{header}\n<Children>\n{children}\n</Children>\n</Message>\n"

    def write(self, name: str = "census.xml") -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / name
        path.write_text(self.text(), encoding="utf-8")
        return path

    def read(self, year_ending: int = 2025) -> CinCensus:
        return read_cin(self.write(), year_ending)

    def figures(self, year_ending: int = 2025, population: int | None = None) -> ChildProtection:
        return compute_child_protection(self.read(year_ending), year_ending, population)


@pytest.fixture
def census(tmp_path: Path) -> Census:
    """Return an empty census to fill."""
    return Census(tmp_path / "cin")
