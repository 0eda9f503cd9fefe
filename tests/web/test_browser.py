"""The authoring page in a real browser (Debian's Chromium, driven by Playwright), over the example report.

Each scenario of the page is walked through as a team manager would: type, insert a figure, read the
preview, fix what the check says, build and open the downloaded paper. The screenshots the README
shows are taken here, from the real page.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--lang=en-GB", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
EXAMPLE = Path(__file__).parents[2] / "content" / "example"
AGGREGATES = EXAMPLE.with_name("example-aggregates")
SCREENSHOTS_VARIABLE = "REPORT_BUILDER_SCREENSHOTS"
"""Set to a folder (docs/screenshots for the README's) to keep the screenshots the tests take."""

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = [pytest.mark.browser, pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium")]


@contextmanager
def serving(example: Path, folder: Path) -> Iterator[tuple[str, Path]]:
    """Yield the printed address of `report-builder serve` over a copy of an example, and the copy."""
    shutil.copytree(example, folder, ignore=shutil.ignore_patterns("out"))
    process = subprocess.Popen([sys.executable, "-m", "report_builder.cli", "serve", str(folder), "--no-browser"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = process.stdout.readline()  # type: ignore[union-attr]
        address = re.search(r"http://127\.0\.0\.1:\d+/\?token=\S+", line)
        assert address, f"serve printed {line!r}"
        yield address.group(0), folder
    finally:
        process.terminate()
        process.wait(timeout=20)
        process.stdout.close()  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """Return the printed address of `report-builder serve` over a copy of the example, and the folder."""
    with serving(EXAMPLE, tmp_path_factory.mktemp("web") / "example") as address:
        yield address


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, served):  # type: ignore[no-untyped-def]
    address, _folder = served
    context = browser.new_context(viewport={"width": 1440, "height": 900}, accept_downloads=True, locale="en-GB")
    tab = context.new_page()
    tab.set_default_timeout(20_000)
    tab.goto(address)
    yield tab
    context.close()


def base(served: tuple[str, Path]) -> str:
    return served[0].split("/?token=")[0]


def shot(page, name: str, full_page: bool = False) -> None:  # type: ignore[no-untyped-def]
    """Take a screenshot of the page as it is, kept where REPORT_BUILDER_SCREENSHOTS says."""
    import os

    folder = os.environ.get(SCREENSHOTS_VARIABLE)
    picture = page.screenshot(full_page=full_page)
    assert picture.startswith(b"\x89PNG")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / f"{name}.png").write_bytes(picture)


def test_write_insert_a_figure_and_fix_what_check_says(page, served) -> None:  # type: ignore[no-untyped-def]
    expect = playwright_api.expect
    shot(page, "overview")
    page.get_by_role("link", name="IRO challenge and dispute resolution").first.click()
    paragraph = page.locator("#block-0-text")
    paragraph.fill("This year IROs chaired")
    paragraph.press("End")
    page.fill("#figure-search", "reviews held in the year")
    page.locator('[data-insert="{{ reviews.held }}"]').click()
    paragraph.press("End")
    paragraph.type(" reviews.")
    expect(paragraph).to_have_value("This year IROs chaired {{ reviews.held }} reviews.")
    expect(page.locator("#preview")).to_contain_text(re.compile(r"This year IROs chaired \d[\d,]* reviews\."))
    expect(page.locator("#save-status")).to_contain_text("Saved")
    paragraph.fill("This year IROs chaired {{ reviews.helt }} reviews.")
    expect(page.locator("#notes-0")).to_contain_text("unknown statistic 'reviews.helt'")
    expect(page.locator("#notes-0")).to_contain_text("did you mean 'reviews.held'")
    shot(page, "section-with-finding")
    page.locator("#notes-0").get_by_role("button", name="Use reviews.held").click()
    expect(paragraph).to_have_value("This year IROs chaired {{ reviews.held }} reviews.")
    expect(page.locator("#notes-0")).not_to_contain_text("unknown statistic")
    paragraph.fill("This year IROs chaired {{ reviews.held }} reviews, and every one mattered.")
    expect(page.locator("#preview")).to_contain_text("reviews, and every one mattered.")  # answered, so saved
    expect(page.locator("#save-status")).to_contain_text("Saved")
    text = (served[1] / "sections" / "challenge.yaml").read_text(encoding="utf-8")
    assert "This year IROs chaired {{ reviews.held }} reviews, and every one mattered." in text


def test_a_block_added_with_a_button_shows_in_the_preview_at_once(page, served) -> None:  # type: ignore[no-untyped-def]
    page.goto(base(served) + "/section/feedback")
    first = page.locator("#block-0")
    first.locator("summary", has_text="Add below").click()
    first.get_by_role("button", name="Quote").click()
    quote = page.locator("#block-1-quote")
    playwright_api.expect(quote).to_be_visible()
    playwright_api.expect(page.locator("#preview-1 blockquote")).to_have_count(1)
    quote.fill("My IRO came to see me at school.")
    playwright_api.expect(page.locator("#preview-1")).to_contain_text("My IRO came to see me at school.")


def test_script_is_shown_literally(page, served) -> None:  # type: ignore[no-untyped-def]
    page.goto(base(served) + "/section/purpose")
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.locator("#block-0-text").fill("<script>alert('x')</script> <b>not bold</b>")
    playwright_api.expect(page.locator("#preview")).to_contain_text("<script>alert('x')</script> <b>not bold</b>")
    assert page.locator("#preview b").count() == 0 and not dialogs


def test_a_change_on_disk_meanwhile_shows_both_versions(page, served) -> None:  # type: ignore[no-untyped-def]
    page.goto(base(served) + "/section/worries")
    path = served[1] / "sections" / "worries.yaml"
    edited = path.read_text(encoding="utf-8").replace("title: What we are worried about", "title: What worries us")
    path.write_text("# edited in a text editor\n" + edited, encoding="utf-8")
    on_disk = path.read_text(encoding="utf-8")
    page.locator("#block-0-text").fill("Typed in the page.")
    card = page.locator(".conflict-card")
    playwright_api.expect(card).to_contain_text("changed somewhere else")
    playwright_api.expect(card.locator("tr", has_text="The title")).to_contain_text("What worries us")
    playwright_api.expect(card.locator("tr", has_text="Paragraph 1")).to_contain_text("Typed in the page.")
    playwright_api.expect(card).to_contain_text("edited in a text editor")  # the files as written, folded away
    shot(page, "conflict")
    assert path.read_text(encoding="utf-8") == on_disk
    with page.expect_navigation():
        page.get_by_role("button", name="Keep my version").click()
    playwright_api.expect(page.locator("#block-0-text")).to_have_value("Typed in the page.")
    assert "Typed in the page." in path.read_text(encoding="utf-8")


def test_upload_a_csv_with_a_bad_row_and_see_its_row(page, served, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    reviews = (served[1] / "data" / "ssda903" / "2026" / "reviews.csv").read_text(encoding="utf-8").splitlines()
    reviews[3] = reviews[3].rsplit(",", 1)[0] + ",PN9"
    upload = tmp_path / "Reviews 2026.csv"
    upload.write_text("\n".join(reviews) + "\n", encoding="utf-8")
    page.goto(base(served) + "/data")
    page.set_input_files("#files", str(upload))
    page.get_by_role("button", name="Upload and check").click()
    problems = page.locator("#data-problems")
    playwright_api.expect(problems).to_contain_text("reviews.csv")
    row = problems.locator("tr", has_text="PN9")
    playwright_api.expect(row.locator("td").nth(1)).to_have_text("4")
    child = reviews[3].split(",")[0]
    assert child not in page.content()
    shot(page, "data")


def test_upload_the_return_as_a_workbook_and_see_its_sheet_and_row(page, served, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from workbooks import workbook_of

    year = served[1] / "data" / "ssda903" / "2026"
    upload = tmp_path / "SSDA903 2025-26.xlsx"
    upload.write_bytes(workbook_of(year, bad_place=True))
    page.goto(base(served) + "/data")
    page.set_input_files("#files", str(upload))
    page.get_by_role("button", name="Upload and check").click()
    playwright_api.expect(page.locator(".notice-ok")).to_contain_text(
        "Kept SSDA903 2025-26.xlsx, this year's return. It replaces episodes.csv, header.csv")
    row = page.locator("#data-problems tr", has_text="'R4' is not a placement code")
    playwright_api.expect(row.locator("td").nth(0)).to_have_text("SSDA903 2025-26.xlsx, sheet Episodes")
    playwright_api.expect(row.locator("td").nth(1)).to_have_text("6")
    playwright_api.expect(page.locator(".data-files")).to_contain_text("The whole return, a sheet for each file")
    assert not list(year.glob("*.csv"))
    shot(page, "data-workbook")


def test_build_and_open_the_downloaded_annual_report(page, served, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from docx import Document

    page.goto(base(served) + "/section/successes")
    page.locator("#block-0-text").fill("Edited in the browser for the committee.")
    playwright_api.expect(page.locator("#save-status")).to_contain_text("Saved")
    page.goto(base(served) + "/build")
    page.get_by_role("button", name="Build the papers for committee").click()
    status = page.locator("#build-status")
    playwright_api.expect(status).to_contain_text("Built in", timeout=240_000)
    annual = status.locator("tr", has_text="The annual report")
    playwright_api.expect(annual.get_by_role("link", name="Open the PDF")).to_be_visible()
    playwright_api.expect(status.locator("tr", has_text="The agenda pack")).to_contain_text("Open the PDF")
    playwright_api.expect(status.locator(".page-thumbs img").first).to_be_visible()
    assert status.locator(".page-thumbs img").count() > 20
    shot(page, "build", full_page=True)
    with page.expect_download() as download:
        annual.get_by_role("link", name="Download the Word paper").click()
    saved = tmp_path / "annual.docx"
    download.value.save_as(saved)
    assert any("Edited in the browser for the committee." in p.text for p in Document(str(saved)).paragraphs)


def test_the_details_and_the_covering_report_read_as_forms_with_their_figures(page, served) -> None:  # type: ignore[no-untyped-def]
    page.goto(base(served) + "/details")
    playwright_api.expect(page.locator("legend", has_text="The committee")).to_be_visible()
    page.fill("[name='committee.agenda_item']", "8")
    page.get_by_role("button", name="Save").click()
    playwright_api.expect(page.locator(".notice-ok")).to_contain_text("Saved")
    assert "agenda_item: 8" in (served[1] / "report.yaml").read_text(encoding="utf-8")
    shot(page, "details", full_page=True)
    page.goto(base(served) + "/covering")
    background = page.locator("div.wide", has=page.locator("[name='background.0']"))
    playwright_api.expect(background.locator(".reads-as")).to_contain_text(re.compile(r"looked after \d[\d,]* children"))
    shot(page, "covering")


def test_the_councils_own_figures_are_a_form_and_one_left_empty_is_not_available(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with serving(AGGREGATES, tmp_path / "westmoor") as (address, folder):
        context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="en-GB")
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.goto(address)
        page.goto(address.split("/?token=")[0] + "/data")
        held = page.get_by_label("Reviews held on time", exact=True)
        playwright_api.expect(held).to_have_attribute("placeholder", "not available")
        playwright_api.expect(page.get_by_label("Under 1: Girls", exact=True)).to_have_value("4")
        held.fill("441")
        page.get_by_label("IROs in post (people)", exact=True).fill("")
        page.locator("legend", has_text="Reviews of children looked after").evaluate(
            "legend => legend.parentElement.scrollIntoView({block: 'start'})")
        shot(page, "figures")
        page.get_by_role("button", name="Save the figures").click()
        playwright_api.expect(page.locator(".notice-ok")).to_contain_text("Saved")
        text = (folder / "statistics.yaml").read_text(encoding="utf-8")
        assert "  held: 468               # reviews held in the year\n  on_time: 441\n" in text
        assert "headcount" not in text and "male:   {under_1: 5," in text
        context.close()


def test_requests_without_the_token_or_from_a_foreign_host_are_refused(served) -> None:  # type: ignore[no-untyped-def]
    import httpx

    address = base(served)
    assert httpx.get(address + "/").status_code == 403
    port = address.rsplit(":", 1)[1]
    foreign = httpx.get(f"{address}/?token={served[0].split('token=')[1]}", headers={"host": f"evil.example:{port}"})
    assert foreign.status_code == 400
