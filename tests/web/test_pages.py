"""The page over a real report folder, without a browser: sections saved as typed, checked, previewed."""

from __future__ import annotations

import re

import yaml
from docx import Document  # noqa: F401  (the browser tests open the built papers)

SECTION = "purpose"


def editor_fields(html: str) -> dict[str, object]:
    """Return the section form's fields as the page shows them (inputs and textareas)."""
    fields: dict[str, object] = {}
    for tag in re.findall(r"<input[^>]*>", html):
        name, value = re.search(r'name="([^"]+)"', tag), re.search(r'value="([^"]*)"', tag)
        if not name or not value:
            continue
        if 'type="checkbox"' in tag:
            if " checked" in tag:
                fields.setdefault(name.group(1), []).append(value.group(1))  # type: ignore[union-attr]
            continue
        fields.setdefault(name.group(1), value.group(1))
    for name, value in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.DOTALL):
        fields[name] = value
    import html as html_module

    return {k: html_module.unescape(v) if isinstance(v, str) else v for k, v in fields.items() if k != "csrftoken"}


def test_the_overview_lists_the_sections_in_order(page) -> None:  # type: ignore[no-untyped-def]
    html = page.get("/").text
    titles = [yaml.safe_load((page.folder / "sections" / f"{n}.yaml").read_text())["title"]
              for n in yaml.safe_load((page.folder / "report.yaml").read_text())["sections"]]
    positions = [html.index(t) for t in titles]
    assert positions == sorted(positions)


