"""The content of a report, as validated from its YAML files: council profile, report, sections, covering report."""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from report_builder.content.blocks import AnyBlock, Unnumbered

CoveringText = str | Unnumbered
"""A paragraph of the covering report: numbered text, or `unnumbered: text` following on from the one before."""


def text_of(item: CoveringText) -> str:
    """Return the text of a covering-report paragraph, numbered or not."""
    return item.unnumbered if isinstance(item, Unnumbered) else item

HEX_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")

DEFAULT_COVERING_HEADINGS = [
    "Purpose",
    "Recommendations",
    "Background",
    "Finance",
    "Law",
    "Equality Impact",
    "Human Resources/Organisational Development",
    "Commercial/Procurement",
    "Health, Wellbeing and Safety",
]

HANDBOOK_MATTERS: dict[str, str] = {
    "dispute_resolution": "the procedures for resolving concerns, including the local dispute resolution process",
    "service_development": "the development of the IRO service, including caseloads, continuity of IROs and their profile",
    "participation": "the extent of participation of children and their families",
    "review_timeliness": "the number of reviews held within statutory timescales",
    "resources": "whether resource issues put at risk the delivery of a quality service to all looked-after children",
    "sibling_contact": "sibling contact (local procedures)",
    "child_protection": "the child protection conferences the IROs chair, where they chair them (Working Together 2023)",
}
"""What paragraph 7.11 of the IRO Handbook (and local procedures) expect the annual report to cover.

`child_protection` is expected only of a report that has a CIN census (its IROs chair conferences)."""
ONLY_WITH_CIN = ("child_protection",)


class Strict(BaseModel):
    """A content model: unknown keys are errors, values are read-only once loaded."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Colours(Strict):
    """The council's colours, as #RRGGBB."""

    primary: str = Field("#1F4E79", description="Headings and the cover.")
    accent: str = Field("#2E75B6", description="Rules and highlights.")
    chart: list[str] = Field(default_factory=list, description="Chart series colours; empty for the default palette.")

    @field_validator("primary", "accent")
    @classmethod
    def _hex(cls, value: str) -> str:
        if not HEX_COLOUR.match(value):
            raise ValueError(f"expected a colour like #1F4E79, got {value!r}")
        return value

    @field_validator("chart")
    @classmethod
    def _hex_list(cls, values: list[str]) -> list[str]:
        bad = [v for v in values if not HEX_COLOUR.match(v)]
        if bad:
            raise ValueError(f"expected colours like #1F4E79, got {', '.join(map(repr, bad))}")
        return values


class Templates(Strict):
    """Which Word templates to fill: 'default' or a .docx path inside the report folder."""

    annual_report: str = "default"
    covering_report: str = "default"


class CouncilProfile(Strict):
    """What stays the same for a council from year to year: its name, headings, style and templates."""

    name: str = Field(description="The council's full name, e.g. Northbridge City Council.")
    short_name: str = Field(description="The name used in tables and charts, e.g. Northbridge.")
    directorate: str = Field("Children's Services", description="The directorate the service sits in.")
    paragraph_numbering: Literal["section", "continuous", "none"] = Field(
        "section", description="section: 1.1, 1.2 under heading 1; continuous: 1, 2, 3 through the report."
    )
    covering_headings: list[str] = Field(
        default_factory=lambda: list(DEFAULT_COVERING_HEADINGS),
        description="The covering report's headings, in order; the rest of covering.yaml's implications follow.",
    )
    purpose_heading: str = Field("Purpose", description="The heading under which covering.yaml's purpose goes.")
    recommendations_heading: str = Field("Recommendations", description="The heading for the recommendations.")
    background_heading: str = Field("Background", description="The heading for the background summary.")
    colours: Colours = Field(default_factory=Colours)
    font: str | None = Field(None, description="Chart font; None to use the template's body font.")
    templates: Templates = Field(default_factory=Templates)
    chart_tables: Literal["annex", "below", "none"] = Field(
        "annex", description="Where each chart's figures go as a table: annex (an annex 'Data for the figures' at "
        "the end, each chart pointing to its table), below (under the chart) or none.")
    list_of_figures: bool = Field(False, description="List figures and tables after the contents.")
    date_style: Literal["plain", "ordinal"] = Field(
        "plain", description="plain: 11 November 2020; ordinal: 11th November 2020 (in the covering report).")
    sex_labels: Literal["boys and girls", "male and female"] = Field(
        "boys and girls", description="How charts, tables and the text name children's sex.")

    @field_validator("chart_tables", mode="before")
    @classmethod
    def _chart_tables_as_before(cls, value: object) -> object:
        """Read the older true/false spelling: true was a table below each chart, false none."""
        if isinstance(value, bool):
            return "below" if value else "none"
        return value

    @field_validator("covering_headings")
    @classmethod
    def _unique(cls, headings: list[str]) -> list[str]:
        if len(set(headings)) != len(headings):
            raise ValueError("a heading is listed twice")
        return headings

    @model_validator(mode="after")
    def _fixed_headings_listed(self) -> CouncilProfile:
        missing = [h for h in self.fixed_headings().values() if h not in self.covering_headings]
        if missing:
            raise ValueError(f"covering_headings must include {', '.join(repr(h) for h in missing)}")
        return self

    def fixed_headings(self) -> dict[str, str]:
        """Return the covering.yaml key whose text goes under each fixed heading, by key."""
        return {"purpose": self.purpose_heading, "recommendations": self.recommendations_heading,
                "background": self.background_heading}

    def implication_headings(self) -> list[str]:
        """Return the covering headings whose text comes from covering.yaml's implications."""
        fixed = set(self.fixed_headings().values())
        return [heading for heading in self.covering_headings if heading not in fixed]


