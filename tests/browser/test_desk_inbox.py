"""The inbox in Chromium, by keyboard alone: move through the list, open an item, dismiss it with a reason,
undo, mark a duplicate, add one to an incident, and open a draft pre-filled from another."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from marsad.domain.roles import Role
from marsad.domain.vocabulary import load_vocabularies
from marsad.gazetteer.gazetteer import load_gazetteer
from marsad.intake.telegram import read_export
from marsad.services.intake import import_telegram
from marsad.storage.engine import make_engine, unit_of_work
from marsad.storage.incident_store import IncidentWriter
from marsad.storage.migrate import upgrade
from tests.browser.conftest import screenshot, served
from tests.browser.test_desk import sign_in
from tests.conftest import DATA
from tests.helpers import attack
from tests.web.desk_helpers import add_user


@pytest.fixture(scope="module")
def inbox_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('inbox') / 'marsad.db'}")
    upgrade(engine)
    shuhayl = load_gazetteer(load_vocabularies()).by_key["shuhayl"]
    with unit_of_work(engine) as session:
        import_telegram(session, read_export(DATA / "intake" / "result.json"), {"1987654321": "furatwatch_test"})
        IncidentWriter(session, load_vocabularies(), actor="test", via="test").write(
            [
                attack(
                    id="2023-11-0007",
                    date=dt.date(2023, 11, 2),
                    place="al-Shuhayl",
                    latitude=shuhayl.latitude,
                    longitude=shuhayl.longitude,
                    admin1=None,
                    admin2=None,
                    region=None,
                    military_killed=2,
                )
            ]
        )
        add_user(session, Role.EDITOR)
    with served(engine) as url:
        yield url
    engine.dispose()


def ready(page: Page) -> None:
    """The page has loaded and its keys answer (the script marks the body)."""
    page.wait_for_load_state()
    expect(page.locator("body")).to_have_attribute("data-inbox-ready", "true")


def test_triage_with_the_keyboard_alone(inbox_site: str, page: Page) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(page, inbox_site, "editor@example.org")
    page.goto(f"{inbox_site}/desk/inbox")
    expect(page.locator("body")).to_have_attribute("data-inbox-ready", "true")
    items = page.locator("#inbox-list .item-link")
    expect(items.first).to_be_focused()  # the newest item waiting has the focus
    expect(items.first).to_contain_text("<script>alert('x')</script>")  # shown as text, never run
    screenshot(page, "desk-inbox")
    page.keyboard.press("j")
    page.keyboard.press("j")
    expect(items.nth(2)).to_be_focused()
    page.keyboard.press("k")
    expect(items.nth(1)).to_be_focused()
    page.keyboard.press("k")
    page.keyboard.press("Enter")
    ready(page)
    expect(page.get_by_role("heading", name="Furat Watch (synthetic)")).to_be_visible()
    first = page.url

    # dismiss with a reason: x takes the focus to the reason, the arrows choose, Enter dismisses
    page.keyboard.press("x")
    expect(page.locator("#dismiss-reason")).to_be_focused()
    page.keyboard.press("ArrowDown")  # outside the area
    page.keyboard.press("Tab")
    expect(page.locator("#dismiss-button")).to_be_focused()
    page.keyboard.press("Enter")
    ready(page)
    notice = page.locator("#done-notice")
    expect(notice).to_contain_text("dismissed: outside the area")
    assert page.url != first  # on to the next item waiting
    screenshot(page, "desk-inbox-item-after-dismiss")
    page.keyboard.press("z")  # undo: the dismissed item is back, waiting
    page.wait_for_url(lambda url: "done=" not in url)
    ready(page)
    expect(page.locator("#item-status")).to_have_text("new")
    assert page.url.split("?")[0] == first
    expect(page.locator(".decisions li.undone")).to_have_count(1)

    # the next item: a duplicate of another, typed by number
    page.keyboard.press("n")
    page.wait_for_url(lambda url: url.split("?")[0] != first)
    ready(page)
    second = page.url
    page.keyboard.press("u")
    expect(page.locator("#duplicate-of")).to_be_focused()
    original = first.rsplit("/", 1)[1]
    page.keyboard.type(f"#{original}")
    page.keyboard.press("Enter")
    ready(page)
    expect(page.locator("#done-notice")).to_contain_text(f"marked a duplicate of item #{original}")

    # the English report of the al-Shuhayl attack: add it to the incident it matches
    page.goto(f"{inbox_site}/desk/inbox?q=checkpoint&language=en")
    ready(page)
    page.keyboard.press("Enter")
    ready(page)
    expect(page.get_by_text("same toll (2 killed)")).to_be_visible()
    page.keyboard.press("s")
    expect(page.locator("#source-incident")).to_be_focused()
    page.keyboard.type("2023-11-0007")
    page.keyboard.press("Enter")
    ready(page)
    expect(page.locator("#done-notice")).to_contain_text("added as a source to 2023-11-0007")

    # a draft incident from the item now shown: the entry form, pre-filled, the item its first source
    page.keyboard.press("d")
    expect(page.get_by_role("heading", name="New incident")).to_be_visible()
    expect(page.locator("input[name=source_url]").first).to_have_value(
        re.compile(r"^https://t\.me/furatwatch_test/\d+$")
    )
    expect(page.locator("input[name=intake_item]")).to_have_count(1)
    screenshot(page, "desk-inbox-draft-form")
    assert page.url.split("?")[0] != second and errors == []


@pytest.fixture
def upload_site(tmp_path: Path) -> Iterator[str]:
    """A site of its own: the upload adds to its inbox, which the triage test above counts on."""
    engine = make_engine(f"sqlite:///{tmp_path / 'marsad.db'}")
    upgrade(engine)
    with unit_of_work(engine) as session:
        add_user(session, Role.EDITOR)
    with served(engine) as url:
        yield url
    engine.dispose()


def channel_export(path: Path, count: int) -> None:
    """A Telegram Desktop export of ``count`` synthetic posts, one a day from January 2023."""
    start = dt.datetime(2023, 1, 1, 9, tzinfo=dt.UTC)
    places = ("al-Shuhayl", "Hajin", "Tal Tamr", "al-Busayrah", "Raqqa")
    messages = []
    for n in range(1, count + 1):
        when = start + dt.timedelta(hours=7 * n)
        text = f"Synthetic post {n}: an IED hit an SDF vehicle near {places[n % 5]}, wounding {n % 4 + 1} fighters."
        messages.append(
            {"id": n, "type": "message", "date": when.strftime("%Y-%m-%dT%H:%M:%S"),
             "date_unixtime": str(int(when.timestamp())), "from": "Upload test (synthetic)", "text": text}
        )  # fmt: skip
    export = {"name": "Upload test (synthetic)", "type": "public_channel", "id": 1555, "messages": messages}
    path.write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")


def test_an_uploaded_export_shows_its_progress_then_what_it_added(upload_site: str, page: Page, tmp_path: Path) -> None:
    export = tmp_path / "result.json"
    channel_export(export, 3000)
    sign_in(page, upload_site, "editor@example.org")
    page.goto(f"{upload_site}/desk/inbox/add")
    page.locator("input[name=file]").set_input_files(str(export))
    page.locator("input[name=channel]").fill("upload_test")
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_role("heading", name="Adding your file to the inbox")).to_be_visible(timeout=30000)
    expect(page.locator("progress")).to_be_visible()
    screenshot(page, "desk-inbox-upload-progress")
    notice = page.get_by_role("status")
    expect(notice).to_contain_text("3,000 new items from result.json (0 already in the inbox).", timeout=120000)
    screenshot(page, "desk-inbox-upload-done")
    page.goto(f"{upload_site}/desk/inbox")
    expect(page.locator("body")).to_contain_text("Synthetic post 3000")
