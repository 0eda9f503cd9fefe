"""Bad rows in a real-shaped export are listed by check and left out of the figures by build."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from click.testing import CliRunner

from report_builder.cli import main
from report_edits import EXAMPLE


def _plant(folder: Path) -> None:
    path = folder / "data" / "ssda903" / "2025" / "episodes.csv"
    with path.open(newline="") as stream:
        rows = list(csv.reader(stream))
    place, legal = rows[0].index("PLACE"), rows[0].index("LS")
    rows[5][place], rows[8][legal] = "R4", "ZZ"
    with path.open("w", newline="") as stream:
        csv.writer(stream).writerows(rows)


def test_bad_rows_are_listed_and_left_out(tmp_path: Path) -> None:
    folder = tmp_path / "report"
    shutil.copytree(EXAMPLE, folder)
    _plant(folder)
    runner = CliRunner()
    built = runner.invoke(main, ["build", str(folder), "--draft", "--out", str(tmp_path / "out"),
                                 "--figures", str(tmp_path / "fig")])
    assert built.exit_code == 0, built.output
    assert "2 problems in the SSDA903 data: the rows are left out" in built.output
    checked = runner.invoke(main, ["check", str(folder), "--no-documents"])
    assert "episodes.csv:6" in checked.output and "'R4'" in checked.output
    assert "episodes.csv:9" in checked.output and "'ZZ'" in checked.output
    assert "Traceback" not in built.output + checked.output
