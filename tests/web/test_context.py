"""What the page shows of a report: the figures panel's names, values and meanings."""

from __future__ import annotations

from report_builder.statistics.vocabulary import Value
from report_builder.web.context import figure_rows


def test_a_meaning_several_names_share_says_which_part_of_the_figures_it_is() -> None:
    rows = {row.name: row.description for row in figure_rows({
        "reviews.held": Value(1160, "count"), "reviews.first.held": Value(257, "count"),
        "profile.ethnicity.asian": Value(18, "count")})}
    assert rows == {
        "reviews.held": "Reviews held in the year.",
        "reviews.first.held": "First reviews (20 working days): Reviews held in the year.",
        "profile.ethnicity.asian": "By major ethnic group: Asian or Asian British.",
    }
