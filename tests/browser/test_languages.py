"""The public pages and the desk in Arabic, Kurmanji and Sorani, as Chromium shows them: the page's language and
direction, the interface in that language, nothing pushed off the side of a right-to-left page, and the map drawn."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from marsad.domain.vocabulary import load_vocabularies
from marsad.i18n.catalogues import gettext
from tests.browser.conftest import screenshot
from tests.browser.test_desk import sign_in

PAGES = {
    "home": "/",
    "map": "/map",
    "dataset": "/incidents",
    "incident": "/incidents/2019-07-0001",
    "reports": "/reports",
    "methodology": "/methodology",
}
# Each desk page with the heading and a button an editor sees on it, by their English messages.
DESK_PAGES = {
    "desk": ("/desk", "Editorial desk", None),
    "form": ("/desk/incidents/new", "New incident", "Save"),
    "inbox": ("/desk/inbox", "Inbox", "Show"),
    "import": ("/desk/import", "Import incidents from a file", "Check and import"),
    "series": ("/desk/series", "Indicator series", "Show"),
}
DIRECTION = {"ar": "rtl", "ku": "ltr", "ckb": "rtl"}
ENGLISH_MENU = ("Map", "Dataset", "Reports", "Methodology")


@pytest.mark.parametrize("language", sorted(DIRECTION))
def test_every_public_page_reads_in_the_language_and_its_direction(site: str, page: Page, language: str) -> None:
    for name, path in PAGES.items():
        page.goto(f"{site}{path}?lang={language}")
        html = page.locator("html")
        expect(html).to_have_attribute("lang", language)
        expect(html).to_have_attribute("dir", DIRECTION[language])
        menu = page.locator("header.site nav").first.inner_text()
        assert not [word for word in ENGLISH_MENU if word in menu.split()], (name, menu)  # the menu is translated
        if name == "map":
            expect(page.locator("canvas.maplibregl-canvas")).to_be_visible(timeout=15000)
            ied = load_vocabularies().in_language(language).types.label("ied")  # the legend's first marker
            expect(page.locator("#map-legend")).to_contain_text(ied, timeout=15000)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{name} in {language} is {overflow}px wider than the window"
        screenshot(page, f"lang-{language}-{name}")


def _no_wider_than_the_window(page: Page, name: str) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{name} is {overflow}px wider than the window"


@pytest.mark.parametrize("language", sorted(DIRECTION))
def test_the_desk_reads_in_the_language_and_its_direction(site: str, page: Page, language: str) -> None:
    sign_in(page, site, "editor@example.org")
    for name, (path, heading, button) in DESK_PAGES.items():
        page.goto(f"{site}{path}?lang={language}")
        html = page.locator("html")
        expect(html).to_have_attribute("lang", language)
        expect(html).to_have_attribute("dir", DIRECTION[language])
        translated = gettext(language, heading)
        assert translated != heading, (language, heading)  # a catalogue that passes English through fails here
        expect(page.get_by_role("heading", level=1)).to_have_text(translated)
        if button:
            expect(page.get_by_role("button", name=gettext(language, button), exact=True).first).to_be_visible()
        _no_wider_than_the_window(page, f"{name} in {language}")
        screenshot(page, f"lang-{language}-desk-{name}")


@pytest.mark.parametrize("language", sorted(DIRECTION))
def test_quick_entry_says_what_it_recognised_in_the_language(site: str, page: Page, language: str) -> None:
    sign_in(page, site, "editor@example.org")
    page.goto(f"{site}/desk/incidents/new?lang={language}")
    page.locator("details.quick-entry summary").click()
    page.locator("#f-quick-text").fill("An IED wounded 2 SDF fighters in Hajin. ISIS claimed the attack.")
    page.locator("details.quick-entry button[type=submit]").click()
    saved_nothing = gettext(language, "Check every field before saving: nothing is saved yet.")
    notice = page.get_by_role("status").filter(has_text=saved_nothing)
    ied = load_vocabularies().in_language(language).types.label("ied")
    expect(notice).to_contain_text(gettext(language, "type {type}").format(type=ied))
    assert "type IED" not in notice.inner_text() and "perpetrator ISIS" not in notice.inner_text()
    screenshot(page, f"lang-{language}-desk-quick-entry")
