"""How full a page is and what starts it, read from the runs of text and pictures PDFium finds."""

from __future__ import annotations

from report_builder.publish.floats import PageFacts, _facts

TOP, BOTTOM = 67.0, 775.0  # an A4 page's text area, below the header band and above the footer band
HEADER = (40.0, 48.0, 72.0, "Independent Reviewing Officer Annual Report 2025/26")
FOOTER = (800.0, 808.0, 72.0, "Page 4 of 40")


def test_the_first_line_joins_its_runs_left_to_right_a_bullet_too() -> None:
    runs = [HEADER, (80.0, 92.0, 90.0, "monitoring the child's case"), (82.0, 90.0, 72.0, "\uf0b7 "),
            (80.0, 92.0, 250.0, " between reviews"), (96.0, 108.0, 90.0, "the next line"), FOOTER]
    assert _facts(runs, [], TOP, BOTTOM).first == "\uf0b7 monitoring the child's case between reviews"


def test_fullness_is_where_the_lowest_text_or_picture_ends() -> None:
    text = [(80.0, 92.0, 72.0, "Figure\u00a02: Children in care"), (400.0, 412.0, 72.0, "Source: SSDA903")]
    assert _facts(text, [], TOP, BOTTOM) == PageFacts(round((412 - TOP) / (BOTTOM - TOP), 2), "Figure 2: Children in care")
    assert _facts(text, [600.0], TOP, BOTTOM).full == round((600 - TOP) / (BOTTOM - TOP), 2)


def test_a_page_of_only_header_and_footer_is_empty() -> None:
    assert _facts([HEADER, FOOTER], [30.0], TOP, BOTTOM) == PageFacts(0.0, "")
