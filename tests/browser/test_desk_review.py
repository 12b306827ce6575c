"""The review queue in Chromium: one box selects the whole page, shift-click selects a run, the count of the
selected stays beside the actions, and the action bar stays in reach at the bottom of the window."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from marsad.i18n.catalogues import ngettext
from tests.browser.conftest import screenshot
from tests.browser.test_desk import sign_in


def test_select_all_and_the_action_bar_that_stays_in_reach(site: str, page: Page) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_viewport_size({"width": 1100, "height": 560})
    sign_in(page, site, "editor@example.org")
    page.goto(f"{site}/desk/review")
    expect(page.locator("#review-form")).to_have_attribute("data-ready", "true")
    boxes = page.locator("input[name=id]")
    expect(boxes).to_have_count(12)
    expect(boxes.first).to_have_attribute("value", "2019-09-0012")  # newest first
    bar = page.get_by_role("region", name="Actions on the selected incidents")
    expect(bar.get_by_role("button", name="Publish")).to_be_disabled()  # nothing selected yet

    page.get_by_label("Select all on this page").check()
    for n in range(12):
        expect(boxes.nth(n)).to_be_checked()
    expect(page.locator("#selected-count")).to_have_text("12 selected:")
    boxes.nth(0).uncheck()
    expect(page.locator("#selected-count")).to_have_text("11 selected:")
    assert page.get_by_label("Select all on this page").evaluate("box => box.indeterminate")
    page.get_by_label("Select all on this page").click()  # from half-ticked: all again, then none
    expect(page.locator("#selected-count")).to_have_text("12 selected:")
    page.get_by_label("Select all on this page").click()
    expect(page.locator("#selected-count")).to_have_text("0 selected:")
    boxes.nth(1).check()
    boxes.nth(4).click(modifiers=["Shift"])  # a run: the 2nd to the 5th
    expect(page.locator("#selected-count")).to_have_text("4 selected:")
    assert [boxes.nth(n).is_checked() for n in range(6)] == [False, True, True, True, True, False]

    # the table is longer than the window; the action bar stays on screen at the top and after scrolling
    for scroll in (0, 250):
        page.evaluate(f"window.scrollTo(0, {scroll})")
        box = bar.bounding_box()
        assert box is not None and box["y"] + box["height"] <= 560 + 1, (scroll, box)
    screenshot(page, "desk-review-queue")
    bar.get_by_role("button", name="Back to draft").click()
    expect(page.get_by_text("Moved back to draft: 4 incidents.")).to_be_visible()
    expect(page.locator("input[name=id]")).to_have_count(8)
    assert errors == []


@pytest.mark.parametrize("language", ["ar", "ku", "ckb"])
def test_the_count_of_the_selected_reads_in_the_pages_language(site: str, page: Page, language: str) -> None:
    sign_in(page, site, "editor@example.org")
    page.goto(f"{site}/desk/review?lang={language}")
    expect(page.locator("#review-form")).to_have_attribute("data-ready", "true")
    boxes, count = page.locator("input[name=id]"), page.locator("#selected-count")
    for ticked in (0, 1, 3):  # Arabic has a form each for none, one, and a few
        for n in range(ticked):
            boxes.nth(n).check()
        words = ngettext(language, "{n} selected:", "{n} selected:", ticked).format(n=ticked)
        assert not words.endswith(" selected:"), words  # a catalogue that passes English through fails here
        expect(count).to_have_text(words)
    screenshot(page, f"lang-{language}-desk-review-selected")
