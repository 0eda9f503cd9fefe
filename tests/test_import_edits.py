"""import-edits: a director's edits in Word come back into the YAML, and a rebuild holds them."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from docx.oxml.ns import qn
from lxml import etree

from report_builder.build import build
from report_builder.word.numbering import numbering_of
from report_builder.cli import main
from report_builder.import_edits import import_edits, restore_placeholders, write_imported
from report_builder.load import load_report
from report_builder.outputs import PublishOptions
from report_builder.statistics.sources import compute_statistics

ANNUAL = "Northbridge Independent Reviewing Officer Annual Report 2024-25.docx"


def build_to(folder: Path, out: Path) -> Path:
    build(folder, PublishOptions(out_dir=out, figures_dir=out / "figures", cache_dir=out / "cache", draft=True))
    return out / ANNUAL


def paragraph(document, start: str):  # type: ignore[no-untyped-def]
    """Return the first paragraph starting with start; "1.2\t" or "1. " name paragraphs and headings by the
    number Word gives them."""
    labels = word_numbers(document)
    for index, p in enumerate(document.paragraphs):
        label = labels.get(index, "")
        text = p.text.replace("\u00a0", " ")
        shown = f"{label}\t{text}" if "." in label.rstrip(".") else f"{label} {text}" if label else text
        if shown.startswith(start):
            return p
    raise AssertionError(f"no paragraph starts with {start!r}")


def word_numbers(document) -> dict[int, str]:  # type: ignore[no-untyped-def]
    """Return the numbers Word shows, by paragraph index: '2.' for a section heading, '2.1' for a paragraph."""
    labels, section, number = {}, 0, 0
    for index, p in enumerate(document.paragraphs):
        found = numbering_of(p) if p.style.name in ("Heading 1", "Numbered Paragraph") else None
        if found is None:
            continue
        if found[1] == 0:
            section, number = section + 1, 0
            labels[index] = f"{section}."
        else:
            number += 1
            labels[index] = f"{section}.{number}"
    return labels


def imported(edited: Path, folder: Path):  # type: ignore[no-untyped-def]
    report = load_report(folder)
    return import_edits(edited, report, compute_statistics(report)[0])


@pytest.fixture
def built(small_report: Path, tmp_path: Path) -> Path:
    return build_to(small_report, tmp_path / "out")


def test_round_trip_keeps_every_edit(small_report: Path, built: Path, tmp_path: Path) -> None:
    document = Document(str(built))
    changed = paragraph(document, "1.2\t")
    for run in changed.runs[1:]:
        run.text = ""
    changed.runs[0].text = "The report sets out our figures and our plans."
    deleted = paragraph(document, "2.2\tSymbols stay")
    deleted._element.getparent().remove(deleted._element)
    paragraph(document, "What children told us").insert_paragraph_before(
        "IROs met every child before the review.", style="Numbered Paragraph")
    number = paragraph(document, "Second point with")
    number.runs[0].text = number.runs[0].text.replace("1,290", "1,300")
    kept = paragraph(document, "2.1\t")
    kept.runs[0].text = kept.runs[0].text.replace("At 31\u00a0March the service had", "On 31 March there were")
    edited = tmp_path / "edited.docx"
    document.save(str(edited))

    result = imported(edited, small_report)
    assert result.unplaced == []
    write_imported(result)
    service = (small_report / "sections" / "service.yaml").read_text(encoding="utf-8")
    assert "On 31 March there were {{ iro.fte }} full-time equivalent IROs for {{ iro.children_allocated }}" in service
    assert "Second point with 1,300 reviews" in service
    assert "Symbols stay" not in service
    assert "{{ ref('rate_per_10k') }}" in service

    again = Document(str(build_to(small_report, tmp_path / "again")))
    rebuilt = [p.text for p in again.paragraphs]
    assert paragraph(again, "1.2\t").text == "The report sets out our figures and our plans."
    assert paragraph(again, "2.2\t").text == "IROs met every child before the review."
    assert not any(text.startswith("Symbols stay") for text in rebuilt)
    assert "Second point with 1,300 reviews" in rebuilt
    assert paragraph(again, "2.1\tOn 31 March there were 6 full-time equivalent IROs for 452 children")


def test_tracked_changes_are_accepted_and_comments_listed(small_report: Path, built: Path, tmp_path: Path) -> None:
    document = Document(str(built))
    target = paragraph(document, "1.2\t")
    run = target.runs[0]._r
    deletion, insertion = target._p.makeelement(qn("w:del")), target._p.makeelement(qn("w:ins"))
    for element in (deletion, insertion):
        element.set(qn("w:id"), "90" if element is deletion else "91")
        element.set(qn("w:author"), "Director")
    removed = copy.deepcopy(run)
    removed.find(qn("w:t")).tag = qn("w:delText")
    deletion.append(removed)
    added = copy.deepcopy(run)
    added.find(qn("w:t")).text = "A shorter paragraph agreed by the director."
    insertion.append(added)
    run.addprevious(deletion)
    run.addprevious(insertion)
    run.getparent().remove(run)
    for extra in target.runs[1:]:
        extra.text = ""
    document.add_comment(paragraph(document, "1.1\t").runs[0], text="Check this wording.", author="Director")
    edited = tmp_path / "tracked.docx"
    document.save(str(edited))

    result = imported(edited, small_report)
    purpose = result.files[small_report / "sections" / "purpose.yaml"][1]
    assert "  - A shorter paragraph agreed by the director.\n" in purpose
    assert result.comments == ["report/sections/purpose.yaml:6:5: comment by Director: Check this wording."]


def test_unplaced_paragraphs_are_reported(small_report: Path, built: Path, tmp_path: Path) -> None:
    document = Document(str(built))
    paragraph(document, "1. Purpose").insert_paragraph_before("A note before the first section.")
    document.save(str(tmp_path / "edited.docx"))
    result = imported(tmp_path / "edited.docx", small_report)
    assert [p.message for p in result.unplaced] == [
        "paragraph 12 not placed (it comes before the first section): 'A note before the first section.'"]


def test_the_signature_after_the_sections_is_the_builds_not_a_sections(small_report: Path, built: Path,
                                                                         tmp_path: Path) -> None:
    document = Document(str(built))
    names = [i for i, p in enumerate(document.paragraphs) if p.style.name == "Signature Label"]
    role = document.paragraphs[names[-1] + 1]
    assert document.paragraphs[names[-1] + 2].text == "Notes on the figures"
    role.runs[0].text = "Interim Head of Service"
    for run in role.runs[1:]:
        run.text = ""
    document.save(str(tmp_path / "edited.docx"))
    result = imported(tmp_path / "edited.docx", small_report)
    assert not result.files  # no section takes the signature's words
    assert [p.message.split(":")[0] for p in result.unplaced] == [
        f"paragraph {names[-1] + 2} of the signature and 'Notes on the figures' was changed in Word"]


def test_unchanged_document_changes_nothing(small_report: Path, built: Path) -> None:
    result = CliRunner().invoke(main, ["import-edits", str(built), str(small_report)])
    assert result.exit_code == 0, result.output
    assert "No changes to the text." in result.output


@pytest.mark.parametrize(("edited", "expected"), [
    ("1,290 reviews, 92.9% on time", "{{ reviews.held }} reviews, {{ reviews.on_time_pct }} on time"),
    ("1,300 reviews, 92.9% on time", "1,300 reviews, {{ reviews.on_time_pct }} on time"),
    ("11,290 reviews", "11,290 reviews"),
], ids=["kept", "one-changed", "not-inside-another-number"])
def test_restore_placeholders(edited: str, expected: str) -> None:
    shown = [("{{ reviews.held }}", "1,290"), ("{{ reviews.on_time_pct }}", "92.9%")]
    assert restore_placeholders(shown, edited) == expected


PROGRESS = """\
  - progress:
      - priority: Visit every child before the review
        progress: IROs met children before {{ reviews.held }} reviews.
      - priority: Shorter review records
        progress:
