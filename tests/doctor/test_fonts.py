"""The fonts a template's papers are set in, and the font this computer gives for each."""

from __future__ import annotations

import io
import shutil

import docx
import pytest

from report_builder.compose.templates import default_template_bytes
from report_builder.doctor.fonts import FontMatch, match_font, template_fonts
from report_builder.templates_default import FONT


def saved(document: object) -> bytes:
    """Return the document's .docx bytes."""
    stream = io.BytesIO()
    document.save(stream)  # type: ignore[attr-defined]
    return stream.getvalue()


@pytest.mark.parametrize("kind", ["annual_report", "covering_report"])
def test_the_default_templates_are_set_in_their_one_font(kind: str) -> None:
    assert template_fonts(default_template_bytes(kind, None)) == {FONT}  # not the unused Macro Text's Courier


def test_styles_follow_their_base_style_and_the_theme() -> None:
    document = docx.Document()
    document.styles["Normal"].font.name = "Georgia"  # Quote, Caption… are based on Normal
    fonts = template_fonts(saved(document))
    assert "Georgia" in fonts
    assert "Cambria" not in fonts, "Normal's own font wins over the theme's body font"
    assert "Calibri" in fonts, "python-docx's headings use the theme's heading font, Calibri"


def test_a_template_with_no_fonts_of_its_own_uses_the_theme() -> None:
    assert template_fonts(saved(docx.Document())) == {"Calibri", "Cambria"}


def test_fonts_set_on_runs_in_headers_count() -> None:
    document = docx.Document()
    document.styles["Normal"].font.name = "Arial"
    for name in ("Heading 1", "Heading 2", "Heading 3", "Title", "Subtitle", "Quote", "Caption", "TOC Heading"):
        document.styles[name].font.name = "Arial"
    document.sections[0].header.paragraphs[0].add_run("Northbridge").font.name = "Courier New"
    assert template_fonts(saved(document)) >= {"Arial", "Courier New"}


@pytest.mark.parametrize(("match", "installed", "substitute"), [
    pytest.param(FontMatch("Arial", "Arial"), True, None, id="installed"),
    pytest.param(FontMatch("Arial", "Liberation Sans"), False, "Liberation Sans", id="metric-compatible"),
    pytest.param(FontMatch("calibri", "Carlito"), False, "Carlito", id="names-in-any-case"),
    pytest.param(FontMatch("Calibri", "DejaVu Sans"), False, None, id="another-font"),
    pytest.param(FontMatch("Arial", None), False, None, id="not-checked"),
])
def test_font_match(match: FontMatch, installed: bool, substitute: str | None) -> None:
    assert (match.installed, match.substitute) == (installed, substitute)


@pytest.mark.skipif(shutil.which("fc-match") is None, reason="fontconfig's fc-match is not installed")
def test_fc_match_says_which_font_is_used() -> None:
    arial = match_font("Arial")
    assert arial.installed or arial.substitute, f"install fonts-liberation: Arial is shown in {arial.used}"
    assert not match_font("No Such Font Anywhere").installed


def test_without_fc_match_fonts_are_not_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    assert match_font("Arial") == FontMatch("Arial", None)
