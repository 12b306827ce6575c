"""The site in the reader's language: ?lang= on any page, remembered, the browser's choice, right to left."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from marsad.domain.vocabulary import Vocabularies
from marsad.settings import load_settings
from marsad.storage.incident_store import IncidentWriter
from marsad.web.app import create_app
from marsad.web.deps import get_session
from tests.helpers import attack, raid


@pytest.fixture
def client(engine: Engine, session: Session, vocab: Vocabularies) -> Iterator[TestClient]:
    IncidentWriter(session, vocab, actor="t", via="test").write([attack(), raid()])
    app = create_app(engine, load_settings({}))
    app.dependency_overrides[get_session] = lambda: session
    with TestClient(app) as test_client:
        yield test_client


def _html_tag(text: str) -> str:
    found = re.search(r"<html[^>]*>", text)
    assert found
    return found.group(0)


def test_lang_in_the_url_gives_the_page_in_that_language_right_to_left(client: TestClient) -> None:
    page = client.get("/incidents?lang=ar")
    assert _html_tag(page.text) == '<html lang="ar" dir="rtl">'
    assert ">الخريطة</a>" in page.text
    assert page.headers["content-language"] == "ar"
    assert _html_tag(client.get("/incidents?lang=ku").text) == '<html lang="ku" dir="ltr">'
    assert _html_tag(client.get("/incidents?lang=ckb").text) == '<html lang="ckb" dir="rtl">'


def test_the_choice_is_remembered_by_a_cookie(client: TestClient) -> None:
    chosen = client.get("/incidents?lang=ckb")
    assert "marsad_lang=ckb" in chosen.headers["set-cookie"]
    later = client.get("/map")
    assert _html_tag(later.text) == '<html lang="ckb" dir="rtl">'
    assert "set-cookie" not in later.headers  # nothing new to remember
    assert _html_tag(client.get("/incidents?lang=en").text) == '<html lang="en" dir="ltr">'


def test_without_a_choice_the_browser_language_counts(client: TestClient) -> None:
    page = client.get("/incidents", headers={"Accept-Language": "fr-FR, ar-SY;q=0.8, en;q=0.5"})
    assert _html_tag(page.text) == '<html lang="ar" dir="rtl">'
    assert "Accept-Language" in page.headers["vary"]
    assert _html_tag(client.get("/incidents", headers={"Accept-Language": "fr"}).text) == '<html lang="en" dir="ltr">'


def test_links_keep_the_language_the_address_names(client: TestClient) -> None:
    page = client.get("/incidents?lang=ku&kind=attack").text
    assert 'href="/map?lang=ku"' in page and 'href="/reports?lang=ku"' in page
    # the switcher offers this very page in each language, with its filters
    assert 'href="/incidents?kind=attack&amp;lang=ar" hreflang="ar"' in page
    assert 'aria-current="true">Kurmancî</a>' in page
    assert 'href="/map"' in client.get("/incidents").text  # no language in the address: plain links
