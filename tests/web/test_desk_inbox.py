"""The desk's inbox on both databases: list, filters and search, an item with its suggestion, matching
incidents and story, and every triage action recorded and undone."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from marsad.domain.access import Access
from marsad.domain.intake import ItemFilter, ItemStatus
from marsad.domain.roles import Role
from marsad.domain.vocabulary import Vocabularies
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.intake.telegram import read_export
from marsad.services.intake import import_telegram, list_items
from marsad.storage.incident_store import IncidentWriter
from marsad.storage.queries import get_incident
from marsad.storage.revisions import history
from marsad.storage.triage_store import actions_of
from marsad.web import desk_inbox
from marsad.web.app import create_app
from marsad.web.deps import get_session
from tests.conftest import DATA
from tests.helpers import attack
from tests.web.desk_helpers import add_user, sign_in

MATCH = "2023-11-0007"


@pytest.fixture
def editor(
    engine: Engine, session: Session, vocab: Vocabularies, gazetteer: Gazetteer
) -> Iterator[tuple[TestClient, str]]:
    import_telegram(session, read_export(DATA / "intake" / "result.json"), {"1987654321": "furatwatch_test"})
    shuhayl = gazetteer.by_key["shuhayl"]
    IncidentWriter(session, vocab, actor="t", via="test").write(
        [
            attack(
                id=MATCH,
                date=dt.date(2023, 11, 2),
                place="al-Shuhayl",
                latitude=shuhayl.latitude,
                longitude=shuhayl.longitude,
                admin1=None,
                admin2=None,
                region=None,
                military_killed=2,
                type="armed_attack",
                description="ISIS cell attacked an SDF checkpoint in al-Shuhayl.",
            )
        ]
    )
    app = create_app(engine)
    app.dependency_overrides[get_session] = lambda: session
    with TestClient(app) as client:
        yield client, sign_in(client, add_user(session, Role.EDITOR))


def item_id(session: Session, external_id: str) -> int:
    return next(i.id for i in list_items(session, ItemFilter(), limit=100) if i.external_id == external_id)


def test_the_inbox_lists_new_items_escaped_with_their_suggestion_and_story(
    editor: tuple[TestClient, str], session: Session
) -> None:
    client, _ = editor
    page = client.get("/desk/inbox").text
    assert page.count('class="item-link"') == 8  # nine items, the forward folded under the post it repeats
    assert "&lt;script&gt;alert(" in page and "<script>alert(" not in page
    assert "Suggested: <strong>Attack</strong> in al-Shuhayl" in page and "story of 2 items" in page
    assert "forwarded from Deir Ezzor 24 (synthetic)" in page
    home = client.get("/desk").text
    assert "Inbox (9 new)" in home and "Furat Watch (synthetic)</a> (<bdi>t.me/furatwatch_test</bdi>)" in home


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=الشحيل", {"4"}),  # the post folds under its later forward
        ("q=Shuhayl&language=en", {"3"}),
        ("region=raqqa", {"5"}),
        ("suggested=no", {"6", "9"}),
        ("from=2023-11-04&to=2023-11-04", {"6", "7", "8"}),
        ("place=al-Shuhayl", {"3", "4"}),
        ("status=dismissed", set()),
    ],
)
def test_filters_narrow_the_inbox(
    editor: tuple[TestClient, str], session: Session, query: str, expected: set[str]
) -> None:
    client, _ = editor
    page = client.get(f"/desk/inbox?{query}").text
    shown = set(re.findall(r'data-item="(\d+)"', page))
    assert shown == {str(item_id(session, e)) for e in expected}


def test_pages_go_older_and_back_newer_from_the_item_they_continue_from(
    editor: tuple[TestClient, str], session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    client, _ = editor
    monkeypatch.setattr(desk_inbox, "PER_PAGE", 3)
    newest_first = [i.id for i in list_items(session, ItemFilter(statuses=(ItemStatus.NEW,)), limit=100)]
    url, pages = "/desk/inbox", []
    while url:
        page = client.get(url).text
        pages.append([int(i) for i in re.findall(r'data-item="(\d+)"', page)])
        older = re.search(r'href="([^"]+)" rel="next"', page)
        url = older.group(1).replace("&amp;", "&") if older else ""
    walked = [i for shown in pages for i in shown]
    assert walked == [i for i in newest_first if i in walked]  # each once, newest first
    assert len(newest_first) - len(walked) == 1  # the forward folded under its post on the same page
    assert len(pages) == 3 and 'rel="next"' not in page
    back = re.search(r'href="([^"]+)" rel="prev"', page)
    assert back is not None
    assert [
        int(i) for i in re.findall(r'data-item="(\d+)"', client.get(back.group(1).replace("&amp;", "&")).text)
    ] == pages[1]
    gone = client.get("/desk/inbox?older=999999")
    assert gone.status_code == 422 and "start again from the first page" in gone.text
    sorani = client.get("/desk/inbox?older=999999&lang=ckb")
    assert "لە لاپەڕەی یەکەمەوە دەست پێ بکەرەوە" in sorani.text
    wrong = client.get("/desk/inbox?from=30.11.2023&lang=ar")
    assert wrong.status_code == 422 and "from: &#39;30.11.2023&#39; ليس تاريخاً بصيغة 2023-11-05" in wrong.text


def test_an_item_shows_its_suggestion_the_incident_it_may_be_and_its_story(
    editor: tuple[TestClient, str], session: Session
) -> None:
    client, _ = editor
    english = client.get(f"/desk/inbox/{item_id(session, '3')}").text
    assert f'href="/desk/incidents/{MATCH}">{MATCH}</a>' in english and "same toll (2 killed)" in english
    arabic = client.get(f"/desk/inbox/{item_id(session, '2')}").text
    assert MATCH in arabic  # across languages: by place, date and toll
    assert f"#{item_id(session, '4')}</a> Furat Watch (synthetic)" in arabic  # the forward, in its story
    assert "https://deirezzor24.example/news/2023/11/02/shuhayl-attack" in arabic
    assert "<td>Kind</td>" in arabic
    reasons = client.get(f"/desk/inbox/{item_id(session, '3')}?lang=ar").text
    assert "الحصيلة نفسها (2 قتلى)" in reasons and "same toll" not in reasons
    assert client.get("/desk/inbox/999999").status_code == 404


def test_a_draft_made_from_an_item_has_it_as_source_and_undo_returns_it_to_the_inbox(
    editor: tuple[TestClient, str], session: Session
) -> None:
    client, csrf = editor
    raid = item_id(session, "7")
    form = client.get(f"/desk/inbox/{raid}/draft").text
    assert f'name="intake_item" value="{raid}"' in form
    assert 'value="https://t.me/furatwatch_test/7"' in form and 'value="social_media" selected' in form
    values = {
        "csrf_token": csrf,
        "intake_item": str(raid),
        "kind": "raid",
        "date": "2023-11-04",
        "type": "arrest_raid",
        "place": "Hasakah",
        "conducted_by": "asayish",
        "arrests": "5",
        "status": "draft",
        "not_duplicate": "1",
        "source_url": "https://t.me/furatwatch_test/7",
        "source_publisher": "Furat Watch (synthetic)",
        "source_source_type": "social_media",
    }
    saved = client.post("/desk/incidents/new", data=values, follow_redirects=False)
    assert saved.status_code == 303, saved.text
    incident_id = saved.headers["location"].split("/")[3].split("?")[0]
    item = next(i for i in list_items(session, ItemFilter(), limit=100) if i.id == raid)
    assert (item.status, item.incident_id) == (ItemStatus.HANDLED, incident_id)
    [action] = actions_of(session, raid)
    assert (action.action, action.detail, action.actor) == ("draft", incident_id, "editor@example.org")
    client.post(f"/desk/inbox/{raid}/undo", data={"csrf_token": csrf})
    item = next(i for i in list_items(session, ItemFilter(), limit=100) if i.id == raid)
    assert (item.status, item.incident_id) == (ItemStatus.NEW, None)
    assert actions_of(session, raid)[0].undone_by == "editor@example.org"


def test_adding_an_item_to_an_incident_is_a_revision_and_undo_takes_it_off(
    editor: tuple[TestClient, str], session: Session, vocab: Vocabularies
) -> None:
    client, csrf = editor
    english = item_id(session, "3")
    response = client.post(
        f"/desk/inbox/{english}/source", data={"csrf_token": csrf, "incident": MATCH}, follow_redirects=False
    )
    assert response.status_code == 303 and f"done={english}" in response.headers["location"]
    notice = client.get(response.headers["location"]).text
    assert f"#{english}</a> added as a source to" in notice and "Undo <kbd>z</kbd>" in notice
    incident = get_incident(session, MATCH, Access.INTERNAL)
    assert incident is not None and incident.sources[-1].url == "https://t.me/furatwatch_test/3"
    assert incident.sources[-1].published == dt.date(2023, 11, 2) and incident.sources[-1].language == "en"
    assert any(r.field == "sources" for r in history(session, MATCH))
    client.post(f"/desk/inbox/{english}/undo", data={"csrf_token": csrf})
    incident = get_incident(session, MATCH, Access.INTERNAL)
    assert incident is not None and [s.url for s in incident.sources] == ["https://example.org/statement/1"]
    assert next(i for i in list_items(session, ItemFilter(), limit=100) if i.id == english).status is ItemStatus.NEW


def test_duplicate_and_dismiss_are_recorded_and_undone(editor: tuple[TestClient, str], session: Session) -> None:
    client, csrf = editor
    post, forward, bread = item_id(session, "2"), item_id(session, "4"), item_id(session, "9")
    client.post(f"/desk/inbox/{forward}/duplicate", data={"csrf_token": csrf, "of": f"#{post}"})
    client.post(f"/desk/inbox/{bread}/dismiss", data={"csrf_token": csrf, "reason": "not_incident"})
    items = {i.id: i for i in list_items(session, ItemFilter(), limit=100)}
    assert (items[forward].status, items[forward].duplicate_of) == (ItemStatus.HANDLED, post)
    assert items[bread].status is ItemStatus.DISMISSED
    assert [(a.action, a.detail) for a in actions_of(session, bread)] == [("dismiss", "not_incident")]
    dismissed = client.get("/desk/inbox?status=dismissed").text
    assert f'data-item="{bread}"' in dismissed
    assert "Nothing waiting" not in client.get("/desk/inbox").text
    assert "Inbox (7 new)" in client.get("/desk").text  # of nine
    client.post(f"/desk/inbox/{bread}/undo", data={"csrf_token": csrf})
    assert next(i for i in list_items(session, ItemFilter(), limit=100) if i.id == bread).status is ItemStatus.NEW
    assert "Inbox (8 new)" in client.get("/desk").text


@pytest.mark.parametrize(
    ("path", "data", "says"),
    [
        ("dismiss", {"reason": "boring"}, "&#39;boring&#39; is not a reason to dismiss: give not_relevant"),
        ("duplicate", {"of": "twelve"}, "is not an item number"),
        ("source", {"incident": "2023-11-9999"}, "there is no incident &#39;2023-11-9999&#39;"),
        ("undo", {}, "has no decision to undo"),
    ],
)
def test_a_triage_that_cannot_be_done_says_why(
    editor: tuple[TestClient, str], session: Session, path: str, data: dict[str, str], says: str
) -> None:
    client, csrf = editor
    response = client.post(f"/desk/inbox/{item_id(session, '9')}/{path}", data={"csrf_token": csrf, **data})
    assert response.status_code == 409 and says in response.text


def test_two_people_triaging_one_item_the_second_is_told(editor: tuple[TestClient, str], session: Session) -> None:
    client, csrf = editor
    bread = item_id(session, "9")
    client.post(f"/desk/inbox/{bread}/dismiss", data={"csrf_token": csrf, "reason": "not_incident", "version": "1"})
    late = client.post(
        f"/desk/inbox/{bread}/dismiss", data={"csrf_token": csrf, "reason": "outside_area", "version": "1"}
    )
    assert late.status_code == 409 and "was triaged by someone else meanwhile" in late.text


def test_the_draft_form_is_dated_by_the_item_and_says_nothing_of_sources_added(
    editor: tuple[TestClient, str], session: Session
) -> None:
    client, _ = editor
    form = client.get(f"/desk/inbox/{item_id(session, '7')}/draft").text
    assert 'id="f-date" name="date" type="date" value="2023-11-04"' in form
    assert "Nothing added" not in form and "Your entry was not saved" not in form