class Person(Strict):
    """Someone named in the papers."""

    name: str
    role: str


class ContactOfficer(Person):
    """The officer members can contact about the report."""

    telephone: str
    email: str

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        if not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", value):
            raise ValueError(f"expected an email address like name@council.gov.uk, got {value!r}")
        return value


class DocumentControl(Strict):
    """The document control block on the annual report's cover (as seed 004)."""

    date_agreed: date
    agreed_by: str
    security_classification: str = "OFFICIAL"
    version: str = "1.0"
    public: bool = Field(True, description="A public paper: counts from 1 to 5 in breakdowns are suppressed.")


class Committee(Strict):
    """The meeting the papers go to."""

    name: str
    meeting_date: date
    agenda_item: str | int | None = Field(None, description="The item's number on the agenda; leave empty if "
                                          "not known yet.")


class DataSources(Strict):
    """Where the figures come from, relative to the report folder."""

    ssda903: str | None = Field(None, description="Folder of SSDA903 CSVs.")
    statistics: str | None = Field("statistics.yaml", description="Aggregate figures and inputs the 903 cannot give.")
    comparators: str | None = Field(None, description="CSV of comparator figures.")
    cin: str | None = Field(None, description="The CIN census: an XML file, its CSV tables, or a folder of one per year "
                                              "(only where the IROs chair child protection conferences).")


class ReportMeta(Strict):
    """report.yaml: one year's report."""

    title: str = "Independent Reviewing Officer Annual Report"
    service: str
    year_ending: int = Field(ge=2000, le=2100, description="The year the reporting year ends: 2025 for 2024/25.")
    author: Person
    document_control: DocumentControl
    committee: Committee
    council_profile: str = Field("council.yaml", description="The council profile file.")
    data: DataSources = Field(default_factory=DataSources)
    sections: list[str] = Field(min_length=1, description="Section files in sections/, in order, without .yaml.")
    extra_appendices: list[Appendix] = Field(default_factory=list)


class Appendix(Strict):
    """A further appendix (for example an action plan) to list and include in the agenda pack."""

    title: str
    file: str | None = None


class Section(Strict):
    """One narrative section of the annual report."""

    title: str
    covers: list[Literal[tuple(HANDBOOK_MATTERS)]] = Field(  # type: ignore[valid-type]
        default_factory=list, description="The IRO Handbook matters this section addresses."
    )
    guidance: str | None = Field(None, description="Notes for the author; never printed.")
    body: list[AnyBlock] = Field(min_length=1)


class Covering(Strict):
    """covering.yaml: the covering committee report's own content."""

    report_of: str = Field(description="e.g. Director of Children's Services (printed after 'Report of the').")
    title: str | None = Field(None, description="The covering report's title; defaults to the annual report's "
                              "title and period.")
    appendix_title: str | None = Field(None, description="How the appendices list the annual report (after '1 – "
                                       "'); defaults to its title and period.")
    purpose: list[CoveringText] = Field(min_length=1)
    recommendations_intro: str = "It is recommended that:"
    recommendations: list[str] = Field(min_length=1)
    background: list[CoveringText] = Field(min_length=1)
    implications: dict[str, list[CoveringText]] = Field(default_factory=dict)
    signature: Person
    contact_officer: ContactOfficer
    resolution: str | None = Field(None, description="The minute's resolution; defaults from the recommendation.")


ReportMeta.model_rebuild()
