"""The report draft editor in Chromium: key points reordered by dragging and with the arrow buttons, hidden,
the preview beside the form following as you type, and publication from the preview after a confirmation."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import screenshot
from tests.browser.test_desk import sign_in


def point_texts(page: Page) -> list[str]:
    return [box.input_value() for box in page.locator(".point-row textarea").all()]


def test_reorder_hide_and_edit_key_points_then_publish_from_the_preview(site: str, page: Page) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(page, site, "editor@example.org")
    page.goto(f"{site}/desk/reports")
    page.get_by_label("Start the draft of a month").fill("2019-07")
    page.get_by_role("button", name="Start the draft").click()
    expect(page.get_by_role("heading", name="July 2019 report")).to_be_visible()
    expect(page.locator("#draft-form")).to_have_attribute("data-ready", "true")
    generated = point_texts(page)
    assert len(generated) >= 3, generated

    # drag the third key point by its handle above the first
    rows = page.locator(".point-row")
    rows.nth(2).locator(".drag-handle").drag_to(rows.nth(0), target_position={"x": 40, "y": 4})
    expect(page.locator(".point-row textarea").first).to_have_value(generated[2])
    order = [generated[2], generated[0], generated[1], *generated[3:]]
    assert point_texts(page) == order
    # the arrows move without a round trip, and keep the focus on the moved point's button
    page.get_by_role("button", name="Move key point 3 up").click()
    order[1], order[2] = order[2], order[1]
    assert point_texts(page) == order
    expect(page.get_by_role("button", name="Move key point 2 up")).to_be_focused()
    expect(page.locator("#reorder-status")).to_have_text(f"Moved to position 2 of {len(order)}.")
    # the preview beside the form follows: order, an edit, a hidden point
    preview = page.locator("#draft-preview .preview-points li")
    expect(preview.first).to_have_text(order[0])
    page.locator(".point-row textarea").first.fill("Edited in the browser: " + order[0])
    expect(preview.first).to_have_text("Edited in the browser: " + order[0])
    page.locator(".point-row").nth(1).get_by_label("In the report").select_option("hidden")
    expect(page.locator(".point-row").nth(1)).to_have_class(re.compile(r"\bis-hidden\b"))
    expect(preview).to_have_count(len(order) - 1)
    expect(page.locator("#draft-preview")).to_contain_text("1 hidden, not in the report.")
    page.get_by_label("Section heading").fill("Camps")
    page.get_by_label("Text").fill("A protest in **al-Hol**.")
    expect(page.locator("#draft-preview strong")).to_have_text("al-Hol")
    screenshot(page, "desk-report-sections")
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "desk-report-editor")

    page.get_by_role("button", name="Save the draft").click()
    expect(page.get_by_role("status").filter(has_text="Draft saved.")).to_be_visible()
    shown = ["Edited in the browser: " + order[0], *order[2:]]
    assert point_texts(page) == [*shown, order[1]]  # hidden points come last, kept
    expect(page.locator(".point-row").last).to_have_class(re.compile(r"\bis-hidden\b"))

    page.get_by_role("button", name="Save and preview the whole report").click()
    expect(page.get_by_text("Preview of the draft with today's figures: not published.")).to_be_visible()
    page.get_by_role("link", name="Publish this report…").click()
    expect(page.get_by_role("heading", name="Publish the July 2019 report?")).to_be_visible()
    screenshot(page, "desk-report-confirm")
    page.get_by_role("button", name="Yes, publish the July 2019 report").click()
    expect(page).to_have_url(f"{site}/reports/2019-07")
    expect(page.get_by_text("Edited in the browser: " + order[0])).to_be_visible()
    expect(page.get_by_text(order[1], exact=True)).to_have_count(0)  # the hidden point is not published

    page.set_viewport_size({"width": 390, "height": 844})  # on a phone the preview follows the form
    page.goto(f"{site}/desk/reports/2019-07")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width
    screenshot(page, "desk-report-editor-phone")
    assert errors == []
