"""How tests run report-builder as a command of its own: with the Python running the tests, so the
tool is found wherever it is installed (in a .venv that is not on PATH, too)."""

from __future__ import annotations

import sys

REPORT_BUILDER = [sys.executable, "-m", "report_builder"]
"""The command line that starts report-builder, to put the command's own arguments after."""
