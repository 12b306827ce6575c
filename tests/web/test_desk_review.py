"""Review and publication on the desk: bulk publish, withdrawal with a reason, history with diffs, revert."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from marsad.domain.access import Access
from marsad.domain.filters import IncidentFilter
from marsad.domain.incident import Source
from marsad.domain.roles import Role
from marsad.domain.vocabulary import Vocabularies
from marsad.services.accounts import audit_events
from marsad.storage.incident_store import IncidentWriter
from marsad.storage.queries import iter_incidents
from marsad.web.app import create_app
from marsad.web.deps import get_session
from tests.helpers import attack
from tests.web.desk_helpers import add_user, sign_in


@pytest.fixture
def editor(engine: Engine, session: Session, vocab: Vocabularies) -> Iterator[tuple[TestClient, str]]:
    IncidentWriter(session, vocab, actor="t", via="test").write(
        [
            attack(id="2019-07-0001", status="in_review"),
            attack(id="2019-07-0002", status="in_review", sources=[]),  # cannot be published: no source
            attack(id="2019-07-0003", status="published"),
        ]
    )
    app = create_app(engine)
    app.dependency_overrides[get_session] = lambda: session
    with TestClient(app) as client:
        yield client, sign_in(client, add_user(session, Role.EDITOR))


def test_the_queue_publishes_in_bulk_and_says_what_it_could_not(editor: tuple[TestClient, str]) -> None:
    client, csrf = editor
    queue = client.get("/desk/review").text
    assert (
        "Rows <strong><bdi>1–2</bdi></strong> of <strong>2</strong>, newest first." in queue
        and "2019-07-0003" not in queue
    )
    done = client.post(
        "/desk/review", data={"csrf_token": csrf, "action": "published", "id": ["2019-07-0001", "2019-07-0002"]}
    ).text
    assert "Published: 1 incident." in done
    assert "2019-07-0002 not changed: a published incident needs at least one source" in done
    assert client.get("/incidents/2019-07-0001").status_code == 200
    assert client.get("/incidents/2019-07-0002").status_code == 404
    assert "Published by editor@example.org on" in client.get("/desk/incidents/2019-07-0001").text
    client.post(
        "/desk/review?status=published",
        data={"csrf_token": csrf, "action": "draft", "id": "2019-07-0001", "reason": "casualty figures disputed"},
    )
    assert client.get("/incidents/2019-07-0001").status_code == 404  # unpublished
    assert "Unpublished by editor@example.org on" in client.get("/desk/incidents/2019-07-0001").text
    assert "casualty figures disputed" in client.get("/desk/incidents/2019-07-0001").text


def queue_ids(page: str) -> list[str]:
    return re.findall(r'name="id" value="([^"]+)"', page)


def test_the_queue_is_newest_first_paged_and_selects_a_whole_page(
    editor: tuple[TestClient, str], session: Session, vocab: Vocabularies
) -> None:
    client, csrf = editor
    waiting = [
        attack(id=f"2020-{month:02d}-{day:04d}", date=dt.date(2020, month, day), status="in_review")
        for month in range(1, 5)
        for day in range(1, 29)
    ]  # 112, and the fixture's two of July 2019: 114 waiting
    IncidentWriter(session, vocab, actor="t", via="test").write(waiting)
    first = client.get("/desk/review").text
    assert "Rows <strong><bdi>1–50</bdi></strong> of <strong>114</strong>, newest first." in first
    assert queue_ids(first)[:2] == ["2020-04-0028", "2020-04-0027"] and len(queue_ids(first)) == 50
    assert 'href="/desk/review?page=2" rel="next"' in first and 'rel="prev"' not in first
    last = client.get("/desk/review?page=3").text
    assert "Rows <strong><bdi>101–114</bdi></strong> of <strong>114</strong>" in last and "Page 3 of 3" in last
    assert queue_ids(last)[-2:] == ["2019-07-0002", "2019-07-0001"] and 'rel="next"' not in last
    assert 'href="/desk/review?page=2" rel="prev"' in last
    oldest = client.get("/desk/review?order=oldest&kind=attack").text
    assert queue_ids(oldest)[0] == "2019-07-0001"
    assert 'href="/desk/review?kind=attack&amp;order=oldest&amp;page=2"' in oldest  # the filter and order kept

    ticked = client.get("/desk/review?page=2&select=all").text
    assert len(re.findall(r'name="id" value="[^"]+" aria-label="Select [^"]+" checked>', ticked)) == 50
    action = re.search(r'<form method="post" action="([^"]+)" class="review-form"', ticked)
    assert action and action.group(1) == "/desk/review?page=2"  # the page stays where it was after the action
    done = client.post(action.group(1), data={"csrf_token": csrf, "action": "published", "id": queue_ids(ticked)})
    assert (
        "Published: 50 incidents." in done.text
        and "Rows <strong><bdi>51–64</bdi></strong> of <strong>64</strong>" in done.text
    )
    published = {i.id for i in iter_incidents(session, IncidentFilter(statuses=("published",)), Access.INTERNAL)}
    assert set(queue_ids(ticked)) <= published and not set(queue_ids(first)) & published


def test_withdrawn_incidents_leave_the_site_and_stay_listed_with_the_reason(
    editor: tuple[TestClient, str], session: Session
) -> None:
    client, csrf = editor
    missing = client.post("/desk/incidents/2019-07-0003/withdraw", data={"csrf_token": csrf, "reason": " "})
    assert missing.status_code == 422 and "say why the incident is withdrawn" in missing.text
    client.post("/desk/incidents/2019-07-0003/withdraw", data={"csrf_token": csrf, "reason": "Source retracted"})
    assert client.get("/incidents/2019-07-0003").status_code == 404
    listed = client.get("/api/v1/incidents/withdrawn").json()["withdrawn"]
    assert [(w["id"], w["reason"]) for w in listed] == [("2019-07-0003", "Source retracted")]
    assert [e.target for e in audit_events(session, "withdrawn")] == ["2019-07-0003"]


def test_history_shows_each_change_and_revert_restores_an_earlier_state(
    editor: tuple[TestClient, str], session: Session, vocab: Vocabularies
) -> None:
    client, csrf = editor
    writer = IncidentWriter(session, vocab, actor="rania@example.org", via="web")
    writer.write([attack(id="2019-07-0001", status="in_review", description="Second account", military_killed=3)])
    history = client.get("/desk/incidents/2019-07-0001/history").text
    assert "rania@example.org · web" in history
    assert "<del>IED against an Asayish patrol.</del>" in history and "<ins>Second account</ins>" in history
    assert '<th scope="row">Military killed</th>' in history and "military_killed" not in strip_attributes(history)
    revision = re.search(r'name="revision" value="(\d+)"', history)  # the first restore button: the creation
    assert revision
    client.post("/desk/incidents/2019-07-0001/revert", data={"csrf_token": csrf, "revision": revision.group(1)})
    form = client.get("/desk/incidents/2019-07-0001").text
    assert "IED against an Asayish patrol." in form and 'name="military_killed" type="number" value="1"' in form
    assert "<ins>IED against an Asayish patrol.</ins>" in client.get("/desk/incidents/2019-07-0001/history").text


def strip_attributes(page: str) -> str:
    """The text and tags of a page without attribute values (where column names may stand, unseen)."""
    return re.sub(r'="[^"]*"', "", page)


def test_history_marks_the_words_that_changed_and_names_fields_and_values_by_their_labels(
    editor: tuple[TestClient, str], session: Session, vocab: Vocabularies
) -> None:
    client, _ = editor
    writer = IncidentWriter(session, vocab, actor="rania@example.org", via="web")
    source = Source(url="https://example.org/b", publisher="ANHA", source_type="local_media", language="ar")
    writer.write(
        [
            attack(
                id="2019-07-0001",
                status="in_review",
                type="armed_attack",
                description="IED against an SDF patrol. <script>alert(1)</script>",
                sources=[*attack().sources, source],
            )
        ]
    )
    page = client.get("/desk/incidents/2019-07-0001/history").text
    row = re.search(r'<tr data-field="description">(.*?)</tr>', page, re.S)
    assert row and '<th scope="row">Description</th>' in row.group(1)
    assert "IED against an <del>Asayish</del>" in row.group(1) and "IED against an <ins>SDF</ins>" in row.group(1)
    assert "<ins>&lt;script&gt;alert(1)&lt;/script&gt;</ins>" in row.group(1) and "<script>" not in page
    kind = re.search(r'<tr data-field="type">(.*?)</tr>', page, re.S)
    assert kind and f"<del>{vocab.types.label('ied')}</del>" in kind.group(1)
    assert f"<ins>{vocab.types.label('armed_attack')}</ins>" in kind.group(1)
    sources = re.search(r'<tr data-field="sources">(.*?)</tr>', page, re.S)
    assert sources and f"<ins>ANHA — https://example.org/b ({vocab.source_types.label('local_media')}, ar)</ins>" in (
        sources.group(1)
    )


def test_merging_combines_sources_keeps_both_histories_and_redirects_the_old_id(
    editor: tuple[TestClient, str], session: Session, vocab: Vocabularies
) -> None:
    client, csrf = editor
    other_source = Source(url="https://example.org/other-report", publisher="Other outlet")
    IncidentWriter(session, vocab, actor="t", via="test").write(
        [attack(id="2019-07-0009", status="published", notes="from a contact", sources=[other_source])]
    )
    refused = client.post("/desk/incidents/2019-07-0009/merge", data={"csrf_token": csrf, "into": "2019-07-0009"})
    assert refused.status_code == 422 and "cannot be merged into itself" in refused.text
    client.post("/desk/incidents/2019-07-0009/merge", data={"csrf_token": csrf, "into": "2019-07-0003"})
    moved = client.get("/incidents/2019-07-0009", follow_redirects=False)
    assert moved.status_code == 301 and moved.headers["location"] == "/incidents/2019-07-0003"
    api = client.get("/api/v1/incidents/2019-07-0009", follow_redirects=False)
    assert api.status_code == 301 and api.headers["location"] == "/api/v1/incidents/2019-07-0003"
    kept = client.get("/api/v1/incidents/2019-07-0003").json()
    assert [s.get("publisher") for s in kept["sources"]] == ["Asayish", "Other outlet"]
    desk = client.get("/desk/incidents/2019-07-0009").text
    assert "Merged into" in desk and 'href="/desk/incidents/2019-07-0003"' in desk
    assert "Merged from 2019-07-0009." in client.get("/desk/incidents/2019-07-0003").text  # in the notes
    history = client.get("/desk/incidents/2019-07-0009/history").text  # its history stays
    assert f"<ins>{vocab.statuses.label('merged')}</ins>" in history
    pointer = re.search(r'<tr data-field="merged_into">(.*?)</tr>', history, re.S)  # who merged it, when, where to
    assert pointer and "<ins>2019-07-0003</ins>" in pointer.group(1)


def test_a_contributor_cannot_merge(engine: Engine, session: Session, vocab: Vocabularies) -> None:
    IncidentWriter(session, vocab, actor="t", via="test").write(
        [attack(id="2019-07-0001", status="draft"), attack(id="2019-07-0002", status="draft")]
    )
    app = create_app(engine)
    app.dependency_overrides[get_session] = lambda: session
    with TestClient(app) as client:
        csrf = sign_in(client, add_user(session, Role.CONTRIBUTOR))
        response = client.post("/desk/incidents/2019-07-0002/merge", data={"csrf_token": csrf, "into": "2019-07-0001"})
        assert response.status_code == 403 and "Your role (contributor) does not allow this" in response.text


def test_the_queue_opens_in_the_language_its_address_names(editor: tuple[TestClient, str]) -> None:
    client, _ = editor
    queue = client.get("/desk/review?lang=ar&status=in_review")  # lang is the page's language, not a filter
    assert queue.status_code == 200 and '<html lang="ar" dir="rtl">' in queue.text
    assert "بانتظار المراجعة</h1>" in queue.text and 'href="/desk/incidents/2019-07-0001"' in queue.text
