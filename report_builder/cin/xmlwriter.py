"""Write XML as case management systems export it: one element per line, two spaces per level."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Self
from xml.sax.saxutils import escape


class XmlWriter:
    """A streaming writer of indented XML to a file (UTF-8, with an XML declaration)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.depth = 0
        self.lines: list[str] = ['<?xml version="1.0" encoding="utf-8"?>']

    def __enter__(self) -> Self:
        self.stream = self.path.open("w", encoding="utf-8", newline="\n")
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._flush()
        self.stream.close()

    @contextmanager
    def element(self, name: str) -> Iterator[None]:
        """Write an element holding others."""
        self.lines.append(f"{'  ' * self.depth}<{name}>")
        self.depth += 1
        yield
        self.depth -= 1
        self.lines.append(f"{'  ' * self.depth}</{name}>")
        if len(self.lines) > 10_000:
            self._flush()

    def leaf(self, name: str, value: str) -> None:
        """Write an element holding text."""
        self.lines.append(f"{'  ' * self.depth}<{name}>{escape(value)}</{name}>")

    def optional(self, name: str, value: str | None) -> None:
        """Write an element holding text, unless there is none."""
        if value is not None:
            self.leaf(name, value)

    def _flush(self) -> None:
        """Write the lines gathered so far."""
        self.stream.write("\n".join(self.lines) + "\n")
        self.lines = []
