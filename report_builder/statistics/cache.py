"""Cache of figures computed from SSDA903 or CIN census data, keyed by the data's bytes and the code that reads it.

Only the computed Statistics (aggregate figures) are stored, never a row of the data, so the cache
holds nothing that identifies a child. A rebuild after a narrative-only change then skips reading
the CSVs (and importing pandas) altogether.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from report_builder.errors import Problem
from report_builder.statistics.model import Statistics
from report_builder.files import write_quietly

CODE_FOLDERS = ("ssda903", "cin", "statistics")
Figures = TypeVar("Figures", bound=BaseModel)
MAX_HASHED_BYTES = 1024**3
"""Files larger than this are keyed by size and time, not read (the reader refuses them anyway)."""


def _code_fingerprint() -> str:
    """Return a hash of the code that turns SSDA903 and CIN census data into Statistics."""
    digest = hashlib.sha256()
    package = Path(__file__).parents[1]
    for folder in CODE_FOLDERS:
        for path in sorted((package / folder).glob("*.py")):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_key(data_folder: Path, inputs: object) -> str:
    """Return the key of figures computed from every file under data_folder (or that one file) with the inputs."""
    digest = hashlib.sha256(_code_fingerprint().encode())
    digest.update(json.dumps(inputs, sort_keys=True, default=str).encode())
    files = [data_folder] if data_folder.is_file() else sorted(p for p in data_folder.rglob("*") if p.is_file())
    for path in files:
        digest.update(str(path.relative_to(data_folder) if path != data_folder else path.name).encode())
        _update_from_file(digest, path)
    return digest.hexdigest()


def _update_from_file(digest: hashlib._Hash, path: Path) -> None:
    """Add a file's bytes to the digest a megabyte at a time (a huge file is refused later, by size)."""
    if path.stat().st_size > MAX_HASHED_BYTES:
        digest.update(f"{path.stat().st_size}:{path.stat().st_mtime_ns}".encode())
        return
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)


def cached_statistics(cache_dir: Path | None, key: str, compute: Callable[[], tuple[Figures, list[Problem]]],
                      model: type[Figures] = Statistics) -> tuple[Figures, list[Problem]]:  # type: ignore[assignment]
    """Return the figures (a Statistics, or another model) for key from the cache, or compute and store them."""
    path = cache_dir / f"{key}.json" if cache_dir else None
    if path is not None and path.is_file():
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
            return model.model_validate(stored["statistics"]), [
                Problem(**p) for p in stored["warnings"]]
        except (ValueError, KeyError, TypeError):
            pass  # an unreadable cache entry is simply computed again
    stats, warnings = compute()
    if path is not None:
        payload = {"statistics": stats.model_dump(mode="json", exclude_computed_fields=True), "warnings": [asdict(w) for w in warnings]}
        write_quietly(path, json.dumps(payload).encode("utf-8"))
    return stats, warnings

