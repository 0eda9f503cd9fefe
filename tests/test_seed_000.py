"""Seed 000, a real council's covering report, rebuilt from YAML: heading by heading and paragraph by paragraph
its text is the council's, numbers, unnumbered follow-on paragraphs, date style and appendix line included."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from docx import Document

from report_edits import FIXTURES
from report_builder.build import build
from report_builder.outputs import PublishOptions
from report_builder.word.numbering import numbering_of

SEED = Path(__file__).parents[2] / "shared" / "seeds" / "000_d0d6f11e9919e291.txt"
if not SEED.is_file():
    SEED = Path("/work/shared/seeds/000_d0d6f11e9919e291.txt")
HEADINGS = ["Purpose", "Recommendations", "Background", "Finance", "Law", "Equality Impact",
            "Human Resources/Organisational Development", "Commercial/Procurement", "Health, Wellbeing and Safety",
            "Appendices"]


@pytest.fixture
def seed_report(small_report: Path) -> Path:
    """Return the small report made into seed 000's council, year and meeting, with its covering.yaml."""
    for name in ("council.yaml", "covering.yaml"):
        shutil.copy(FIXTURES / "seed_000" / name, small_report / name)
    meta = yaml.safe_load((small_report / "report.yaml").read_text())
    meta.update(title="Independent Reviewing Officer (IRO) Annual Report", year_ending=2020)
    meta["committee"] = {"name": "Children's Services Scrutiny Committee", "meeting_date": "2020-11-11"}
    meta["document_control"]["date_agreed"] = "2020-10-01"
    (small_report / "report.yaml").write_text(yaml.safe_dump(meta, sort_keys=False, allow_unicode=True))
    figures = yaml.safe_load((small_report / "statistics.yaml").read_text())
    figures["year_ending"] = 2020
    figures["population_0_17"] = {year - 5: n for year, n in figures["population_0_17"].items()}
    for earlier in figures["previous_years"]:  # earlier years stay earlier than the report's
        earlier["year_ending"] -= 5
        earlier["population_0_17"] = figures["population_0_17"].get(earlier["year_ending"])
    (small_report / "statistics.yaml").write_text(yaml.safe_dump(figures, sort_keys=False, allow_unicode=True))
    return small_report


def seed_paragraphs() -> list[str]:
    """Return the seed's paragraphs as a reader reads them: "5. text" numbered, "- text" a bullet."""
    found: list[str] = []
    for line in (" ".join(raw.split()) for raw in SEED.read_text(encoding="utf-8").splitlines()):
        if not line:
            continue
        if found and not re.search(r"[.:;!?”\"0-9)–-]$|^Appendices$", found[-1]) and line[0].islower():
            found[-1] += " " + line  # a paragraph the page break cut in two
            continue
        found.append(line)
    return found


def built_paragraphs(path: Path) -> list[str]:
    """Return the built covering report's paragraphs the same way, with the numbers Word gives them."""
    shown, number = [], 0
    for paragraph in Document(str(path)).paragraphs:
        text = " ".join(paragraph.text.replace("\u00a0", " ").split())
        if not text:
            continue
        if paragraph.style.name == "Numbered Paragraph" and numbering_of(paragraph):
            number += 1
            text = f"{number}. {text}"
        elif paragraph.style.name == "List Bullet":
            text = f"- {text}"
        shown.append(text)
    return shown


def test_seed_000_covering_report_is_rebuilt_from_yaml(seed_report: Path, tmp_path: Path) -> None:
    result = build(seed_report, PublishOptions(out_dir=tmp_path / "out", figures_dir=tmp_path / "fig",
                                               cache_dir=tmp_path / "cache", draft=True))
    covering = next(p for p in result.written if p.name.endswith("covering report.docx"))
    built, seed = built_paragraphs(covering), seed_paragraphs()
    for index, (ours, theirs) in enumerate(zip(built, seed)):  # paragraph by paragraph, to say where
        assert ours == theirs, f"paragraph {index + 1}"
    assert len(built) == len(seed)
    assert [t for t in built if t in HEADINGS] == HEADINGS  # heading by heading
    header = Document(str(covering)).sections[0].header.paragraphs
    assert [p.text for p in header if p.text.strip()][-1].replace("\u00a0", " ") == (
        "Children's Services Scrutiny Committee – 11th November 2020")  # no "– Agenda item" left hanging
