"""House style for charts: colours, font, size and resolution, with safe defaults."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

DEFAULT_COLOURS: tuple[str, ...] = ("#004488", "#DDAA33", "#BB5566", "#BBBBBB")
"""Dark blue, yellow, red, light grey: distinct for colour-blind readers and in greyscale
(lightness about 29, 73, 50 and 76; neighbouring bars also differ by hatching)."""
HATCHES: tuple[str, ...] = ("", "///", "...", "xxx")
"""Hatching by series, so that bars which touch stay distinct when printed in greyscale."""
MIN_DPI = 200
MIN_FONT_PT = 9.0
HEX_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")


@dataclass(frozen=True)
class ChartStyle:
    """How charts look: the council's colours and font, sized to the page's text width."""

    colours: tuple[str, ...] = DEFAULT_COLOURS
    """Series colours as #RRGGBB, the council's own first."""
    font_family: str = "Liberation Sans"
    """Font for all chart text; falls back to Liberation Sans, then DejaVu Sans, when not installed."""
    accent: str | None = None
    """Colour of the council's own series; the first colour when not given."""
    dpi: int = MIN_DPI
    """Resolution of the PNG, dots per inch (at least 200)."""
    width_mm: float = 160.0
    """Width of the chart on the page, millimetres (the text width)."""
    font_size_pt: float = 10.0
    """Size of chart text at print size, points (at least 9)."""
    text_colour: str = "#222222"
    """Colour of text, axes and value labels."""
    hatches: tuple[str, ...] = field(default=HATCHES)
    """Hatch pattern by series."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "colours", tuple(self.colours))
        object.__setattr__(self, "hatches", tuple(self.hatches))
        for colour in (*self.colours, self.accent or self.colours[0], self.text_colour):
            if not HEX_COLOUR.match(colour):
                raise ValueError(f"expected a colour as #RRGGBB, got {colour!r}")
        if self.dpi < MIN_DPI:
            raise ValueError(f"expected a resolution of at least {MIN_DPI} dpi, got {self.dpi}")
        if self.font_size_pt < MIN_FONT_PT:
            raise ValueError(
                f"expected chart text of at least {MIN_FONT_PT}pt, got {self.font_size_pt}pt"
            )

    def colour(self, index: int) -> str:
        """Return the colour of the series at index (the accent for the first)."""
        if index == 0 and self.accent:
            return self.accent
        return self.colours[index % len(self.colours)]

    def hatch(self, index: int) -> str:
        """Return the hatch pattern of the series at index."""
        return self.hatches[index % len(self.hatches)]

    def fingerprint(self) -> dict:
        """Return the style as plain data, for the cache key."""
        return asdict(self)
