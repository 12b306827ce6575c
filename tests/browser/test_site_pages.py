"""The site's entry points in Chromium: the API documentation renders its operations from local files."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.conftest import screenshot


def test_the_api_docs_list_the_operations_in_the_sites_frame(site: str, page: Page) -> None:
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("requestfailed", lambda request: problems.append(f"{request.url} failed"))
    page.goto(f"{site}/api/docs")
    operation = page.locator(".opblock-summary-path", has_text="/api/v1/incidents").first
    expect(operation).to_be_visible(timeout=15000)
    published = page.request.get(f"{site}/api/openapi.json").json()["paths"]
    operations = sum(len(methods) for methods in published.values())
    expect(page.locator(".opblock-summary-path")).to_have_count(operations)  # every operation the API publishes
    expect(page.get_by_text("Unable to render this definition")).to_have_count(0)
    expect(page.locator("header.site").get_by_role("link", name="Dataset")).to_be_visible()  # the site's header
    screenshot(page, "api-docs")
    page.locator(".opblock-summary", has_text="/api/v1/stats").first.click()  # an operation opens with its parameters
    expect(page.locator(".parameters-col_name", has_text="group_by")).to_be_visible()
    assert not problems, problems  # no script refused by the content security policy, nothing fetched elsewhere


def test_the_home_page_and_the_pages_about_the_data(site: str, page: Page) -> None:
    page.goto(site)
    expect(page.get_by_role("heading", level=1)).to_have_text("Marsad")
    expect(page.locator(".home-figures .figure").first).to_contain_text("attacks in 2023")
    screenshot(page, "home")
    page.get_by_role("contentinfo").get_by_role("link", name="Methodology and codebook").click()
    expect(page.locator("#counting")).to_contain_text("incidents of a counted grade inside the monitored area")
    expect(page.locator("#codebook table").first).to_be_visible()
    screenshot(page, "methodology")
    page.get_by_role("contentinfo").get_by_role("link", name="How to cite").click()
    expect(page.locator(".citation").first).to_contain_text("/incidents/2023-11-0101")
    screenshot(page, "cite")
    page.get_by_role("contentinfo").get_by_role("link", name="About").click()
    expect(page.locator("main")).to_contain_text("It holds 75 published incidents")
    screenshot(page, "about")
