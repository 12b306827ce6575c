"""The live map in a real Chromium: server clusters as markers, zoom on a cluster, a popup with sources."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from playwright.sync_api import Page, expect

from tests.browser.conftest import screenshot


def test_map_shows_clusters_opens_a_popup_and_keeps_filters_in_the_url(site: str, page: Page) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{site}/")  # the default view: this year's attacks, the year of the newest incident (2023)
    assert parse_qs(urlparse(page.url).query) == {"kind": ["attack"], "from": ["2023-01-01"]}
    expect(page.locator("#map-status")).to_have_text("0 incidents in view, 0 killed", timeout=15000)

    page.goto(f"{site}/map?from=2019-01-01")
    expect(page.locator("#map-status")).to_have_text("75 incidents in view, 74 killed", timeout=15000)
    expect(page.locator("#map-legend")).to_contain_text("ISIS")
    expect(page.locator("#map canvas")).to_have_count(1)
    cluster = page.locator("#map button.cluster").first
    expect(cluster).to_have_text("75")
    screenshot(page, "map")

    cluster.click()  # zooms in: the raid at al-Shaddadi separates from the attacks at Hasakah
    single = page.locator("#map button.incident").first
    expect(single).to_be_visible(timeout=15000)
    single.click()
    popup = page.locator(".maplibregl-popup")
    expect(popup).to_contain_text("Raid — ISIS (attributed)")
    expect(popup).to_contain_text("Sources:")
    expect(popup.get_by_role("link", name="The incident's page")).to_have_attribute("href", "/incidents/2023-11-0101")
    screenshot(page, "map-popup")

    page.get_by_label("Kind").select_option("raid")
    page.get_by_role("button", name="Show").click()
    assert parse_qs(urlparse(page.url).query)["kind"] == ["raid"]
    expect(page.locator("#map-status")).to_have_text("1 incident in view, 0 killed", timeout=15000)
    assert errors == []