def test_an_edited_paragraph_is_saved_keeping_the_files_comments(page) -> None:  # type: ignore[no-untyped-def]
    path = page.folder / "sections" / f"{SECTION}.yaml"
    path.write_text("# kept comment\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    fields = editor_fields(page.get(f"/section/{SECTION}").text)
    fields["block-0-text"] = "IROs chaired {{ reviews.held }} reviews this year."
    response = page.post(f"/section/{SECTION}", fields)
    assert response.status_code == 200 and "Saved at" in response.text
    after = path.read_text(encoding="utf-8")
    assert after.startswith("# kept comment\n")
    assert yaml.safe_load(after)["body"][0] == "IROs chaired {{ reviews.held }} reviews this year."
    changed = [line for line in after.splitlines() if line not in before.splitlines()]
    assert changed == ["  - IROs chaired {{ reviews.held }} reviews this year."]


def test_the_preview_shows_the_formatted_value(page) -> None:  # type: ignore[no-untyped-def]
    fields = editor_fields(page.get(f"/section/{SECTION}").text)
    fields["block-0-text"] = "IROs chaired {{ reviews.held }} reviews."
    response = page.post(f"/section/{SECTION}", fields)
    held = yaml.safe_load((page.folder / "statistics.yaml").read_text())["reviews"]["held"]
    assert f"IROs chaired {held:,} reviews." in response.text


def test_a_misspelt_name_is_a_finding_beside_its_block_and_nothing_is_lost(page) -> None:  # type: ignore[no-untyped-def]
    fields = editor_fields(page.get(f"/section/{SECTION}").text)
    fields["block-0-text"] = "IROs chaired {{ reviews.helt }} reviews."
    response = page.post(f"/section/{SECTION}", fields)
    notes = response.text.split('id="notes-0"', 1)[1].split("</div>", 1)[0]
    assert "unknown statistic &#39;reviews.helt&#39;" in notes and "did you mean &#39;reviews.held&#39;" in notes
    fields["block-0-text"] = "IROs chaired {{ reviews.held }} reviews."
    fields["version"] = re.search(r'id="version" name="version" value="([^"]+)"', response.text).group(1)
    fixed = page.post(f"/section/{SECTION}", fields)
    assert "unknown statistic" not in fixed.text.split('id="notes-0"', 1)[1].split("</div>", 1)[0]


def test_text_is_shown_literally_never_as_html(page) -> None:  # type: ignore[no-untyped-def]
    fields = editor_fields(page.get(f"/section/{SECTION}").text)
    fields["block-0-text"] = "<script>alert(1)</script> & **bold**"
    response = page.post(f"/section/{SECTION}", fields)
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; <strong>bold</strong>" in response.text
    assert "<script>alert(1)</script>" not in page.get(f"/section/{SECTION}").text


def test_input_the_model_refuses_is_shown_and_not_written(page) -> None:  # type: ignore[no-untyped-def]
    path = page.folder / "sections" / "priorities.yaml"
    before = path.read_text(encoding="utf-8")
    fields = editor_fields(page.get("/section/priorities").text)
    bullets = next(k for k, v in fields.items() if k.endswith("-kind") and v == "priorities").removesuffix("kind")
    for key in [k for k in fields if k.startswith(bullets + "item-")]:
        fields[key] = ""
    fields[bullets + "items"] = "0"
    response = page.post("/section/priorities", fields)
    assert "Not saved" in response.text
    assert path.read_text(encoding="utf-8") == before


def test_a_file_changed_on_disk_meanwhile_is_a_conflict_showing_both(page) -> None:  # type: ignore[no-untyped-def]
    path = page.folder / "sections" / f"{SECTION}.yaml"
    fields = editor_fields(page.get(f"/section/{SECTION}").text)
    path.write_text(path.read_text(encoding="utf-8").replace("title:", "title: Edited elsewhere\nold_title:", 1)
                    .replace("old_title:", "# a line from the text editor\n#", 1), encoding="utf-8")
    on_disk = path.read_text(encoding="utf-8")
    fields["block-0-text"] = "My words from the page."
    response = page.post(f"/section/{SECTION}", fields)
    assert response.headers["HX-Retarget"] == "#editor"
    assert "changed somewhere else" in response.text and "a line from the text editor" in response.text
    rows = re.findall(r'<th scope="row">([^<]+)</th><td>([^<]*)</td><td>([^<]*)</td>', response.text)
    assert ("The title", "Edited elsewhere", "Purpose of the report") in rows
    assert any(where == "Paragraph 1" and mine == "My words from the page." for where, _theirs, mine in rows), rows
    assert path.read_text(encoding="utf-8") == on_disk


def test_buttons_add_move_and_delete_blocks(page) -> None:  # type: ignore[no-untyped-def]
    path = page.folder / "sections" / f"{SECTION}.yaml"
    fields = editor_fields(page.get(f"/section/{SECTION}").text)
    count = len(yaml.safe_load(path.read_text())["body"])
    html = page.post(f"/section/{SECTION}", {**fields, "action": "add:quote:0"}).text
    body = yaml.safe_load(path.read_text())["body"]
    assert len(body) == count + 1 and body[1] == {"quote": ""}
    fields = editor_fields(html)
    fields["block-1-quote"] = "My IRO listens to me."
    html = page.post(f"/section/{SECTION}", {**editor_fields(html), "block-1-quote": "My IRO listens.",
                                              "action": "up:1"}).text
    assert yaml.safe_load(path.read_text())["body"][0] == {"quote": "My IRO listens."}
    page.post(f"/section/{SECTION}", {**editor_fields(html), "action": "delete:0"})
    assert len(yaml.safe_load(path.read_text())["body"]) == count


def test_a_section_is_added_to_the_report(page) -> None:  # type: ignore[no-untyped-def]
    response = page.post("/sections/add", {"title": "Brothers and sisters"})
    assert response.status_code == 303 and response.headers["location"] == "/section/brothers_and_sisters"
    assert "brothers_and_sisters" in yaml.safe_load((page.folder / "report.yaml").read_text())["sections"]
    html = page.get("/").text
    assert re.search(r'Brothers and sisters</a> <span class="tag tag-todo">to write</span>', html)  # in the list
    assert "The paragraph</a>: still to write: &#39;[Write this section here" in html  # what check says, at its block


def test_the_details_form_saves_and_refuses_a_bad_date(page) -> None:  # type: ignore[no-untyped-def]
    path = page.folder / "report.yaml"
    html = page.get("/details").text
    fields = editor_fields(html)
    fields["committee.name"] = "Corporate Parenting Panel"
    assert "Saved" in page.post("/details", fields).text
    assert yaml.safe_load(path.read_text())["committee"]["name"] == "Corporate Parenting Panel"
    before = path.read_text()
    fields = editor_fields(page.get("/details").text)
    fields["committee.meeting_date"] = "14/07/2025"
    response = page.post("/details", fields)
    assert "Not saved" in response.text and "YYYY-MM-DD" in response.text
    assert path.read_text() == before


def test_each_date_of_the_details_reads_in_words_whatever_order_the_browser_writes_it(page) -> None:  # type: ignore[no-untyped-def]
    html = page.get("/details").text
    meeting = html.split('name="committee.meeting_date"', 1)[1].split("</div>", 1)[0]
    assert 'value="2025-07-14"' in meeting and "Reads as</span> 14 July 2025" in meeting


def test_the_covering_form_uses_the_councils_headings(page) -> None:  # type: ignore[no-untyped-def]
    council = yaml.safe_load((page.folder / "council.yaml").read_text())
    html = page.get("/covering").text
    for heading in council.get("covering_headings", ["Finance", "Law"])[3:]:
        assert heading.replace("&", "&amp;").replace("'", "&#39;") in html


def test_the_figures_panel_lists_names_with_this_years_value(page) -> None:  # type: ignore[no-untyped-def]
    html = page.get(f"/section/{SECTION}").text
    held = yaml.safe_load((page.folder / "statistics.yaml").read_text())["reviews"]["held"]
    assert re.search(rf'reviews\.held</span> — <span class="figure-value">{held:,}</span>', html)


def test_an_autosave_overlapping_a_button_is_not_a_conflict_with_itself(page) -> None:  # type: ignore[no-untyped-def]
    path = page.folder / "sections" / f"{SECTION}.yaml"
    opened = editor_fields(page.get(f"/section/{SECTION}").text)
    typed = {**opened, "block-0-text": "Typed just before the button was pressed."}
    page.post(f"/section/{SECTION}", typed)  # the autosave: its new version has not reached the page yet
    response = page.post(f"/section/{SECTION}", {**typed, "action": "add:quote:0"})  # sent with the old version
    assert "changed somewhere else" not in response.text and "HX-Retarget" not in response.headers
    body = yaml.safe_load(path.read_text(encoding="utf-8"))["body"]
    assert body[0] == "Typed just before the button was pressed." and body[1] == {"quote": ""}


def test_a_second_tab_on_the_same_version_is_a_conflict(page) -> None:  # type: ignore[no-untyped-def]
    path = page.folder / "sections" / f"{SECTION}.yaml"
    first, second = (editor_fields(page.get(f"/section/{SECTION}").text) for _ in range(2))
    assert first["editor"] != second["editor"]
    page.post(f"/section/{SECTION}", {**first, "block-0-text": "From the first tab."})
    response = page.post(f"/section/{SECTION}", {**second, "block-0-text": "From the second tab."})
    assert response.headers["HX-Retarget"] == "#editor" and "From the first tab." in response.text
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["body"][0] == "From the first tab."


def test_a_table_the_report_has_no_data_for_is_left_out_of_the_preview_with_why(page) -> None:  # type: ignore[no-untyped-def]
    fields = editor_fields(page.get(f"/section/{SECTION}").text)
    html = page.post(f"/section/{SECTION}", {**fields, "action": "add-table:cp_activity:0"}).text
    assert "Table “cp_activity” is left out" in html
    assert 'value="add-table:cp_activity' not in html  # not offered in the panel without a CIN census


def test_the_overview_names_the_block_a_finding_is_about_and_links_to_it(page) -> None:  # type: ignore[no-untyped-def]
    path = page.folder / "sections" / f"{SECTION}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("The report gives figures", "The report gives {{ cla.at_ned }} figures"),
                    encoding="utf-8")
    html = page.get("/").text
    assert f'<a href="/section/{SECTION}#block-1">Paragraph 2</a>: unknown statistic &#39;cla.at_ned&#39;' in html
    assert re.search(rf'<a href="/section/{SECTION}">Purpose of the report</a></td>\s*<td><span class="tag tag-todo">[1-9]\d* to look at',
                     html)


