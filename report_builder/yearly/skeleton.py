"""The standard sections of an IRO annual report, each with guidance on what to write.

The order and the matters each covers follow the IRO Handbook (paragraph 7.11) and the reports councils
publish: purpose and law, the service, the children, performance, challenge, feedback, last year's
priorities, what is working and what worries us, resources, and next year's priorities.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StandardSection:
    """A section a report usually has: its file name, title, the Handbook matters it covers, and guidance."""

    name: str
    title: str
    covers: tuple[str, ...]
    guidance: str


BODY_TO_WRITE = "[Write this section here, in place of this text in square brackets. The guidance above says what it needs.]"
"""A prompt: a text wholly in square brackets, which `check` and `build` refuse to publish."""

STANDARD_SECTIONS: tuple[StandardSection, ...] = (
    StandardSection("purpose", "Purpose of the report", (), (
        "Say what the report is for and who reads it: the manager of the IRO service reports each year to "
        "elected members (IRO Handbook 7.11), identifying good practice and issues for further development, "
        "including where urgent action is needed.")),
    StandardSection("legal_context", "The legal context and the role of the IRO", (), (
        "Set out the law in plain words: sections 25A to 25C of the Children Act 1989, the Care Planning, "
        "Placement and Case Review (England) Regulations 2010 and the IRO Handbook. Say what an IRO does: "
        "chairs each child's reviews, monitors the plan between reviews and challenges drift and delay.")),
    StandardSection("the_service", "The Independent Reviewing Service", ("service_development",), (
        "Describe where the service sits and its governance, then staffing: establishment, IROs in post (people "
        "and FTE), agency cover, vacancies, starters and leavers; the make-up of the team without naming anyone; "
        "caseloads per full-time IRO against the Handbook's 50 to 70; how many children changed IRO. The "
        "Handbook (7.11) asks for the development of the service, including caseloads, continuity and the IROs' "
        "profile.")),
    StandardSection("profile", "The children in our care", (), (
        "Give the number of children in care at 31 March over five years, the rate per 10,000 against "
        "statistical neighbours and England, starters and leavers, and the children's age, sex, ethnicity, "
        "legal status and placements, using charts and tables from the catalogue and placeholders for figures.")),
    StandardSection("review_timeliness", "Timeliness of reviews", ("review_timeliness",), (
        "Report reviews held and on time (first, second and later), with the trend, the reasons reviews were "
        "late and what is being done. The Handbook (7.11) asks for the number of reviews held within "
        "statutory timescales. Use placeholders such as {{ reviews.on_time_pct }} for every figure.")),
    StandardSection("participation", "Children's and families' participation", ("participation",), (
        "Say how children took part in their reviews (the PN codes), how parents and carers were involved, and "
        "what the service did to help. The Handbook (7.11) asks for the extent of participation of children "
        "and their families.")),
    StandardSection("challenge", "IRO challenge and dispute resolution", ("dispute_resolution",), (
        "Describe the local dispute resolution process (stages and timescales), the informal and formal "
        "challenges by reason and outcome, and anonymised examples of the difference challenge made. The "
        "Handbook (7.11) asks for the procedures for resolving concerns, including the local dispute "
        "resolution process.")),
    StandardSection("siblings", "Brothers and sisters", ("sibling_contact",), (
        "Say how IROs check that brothers and sisters live together where they can, and spend time together "
        "when they live apart, and what the service found. Local procedures ask for sibling contact.")),
    StandardSection("feedback", "What children, families and carers told us", ("participation",), (
        "Report what children, parents and carers said: the Children in Care Council, surveys (with response "
        "numbers), compliments and complaints, and short quotes given with permission, and what changed "
        "because of them.")),
    StandardSection("progress", "Progress against last year's priorities", ("service_development",), (
        "List each priority from last year's report, word for word, and say what happened: done, partly done "
        "or not done, with the evidence. Say whether an unmet priority carries forward.")),
    StandardSection("successes", "What is working well", (), (
        "Say what has gone well this year, with evidence, in the words of the Signs of Safety framework if the "
        "council uses it. The Handbook (7.11) asks the report to identify good practice.")),
    StandardSection("worries", "What we are worried about", (), (
        "Say honestly what worries the service and why, and where urgent action is needed. The Handbook (7.11) "
        "asks the report to identify issues for further development.")),
    StandardSection("resources", "Resources", ("resources",), (
        "Say whether the service has the resources to give every child in care a quality service: caseloads, "
        "vacancies, administrative support, systems. The Handbook (7.11) asks whether resource issues put that "
        "at risk.")),
    StandardSection("priorities", "Priorities for next year", ("service_development",), (
        "List four to six priorities for next year, each a short title and a sentence on what will be done and "
        "how success will be measured. Next year's report will say what happened to each.")),
)


def section_yaml(section: StandardSection) -> str:
    """Return the YAML of a standard section: title, what it covers, guidance and a body to replace."""
    from report_builder.yearly.yaml_edit import emit_scalar

    lines = [f"title: {emit_scalar(section.title, 2, 7, block=False)}"]
    if section.covers:
        lines.append(f"covers: [{', '.join(section.covers)}]")
    lines.append(f"guidance: {emit_scalar(section.guidance, 2, 10, block=True)}")
    lines.append("body:")
    if section.name == "priorities":
        lines += ["  - \"In the coming year the service will focus on these priorities:\"", "  - priorities:",
                  "      - priority: \"[Write the first priority's short title here]\"",
                  "        detail: \"[Say what will be done and how we will know it has worked.]\""]
    else:
        lines.append(f"  - {emit_scalar(BODY_TO_WRITE, 4, 4, block=False)}")
    return "\n".join(lines) + "\n"


def report_yaml(year_ending: int, sections: list[str]) -> str:
    """Return a first report.yaml for the year, listing the sections in order."""
    listed = "\n".join(f"  - {name}" for name in sections)
    return f"""# One year's IRO annual report. Dates are written YYYY-MM-DD. Replace every value marked 'change', and
