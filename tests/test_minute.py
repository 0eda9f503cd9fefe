"""minute: the draft minute's figures are the statistics' own, in the committee's style."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from docx import Document
from report_edits import replace_in

from report_builder.cli import main
from report_builder.load import load_report
from report_builder.minute import NOTED, draft_minute
from report_builder.statistics.sources import compute_statistics
from report_builder.statistics.vocabulary import values

NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?%?")


def minute_of(folder: Path):  # type: ignore[no-untyped-def]
    report = load_report(folder)
    stats, _ = compute_statistics(report)
    return draft_minute(report, stats), stats


def test_every_figure_is_a_statistic(small_report: Path) -> None:
    minute, stats = minute_of(small_report)
    figures = values(stats, True)
    shown = {str(v) for v in figures.values() if v.value is not None} | {str(abs(figures["cla.change"]))}
    key = [line.text for line in minute.lines if line.kind == "bullet"][3:-1]
    labels = (stats.period.label, str(figures["previous.label"]), "31 March 2025", "aged 4", "10,000", "28 days")
    numbers = [n for text in key for n in NUMBER.findall(re.sub("|".join(map(re.escape, labels)), "", text))]
    not_from_stats = [n for n in numbers if n not in shown]
    assert numbers and not_from_stats == []


def test_key_figures_with_last_year(small_report: Path) -> None:
    text = minute_of(small_report)[0].as_text()
    assert ("452 children were looked after at 31 March 2025, compared with 431 a year earlier "
            "(an increase of 21).") in text
    assert "1,290 reviews were held in 2024/25 (1,261 in 2023/24), and 92.9% of reviews were held within " in text
    assert ("88.4% of children looked after for 28 days or more at 31 March (372 of 421 children) had all their "
            "reviews on time.") in text
    assert "IROs raised 18 formal disputes and 157 informal challenges." in text


def test_lists_the_sections_and_ends_noted(small_report: Path) -> None:
    minute = minute_of(small_report)[0]
    bullets = [line.text for line in minute.lines if line.kind == "bullet"]
    assert bullets[:3] == ["Purpose of the report", "The IRO service", "Priorities for 2025/26"]
    assert minute.lines[-1].text == NOTED


def test_resolution_as_written(small_report: Path) -> None:
    replace_in(small_report / "covering.yaml", "report_of:", "resolution: That the report be noted and the "
               "priorities endorsed.\nreport_of:")
    assert minute_of(small_report)[0].lines[-1].text == ("Resolved – That the report be noted and the "
                                                          "priorities endorsed.")


def test_recommendation_as_written(small_report: Path) -> None:
    replace_in(small_report / "covering.yaml", "The Committee note and comment on the content of this report.",
               "The Committee endorse the priorities for 2025/26.")
    assert minute_of(small_report)[0].lines[-1].text == "Resolved – That the Committee endorse the priorities for 2025/26"


def test_minute_command_writes_docx_and_text(small_report: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["minute", str(small_report), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    stem = "Northbridge Independent Reviewing Officer Annual Report 2024-25 - draft minute"
    text = (tmp_path / "out" / f"{stem}.txt").read_text(encoding="utf-8")
    document = Document(str(tmp_path / "out" / f"{stem}.docx"))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[-1] == NOTED and text.rstrip().endswith(NOTED)
    assert "Children's Services Scrutiny Committee – 14 July 2025 – agenda item 7" in paragraphs
    assert document.core_properties.title.endswith("draft minute")
