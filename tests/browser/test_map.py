"""The live map in a real Chromium: clusters and marks, popups, the time slider, the URL, the embed view."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from playwright.sync_api import Page, expect

from tests.browser.conftest import screenshot

STATUS = "#map-status"


def query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def test_map_shows_clusters_opens_a_popup_and_keeps_filters_in_the_url(site: str, page: Page) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{site}/")  # the default view: this year's attacks, the year of the newest incident (2023)
    assert query(page) == {"kind": ["attack"], "from": ["2023-01-01"]}
    expect(page.locator(STATUS)).to_have_text("0 attacks in view, 0 killed", timeout=15000)

    page.goto(f"{site}/map?from=2019-01-01")
    expect(page.locator(STATUS)).to_have_text("75 incidents in view, 74 killed", timeout=15000)
    expect(page.locator("#map-legend")).to_contain_text("ISIS")
    expect(page.locator("#map-shapes")).to_contain_text("IED")
    expect(page.locator("#map canvas")).to_have_count(1)
    cluster = page.locator("#map button.cluster").first
    expect(cluster).to_have_text("74")  # Hasakah and al-Shaddadi; al-Mayadin is on its own
    expect(page.locator(".place-label", has_text="Qamishli")).to_have_count(1)  # a place label from the gazetteer
    screenshot(page, "map")

    cluster.click()  # zooms in: the raid at al-Shaddadi separates from the attacks at Hasakah
    exact = page.locator("#map button.incident:not(.approximate)")  # the raid, located exactly
    expect(exact).to_have_count(1, timeout=15000)
    exact.click()
    popup = page.locator(".maplibregl-popup")
    expect(popup).to_contain_text("Raid — ISIS (attributed)")
    expect(popup).to_contain_text("Sources:")
    expect(popup.get_by_role("link", name="The incident's page")).to_have_attribute("href", "/incidents/2023-11-0101")
    screenshot(page, "map-popup")

    page.get_by_label("Kind").select_option("raid")
    page.get_by_role("button", name="Show").click()
    assert query(page)["kind"] == ["raid"]
    expect(page.locator(STATUS)).to_have_text("1 raid in view, 0 killed", timeout=15000)
    page.get_by_label("With casualties only").check()
    page.get_by_role("button", name="Show").click()
    assert query(page)["casualties"] == ["true"]  # the raid killed a suspect: it has casualties
    expect(page.locator(STATUS)).to_have_text("1 raid in view, 0 killed", timeout=15000)
    expect(page.get_by_label("With casualties only")).to_be_checked()
    assert errors == []


def test_an_approximate_location_is_a_hollow_mark_with_its_circle(site: str, page: Page) -> None:
    page.goto(f"{site}/map?from=2019-01-01&q=mukhtar")  # an assassination located only to its district
    expect(page.locator(STATUS)).to_have_text("1 incident in view, 1 killed", timeout=15000)
    mark = page.locator("#map button.incident.approximate")
    expect(mark).to_have_count(1)
    expect(mark.locator("svg polygon")).to_have_attribute("points", "8,0.8 15.2,8 8,15.2 0.8,8")  # a diamond
    expect(mark.locator("svg polygon")).to_have_attribute("stroke-dasharray", "3 1.6")  # hollow and dashed
    mark.click()
    popup = page.locator(".maplibregl-popup")
    expect(popup).to_contain_text("Location: Somewhere in the district (within about 25 km)")
    expect(popup).to_contain_text("al-Mayadin")
    page.locator(".maplibregl-popup-close-button").click()
    page.get_by_role("button", name="Zoom in").click()
    page.get_by_role("button", name="Zoom in").click()
    screenshot(page, "map-approximate")


def test_the_time_slider_steps_through_months_and_the_url_restores_the_view(site: str, page: Page) -> None:
    page.goto(f"{site}/map?from=2019-01-01")
    expect(page.locator(STATUS)).to_have_text("75 incidents in view, 74 killed", timeout=15000)
    slider = page.get_by_label("Month shown")
    slider.fill("6")  # July 2019, the seventh month of the period
    expect(page.locator("#month-label")).to_have_text("July 2019")
    expect(page.locator(STATUS)).to_have_text("74 incidents in view, 74 killed", timeout=15000)
    assert query(page)["month"] == ["2019-07"] and query(page)["from"] == ["2019-01-01"]
    expect(page.locator("#table-link")).to_have_attribute("href", "/incidents?month=2019-07")

    page.reload()  # the shared URL opens on the same month
    expect(page.locator("#month-label")).to_have_text("July 2019")
    expect(page.locator(STATUS)).to_have_text("74 incidents in view, 74 killed", timeout=15000)

    page.get_by_role("button", name="Whole period").click()
    expect(page.locator(STATUS)).to_have_text("75 incidents in view, 74 killed", timeout=15000)
    assert "month" not in query(page)

    page.get_by_role("button", name="▶ Play by month").click()
    expect(page.locator("#month-label")).to_have_text("January 2019")
    expect(page.locator("#month-label")).to_have_text("February 2019", timeout=5000)
    page.get_by_role("button", name="❚❚ Pause").click()
    assert query(page)["month"] == ["2019-02"]
    expect(page.locator(STATUS)).to_have_text("0 incidents in view, 0 killed", timeout=15000)


def test_the_embed_view_is_the_map_alone_and_the_page_gives_its_code(site: str, page: Page) -> None:
    page.goto(f"{site}/map?from=2019-01-01")
    expect(page.locator(STATUS)).to_have_text("75 incidents in view, 74 killed", timeout=15000)
    page.get_by_role("button", name="Copy embed code").click()
    code = page.get_by_label("Embed code for this map")
    expect(code).to_be_visible()
    expect(code).to_have_value(
        f'<iframe src="{site}/map?from=2019-01-01&embed=1" width="100%" height="520" '
        'style="border:0" title="Marsad map" loading="lazy"></iframe>'
    )

    response = page.goto(f"{site}/map?from=2019-01-01&embed=1")
    assert response is not None and "frame-ancestors *" in response.headers["content-security-policy"]
    expect(page.locator(STATUS)).to_have_text("75 incidents in view, 74 killed", timeout=15000)
    expect(page.locator("header.site")).to_have_count(0)
    expect(page.locator("form.filters")).to_have_count(0)
    expect(page.get_by_role("link", name="Marsad")).to_have_attribute("href", "/map?from=2019-01-01")
    screenshot(page, "map-embed")


def test_the_incident_page_has_a_small_map_with_the_uncertainty(site: str, page: Page) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{site}/incidents/2019-07-0074")
    expect(page.locator("#incident-map")).to_have_attribute("data-ready", "true", timeout=15000)
    expect(page.locator("#incident-map .incident.approximate svg polygon")).to_have_count(1)
    expect(page.get_by_text("Somewhere in the district: the dashed circle")).to_be_visible()
    screenshot(page, "incident")
    assert errors == []
