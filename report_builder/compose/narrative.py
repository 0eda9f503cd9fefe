"""Write a report's narrative sections into a Word document, block by block, in the template's styles."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from docx.document import Document as DocumentObject
from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from report_builder.compose.inline import add_inline, clean_text
from report_builder.content import blocks as b
from report_builder.content.validation import suggest
from report_builder.errors import Problem
from report_builder.exhibits import Cell, Chart, DataTable
from report_builder.load import LoadedSection
from report_builder.yamlsource import PathKey, SourceMap
from report_builder.word._xml import add_styled_paragraph
from report_builder.word.lists import restart_numbering
from report_builder.word.numbering import leave_unnumbered
from report_builder.word.pictures import add_chart, add_chart_data
from report_builder.word.sections import end_landscape_section, start_landscape_section
from report_builder.word.tables import add_data_table

PROGRESS_TITLE = "Progress against last year's priorities"
PROGRESS_COLUMNS = ("Last year's priority", "What happened")
PROGRESS_NOT_WRITTEN = "Progress not yet written."
"""What the progress table shows for a priority whose progress is still to be written."""

Render = Callable[[str, SourceMap, PathKey], str]
"""Resolve placeholders in a text at a position (recording problems), returning the text to print."""


@dataclass
class Exhibits:
    """The charts drawn for this build and the statistical tables, by name."""

    charts: dict[str, Chart]
    tables: dict[str, DataTable]
    unavailable: dict[str, str] = field(default_factory=dict)


@dataclass
class Numbers:
    """Figure and table numbers, assigned in reading order before writing so references can look ahead."""

    figures: dict[str, int] = field(default_factory=dict)
    tables: dict[str, int] = field(default_factory=dict)
    narrative_tables: dict[tuple[str, int], int] = field(default_factory=dict)
    placed: dict[str, b.ChartRef] = field(default_factory=dict)
    """The block that places each chart (the first, when one is placed twice)."""

    @classmethod
    def assign(cls, sections: list[LoadedSection], exhibits: Exhibits) -> Numbers:
        """Return the numbers of every chart and table placed in the sections, in order."""
        numbers = cls()
        table_count = 0
        for loaded in sections:
            for index, block in enumerate(loaded.section.body):
                if isinstance(block, b.ChartRef) and block.chart in exhibits.charts:
                    numbers.figures.setdefault(block.chart, len(numbers.figures) + 1)
                    numbers.placed.setdefault(block.chart, block)
                elif isinstance(block, b.StatisticsTable) and block.statistics_table in exhibits.tables:
                    table_count += 1
                    numbers.tables.setdefault(block.statistics_table, table_count)
                elif isinstance(block, (b.Table, b.Progress)):
                    table_count += 1
                    numbers.narrative_tables[(loaded.name, index)] = table_count
        return numbers


ANNEX_TITLE = "Data for the figures"
ANNEX_INTRO = "The figures shown in each chart of the report, for readers who cannot see the charts."


def chart_table_mode(block: b.ChartRef, profile: str) -> str:
    """Return where a chart's figures go as a table: 'annex', 'below' or 'none' (with_table: true puts them
    below the chart, false nowhere, unset as the council profile says)."""
    if block.with_table is None:
        return profile
    return "below" if block.with_table else "none"


def data_bookmark(name: str) -> str:
    """Return the bookmark of a chart's data table in the annex."""
    return f"_Ref_dat_{name}"[:40]


def figure_bookmark(name: str) -> str:
    """Return the bookmark of a chart's caption."""
    return f"_Ref_fig_{name}"[:40]


def table_bookmark(name: str) -> str:
    """Return the bookmark of a statistical table's caption."""
    return f"_Ref_tab_{name}"[:40]


