"""The chart cache: pictures keyed by a hash of the chart's figures, the style and the drawing code.

The cache only ever sees a chart's figures (counts, percentages and labels from Statistics), never
records about a child, so nothing in it identifies anyone.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from report_builder.charts.data import ChartData
from report_builder.files import write_file
from report_builder.charts.style import ChartStyle

CODE_VERSION = "charts-2"
"""Change this whenever drawing changes, so that cached pictures are redrawn."""


def cache_key(data: ChartData, style: ChartStyle) -> str:
    """Return the hash of everything that decides how a chart looks."""
    payload = json.dumps(
        {"data": data.fingerprint(), "style": style.fingerprint(), "code": CODE_VERSION},
        sort_keys=True,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def cached_files(cache_dir: Path, key: str) -> tuple[Path, Path]:
    """Return where the chart's PNG and SVG live in the cache."""
    return cache_dir / f"{key}.png", cache_dir / f"{key}.svg"


def is_cached(cache_dir: Path, key: str) -> bool:
    """Return True when both pictures for the key are in the cache."""
    return all(path.is_file() for path in cached_files(cache_dir, key))


def publish(source: Path, target: Path) -> None:
    """Copy a cached picture to the output folder unless an identical file is already there."""
    content = source.read_bytes()
    if target.is_file() and target.read_bytes() == content:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    write_file(target, content)
