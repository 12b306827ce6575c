"""The public pages in Arabic, Kurmanji and Sorani, as Chromium shows them: the page's language and direction,
the interface in that language, nothing pushed off the side of a right-to-left page, and the map drawn."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import screenshot

PAGES = {
    "home": "/",
    "map": "/map",
    "dataset": "/incidents",
    "incident": "/incidents/2019-07-0001",
    "reports": "/reports",
    "methodology": "/methodology",
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
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{name} in {language} is {overflow}px wider than the window"
        screenshot(page, f"lang-{language}-{name}")