"""


def set_cell(table, row: int, column: int, text: str) -> None:  # type: ignore[no-untyped-def]
    cell = table.cell(row, column).paragraphs[0]
    cell.runs[0].text = text
    for run in cell.runs[1:]:
        run.text = ""


def table_after(document, caption: str):  # type: ignore[no-untyped-def]
    element = paragraph(document, caption)._p.getnext()
    return next(t for t in document.tables if t._tbl is element)


def add_row(table, after: int, cells: list[str]) -> None:  # type: ignore[no-untyped-def]
    row = copy.deepcopy(table.rows[after]._tr)
    table.rows[after]._tr.addnext(row)
    for column, text in enumerate(cells):
        set_cell(table, after + 1, column, text)


@pytest.fixture
def with_progress(small_report: Path) -> Path:
    path = small_report / "sections" / "priorities.yaml"
    path.write_text(path.read_text(encoding="utf-8") + PROGRESS, encoding="utf-8")
    return small_report


def test_table_edits_are_kept_or_reported(with_progress: Path, tmp_path: Path) -> None:
    document = Document(str(build_to(with_progress, tmp_path / "out")))
    parents = table_after(document, "Table 1: Parents")
    set_cell(parents, 1, 1, "620")
    add_row(parents, 2, ["Grandparents", "35", "1,290"])
    progress = table_after(document, "Table 3: Progress")
    set_cell(progress, 1, 1, "IROs met children before 1,290 reviews, and most of them twice.")
    set_cell(progress, 2, 1, "Records are now half as long.")
    set_cell(table_after(document, "Table 2: Children looked after"), 2, 1, "290")
    set_cell(table_after(document, "Data for Figure 1"), 3, 2, "75")
    set_cell(document.tables[0], 3, 1, "Corporate Parenting Board")
    document.add_paragraph("A closing thought from the director.")
    edited = tmp_path / "edited.docx"
    document.save(str(edited))

    result = imported(edited, with_progress)
    assert result.diff() == """\
