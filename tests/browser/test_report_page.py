"""The published report as a reader opens it on a phone (390×844): nothing wider than the screen, chart text
large enough to read, the incidents' ids leading to their pages."""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from marsad.analysis.months import Month
from marsad.analysis.statistics import Scope
from marsad.domain.vocabulary import load_vocabularies
from marsad.gazetteer.gazetteer import load_gazetteer
from marsad.io.csv_format import read_csv
from marsad.services.importing import import_rows
from marsad.services.reports import publish, save_draft
from marsad.storage.engine import make_engine, unit_of_work
from marsad.storage.migrate import upgrade
from tests.browser.conftest import screenshot, served

DATA = Path(__file__).resolve().parents[1] / "data"
PHONE = {"width": 390, "height": 844}
# Smallest chart text a phone reader can read without zooming, in CSS pixels.
READABLE_PX = 10


@pytest.fixture(scope="module")
def report_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A served Marsad with the July 2019 seed data and its report published."""
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('reports') / 'marsad.db'}")
    upgrade(engine)
    vocab = load_vocabularies()
    gazetteer = load_gazetteer(vocab)
    with unit_of_work(engine) as session:
        import_rows(session, read_csv(DATA / "seed_2019_07.csv"), vocab=vocab, gazetteer=gazetteer, actor="fixture")
        save_draft(session, Month(2019, 7), vocab, "editor", Scope())
        publish(session, Month(2019, 7), vocab, gazetteer, "editor")
    with served(engine) as url:
        yield url
    engine.dispose()


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    opened = context.new_page()
    yield opened
    context.close()


def smallest_text(svg: str) -> float:
    """The smallest font size in a chart, in the SVG's own units."""
    return min(float(size) for size in re.findall(r"font-size: ([\d.]+)px", svg))


def test_the_report_fits_a_phone_and_its_charts_can_be_read(report_site: str, phone: Page) -> None:
    phone.goto(f"{report_site}/reports/2019-07")
    assert phone.locator("h1").inner_text().startswith("Attacks in NES: July 2019")
    screenshot(phone, "report-phone")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # no sideways scrolling
    tables = phone.evaluate(
        "Array.from(document.querySelectorAll('table')).map(t => [t.scrollWidth, t.getBoundingClientRect().right])"
    )
    assert len(tables) >= 4 and all(width <= PHONE["width"] and right <= PHONE["width"] for width, right in tables)

    charts = phone.evaluate(
        """Array.from(document.querySelectorAll('figure.chart img, figure.trend img')).map(img => ({
            src: img.src, shown: img.getBoundingClientRect().width, right: img.getBoundingClientRect().right}))"""
    )
    assert len(charts) >= 2  # the trend and at least one breakdown
    for chart in charts:
        svg = base64.b64decode(chart["src"].split(",", 1)[1]).decode("utf-8")
        drawn = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))  # type: ignore[union-attr]
        assert chart["right"] <= PHONE["width"]
        assert smallest_text(svg) * chart["shown"] / drawn >= READABLE_PX

    phone.locator("h2", has_text="Attacks by type").scroll_into_view_if_needed()
    screenshot(phone, "report-phone-charts")
    first = phone.locator("a.incident-id").first
    incident_id = first.inner_text()
    assert re.fullmatch(r"2019-07-\d{4}", incident_id)
    first.click()
    phone.wait_for_url(f"{report_site}/incidents/{incident_id}")
    assert phone.title().startswith(f"Incident {incident_id}")  # its own page
