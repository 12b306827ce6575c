"""Adding to the inbox from the desk: a pasted text, a web address fetched, a Telegram export or a CSV uploaded,
a feed followed and checked now (a failing one shown, not fatal)."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator

import httpx2 as httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from marsad.domain.intake import ChannelKind, ItemFilter
from marsad.domain.roles import Role
from marsad.fetching import AllowList
from marsad.services.intake import list_items
from marsad.settings import load_settings
from marsad.storage.engine import unit_of_work
from marsad.storage.intake_store import channels
from marsad.web.app import create_app
from marsad.web.deps import get_session
from tests.conftest import DATA
from tests.services.test_feeds import server  # noqa: F401 (the fixture)
from tests.web.desk_helpers import add_user, sign_in


@pytest.fixture
def contributor(engine: Engine, session: Session) -> Iterator[tuple[TestClient, str]]:
    settings = dataclasses.replace(load_settings(), fetch_allow=AllowList.parse("127.0.0.1"))
    app = create_app(engine, settings)
    app.dependency_overrides[get_session] = lambda: session
    with TestClient(app) as client:
        yield client, sign_in(client, add_user(session, Role.CONTRIBUTOR))


def test_a_pasted_text_and_a_fetched_page_join_the_inbox(
    contributor: tuple[TestClient, str],
    session: Session,
    server: str,  # noqa: F811
) -> None:
    client, csrf = contributor
    text = "Two SDF fighters were killed in an ISIS attack on a checkpoint in al-Shuhayl."
    response = client.post("/desk/inbox/add", data={"csrf_token": csrf, "text": text}, follow_redirects=False)
    assert response.status_code == 303
    again = client.post("/desk/inbox/add", data={"csrf_token": csrf, "text": text})
    assert "That text is already in the inbox." in again.text
    client.post("/desk/inbox/add", data={"csrf_token": csrf, "text": f" {server}/page.html "})
    texts = {i.title or i.text[:20]: i for i in list_items(session, ItemFilter())}
    assert texts["IED in Raqqa"].url == f"{server}/page.html" and texts["Two SDF fighters wer"].kind == "attack"
    refused = client.post("/desk/inbox/add", data={"csrf_token": csrf, "text": f"{server}/broken"})
    assert refused.status_code == 422 and "answered 500 Internal Server Error" in refused.text


@pytest.fixture
def uploader(own_engine: Engine) -> Iterator[tuple[TestClient, str]]:
    """A contributor on a site with a database of its own: the upload's job writes from its own process."""
    with unit_of_work(own_engine) as session:
        email = add_user(session, Role.CONTRIBUTOR)
    with TestClient(create_app(own_engine)) as client:
        yield client, sign_in(client, email)


def uploaded(client: TestClient, csrf: str, name: str, content: bytes, channel: str = "") -> httpx.Response:
    """Send a file to the inbox and follow its progress page (it refreshes itself) until the job has ended."""
    data = {"csrf_token": csrf, **({"channel": channel} if channel else {})}
    sent = client.post("/desk/inbox/upload", data=data, files={"file": (name, content)}, follow_redirects=False)
    assert sent.status_code == 303 and sent.headers["location"].startswith("/desk/inbox/upload/")
    response = client.get(sent.headers["location"])
    deadline = time.monotonic() + 120
    while "refresh" in response.headers:
        assert time.monotonic() < deadline, "the upload did not end"
        assert "Adding your file to the inbox" in response.text and "<progress" in response.text
        time.sleep(0.2)
        response = client.get(str(response.url))
    return response


def test_an_uploaded_export_and_csv_land_or_say_what_is_wrong(
    uploader: tuple[TestClient, str], own_engine: Engine
) -> None:
    client, csrf = uploader
    export = (DATA / "intake" / "result.json").read_bytes()
    unnamed = uploaded(client, csrf, "result.json", export)
    assert unnamed.status_code == 422 and "give the t.me name of the channel" in unnamed.text
    done = uploaded(client, csrf, "result.json", export, channel="furatwatch_test")
    assert "9 new items from result.json (0 already in the inbox)." in done.text
    again = uploaded(client, csrf, "result.json", export, channel="furatwatch_test")
    assert "0 new items from result.json (9 already in the inbox)." in again.text
    broken = uploaded(client, csrf, "result.json", export[:3000], channel="furatwatch_test")
    assert broken.status_code == 422 and "truncated export" in broken.text and "Nothing was added" in broken.text
    bad = uploaded(client, csrf, "posts.csv", b"text,posted\nAn IED in Raqqa,2023-11-07\n,2023-11-08\n")
    assert bad.status_code == 422 and "posts.csv, line 3, column text: empty" in bad.text
    with unit_of_work(own_engine) as session:
        items = list_items(session, ItemFilter())
    assert len(items) == 9 and all((i.url or "").startswith("https://t.me/furatwatch_test/") for i in items)


def test_an_upload_is_shown_to_its_sender_alone(uploader: tuple[TestClient, str], own_engine: Engine) -> None:
    client, csrf = uploader
    sent = client.post(
        "/desk/inbox/upload",
        data={"csrf_token": csrf},
        files={"file": ("posts.csv", b"text,posted\nAn IED in Raqqa,2023-11-07\n")},
        follow_redirects=False,
    )
    with unit_of_work(own_engine) as session:
        other = add_user(session, Role.EDITOR, "other@example.org")
    with TestClient(create_app(own_engine)) as stranger:
        sign_in(stranger, other)
        assert stranger.get(sent.headers["location"]).status_code == 404


def test_a_feed_followed_and_checked_now_a_failing_one_shown(
    contributor: tuple[TestClient, str],
    session: Session,
    server: str,  # noqa: F811
) -> None:
    client, csrf = contributor
    client.post("/desk/inbox/feeds", data={"csrf_token": csrf, "url": f"{server}/feed.xml", "every": "30"})
    client.post("/desk/inbox/feeds", data={"csrf_token": csrf, "url": f"{server}/broken"})
    good, broken = sorted(channels(session, ChannelKind.FEED), key=lambda f: f.url or "")[::-1]
    checked = client.post(f"/desk/inbox/feeds/{good.id}/check", data={"csrf_token": csrf})
    assert "Raqqa News (synthetic): 2 new items." in checked.text
    failed = client.post(f"/desk/inbox/feeds/{broken.id}/check", data={"csrf_token": csrf})
    assert "answered 500 Internal Server Error. It will be tried again later." in failed.text
    home = client.get("/desk").text
    assert "failing: " in home and "answered 500 Internal Server Error" in home
    twice = client.post("/desk/inbox/feeds", data={"csrf_token": csrf, "url": f"{server}/feed.xml"})
    assert twice.status_code == 422 and "is already followed" in twice.text
