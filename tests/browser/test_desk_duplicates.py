"""The duplicate panel in Chromium: what differs is highlighted, and its "Add my sources to …" button (outside
the entry form, tied to it by the form attribute) sends the typed sources to that incident; its history then
shows the source added, word by word."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.conftest import screenshot
from tests.browser.test_desk import sign_in


def test_add_my_sources_to_the_incident_it_duplicates(site: str, page: Page) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(page, site, "editor@example.org")
    page.goto(f"{site}/desk/incidents/new")
    page.get_by_label("Type", exact=True).select_option("armed_attack")
    page.get_by_label("Date", exact=True).fill("2019-07-14")
    page.get_by_label("Place", exact=True).fill("Hasakah")
    page.get_by_label("Description (public)").fill("Gunmen fired on an Asayish patrol in Hasakah.")
    page.get_by_label("Source URL").fill("https://example.org/news/hasakah-patrol")
    page.get_by_label("Publisher").fill("North Press")
    page.get_by_role("button", name="Save").click()
    panel = page.locator(".duplicates")
    expect(page.get_by_role("heading", name="Possible duplicates")).to_be_visible()
    expect(panel.locator("tr.differs th").filter(has_text="Type")).to_have_count(1)
    expect(panel.locator("tr.differs th").filter(has_text="Description")).to_have_count(1)
    expect(panel.locator("tr:not(.differs) th").filter(has_text="Place")).to_have_count(1)
    panel.scroll_into_view_if_needed()
    screenshot(page, "desk-duplicate-panel")

    panel.get_by_role("button", name="Add my sources to 2019-07-0013").click()
    expect(page.get_by_role("heading", name="Incident 2019-07-0013")).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="Added 1 source from your entry")).to_be_visible()
    expect(page.get_by_label("Source URL").nth(1)).to_have_value("https://example.org/news/hasakah-patrol")

    page.get_by_role("link", name="history").click()
    added = page.locator('tr[data-field="sources"] ins')
    expect(added).to_contain_text("North Press — https://example.org/news/hasakah-patrol")
    expect(page.locator('tr[data-field="sources"] th')).to_have_text("Sources")
    screenshot(page, "desk-history")
    assert errors == []
