"""The live map in a real Chromium: clusters and marks, popups, the time slider, the URL, the embed view."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import screenshot

STATUS = "#map-status"
LOADED = 45_000  # ms: a map's first drawing, on a busy two-core machine


def query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def test_map_shows_clusters_opens_a_popup_and_keeps_filters_in_the_url(site: str, page: Page) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{site}/map")  # the default view: this year's attacks, the year of the newest incident (2023)
    assert query(page) == {"kind": ["attack"], "from": ["2023-01-01"], "to": ["2023-12-31"]}
    expect(page.locator("#map-title")).to_have_text("Attacks in North-East Syria, 2023")
    expect(page.locator(STATUS)).to_have_text(  # an empty period says which period the data covers
        "Nothing in the selection for January 2023 – December 2023. The published data covers July 2019 – "
        "November 2023.",
        timeout=LOADED,
    )

    page.goto(f"{site}/map?from=2019-01-01")
    expect(page.locator(STATUS)).to_have_text("75 incidents in the selection, 74 killed", timeout=LOADED)
    expect(page.locator("#map-counting")).to_contain_text("Counted as the monthly reports count")
    legend = page.locator("#map .map-legend")  # the legend sits on the map
    expect(legend).to_contain_text("ISIS")
    expect(legend).to_contain_text("IED")
    expect(page.locator("#map canvas")).to_have_count(1)
    cluster = page.locator("#map button.cluster").first
    expect(cluster).to_have_text("74")  # Hasakah and al-Shaddadi; al-Mayadin is on its own
    expect(cluster).to_have_attribute("aria-label", "74 incidents (74 isis): zoom in")
    assert "conic-gradient" in cluster.evaluate("button => button.style.background")  # a ring split by perpetrator
    names = page.locator("#map-names")  # the names the map draws, in words
    expect(names).to_contain_text("Qamishli", timeout=LOADED)
    expect(names).to_contain_text(re.compile(r"regions [^;]*Jazira"))
    screenshot(page, "map")

    cluster.click()  # zooms in: the raid at al-Shaddadi separates from the attacks at Hasakah
    exact = page.locator("#map button.incident:not(.approximate)")  # the raid, located exactly
    expect(exact).to_have_count(1, timeout=LOADED)
    exact.click()
    popup = page.locator(".maplibregl-popup")
    expect(popup).to_contain_text("Raid — ISIS (attributed)")
    expect(popup).to_contain_text("Sources:")
    link = popup.get_by_role("link", name="The incident's page")
    expect(link).to_have_attribute("href", re.compile(r"^/incidents/2023-11-0101(\?lang=en)?$"))  # reader language
    screenshot(page, "map-popup")

    page.get_by_label("Kind").select_option("raid")
    page.get_by_role("button", name="Show").click()
    assert query(page)["kind"] == ["raid"]
    expect(page.locator(STATUS)).to_have_text("1 raid in the selection, 0 killed", timeout=LOADED)
    page.get_by_label("With casualties only").check()
    page.get_by_role("button", name="Show").click()
    assert query(page)["casualties"] == ["true"]  # the raid killed a suspect: it has casualties
    expect(page.locator(STATUS)).to_have_text("1 raid in the selection, 0 killed", timeout=LOADED)
    expect(page.get_by_label("With casualties only")).to_be_checked()
    assert errors == []


def test_an_approximate_location_is_a_hollow_mark_with_its_circle(site: str, page: Page) -> None:
    page.goto(f"{site}/map?from=2019-01-01&q=mukhtar")  # an assassination located only to its district
    expect(page.locator(STATUS)).to_have_text("1 incident in the selection, 1 killed", timeout=LOADED)
    mark = page.locator("#map button.incident.approximate")
    expect(mark).to_have_count(1)
    expect(mark.locator("svg polygon")).to_have_attribute("points", "8,0.8 15.2,8 8,15.2 0.8,8")  # a diamond
    expect(mark.locator("svg polygon")).to_have_attribute("stroke-dasharray", "3 1.6")  # hollow and dashed
    mark.click()
    popup = page.locator(".maplibregl-popup")
    expect(popup).to_contain_text("Location: Somewhere in the district (within about 25 km)")
    expect(popup).to_contain_text("al-Mayadin")
    expect(popup).to_contain_text("Military killed: 1 (\u20661–3\u2069)")  # the range, isolated left to right
    page.locator(".maplibregl-popup-close-button").click()
    page.get_by_role("button", name="Zoom in").click()
    page.get_by_role("button", name="Zoom in").click()
    screenshot(page, "map-approximate")


def test_the_time_slider_steps_through_months_and_the_url_restores_the_view(site: str, page: Page) -> None:
    page.goto(f"{site}/map?from=2019-01-01")
    expect(page.locator(STATUS)).to_have_text("75 incidents in the selection, 74 killed", timeout=LOADED)
    slider = page.get_by_label("Month shown")
    slider.fill("6")  # July 2019, the seventh month of the period
    expect(page.locator("#month-label")).to_have_text("July 2019")
    expect(page.locator(STATUS)).to_have_text("74 incidents in the selection, 74 killed", timeout=LOADED)
    assert query(page)["month"] == ["2019-07"] and query(page)["from"] == ["2019-01-01"]
    expect(page.locator("#table-link")).to_have_attribute("href", "/incidents?month=2019-07")

    page.reload()  # the shared URL opens on the same month
    expect(page.locator("#month-label")).to_have_text("July 2019")
    expect(page.locator(STATUS)).to_have_text("74 incidents in the selection, 74 killed", timeout=LOADED)

    page.get_by_role("button", name="Whole period").click()
    expect(page.locator(STATUS)).to_have_text("75 incidents in the selection, 74 killed", timeout=LOADED)
    assert "month" not in query(page)

    page.get_by_role("button", name="▶ Play").click()  # from January 2019, a month every 1.5 s
    expect(page.locator("#month-label")).to_have_text(re.compile(r"^(January|February|March) 2019$"))
    started_at = page.locator("#month-label").text_content() or ""
    expect(page.locator("#month-label")).not_to_have_text(started_at, timeout=5000)  # it moves on
    page.get_by_role("button", name="❚❚ Pause").click()
    paused_at = page.locator("#month-label").text_content()
    page.wait_for_timeout(2000)  # longer than a step of the playback
    expect(page.locator("#month-label")).to_have_text(paused_at or "")
    assert paused_at and paused_at != "January 2019" and query(page)["month"][0].startswith("2019-0")
    expect(page.locator(STATUS)).to_contain_text(f"Nothing in the selection for {paused_at}", timeout=LOADED)


def test_the_embed_view_is_the_map_alone_and_the_page_gives_its_code(site: str, page: Page) -> None:
    page.goto(f"{site}/map?from=2019-01-01")
    expect(page.locator(STATUS)).to_have_text("75 incidents in the selection, 74 killed", timeout=LOADED)
    page.get_by_role("button", name="Copy embed code").click()
    without_view, _, view = page.url.partition("#")  # the embedded map opens where this one is
    assert view.startswith("view=")
    code = page.get_by_label("Embed code for this map")
    expect(code).to_be_visible()
    expect(code).to_have_value(
        f'<iframe src="{without_view}&embed=1#{view}" width="100%" height="520" style="border:0" '
        'title="Incidents in North-East Syria, since 1 January 2019 (Marsad map)" loading="lazy"></iframe>'
    )

    response = page.goto(f"{site}/map?from=2019-01-01&embed=1")
    assert response is not None and "frame-ancestors *" in response.headers["content-security-policy"]
    expect(page.locator(STATUS)).to_have_text("75 incidents in the selection, 74 killed", timeout=LOADED)
    expect(page.locator("header.site")).to_have_count(0)
    expect(page.locator("form.filters")).to_have_count(0)
    expect(page.get_by_role("link", name="Marsad")).to_have_attribute("href", "/map?from=2019-01-01")
    screenshot(page, "map-embed")


def test_the_incident_page_has_a_small_map_with_the_uncertainty(site: str, page: Page) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{site}/incidents/2019-07-0074")
    expect(page.locator("#incident-map")).to_have_attribute("data-ready", "true", timeout=LOADED)
    expect(page.locator("#incident-map .incident.approximate svg polygon")).to_have_count(1)
    expect(page.get_by_text("Somewhere in the district: the dashed circle")).to_be_visible()
    screenshot(page, "incident")
    assert errors == []


def test_the_count_is_the_same_at_every_width_and_the_view_only_adds_what_is_in_it(site: str, browser: Browser) -> None:
    url = f"{site}/map?from=2019-01-01"
    for width, height, address in ((1400, 900, url), (640, 520, f"{url}&embed=1"), (390, 844, url)):
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        page.goto(address)
        expect(page.locator(STATUS)).to_have_text("75 incidents in the selection, 74 killed", timeout=LOADED)
        context.close()
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.goto(f"{url}#view=10/35.02/40.45")  # zoomed in on al-Mayadin: the Hasakah incidents are out of view
    expect(page.locator(STATUS)).to_have_text("75 incidents in the selection, 74 killed · 1 in view", timeout=LOADED)
    context.close()


def test_the_embed_fits_its_frame_and_says_what_it_shows(site: str, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 640, "height": 520})  # the embed code's default frame
    page = context.new_page()
    page.goto(f"{site}/map?kind=attack&perpetrator=isis&from=2019-01-01&to=2019-12-31&embed=1")
    expect(page.locator("#map-title")).to_have_text("ISIS attacks in North-East Syria, 2019")
    expect(page.locator(STATUS)).to_have_text("74 attacks in the selection, 74 killed", timeout=LOADED)
    expect(page.locator("#map .map-legend").get_by_text("ISIS")).to_be_visible()
    expect(page.locator(".maplibregl-ctrl-attrib").get_by_text("OCHA", exact=False)).to_be_visible()
    expect(page.locator("#map-names")).to_contain_text("Hasakah", timeout=LOADED)
    assert page.evaluate("document.documentElement.scrollHeight") <= 520  # nothing to scroll to
    for part in ("#map-title", STATUS, "#map .map-legend", ".maplibregl-ctrl-attrib", ".timeline"):
        box = page.locator(part).bounding_box()
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 520, part
    timeline = page.locator(".timeline").bounding_box()
    assert timeline is not None and timeline["height"] < 45  # one row of controls
    screenshot(page, "map-embed-520")
    context.close()


def test_on_a_phone_the_map_comes_first_and_the_filters_fold(site: str, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{site}/map?from=2019-01-01")
    expect(page.locator(STATUS)).to_have_text("75 incidents in the selection, 74 killed", timeout=LOADED)
    expect(page.locator("form.filters")).to_be_hidden()
    box = page.locator("#map").bounding_box()
    assert box is not None and box["y"] < 844 / 2  # the map starts on the first screen
    screenshot(page, "map-phone")
    toggle = page.get_by_role("button", name="Filters · 1 set")
    toggle.click()
    expect(page.locator("form.filters")).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    context.close()


def test_zoomed_in_the_map_shows_boundaries_rivers_and_places_and_the_url_keeps_the_view(site: str, page: Page) -> None:
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(f"{site}/map?from=2019-01-01#view=10/36.6/40.5")  # the Khabur between Tell Tamr and Hasakah
    names = page.locator("#map-names")
    expect(names).to_contain_text("rivers Khabur", timeout=LOADED)
    expect(names).to_contain_text("district boundaries Ras al-Ayn, Al-Hasakah")
    expect(names).to_contain_text(re.compile(r"places [^;]*Tal Tamr"))
    screenshot(page, "map-zoom10")
    page.get_by_role("button", name="Zoom in", exact=True).click()
    expect(page).to_have_url(re.compile(r"#view=11/36\.6/40\.5"), timeout=5000)
    page.reload()  # a shared link reopens where it was
    expect(page).to_have_url(re.compile(r"#view=11/36\.6/40\.5"))
    expect(page.locator(STATUS)).to_contain_text("75 incidents in the selection", timeout=LOADED)


def test_a_region_can_be_chosen_to_zoom_to_and_the_time_bar_keeps_still(site: str, page: Page) -> None:
    page.goto(f"{site}/map?from=2019-01-01")
    expect(page.locator(STATUS)).to_have_text("75 incidents in the selection, 74 killed", timeout=LOADED)
    page.get_by_label("Zoom to a region").select_option(label="Tabqa")
    expect(page).to_have_url(re.compile(r"#view=[\d.]+/35\.\d+/38\.\d+"), timeout=5000)  # Tabqa, by the lake
    expect(page.locator(STATUS)).to_have_text("75 incidents in the selection, 74 killed · 0 in view", timeout=LOADED)
    bars = page.locator("#histogram rect")
    expect(bars).to_have_count(59)  # a bar a month, January 2019 to November 2023 (the newest incident)

    def places() -> list[tuple[float, float, float]]:  # where each control sits in the bar (the page may scroll)
        bar = page.locator(".timeline").bounding_box()
        assert bar is not None
        boxes = [page.locator(c).bounding_box() for c in ("#play", "#month-slider", "#month-label", "#all-months")]
        return [(b["x"], b["y"] - bar["y"], b["width"]) for b in boxes if b is not None]

    before = places()
    page.get_by_label("Month shown").fill("6")
    expect(page.locator("#month-label")).to_have_text("July 2019")
    assert places() == before  # the slider's controls do not jump when the month's name is shorter
    expect(page.locator("#histogram rect.current")).to_have_count(1)