class NarrativeWriter:
    """Appends sections to a document: headings, numbered paragraphs, lists, quotes, tables, charts."""

    def __init__(self, document: DocumentObject, render: Render, exhibits: Exhibits, numbers: Numbers,
                 numbering: str, chart_tables: str | bool):
        self.document = document
        self.render = render
        self.exhibits = exhibits
        self.numbers = numbers
        self.numbering = numbering
        self.chart_tables = chart_tables if isinstance(chart_tables, str) else ("below" if chart_tables else "none")
        self.annex: list[tuple[Chart, int]] = []
        """Charts whose figures go in the annex, with their figure numbers, in order."""
        self.problems: list[Problem] = []

    def section(self, loaded: LoadedSection) -> None:
        """Append one section: its numbered heading and its blocks."""
        self.start_section(self.render(clean_text(loaded.section.title), loaded.source, ("title",)))
        for index, block in enumerate(loaded.section.body):
            self.block(block, loaded, index)

    def start_section(self, title: str, numbered: bool = True) -> None:
        """Append a section's level-1 heading (numbered by Word when paragraphs are numbered by section)."""
        paragraph = self.heading(title, 1)
        if not numbered and self.numbering == "section":
            leave_unnumbered(paragraph, align_with_text=False)

    def heading(self, text: str, level: int) -> Paragraph:
        """Append a heading in the template's heading style, kept with what follows it."""
        paragraph = add_styled_paragraph(self.document, f"Heading {level}", text)
        paragraph.paragraph_format.keep_with_next = True
        return paragraph

    def paragraph(self, text: str, numbered: bool = True) -> None:
        """Append a body paragraph, numbered by Word in the council's style (or following on unnumbered)."""
        if self.numbering == "none":
            self.note(text)
            return
        paragraph = add_styled_paragraph(self.document, "Numbered Paragraph")
        if not numbered:
            leave_unnumbered(paragraph)
        add_inline(paragraph, text)

    def note(self, text: str) -> None:
        """Append a plain paragraph, never numbered (the end matter's)."""
        add_inline(self.document.add_paragraph(), text)

    def block(self, block: b.Block, loaded: LoadedSection, index: int) -> None:
        """Append one block of a section."""
        at: PathKey = ("body", index)

        def text(value: str, *path: object) -> str:
            return self.render(clean_text(value), loaded.source, (*at, *path))

        if isinstance(block, b.Paragraph):
            self.paragraph(text(block.text))
        elif isinstance(block, b.Unnumbered):
            self.paragraph(text(block.unnumbered, "unnumbered"), numbered=False)
        elif isinstance(block, b.Heading):
            self.heading(text(block.heading, "heading"), 2)
        elif isinstance(block, (b.Bullets, b.Numbered)):
            items = block.bullets if isinstance(block, b.Bullets) else block.numbered
            key = "bullets" if isinstance(block, b.Bullets) else "numbered"
            self.list_items([text(item, key, i) for i, item in enumerate(items)], key == "numbered")
        elif isinstance(block, b.Quote):
            self.quote(text(block.quote, "quote"), text(block.by, "by") if block.by else None)
        elif isinstance(block, b.Table):
            self.narrative_table(block.table, self.numbers.narrative_tables[(loaded.name, index)], text)
        elif isinstance(block, b.ChartRef):
            self.chart(block, loaded.source, at)
        elif isinstance(block, b.StatisticsTable):
            self.statistics_table(block, loaded.source, at)
        elif isinstance(block, b.Priorities):
            self.priorities([(text(p.priority, "priorities", i, "priority"),
                              text(p.detail, "priorities", i, "detail") if p.detail else None)
                             for i, p in enumerate(block.priorities)])
        elif isinstance(block, b.Progress):
            rows = [(text(p.priority, "progress", i, "priority"),
                     text(p.progress, "progress", i, "progress") if p.progress else PROGRESS_NOT_WRITTEN)
                    for i, p in enumerate(block.progress)]
            self.progress(rows, loaded.name, index)
        elif isinstance(block, b.PageBreak):
            self.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def list_items(self, items: list[str], numbered: bool) -> None:
        """Append a bulleted or numbered list."""
        style = "List Number" if numbered else "List Bullet"
        _keep_last_paragraph_with_next(self.document)  # a list's lead-in stays on the list's page
        first = None
        for item in items:
            paragraph = add_styled_paragraph(self.document, style)
            add_inline(paragraph, item)
            first = first or paragraph
        if numbered and first is not None:
            restart_numbering(self.document, first)

    def quote(self, words: str, by: str | None) -> None:
        """Append a quotation in italics, with who said it."""
        quote = add_styled_paragraph(self.document, "Quote")
        add_inline(quote, f"“{words}”", italic=True)
        if by:
            quote.paragraph_format.keep_with_next = True  # never the attribution alone at the top of a page
            quote.paragraph_format.keep_together = True
            add_styled_paragraph(self.document, "Quote Attribution", f"— {by}")

    def narrative_table(self, table: b.TableBlock, number: int, text: Callable[..., str]) -> None:
        """Append a table written in the narrative."""
        rows = [[_cell(value, text, "table", "rows", r, c) for c, value in enumerate(row)]
                for r, row in enumerate(table.rows)]
        data = DataTable(name=f"table{number}", title=text(table.title, "table", "title"),
                         columns=[text(c, "table", "columns", i) for i, c in enumerate(table.columns)],
                         rows=rows, source=text(table.source, "table", "source") if table.source else "",
                         landscape=table.landscape)
        self._table(data, number)

    def statistics_table(self, block: b.StatisticsTable, source: SourceMap, at: PathKey) -> None:
        """Append a table of figures from the catalogue."""
        table = self.exhibits.tables.get(block.statistics_table)
        if table is None:
            self.problems.append(source.problem(
                (*at, "statistics_table"), f"unknown statistics table '{block.statistics_table}'",
                _choices(block.statistics_table, list(self.exhibits.tables), "tables")))
            return
        if block.landscape and not table.landscape:
            table = DataTable(**{**table.__dict__, "landscape": True})
        self._table(table, self.numbers.tables[block.statistics_table])

    def _table(self, table: DataTable, number: int) -> None:
        """Append a captioned table, in a landscape section when it asks for one."""
        if table.landscape:
            start_landscape_section(self.document)
        add_data_table(self.document, table, number, bookmark=table_bookmark(table.name))
        if table.landscape:
            end_landscape_section(self.document)

    def chart(self, block: b.ChartRef, source: SourceMap, at: PathKey) -> None:
        """Append a chart with its caption, alt text, source and (if asked) its figures."""
        chart = self.exhibits.charts.get(block.chart)
        if chart is None:
            if block.chart in self.exhibits.unavailable:
                self.problems.append(source.problem(
                    (*at, "chart"), f"chart '{block.chart}' left out: {self.exhibits.unavailable[block.chart]}",
                    "give the figures it needs, or remove the chart from this section", severity="warning"))
                return
            known = sorted([*self.exhibits.charts, *self.exhibits.unavailable])
            self.problems.append(source.problem((*at, "chart"), f"unknown chart '{block.chart}'",
                                                _choices(block.chart, known, "charts")))
            return
        number = self.numbers.figures[block.chart]
        mode = chart_table_mode(block, self.chart_tables)
        same = self._same_table(chart)
        home = self._data_home(chart) if mode != "below" else chart.name
        figures_at = None
        if same is not None:  # the figures are already in a table of the report: point to it
            figures_at, mode = (table_bookmark(same), f"Table\u00a0{self.numbers.tables[same]}"), "none"
        elif home != chart.name:  # another chart shows the same figures, and its table holds them
            figures_at, mode = (data_bookmark(home), f"Data for Figure\u00a0{self.numbers.figures[home]}"), "none"
        elif mode == "annex" and chart.table is not None:
            figures_at = (data_bookmark(block.chart), f"Data for Figure\u00a0{number}")
            if all(placed.name != chart.name for placed, _ in self.annex):
                self.annex.append((chart, number))
        add_chart(self.document, chart, number, bookmark=figure_bookmark(block.chart), with_table=mode == "below",
                  figures_at=figures_at, data_mark=data_bookmark(block.chart))

    def _same_table(self, chart: Chart) -> str | None:
        """Return the name of a statistics table placed in the report that holds the chart's figures cell for
        cell, or None."""
        if chart.table is None:
            return None
        shown = _cells(chart.table)
        return next((name for name, table in self.exhibits.tables.items()
                     if name in self.numbers.tables and _cells(table) == shown), None)

    def _data_home(self, chart: Chart) -> str:
        """Return the chart whose table of figures holds this chart's: the first placed with the same figures
        cell for cell whose table is printed (in the annex or below it), else this chart itself."""
        if chart.table is None:
            return chart.name
        shown = _cells(chart.table)
        for name, block in self.numbers.placed.items():
            other = self.exhibits.charts.get(name)
            if other is not None and other.table is not None and _cells(other.table) == shown \
                    and chart_table_mode(block, self.chart_tables) != "none":
                return name
        return chart.name

    def annex_of_figures(self) -> None:
        """Append the annex "Data for the figures": each chart's figures as a table, in figure order, after the
        notes on the figures that open the end matter (nothing when no chart's figures go there)."""
        if not self.annex:
            return
        self.start_section(ANNEX_TITLE, numbered=False)
        self.note(ANNEX_INTRO)
        for chart, number in self.annex:
            add_chart_data(self.document, chart, number, bookmark=data_bookmark(chart.name))

    def priorities(self, items: list[tuple[str, str | None]]) -> None:
        """Append the priorities for next year as a numbered list: bold title, then the detail."""
        texts = [f"**{title}**" + (f": {detail}" if detail else "") for title, detail in items]
        self.list_items(texts, numbered=True)

    def progress(self, rows: list[tuple[str, str]], section: str, index: int) -> None:
        """Append progress against last year's priorities as a two-column table."""
        table = DataTable(name=f"progress_{section}", title=PROGRESS_TITLE, columns=list(PROGRESS_COLUMNS),
                          rows=[[Cell(priority), Cell(progress)] for priority, progress in rows])
        self._table(table, self.numbers.narrative_tables[(section, index)])