# every text in square brackets: the papers are not built for publishing while one is left.
title: Independent Reviewing Officer Annual Report
service: Independent Reviewing Service
year_ending: {year_ending}            # the reporting year 1 April {year_ending - 1} to 31 March {year_ending}
author:
  name: "[Name of the author]"
  role: "[Role of the author, e.g. Head of the IRO service]"
document_control:
  date_agreed: {year_ending}-06-30     # change: the date the report was agreed
  agreed_by: Children's Services Senior Leadership Team
  security_classification: OFFICIAL
  version: "1.0"
  public: true               # a public paper: small counts are suppressed
committee:
  name: Children's Services Scrutiny Committee
  meeting_date: {year_ending}-07-15    # change: the date of the meeting
  agenda_item: 1             # change
council_profile: council.yaml
data:
  ssda903: data/ssda903      # the SSDA903 export: one folder per collection year
  statistics: statistics.yaml
sections:
{listed}
"""


COUNCIL_YAML = """# The council profile: what stays the same from year to year. Replace every value marked 'change'.
name: "[Name of the council, e.g. Northbridge City Council]"
short_name: Council               # change, e.g. Northbridge
directorate: Children's Services
# section: paragraphs numbered 1.1, 1.2 under each heading; continuous: 1, 2, 3 through the report
paragraph_numbering: section
"""

COVERING_YAML = """# The covering report to the committee. Headings come from council.yaml; paragraphs are numbered
# 1, 2, 3 through the report (write "- unnumbered: text" for one that follows on without a number).
# Figures come from placeholders such as {{ reviews.held }}. Replace every text in square brackets.
report_of: Director of Children's Services
# title: the report's title (default: the annual report's title and period)
# appendix_title: how the appendices list the annual report, e.g. IRO Annual Report 1st April 2024 to 31st March 2025
purpose:
  - >-
    Section 7.11 of the IRO Handbook requires the manager of the IRO service to produce an annual report
    for the scrutiny of elected members. The report attached at Appendix 1 meets that requirement for
    {{ period.long_label }}.
recommendations:
  - The Committee note and comment on the content of this report.
background:
  - "[Summarise the annual report here: what it shows, strengths, areas to develop and key figures.]"
implications:
  Finance:
    - There are no financial implications arising from this report.
  Law:
    - There are no legal implications arising from this report.
  Equality Impact:
    - "[Say how the report considers children from every community.]"
  Human Resources/Organisational Development:
    - There are no human resources implications arising from this report.
  Commercial/Procurement:
    - There are no commercial or procurement implications arising from this report.
  Health, Wellbeing and Safety:
    - "[Say how good care planning supports children's health and wellbeing.]"
signature:
  name: "[Name of the Director]"
  role: Director of Children's Services
contact_officer:
  name: "[Name of the contact officer]"
  role: "[Role of the contact officer]"
  telephone: "[Telephone number]"
  email: name@council.gov.uk        # change
"""


def statistics_yaml(year_ending: int) -> str:
    """Return a statistics.yaml with the inputs the SSDA903 return cannot give, to fill in."""
    return f"""# Figures the SSDA903 return cannot give. Type counts only: percentages and rates are worked out.
# With no SSDA903 export, give here the year's figures you have as well (children looked after,
# reviews, participation, …), each optional, and remove ssda903: from report.yaml:
# content/example-aggregates/statistics.yaml shows every one.
year_ending: {year_ending}
population_0_17:          # ONS mid-year estimate, children aged 0 to 17 (change)
  {year_ending}: 50000
disputes:
  informal: {{}}            # reason: count, for example "Delay in permanence planning: 12"
  formal: {{}}
iro_service:
  fte: 1.0                # change: IROs in post, full-time equivalent
  establishment_fte: 1.0  # change
  headcount: 1            # change
"""


DATA_README = """Put this year's SSDA903 export here, one folder per collection year named by the year in which
it ends (for example 2025 for 2024/25), each holding header.csv, episodes.csv, reviews.csv and uasc.csv.
Earlier years give the trends over five years.
"""
