"""The dataset page as a reader uses it: sort by clicking a column, page through, filter, download."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import screenshot


def first_id(page: Page) -> str:
    return page.locator("table.dataset tbody tr td a").first.inner_text()


def test_sorting_paging_and_filtering_change_the_rows_and_the_url(site: str, page: Page) -> None:
    page.goto(f"{site}/incidents")
    expect(page.locator(".summary strong")).to_have_text("75")
    assert first_id(page) == "2023-11-0101"  # newest first
    screenshot(page, "dataset")

    page.get_by_role("link", name="Date").click()
    assert parse_qs(urlparse(page.url).query)["sort"] == ["date"]
    assert first_id(page) == "2019-07-0028"  # 1 July 2019, lowest id of that day

    page.get_by_role("link", name="Next page").click()
    assert "cursor" in parse_qs(urlparse(page.url).query)
    expect(page.locator("table.dataset tbody tr")).to_have_count(25)
    expect(page.locator(".rows-shown")).to_have_text("Rows 51–75 of 75")
    page.get_by_role("link", name="Previous page").click()
    expect(page.locator(".rows-shown")).to_have_text("Rows 1–50 of 75")
    assert first_id(page) == "2019-07-0028"

    page.get_by_role("link", name="Killed").click()  # the deadliest first; the raid reports none killed: last
    assert parse_qs(urlparse(page.url).query)["sort"] == ["-killed"]
    expect(page.locator("table.dataset tbody tr td.n").first).to_have_text(re.compile(r"^1( \(1–3\))?$"))

    page.goto(f"{site}/incidents")
    page.get_by_label("Kind").select_option("raid")
    page.get_by_role("button", name="Show").click()
    assert parse_qs(urlparse(page.url).query)["kind"] == ["raid"]
    expect(page.locator(".summary strong")).to_have_text("1")
    reloaded = page.url
    page.goto(reloaded)
    expect(page.locator("table.dataset tbody tr")).to_have_count(1)

    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    lines = download.value.path().read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and lines[1].startswith("2023-11-0101,raid")


def test_on_a_phone_the_map_and_table_fit_the_screen(site: str, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    phone = context.new_page()
    phone.goto(f"{site}/map?from=2019-01-01")
    expect(phone.locator("#map-status")).to_have_text("75 incidents in the selection, 74 killed", timeout=15000)
    box = phone.locator("#map").bounding_box()
    assert box is not None and box["width"] <= 390
    screenshot(phone, "phone-map")
    phone.goto(f"{site}/incidents")
    expect(phone.get_by_role("columnheader", name="Attribution")).to_be_hidden()  # the wide columns give way
    expect(phone.get_by_role("columnheader", name="Killed")).to_be_visible()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways ({width}px)"
    context.close()


def test_an_arabic_search_finds_the_place_by_its_arabic_name(site: str, page: Page) -> None:
    page.goto(f"{site}/incidents")
    page.get_by_label("Search").fill("الحسكة")
    page.get_by_role("button", name="Show").click()
    assert parse_qs(urlparse(page.url).query)["q"] == ["الحسكة"]
    expect(page.locator(".summary strong")).to_have_text("73")  # every attack recorded at "Hasakah"
    expect(page.locator(".summary")).to_contain_text("incidents mentioning “الحسكة” or at Hasakah")
    expect(page.locator("table.dataset tbody tr").first).to_contain_text("Hasakah")
    screenshot(page, "dataset-arabic-search")