def _keep_last_paragraph_with_next(document: DocumentObject) -> None:
    """Keep the paragraph last appended on the same page as what follows it."""
    body = document.element.body
    last = body[-2] if len(body) > 1 and body[-1].tag == qn("w:sectPr") else body[-1]
    if last.tag == qn("w:p"):
        last.get_or_add_pPr().keepNext_val = True


def _cells(table: DataTable) -> tuple[tuple[str, ...], ...]:
    """Return a table's header and cells as a reader sees them."""
    return (tuple(table.columns), *(tuple(cell.text for cell in row) for row in table.rows))


TYPED_FIGURE = re.compile(r"^\s*[<>~≈]?\s*[-–]?£?\d[\d,]*(\.\d+)?\s*%?\s*$|^\s*[c:]\s*$")
"""A typed cell that is a figure ("71%", "1,204", "£3.5", "c"): right-aligned like the computed ones."""


def _cell(value: str | int | float, text: Callable[..., str], *path: object) -> Cell:
    """Return a table cell: numbers right-aligned and formatted, text with placeholders resolved."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        shown = text(str(value), *path)
        return Cell(shown, "typed figure" if TYPED_FIGURE.match(shown) else "text")
    return Cell(value, "count" if isinstance(value, int) else "number")


def _choices(name: str, known: list[str], what: str) -> str:
    """Return a did-you-mean hint among the known names."""
    return suggest(name, known, what)
