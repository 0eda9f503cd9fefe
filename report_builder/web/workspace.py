"""What the page keeps warm between edits: the report as last loaded, its figures, the file versions it served.

The report is loaded again whenever one of its YAML files changed (its size, time or file on disk:
a save by the page or by a text editor), so a change made elsewhere is always seen; otherwise the
report loaded last is used. Working out the figures from an SSDA903 export takes seconds, so they
are kept, and worked out again only when a data file (or report.yaml) changes.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from report_builder.errors import ContentError, Problem, ReportError
from report_builder.load import LoadedSection, Report, load_report
from report_builder.statistics.model import Statistics
from report_builder.statistics.vocabulary import Value, values
from report_builder.web.saving import Saves

SEEN_LIMIT = 200
"""How many versions of files the page remembers having shown (to show 'your version' in a conflict)."""


@dataclass(frozen=True)
class Figures:
    """The report's figures as placeholders give them, and the warnings about its data."""

    statistics: Statistics
    values: dict[str, Value]
    warnings: list[Problem]


@dataclass
class Workspace:
    """One report folder served by the page, and what is kept warm for it."""

    folder: Path
    out_dir: Path
    seen: dict[str, str] = field(default_factory=dict)
    saves: Saves = field(default_factory=Saves)
    _loaded: tuple[tuple, Report] | None = None  # type: ignore[type-arg]
    _figures: tuple[tuple, Figures] | None = None  # type: ignore[type-arg]
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.folder = self.folder.resolve()
        self.out_dir = self.out_dir.resolve()
        self.saves.within = self.saves.within or self.folder

    @property
    def cache_dir(self) -> Path:
        """Return the folder the page's caches live in (inside the output folder)."""
        return self.out_dir / ".cache"

    def remember(self, version: str, text: str) -> None:
        """Keep a file's text as the page showed it, by its version."""
        if len(self.seen) >= SEEN_LIMIT:
            self.seen.pop(next(iter(self.seen)))
        self.seen[version] = text

    def load(self) -> Report:
        """Return the report as its files are now. Raises ContentError listing every problem."""
        report, problems = self.try_load()
        if report is None:
            raise ContentError(problems)
        return report

    def try_load(self) -> tuple[Report | None, list[Problem]]:
        """Return the report and no problems, or None and every problem that stops it loading."""
        key = self._content_signature()
        loaded = self._loaded
        if loaded is not None and loaded[0] == key:
            return loaded[1], []
        try:
            report = load_report(self.folder)
        except ReportError as error:
            self._loaded = None  # loaded afresh until it loads: a file it failed on may lie anywhere
            return None, error.problems
        self._loaded = (key, report)
        return report, []

    def saved_section(self, loaded: LoadedSection, path: Path, before: tuple) -> None:  # type: ignore[type-arg]
        """Keep the report with a section the page has just saved, without loading the folder again.

        before is the signature the kept report was loaded at; when any other file changed since,
        the report is loaded afresh next time instead.
        """
        kept = self._loaded
        after = self._content_signature()
        if kept is None or kept[0] != before or len(after) != len(before):
            return
        changed = [new for old, new in zip(before, after) if old != new]
        if all(entry[0] == str(path) for entry in changed):
            from report_builder.web.sections import with_section

            self._loaded = (after, with_section(kept[1], loaded.name, loaded.section, loaded.source))

    @property
    def signature(self) -> tuple:  # type: ignore[type-arg]
        """Return the signature of the report as last loaded (empty when none is kept)."""
        return self._loaded[0] if self._loaded is not None else ()

    def _content_signature(self) -> tuple:  # type: ignore[type-arg]
        """Return what loading the report depends on: each YAML file of the folder, its sections and its profile."""
        paths = [*self.folder.glob("*.y*ml"), *(self.folder / "sections").glob("*.y*ml")]
        if self._loaded is not None:
            paths.append(self._loaded[1].path(self._loaded[1].meta.council_profile))
        return tuple(_stat(path) for path in sorted(set(paths)))

    def figures(self, report: Report) -> Figures:
        """Return the report's figures, worked out again only when its data files changed.

        Raises ReportError (DataError) when the figures cannot be worked out.
        """
        key = self._data_signature(report)
        with self._lock:
            if self._figures is not None and self._figures[0] == key:
                return self._figures[1]
            from report_builder.statistics.sources import compute_statistics

            stats, warnings = compute_statistics(report, self.cache_dir / "statistics")
            figures = Figures(stats, values(stats, report.meta.document_control.public), warnings)
            self._figures = (key, figures)
            return figures

    def try_figures(self, report: Report | None) -> tuple[Figures | None, list[Problem]]:
        """Return the figures and no problems, or None and the problems that stop them."""
        if report is None:
            return None, []
        try:
            return self.figures(report), []
        except ReportError as error:
            return None, error.problems

    def _data_signature(self, report: Report) -> tuple:  # type: ignore[type-arg]
        """Return what the figures depend on: report.yaml's data settings and each data file's size and time."""
        meta = report.meta
        files: list[tuple[str, int, int]] = []
        for name in (meta.data.ssda903, meta.data.statistics, meta.data.comparators):
            if not name:
                continue
            root = report.path(name)
            paths = sorted(root.rglob("*")) if root.is_dir() else [root]
            for path in paths:
                if path.is_file():
                    status = path.stat()
                    files.append((str(path), status.st_size, status.st_mtime_ns))
        return (meta.year_ending, meta.document_control.public, report.council.short_name,
                meta.data.model_dump_json(), tuple(files))


def _stat(path: Path) -> tuple[str, int, int, int]:
    """Return what tells one version of a file from another: its size, time and file on disk (none if gone)."""
    try:
        status = path.stat()
    except OSError:
        return (str(path), -1, -1, -1)
    return (str(path), status.st_size, status.st_mtime_ns, status.st_ino)
