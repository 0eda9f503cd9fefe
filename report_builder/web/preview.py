"""A section as it will read in the annual report, as HTML: placeholders resolved, numbered as in Word.

Text goes through the composer's own steps (clean_text, the placeholders, the inline markup of
compose/inline.py), and every piece of it is escaped: nothing a person types is ever read as HTML.
A placeholder that cannot be resolved is shown marked, where it stands, with what is wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from report_builder.compose.inline import INLINE, clean_text
from report_builder.compose.narrative import (
    PROGRESS_COLUMNS,
    PROGRESS_NOT_WRITTEN,
    PROGRESS_TITLE,
    Numbers,
)
from report_builder.content import blocks as b
from report_builder.exhibits import DataTable
from report_builder.placeholders import PLACEHOLDER, PlaceholderProblem, Placeholders

MISSING_START, MISSING_END = "\x02", "\x03"
"""Marks around an unresolved placeholder, turned into <mark> once the text is escaped."""


@dataclass
class PreviewContext:
    """What the preview needs beyond the section: figures, numbers, charts and tables by name."""

    placeholders: Placeholders | None
    numbers: Numbers = field(default_factory=Numbers)
    section_number: int = 1
    numbering: str = "section"
    first_paragraph: int = 1
    """The number of the section's first paragraph (continuous numbering counts earlier sections')."""
    chart_titles: dict[str, str] = field(default_factory=dict)
    chart_url: Callable[[str], str] = lambda name: ""
    tables: dict[str, DataTable] = field(default_factory=dict)
    unavailable: dict[str, str] = field(default_factory=dict)


def inline_html(text: str, context: PreviewContext) -> Markup:
    """Return one text as HTML: placeholders resolved, **bold** and *italic*, everything else escaped."""
    resolved = PLACEHOLDER.sub(lambda match: _resolve(match.group(0), context), clean_text(text))
    parts: list[str] = []
    position = 0
    for match in INLINE.finditer(resolved):
        parts.append(escape(resolved[position:match.start()]))
        if match.group("bookmark"):
            parts.append(escape(match.group("label")))
        elif match.group("bold") is not None:
            parts.append(Markup("<strong>%s</strong>") % match.group("bold"))
        else:
            parts.append(Markup("<em>%s</em>") % match.group("italic"))
        position = match.end()
    parts.append(escape(resolved[position:]))
    html = "".join(parts)
    html = html.replace(MISSING_START, '<mark class="missing" title="not a figure: see the message beside it">')
    return Markup(html.replace(MISSING_END, "</mark>"))


def _resolve(placeholder: str, context: PreviewContext) -> str:
    """Return a placeholder's value, or the placeholder itself marked as missing."""
    if context.placeholders is None:
        return f"{MISSING_START}{placeholder}{MISSING_END}"
    try:
        return context.placeholders.render(placeholder)
    except PlaceholderProblem:
        return f"{MISSING_START}{placeholder}{MISSING_END}"


def section_html(title: str, blocks: list[b.Block | None], context: PreviewContext, name: str) -> Markup:
    """Return the section's preview: its numbered title and each block (None for one that is not valid)."""
    writer = _Writer(context, name)
    out = [Markup('<h2 class="paper-h1">%s%s</h2>') % (writer.section_prefix(), inline_html(title, context))]
    for index, block in enumerate(blocks):
        body = writer.block(block, index) if block is not None else Markup(
            '<p class="not-shown">This block cannot be shown until the message beside it is fixed.</p>')
        out.append(Markup('<div class="paper-block" id="preview-%d" data-block="%d">%s</div>') % (index, index, body))
    return Markup("").join(out)