def test_the_covering_reports_paragraphs_are_boxes_and_a_follow_on_keeps_no_number(page) -> None:  # type: ignore[no-untyped-def]
    path = page.folder / "covering.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["background"] = ["First, numbered.", {"unnumbered": "Carried on, without a number."}]
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    fields = editor_fields(page.get("/covering").text)
    assert fields["background.0"] == "First, numbered." and fields["background.1"] == "Carried on, without a number."
    assert fields["background.1.follow_on"] == ["1"] and fields["background.2"] == ""
    assert not any(name.startswith("recommendations.") and name.endswith(".follow_on") for name in fields)
    fields["background.2"] = "A third, new paragraph."
    assert "Saved" in page.post("/covering", fields).text
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["background"] == [
        "First, numbered.", {"unnumbered": "Carried on, without a number."}, "A third, new paragraph."]
    fields = editor_fields(page.get("/covering").text)
    del fields["background.1.follow_on"]
    fields["background.0"] = ""
    assert "Saved" in page.post("/covering", fields).text
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["background"] == [
        "Carried on, without a number.", "A third, new paragraph."]


def test_a_paragraph_ticked_to_follow_on_is_saved_unnumbered_and_previewed_without_a_number(page) -> None:  # type: ignore[no-untyped-def]
    path = page.folder / "sections" / f"{SECTION}.yaml"
    fields = editor_fields(page.get(f"/section/{SECTION}").text)
    assert "block-0-follow_on" not in page.get(f"/section/{SECTION}").text  # the first paragraph has nothing to follow
    response = page.post(f"/section/{SECTION}", {**fields, "block-1-follow_on": "1"})
    body = yaml.safe_load(path.read_text(encoding="utf-8"))["body"]
    assert isinstance(body[1], dict) and body[1]["unnumbered"].startswith("The report gives figures")
    assert '<p class="follow-on">The report gives figures' in response.text
    fields = editor_fields(page.get(f"/section/{SECTION}").text)
    assert fields["block-1-follow_on"] == ["1"] and fields["block-1-kind"] == "unnumbered"
    del fields["block-1-follow_on"]
    page.post(f"/section/{SECTION}", fields)
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["body"][1].startswith("The report gives figures")
