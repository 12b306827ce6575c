"""The desk's import in Chromium: a file chosen in the form, its progress, then the rows to fix."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.conftest import screenshot
from tests.browser.test_desk import sign_in
from tests.helpers import csv_text
from tests.services.test_importing import GOOD
from tests.web.test_desk_import import BAD


def test_an_upload_shows_its_progress_then_what_to_fix(site: str, page: Page, tmp_path: Path) -> None:
    sign_in(page, site, "editor@example.org")
    page.goto(f"{site}/desk/import")
    screenshot(page, "desk-import")
    upload = tmp_path / "july.csv"
    upload.write_text(csv_text(*GOOD, BAD), encoding="utf-8")  # rejected whole: the shared site keeps its data
    page.locator("#f-file").set_input_files(str(upload))
    page.get_by_role("button", name="Check and import").click()
    expect(page.get_by_role("heading", name="Import incidents from a file")).to_be_visible(timeout=60000)
    expect(page.get_by_role("alert")).to_contain_text("july.csv: 1 of 4 rows has an error; nothing was imported")
    problems = page.get_by_role("table", name="Problems found")
    expect(problems.locator("tbody tr")).to_have_count(1)
    expect(problems).to_contain_text("'2019-13-02' is not a date")
    screenshot(page, "desk-import-problems")
