"""One exception family for everything a user can get wrong, each problem saying where and how to fix."""

from __future__ import annotations

import itertools
import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: where it is, what is wrong, and how to fix it."""

    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    hint: str | None = None
    severity: str = "error"

    @property
    def location(self) -> str:
        """Return `file:line:column` (as much of it as is known)."""
        parts = [self.file or ""]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}" if self.file else self.message
        return f"{text} — {self.hint}" if self.hint else text


class ReportError(Exception):
    """Raised with every problem found, so that a user sees them all at once."""

    kind = "problem"

    def __init__(self, problems: list[Problem] | Problem | str):
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class ContentError(ReportError):
    """Raised when the report's YAML content is wrong."""

    kind = "content"


class DataError(ReportError):
    """Raised when figures or data files are wrong."""

    kind = "data"


class TemplateError(ReportError):
    """Raised when a Word template or a placeholder is wrong."""

    kind = "template"


class PublishError(ReportError):
    """Raised when an output cannot be written or converted."""

    kind = "publish"


def display_path(path: Path | str, base: Path | None = None) -> str:
    """Return the path as a user should see it: relative to the working folder when inside it.

    A link is named as the link, not as what it points to (the folders above it may be resolved).
    """
    path = Path(path)
    spelt = (Path(os.path.abspath(path)), path.parent.resolve() / path.name)
    for root in (base, Path.cwd()):
        if root is None:
            continue
        for absolute, folder in itertools.product(spelt, (Path(os.path.abspath(root)), root.resolve())):
            try:
                return str(absolute.relative_to(folder))
            except ValueError:
                continue
    return str(path)