--- a/service.yaml
+++ b/service.yaml
@@ -18,8 +18,9 @@
       title: Parents taking part in reviews
       columns: [Parent, Attended, Consulted]
       rows:
-        - [Mothers, 612, 301]
+        - [Mothers, 620, 301]
         - [Fathers, 288, 240]
+        - [Grandparents, 35, 1290]
       source: "Source: review records"
   - chart: rate_per_10k
   - statistics_table: legal_status
--- a/priorities.yaml
+++ b/priorities.yaml
@@ -17,6 +17,6 @@
         detail: Check at every review that plans for brothers and sisters to spend time together are in place and happening.
   - progress:
       - priority: Visit every child before the review
-        progress: IROs met children before {{ reviews.held }} reviews.
+        progress: IROs met children before {{ reviews.held }} reviews, and most of them twice.
       - priority: Shorter review records
-        progress:
+        progress: Records are now half as long.
"""
    assert [str(p) for p in result.unplaced] == [
        ("report/report.yaml:9:14: the cover's document control table, row 'Agreed by': "
        "'Children's Services Senior Leadership Team' was changed to 'Corporate Parenting Board' in Word"
        " — it is made from report.yaml: change document_control.agreed_by there and rebuild"),
        ("paragraph 48 not placed (it comes after the signature and 'Notes on the figures', which the build writes): "
        "'A closing thought from the director.' — copy it into the right section's YAML by hand"),
        ("report/sections/service.yaml:24:5: Data for Figure 1: Children in care per 10,000 children, beside "
        "England, row '2022/23', column 'Rate per 10,000 children': '72' was changed "
        "to '75' in Word — figures come from the data and cannot be edited in Word; correct the data and "
        "rebuild, or explain the figure in the narrative"),
        ("report/sections/service.yaml:25:5: Table 2: Children looked after at 31 March 2025 by legal status, "
        "row 'Full care orders', column 'Number': '282' was changed to '290' in Word — figures come from the "
        "data and cannot be edited in Word; correct the data and rebuild, or explain the figure in the narrative"),
    ]

    write_imported(result)
    rebuilt = Document(str(build_to(with_progress, tmp_path / "again")))
    rows = [[c.text for c in row.cells] for row in table_after(rebuilt, "Table 1: Parents").rows]
    assert rows == [["Parent", "Attended", "Consulted"], ["Mothers", "620", "301"], ["Fathers", "288", "240"],
                    ["Grandparents", "35", "1,290"]]
    rows = [[c.text for c in row.cells] for row in table_after(rebuilt, "Table 3: Progress").rows]
    assert rows[1:] == [["Visit every child before the review",
                         "IROs met children before 1,290 reviews, and most of them twice."],
                        ["Shorter review records", "Records are now half as long."]]
    assert [c.text for c in table_after(rebuilt, "Table 2: Children looked after").rows[2].cells][1] == "282"
    assert not any(p.text == "A closing thought from the director." for p in rebuilt.paragraphs)


def test_narrative_table_title_heading_and_deleted_row(small_report: Path, built: Path, tmp_path: Path) -> None:
    document = Document(str(built))
    caption = paragraph(document, "Table 1: Parents")
    caption.runs[-1].text = caption.runs[-1].text.replace("Parents", "Mothers and fathers")
    parents = table_after(document, "Table 1: Mothers")
    set_cell(parents, 0, 1, "Attended the review")
    parents._tbl.remove(parents.rows[2]._tr)
    edited = tmp_path / "edited.docx"
    document.save(str(edited))

    result = imported(edited, small_report)
    assert result.unplaced == []
    service = result.files[small_report / "sections" / "service.yaml"][1]
    assert "      title: Mothers and fathers taking part in reviews\n" in service
    assert "      columns: [Parent, Attended the review, Consulted]\n      rows:\n        - [Mothers, 612, 301]\n" \
           "      source:" in service


def test_progress_not_yet_written_stays_empty(with_progress: Path, tmp_path: Path) -> None:
    built = build_to(with_progress, tmp_path / "out")
    document = Document(str(built))
    progress = table_after(document, "Table 3: Progress")
    assert progress.cell(2, 1).text == "Progress not yet written."
    set_cell(progress, 2, 0, "Shorter records")
    add_row(progress, 2, ["Sibling time", "Progress not yet written."])
    edited = tmp_path / "edited.docx"
    document.save(str(edited))

    priorities = imported(edited, with_progress).files[with_progress / "sections" / "priorities.yaml"][1]
    assert priorities.endswith("      - priority: Shorter records\n        progress:\n"
                               "      - priority: Sibling time\n        progress:\n")


def test_header_text_box_and_cell_comment(small_report: Path, built: Path, tmp_path: Path) -> None:
    document = Document(str(built))
    document.sections[0].header.paragraphs[0].runs[0].text = "Draft for the director"
    parents = table_after(document, "Table 1: Parents")
    document.add_comment(parents.cell(1, 2).paragraphs[0].runs[0], text="Is this right?", author="Director")
    box = paragraph(document, "2.1\t")._p
    box.append(box.makeelement(qn("w:r")))
    content = etree.SubElement(etree.SubElement(box[-1], qn("w:pict")), qn("w:txbxContent"))
    etree.SubElement(etree.SubElement(etree.SubElement(content, qn("w:p")), qn("w:r")), qn("w:t")).text = "Well done"
    edited = tmp_path / "edited.docx"
    document.save(str(edited))

    result = imported(edited, small_report)
    assert result.files == {}
    assert [p.message for p in result.unplaced] == [
        "the header was changed in Word: it reads 'Draft for the director'",
        "text box at paragraph 16 not placed: 'Well done'",
    ]
    assert result.comments == [("report/sections/service.yaml:17:5: comment by Director on 'Parents taking part in "
                               "reviews', row 'Mothers', column 'Consulted': Is this right?")]


def test_command_lists_what_cannot_be_kept(small_report: Path, built: Path, tmp_path: Path) -> None:
    document = Document(str(built))
    set_cell(document.tables[0], 5, 1, "1.1")
    document.save(str(tmp_path / "edited.docx"))
    result = CliRunner().invoke(main, ["import-edits", str(tmp_path / "edited.docx"), str(small_report)])
    assert result.exit_code == 0, result.output
    assert "1 edit(s) could not be kept:" in result.output
    assert "row 'Version': '1.0' was changed to '1.1' in Word — it is made from report.yaml: change " \
           "document_control.version there" in result.output
