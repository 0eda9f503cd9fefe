"""A computer laid out in memory (its platform, environment, programs and links), so that where
LibreOffice is found on Windows, macOS and Linux can be tested on any computer."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field

from report_builder.publish.soffice import System


@dataclass
class FakeComputer:
    """The programs on a pretend disk; Windows file names ignore case, as Windows does."""

    platform: str
    programs: set[str] = field(default_factory=set)
    environ: dict[str, str] = field(default_factory=dict)
    links: dict[str, str] = field(default_factory=dict)
    """Symbolic links: path → the path it points to."""
    uno: set[str] = field(default_factory=set)
    """The Pythons that can import LibreOffice's uno module."""
    home: str = "/home/iro"

    def system(self) -> System:
        """Return the System discovery sees on this computer."""
        return System(self.platform, self.environ, self.is_program, self.which, self.glob,
                      lambda path: self.links.get(path, path), lambda python: python in self.uno, self.home)

    def is_program(self, path: str) -> bool:
        """Return whether the path is one of the programs on the disk."""
        return self._key(path) in {self._key(program) for program in self.programs}

    def which(self, name: str) -> str | None:
        """Return the program on PATH, as shutil.which would on this platform (PATHEXT's .exe on Windows)."""
        windows = self.platform == "win32"
        names = [f"{name}.exe", name] if windows else [name]
        for folder in filter(None, self.environ.get("PATH", "").split(";" if windows else ":")):
            for candidate in names:
                path = str(self.system().path(folder, candidate))
                if self.is_program(path):
                    return path
        return None

    def glob(self, pattern: str) -> list[str]:
        """Return the programs whose paths match the pattern."""
        return sorted(program for program in self.programs if fnmatch.fnmatchcase(program, pattern))

    def _key(self, path: str) -> str:
        return path.casefold() if self.platform == "win32" else path
