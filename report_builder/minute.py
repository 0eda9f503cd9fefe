"""The draft minute for committee services: what the report covered, its key figures, the resolution.

Written in the style committees minute these reports: who presented what, the areas the report covered,
the key figures with last year's beside them, space for the discussion, and the resolution. Every figure
is a statistic's formatted value, never typed, so the minute cannot disagree with the papers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path

from report_builder.compose.inline import clean_text, plain_text
from report_builder.formatting import format_date
from report_builder.load import Report
from report_builder.placeholders import PlaceholderProblem, Placeholders
from report_builder.statistics.model import Statistics
from report_builder.statistics.vocabulary import Value, values

NOTED = "Resolved – That the report be noted."
COMPARISON_LABELS = {"statistical_neighbours": "statistical neighbours", "region": "the region", "england": "England"}
DISCUSSION = "[Record here the questions members asked, the answers given and any actions agreed.]"


@dataclass(frozen=True)
class Line:
    """One line of the minute: a heading, a paragraph or a bullet."""

    text: str
    kind: str = "paragraph"


@dataclass(frozen=True)
class Minute:
    """A draft minute, line by line."""

    title: str
    lines: list[Line]

    def as_text(self) -> str:
        """Return the minute as plain text, bullets marked with '•'."""
        shown = [("• " if line.kind == "bullet" else "") + line.text for line in self.lines]
        return "\n\n".join([self.title, *shown]) + "\n"


def draft_minute(report: Report, stats: Statistics) -> Minute:
    """Return the draft minute of the report's item, every figure from the statistics."""
    meta, covering = report.meta, report.covering
    figures = values(stats, meta.document_control.public)
    title = f"{meta.title} {stats.period.long_label}"
    lines = [
        Line(f"{meta.committee.name} – {format_date(meta.committee.meeting_date)} – agenda item "
             f"{meta.committee.agenda_item}", "heading"),
        Line(f"The {covering.report_of} submitted a report presenting the {title}. A copy of the annual report "
             "was attached at Appendix 1."),
        Line("The report provided details on the following areas:"),
        *[Line(text, "bullet") for text in section_titles(report, figures)],
        Line("Key figures were outlined, which included:"),
        *[Line(text, "bullet") for text in key_figures(stats, figures)],
        Line("The Chair invited questions from the Committee and a discussion on the following issues ensued:"),
        Line(DISCUSSION, "bullet"),
        Line(resolution(report)),
    ]
    return Minute(f"{title} – draft minute", lines)


def section_titles(report: Report, figures: dict[str, Value]) -> list[str]:
    """Return the sections' titles as printed (placeholders resolved)."""
    placeholders = Placeholders(figures)
    titles = []
    for loaded in report.sections:
        try:
            titles.append(plain_text(placeholders.render(clean_text(loaded.section.title))))
        except PlaceholderProblem:
            titles.append(plain_text(clean_text(loaded.section.title)))
    return titles


def key_figures(stats: Statistics, figures: dict[str, Value]) -> list[str]:
    """Return the key figures as sentences, each with last year's figure where there is one.

    A figure not available is left out, with the words that go with it; each percentage says
    whether it counts reviews or children.
    """
    def f(name: str) -> str | None:
        value = figures.get(name)
        return None if value is None or value.value is None else str(value)

    year, last = stats.period.label, f("previous.label")

    def then(name: str, words: str = "") -> str:
        """Return ' (X in last year)' when last year's figure is there."""
        return f" ({f(name)}{words} in {last})" if f(name) else ""

    sentences = [
        _children_looked_after(stats, f),
        _with(f"{f('cla.rate_per_10k')} children in care per 10,000 children{_comparators(figures)}",
              f("cla.rate_per_10k")),
        _starters_leavers(f, year, last),
        _with(f"{f('reviews.held')} reviews were held in {year}{then('previous.reviews_held')}"
              + (f", and {f('reviews.on_time_pct')} of reviews were held within statutory timescales"
                 f"{then('previous.reviews_on_time_pct')}" if f("reviews.on_time_pct") else ""),
              f("reviews.held")),
        _with(f"{f('reviews.all_on_time_pct')} of children looked after for 28 days or more at 31 March "
              f"({f('reviews.children_all_on_time')} of {f('reviews.children_eligible')} children) had all their "
              "reviews on time", f("reviews.all_on_time_pct")),
        _with(f"Children aged 4 and over took part in {f('participation.pct')} of their reviews"
              f"{then('previous.participation_pct')}", f("participation.pct")),
        _with(f"{f('participation.children_pct')} of children ({f('participation.children_participated')} of "
              f"{f('participation.children_eligible')} children with a review) took part in every review they had",
              f("participation.children_pct")),
        _with(f"IROs raised {f('disputes.formal_total')} formal disputes and {f('disputes.informal_total')} "
              "informal challenges", f("disputes.total") if stats.disputes.total else None),
        _with(f"The average caseload was {f('iro.caseload_per_fte')} children per full-time IRO, against the "
              f"IRO Handbook's suggested {f('iro.caseload_low')} to {f('iro.caseload_high')}",
              f("iro.caseload_per_fte")),
        *(child_protection_figures(stats, figures) if stats.cp is not None else []),
    ]
    return [sentence for sentence in sentences if sentence]