class _Writer:
    """Writes blocks as HTML, numbering paragraphs, figures and tables as the Word paper does."""

    def __init__(self, context: PreviewContext, name: str):
        self.context = context
        self.name = name
        self.paragraph = context.first_paragraph - 1

    def section_prefix(self) -> str:
        return f"{self.context.section_number}. " if self.context.numbering == "section" else ""

    def text(self, value: str) -> Markup:
        return inline_html(value, self.context)

    def block(self, block: b.Block, index: int) -> Markup:
        """Return one block as HTML."""
        if isinstance(block, b.Paragraph):
            return self.numbered_paragraph(block.text)
        if isinstance(block, b.Unnumbered):
            return Markup('<p class="follow-on">%s</p>') % self.text(block.unnumbered)
        if isinstance(block, b.Heading):
            return Markup('<h3 class="paper-h2">%s</h3>') % self.text(block.heading)
        if isinstance(block, (b.Bullets, b.Numbered)):
            tag = "ul" if isinstance(block, b.Bullets) else "ol"
            items = block.bullets if isinstance(block, b.Bullets) else block.numbered
            return Markup(f"<{tag}>%s</{tag}>") % Markup("").join(Markup("<li>%s</li>") % self.text(i) for i in items)
        if isinstance(block, b.Quote):
            by = Markup('<footer>— %s</footer>') % self.text(block.by) if block.by else ""
            return Markup('<blockquote><p>“%s”</p>%s</blockquote>') % (self.text(block.quote), by)
        if isinstance(block, b.Table):
            return self.narrative_table(block.table, index)
        if isinstance(block, b.ChartRef):
            return self.chart(block.chart)
        if isinstance(block, b.StatisticsTable):
            return self.statistics_table(block.statistics_table)
        if isinstance(block, b.Priorities):
            items = [Markup("<li><strong>%s</strong>%s</li>") % (
                self.text(p.priority), Markup(": ") + self.text(p.detail) if p.detail else "") for p in block.priorities]
            return Markup("<ol>%s</ol>") % Markup("").join(items)
        if isinstance(block, b.Progress):
            rows = [[self.text(p.priority), self.text(p.progress) if p.progress else escape(PROGRESS_NOT_WRITTEN)]
                    for p in block.progress]
            number = self.context.numbers.narrative_tables.get((self.name, index))
            return _table_html(_caption("Table", number, PROGRESS_TITLE), list(PROGRESS_COLUMNS), rows)
        if isinstance(block, b.PageBreak):
            return Markup('<hr class="page-break" aria-label="page break">')
        return Markup("")

    def numbered_paragraph(self, text: str) -> Markup:
        """Return a body paragraph with its number, in the council's numbering."""
        if self.context.numbering == "none":
            return Markup("<p>%s</p>") % self.text(text)
        self.paragraph += 1
        number = (f"{self.context.section_number}.{self.paragraph}" if self.context.numbering == "section"
                  else str(self.paragraph))
        return Markup('<p><span class="para-number">%s</span>%s</p>') % (number, self.text(text))

    def narrative_table(self, table: b.TableBlock, index: int) -> Markup:
        number = self.context.numbers.narrative_tables.get((self.name, index))
        rows = [[self.text(str(cell)) if isinstance(cell, str) else escape(f"{cell:,}") for cell in row]
                for row in table.rows]
        caption = _caption("Table", number, str(self.text(table.title)))
        html = _table_html(caption, [str(self.text(c)) for c in table.columns], rows)
        return html + (Markup('<p class="source">Source: %s</p>') % self.text(table.source) if table.source else "")

    def chart(self, name: str) -> Markup:
        context = self.context
        if name in context.unavailable:
            return Markup('<p class="not-shown">Chart “%s” is left out: %s</p>') % (name, context.unavailable[name])
        if name not in context.chart_titles:
            return Markup('<p class="not-shown">No chart is called “%s”.</p>') % name
        caption = _caption("Figure", context.numbers.figures.get(name), context.chart_titles[name])
        return Markup('<figure><figcaption>%s</figcaption><img src="%s" alt="%s"></figure>') % (
            caption, context.chart_url(name), context.chart_titles[name])

    def statistics_table(self, name: str) -> Markup:
        table = self.context.tables.get(name)
        if table is None and name in self.context.unavailable:
            return Markup('<p class="not-shown">Table “%s” is left out: %s</p>') % (name, self.context.unavailable[name])
        if table is None:
            return Markup('<p class="not-shown">No table of figures is called “%s”.</p>') % name
        caption = _caption("Table", self.context.numbers.tables.get(name), table.title)
        rows = [[escape(cell.text) for cell in row] for row in table.rows]
        return data_table_html(table, caption, rows)


def _caption(kind: str, number: int | None, title: str) -> str:
    return f"{kind} {number}: {title}" if number else title


def _table_html(caption: str, columns: list[str], rows: list[list[Markup]]) -> Markup:
    head = Markup("").join(Markup("<th scope=\"col\">%s</th>") % Markup(c) for c in columns)
    body = Markup("").join(Markup("<tr>%s</tr>") % Markup("").join(Markup("<td>%s</td>") % cell for cell in row)
                           for row in rows)
    return Markup('<table class="paper-table"><caption>%s</caption><thead><tr>%s</tr></thead>'
                  '<tbody>%s</tbody></table>') % (Markup(caption), head, body)


def data_table_html(table: DataTable, caption: str, rows: list[list[Markup]]) -> Markup:
    """Return a table of figures as HTML, numbers right-aligned, with its source and footnotes."""
    head = Markup("").join(Markup("<th scope=\"col\">%s</th>") % c for c in table.columns)
    body = Markup("").join(
        Markup("<tr>%s</tr>") % Markup("").join(
            Markup('<td class="%s">%s</td>') % ("number" if cell.numeric else "", text)
            for cell, text in zip(source_row, row))
        for source_row, row in zip(table.rows, rows))
    notes = Markup("").join(Markup('<p class="source">%s</p>') % note for note in table.footnotes)
    source = Markup('<p class="source">Source: %s</p>') % table.source if table.source else ""
    return Markup('<table class="paper-table"><caption>%s</caption><thead><tr>%s</tr></thead><tbody>%s</tbody>'
                  '</table>%s%s') % (caption, head, body, source, notes)
