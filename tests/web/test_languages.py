"""The site in the reader's language: ?lang= on any page, remembered, the browser's choice, right to left."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

import marsad.web
from marsad.domain.vocabulary import Vocabularies
from marsad.settings import load_settings
from marsad.storage.incident_store import IncidentWriter
from marsad.web.app import create_app
from marsad.web.deps import get_session
from marsad.web.script_messages import MESSAGES, PLURAL_MESSAGES
from tests.helpers import attack, raid

STATIC = Path(marsad.web.__file__).with_name("static")


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


def test_the_dataset_speaks_the_reader_s_language(client: TestClient) -> None:
    page = client.get("/incidents?lang=ar").text
    assert "<h1>قاعدة البيانات</h1>" in page
    assert "عبوة ناسفة" in page and "داعش" in page  # vocabulary labels from vocabularies.yaml
    assert "الحسكة" in page  # the place, as the gazetteer spells it in Arabic
    kurmanji = client.get("/incidents?lang=ku").text
    assert "Hesekê" in kurmanji and "Bombeya çêkirî" in kurmanji


def test_the_map_gives_its_script_the_messages_and_months_in_the_language(client: TestClient) -> None:
    page = client.get("/map?lang=ckb&from=2019-01-01&to=2019-12-31").text
    assert _messages(page)["Legend"] == "ڕێبەری نەخشە"
    assert "تەمووز 2019" in html.unescape(page)  # July on the time slider, in Sorani
    arabic = _messages(client.get("/map?lang=ar&from=2019-01-01&to=2019-12-31").text)
    assert arabic["{n} incident"] == {  # the six CLDR forms, for the script's Intl.PluralRules
        "zero": "{n} حادثة",
        "one": "حادثة واحدة",
        "two": "حادثتان",
        "few": "{n} حوادث",
        "many": "{n} حادثةً",
        "other": "{n} حادثة",
    }


def _messages(page: str) -> dict[str, Any]:
    found = re.search(r'<script type="application/json" id="messages">(.*?)</script>', page, re.S)
    assert found
    messages: dict[str, Any] = json.loads(found.group(1))
    return messages


def test_the_incident_page_in_arabic(client: TestClient) -> None:
    page = client.get("/incidents/2019-07-0001?lang=ar").text
    assert '<dt>النوع</dt><dd dir="auto">هجوم</dd>' in page
    assert "عبوة ناسفة — داعش" in page
    assert "مؤكد: تحقّق الفريق من الحادثة" in page  # the grade's definition too, not the file's English


def test_every_message_the_scripts_show_is_listed_for_translation() -> None:
    listed = {*MESSAGES, *(singular for singular, _ in PLURAL_MESSAGES)}
    translating = [s for s in STATIC.glob("*.js") if "/static/messages.js" in s.read_text(encoding="utf-8")]
    assert {"map.js", "desk-form.js", "desk-review.js", "desk-report.js"} <= {s.name for s in translating}
    for script in translating:
        used = re.findall(r'\bt\("((?:[^"\\]|\\.)*)"', script.read_text(encoding="utf-8"))
        used += re.findall(r'\btn\([^,]+, "((?:[^"\\]|\\.)*)"', script.read_text(encoding="utf-8"))
        assert used and set(used) <= listed, (script.name, set(used) - listed)


def test_the_map_legend_and_the_region_names_on_the_map_come_in_the_readers_language(client: TestClient) -> None:
    arabic = client.get("/api/v1/vocabularies?lang=ar").json()
    assert {"key": "isis", "label": "داعش", "colour": "#1b1b1b"} in arabic["actors"]
    assert next(t["label"] for t in arabic["types"] if t["key"] == "ied") == "عبوة ناسفة"
    client.cookies.clear()  # ?lang=ar is remembered
    english = client.get("/api/v1/vocabularies").json()
    assert next(t["label"] for t in english["types"] if t["key"] == "ied") == "IED"
    basemap = client.get("/api/v1/basemap.geojson", headers={"Accept-Encoding": "identity"}).json()
    labels = [f["properties"] for f in basemap["features"] if f["properties"].get("layer") == "region-label"]
    jazira = next(p for p in labels if p["key"] == "jazira")
    assert jazira["label"] == "Jazira" and jazira["label_ar"] == "الجزيرة"
    assert jazira["label_ckb"] == "جزیرە" and jazira["label_ku"] == "Cizîr"
    raqqa = next(f["properties"] for f in basemap["features"] if f["properties"].get("name") == "Raqqa")
    assert raqqa["name_ar"] == "الرقة" and raqqa["name_ckb"] == "ڕەققە"  # places as each language spells them


def test_an_address_nothing_answers_and_the_api_page_read_in_the_language(client: TestClient) -> None:
    missing = client.get("/no-such-page?lang=ar")
    assert missing.status_code == 404 and "Not Found" not in missing.text
    assert '<p class="error" role="alert">لا توجد صفحة بهذا العنوان.</p>' in missing.text
    api = client.get("/api/docs?lang=ku").text
    assert "<h1>API</h1>" in api and "tenê daneyên giştî, mifte ne pêwîst e" in api
    assert client.get("/api/v1/nothing?lang=en").json()["error"] == "Not Found"  # English stays as Starlette says it
