"""Run `report-builder build …` announcing each step on stdout, so a test can kill it at a chosen step.

Usage: python staged_build.py REPORT_DIR --out OUT … (the build command's arguments). Each line
printed is `step NAME` and is flushed before the step runs. Nothing in the library is changed.
"""

from __future__ import annotations

import functools
import os
import sys


def announce(name: str, function):  # type: ignore[no-untyped-def]
    @functools.wraps(function)
    def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
        os.write(1, f"step {name}\n".encode())
        return function(*args, **kwargs)

    return wrapper


def main() -> None:
    from report_builder import build, files, outputs
    from report_builder.charts import build as charts_build

    for module, names in ((build, ("load_draft", "compute_statistics", "draw_exhibits", "compose_papers",
                                   "publish_papers")),
                          (outputs, ("save_docx", "_refresh", "_pack")),
                          (charts_build, ("write_file",))):
        for name in names:
            if hasattr(module, name):
                setattr(module, name, announce(name, getattr(module, name)))
    files.os = _Os(files.os)
    from report_builder.cli import main as cli

    cli(["build", *sys.argv[1:]])


class _Os:
    """The os module, announcing each rename into place."""

    def __init__(self, real):  # type: ignore[no-untyped-def]
        self._real = real

    def replace(self, source, target):  # type: ignore[no-untyped-def]
        os.write(1, f"step replace {os.path.basename(target)}\n".encode())
        return self._real.replace(source, target)

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self._real, name)


if __name__ == "__main__":
    main()
