"""The editorial desk in Chromium: sign in, enter an attack found by searching "Qamishlo", two sources, the
duplicate warning, publication by an editor, and the incident on the public table and map."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.conftest import screenshot
from tests.web.desk_helpers import PASSWORD


def sign_in(page: Page, site: str, email: str) -> None:
    page.goto(f"{site}/desk")  # the desk sends a stranger to the sign-in form, and back afterwards
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Editorial desk")).to_be_visible()


def enter_attack(page: Page, site: str) -> None:
    page.goto(f"{site}/desk/incidents/new")
    page.get_by_label("Type", exact=True).select_option("armed_attack")
    page.get_by_label("Place", exact=True).fill("Qamishlo")
    choice = page.get_by_role("option", name="Qamishli")
    expect(choice).to_be_visible(timeout=10000)
    choice.click()
    expect(page.get_by_label("Latitude")).to_have_value("37.05215")
    page.get_by_label("Perpetrator (for a raid: the group raided)").select_option("isis")
    page.get_by_label("Grade", exact=True).select_option("fair")  # counted: the public dataset lists it
    page.get_by_label("Military killed", exact=True).fill("2")
    page.get_by_label("Military killed, high estimate").fill("4")  # the range beside the count
    page.get_by_label("Description (public)").fill("Gunmen attacked an Asayish checkpoint in Qamishli.")
    page.get_by_label("Source URL").fill("https://example.org/news/qamishli")
    page.get_by_label("Publisher").fill("Local news")
    page.get_by_role("button", name="Add a source").click()
    page.get_by_label("Source URL").nth(1).fill("https://example.org/statement/asayish")
    page.get_by_label("Publisher").nth(1).fill("Asayish")


def test_enter_an_attack_see_the_duplicate_warning_and_publish_it(site: str, page: Page) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(page, site, "contributor@example.org")
    enter_attack(page, site)
    expect(page.get_by_label("Save as").locator("option")).to_have_text(["Draft", "Waiting for review"])  # no publish
    screenshot(page, "desk-form")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status").filter(has_text="Saved.")).to_be_visible()
    heading = page.get_by_role("heading", level=1).inner_text()
    incident_id = heading.removeprefix("Incident ")
    expect(page.locator(".source-row")).to_have_count(2)

    enter_attack(page, site)  # the same attack again, as a colleague might
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Possible duplicate")).to_be_visible()
    expect(page.locator(".duplicates")).to_contain_text(incident_id)
    screenshot(page, "desk-duplicate")
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, site, "editor@example.org")
    page.goto(f"{site}/desk/review?status=draft")
    page.get_by_label(f"Select {incident_id}").check()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Published: 1 incident.")).to_be_visible()

    page.goto(f"{site}/incidents")
    expect(page.locator("table.dataset tbody tr").first).to_contain_text(incident_id)
    page.goto(f"{site}/incidents/{incident_id}")
    expect(page.locator("main")).to_contain_text("2 military killed (2–4)")
    page.goto(f"{site}/map?kind=attack&q=Asayish checkpoint in Qamishli")
    expect(page.locator("#map-status")).to_have_text("1 attack in the selection, 2 killed", timeout=15000)
    assert errors == []


def test_a_click_on_the_map_fills_the_coordinates_and_suggests_the_place(site: str, page: Page) -> None:
    sign_in(page, site, "contributor@example.org")
    page.goto(f"{site}/desk/incidents/new")
    expect(page.locator("#entry-map")).to_have_attribute("data-ready", "true", timeout=15000)
    page.locator("#entry-map canvas").click()  # the middle of the map: central Syria
    expect(page.get_by_label("Latitude")).not_to_have_value("")
    expect(page.get_by_label("Location precision")).to_have_value("exact")
    suggestion = page.locator("#place-suggestion")
    expect(suggestion).to_contain_text("Nearest place:")
    suggestion.get_by_role("button").click()
    expect(page.get_by_label("Place", exact=True)).not_to_have_value("")
    page.get_by_label("Kind").select_option("raid")  # the types follow the kind
    expect(page.locator("#f-type option[data-kind=attack]").first).to_be_disabled()
    expect(page.get_by_label("Arrests")).to_be_visible()
