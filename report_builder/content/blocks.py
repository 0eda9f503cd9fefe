"""The narrative blocks a section's body is made of, as a manager writes them in YAML."""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Discriminator, Field, Tag


class Block(BaseModel):
    """A block of narrative; unknown keys are typos and are refused."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Paragraph(Block):
    """A paragraph: plain text with **bold**, *italic* and {{ placeholders }}."""

    text: str


class Unnumbered(Block):
    """A paragraph that follows on from the one before without a number of its own."""

    unnumbered: str


class Heading(Block):
    """A sub-heading inside a section."""

    heading: str


class Bullets(Block):
    """A bulleted list."""

    bullets: list[str] = Field(min_length=1)


class Numbered(Block):
    """A numbered list."""

    numbered: list[str] = Field(min_length=1)


class Quote(Block):
    """A quotation (a child's, a parent's or an IRO's words), shown in italics with who said it."""

    quote: str
    by: str | None = None


class TableBlock(Block):
    """A table written in the narrative: a title, column names and rows of text or numbers."""

    title: str
    columns: list[str] = Field(min_length=1)
    rows: list[list[str | int | float]] = Field(min_length=1)
    source: str | None = None
    landscape: bool = False


class Table(Block):
    """A narrative table block."""

    table: TableBlock


class ChartRef(Block):
    """A chart from the catalogue, placed by name."""

    chart: str
    with_table: bool | None = None


class StatisticsTable(Block):
    """A table of figures from the catalogue, placed by name."""

    statistics_table: str
    landscape: bool = False


class Priority(Block):
    """One priority for the coming year."""

    priority: str
    detail: str | None = None


class Priorities(Block):
    """The priorities for next year, each a short title and an optional explanation."""

    priorities: list[Priority] = Field(min_length=1)


class ProgressItem(Block):
    """Last year's priority and what happened to it."""

    priority: str
    progress: str | None = None


class Progress(Block):
    """Progress against last year's priorities."""

    progress: list[ProgressItem] = Field(min_length=1)


class PageBreak(Block):
    """Start a new page."""

    page_break: Literal[True]


BLOCK_KEYS: dict[str, type[Block]] = {
    "heading": Heading,
    "bullets": Bullets,
    "numbered": Numbered,
    "quote": Quote,
    "table": Table,
    "chart": ChartRef,
    "statistics_table": StatisticsTable,
    "priorities": Priorities,
    "progress": Progress,
    "page_break": PageBreak,
    "text": Paragraph,
    "unnumbered": Unnumbered,
}


def block_kind(value: Any) -> str | None:
    """Return the block type a YAML value is written as, by its distinguishing key."""
    if isinstance(value, str):
        return "paragraph"
    if isinstance(value, Block):
        return next(key for key, cls in BLOCK_KEYS.items() if isinstance(value, cls))
    if isinstance(value, dict):
        for key in BLOCK_KEYS:
            if key in value:
                return key
    return None


def _as_paragraph(value: Any) -> Any:
    return {"text": value} if isinstance(value, str) else value


AnyBlock = Annotated[
    Union[
        Annotated[Paragraph, BeforeValidator(_as_paragraph), Tag("paragraph")],
        Annotated[Paragraph, Tag("text")],
        Annotated[Unnumbered, Tag("unnumbered")],
        Annotated[Heading, Tag("heading")],
        Annotated[Bullets, Tag("bullets")],
        Annotated[Numbered, Tag("numbered")],
        Annotated[Quote, Tag("quote")],
        Annotated[Table, Tag("table")],
        Annotated[ChartRef, Tag("chart")],
        Annotated[StatisticsTable, Tag("statistics_table")],
        Annotated[Priorities, Tag("priorities")],
        Annotated[Progress, Tag("progress")],
        Annotated[PageBreak, Tag("page_break")],
    ],
    Discriminator(
        block_kind,
        custom_error_type="unknown_block",
        custom_error_message="not a known kind of block",
        custom_error_context={"expected": ", ".join(key for key in BLOCK_KEYS if key != "text")},
    ),
]