def child_protection_figures(stats: Statistics, figures: dict[str, Value]) -> list[str | None]:
    """Return the child protection key figures (only for a report with a CIN census)."""
    def f(name: str) -> str | None:
        value = figures.get(name)
        return None if value is None or value.value is None else str(value)

    cp = stats.cp
    year, last = stats.period.label, cp.trend[-1].label if cp is not None and cp.trend else None
    rate = f("comparators.statistical_neighbours.cp.plans.rate_per_10k")
    return [
        _with(f"{f('cp.plans.at_end')} children were subject to a child protection plan at 31 March "
              f"{stats.period.year_ending}, compared with {f('cp.plans.at_start')} a year earlier; "
              f"{f('cp.plans.rate_per_10k')} per 10,000 children" +
              (f", compared with {rate} for statistical neighbours" if rate else ""),
              f("cp.plans.at_end"), f("cp.plans.rate_per_10k")),
        _with(f"The chairs held {f('cp.icpc.held')} initial and {f('cp.rcpc.held')} review child protection "
              f"conferences in {year}; {f('cp.icpc.on_time_pct')} of initial conferences were within 15 working "
              "days" + (f" ({f('cp.previous.icpc_on_time_pct')} in {last})" if f("cp.previous.icpc_on_time_pct") else "") +
              f" and {f('cp.rcpc.on_time_pct')} of review conferences were on time" +
              (f" ({f('cp.previous.rcpc_on_time_pct')} in {last})" if f("cp.previous.rcpc_on_time_pct") else ""),
              f("cp.icpc.on_time_pct"), f("cp.rcpc.on_time_pct")),
        _with(f"{f('cp.plans.second_or_subsequent_pct')} of plans started were second or subsequent plans, and "
              f"{f('cp.plans.ended_2_years_plus_pct')} of plans that ended had lasted two years or more",
              f("cp.plans.second_or_subsequent_pct"), f("cp.plans.ended_2_years_plus_pct")),
    ]


def _children_looked_after(stats: Statistics, f: Callable[[str], str | None]) -> str | None:
    """Return the children looked after at 31 March, with the year before and the change when given."""
    at_end = f("cla.at_end")
    if at_end is None:
        return None
    sentence = f"{at_end} children were looked after at 31 March {stats.period.year_ending}"
    if f("cla.at_start") is not None and stats.cla.change is not None:
        sentence += (f", compared with {f('cla.at_start')} a year earlier ({_direction(stats.cla.change)} of "
                     f"{abs(stats.cla.change):,})")
    return sentence + "."


def _starters_leavers(f: Callable[[str], str | None], year: str, last: str | None) -> str | None:
    """Return the children who started and ceased to be looked after (either, when only one is given)."""
    started, ceased = f("started.total"), f("ceased.total")
    if started and ceased:
        earlier = (f", compared with {f('previous.started')} and {f('previous.ceased')} in {last}"
                   if f("previous.started") and f("previous.ceased") else "")
        return f"{started} children started to be looked after and {ceased} ceased to be looked after in {year}" \
            f"{earlier}."
    if started:
        return f"{started} children started to be looked after in {year}."
    return f"{ceased} children ceased to be looked after in {year}." if ceased else None


def _with(sentence: str, *needed: str | None) -> str | None:
    """Return the sentence ended with a full stop, or None when a figure it needs is missing."""
    if any(value is None for value in needed) or "None" in sentence:
        return None
    return sentence + "."


def _direction(change: int) -> str:
    """Return 'an increase', 'a decrease' or 'a change' for a signed change."""
    return "an increase" if change > 0 else "a decrease" if change < 0 else "a change"


def _comparators(figures: dict[str, Value]) -> str:
    """Return ', compared with … for statistical neighbours, … for the region and … for England', where published,
    each with the 31 March it is for when that is an earlier year's (the latest release is often last year's)."""
    parts = []
    this_year = figures["period.year_ending"].value
    for area, label in COMPARISON_LABELS.items():
        value = figures.get(f"comparators.{area}.cla.rate_per_10k")
        if value is not None and value.value is not None:
            year = figures[f"comparators.{area}.cla.rate_per_10k_year"].value
            parts.append(f"{value} for {label}" + (f" (at 31 March {year})" if year != this_year else ""))
    if not parts:
        return ""
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f", compared with {listed}"


def resolution(report: Report) -> str:
    """Return the resolution: the covering report's own, the recommendation as written, or 'noted'."""
    covering = report.covering
    if covering.resolution:
        text = clean_text(covering.resolution)
        return text if text.lower().startswith("resolved") else f"Resolved – {text}"
    recommendations = [clean_text(r) for r in covering.recommendations]
    if len(recommendations) == 1 and re.search(r"\bnote\b", recommendations[0], re.IGNORECASE):
        return NOTED
    return "Resolved – " + "; ".join(_as_resolution(r) for r in recommendations)


def _as_resolution(recommendation: str) -> str:
    """Return a recommendation as a resolution clause: 'That the Committee …'."""
    text = recommendation.rstrip(".")
    return text if text.lower().startswith("that ") else f"That {text[:1].lower()}{text[1:]}"


def write_minute(minute: Minute, report: Report, folder: Path, stem: str) -> list[Path]:
    """Write the minute as .docx and .txt in folder, each atomically; return the paths.

    Raises PublishError when a file cannot be written.
    """
    from docx import Document

    from report_builder.files import prepare_folder, write_file
    from report_builder.word.package import save_docx
    from report_builder.word.properties import set_properties

    prepare_folder(folder)
    document = Document()
    document.add_paragraph(minute.title, style="Title")
    for line in minute.lines:
        style = {"heading": "Heading 1", "bullet": "List Bullet"}.get(line.kind)
        document.add_paragraph(line.text, style=style)
    created = datetime.combine(report.meta.committee.meeting_date, time(9, 0))
    set_properties(document, title=minute.title, subject=report.meta.committee.name,
                   author="Committee services", keywords="minute; Independent Reviewing Officer", created=created)
    docx, text = folder / f"{stem} - draft minute.docx", folder / f"{stem} - draft minute.txt"
    save_docx(document, docx)
    write_file(text, minute.as_text().encode("utf-8"))
    return [docx, text]
