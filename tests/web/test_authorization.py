"""The authorization matrix: every desk route for every role, the anonymous public and a disabled account.

Each cell asserts allowed or refused; the public pages are asked by every role too, and must stay public-only.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import replace

import pytest
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from marsad.analysis.months import Month
from marsad.domain.access import Access
from marsad.domain.incident import Source
from marsad.domain.intake import ChannelKind, ItemFilter, NewItem
from marsad.domain.roles import Permission, Role
from marsad.domain.series import Observation
from marsad.domain.vocabulary import Vocabularies
from marsad.services.accounts import set_disabled
from marsad.services.feeds import add_feed
from marsad.services.intake import list_items, store_items
from marsad.services.reports import save_draft
from marsad.storage.incident_store import IncidentWriter
from marsad.storage.intake_store import add_channel, channels
from marsad.storage.series_store import SeriesWriter, list_observations
from marsad.web.app import create_app
from marsad.web.auth import guard
from marsad.web.deps import get_session
from tests.helpers import attack
from tests.web.desk_helpers import add_user, sign_in
from tests.web.routes import api_routes

DRAFT, PUBLISHED = "2019-07-0666", "2019-07-0001"
WHO = ("anonymous", "disabled", *(r.value for r in Role))
FormData = Callable[[str], dict[str, str]]


def new_draft(csrf: str) -> dict[str, str]:
    yesterday = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    return {
        "csrf_token": csrf,
        "kind": "attack",
        "type": "ied",
        "date": yesterday,
        "place": "Hasakah",
        "status": "draft",
        "not_duplicate": "1",
    }


SERIES_FORM = {
    "indicator": "camp_population",
    "place": "al-Hol camp",
    "group": "total",
    "as_of": "2023-11-30",
    "value": "49432",
    "source_publisher": "Rojava Information Center",
}
# (method, path, what the form sends, the permission needed)
ROUTES: list[tuple[str, str, FormData | None, Permission]] = [
    ("GET", "/desk", None, Permission.READ_INTERNAL),
    ("GET", "/desk/review", None, Permission.READ_INTERNAL),
    ("GET", "/desk/review?status=draft", None, Permission.READ_INTERNAL),
    ("GET", "/desk/review?status=draft&order=oldest&page=2&select=all", None, Permission.READ_INTERNAL),
    ("GET", f"/desk/incidents/{DRAFT}", None, Permission.READ_INTERNAL),
    ("GET", f"/desk/incidents/{DRAFT}/history", None, Permission.READ_INTERNAL),
    ("GET", "/desk/places?q=Qamishlo", None, Permission.READ_INTERNAL),
    ("GET", "/desk/places/reverse?latitude=36.5&longitude=40.7", None, Permission.READ_INTERNAL),
    ("GET", "/desk/tokens", None, Permission.READ_INTERNAL),
    ("GET", "/desk/inbox", None, Permission.READ_INTERNAL),
    ("GET", "/desk/inbox?status=dismissed&q=INBOX&region=jazira&suggested=yes", None, Permission.READ_INTERNAL),
    ("GET", "/desk/inbox/{item}", None, Permission.READ_INTERNAL),
    ("GET", "/desk/inbox/{item}/draft", None, Permission.EDIT),
    ("GET", "/desk/inbox/add", None, Permission.EDIT),
    ("POST", "/desk/inbox/add", lambda csrf: {"csrf_token": csrf, "text": "An IED in Raqqa"}, Permission.EDIT),
    ("POST", "/desk/inbox/upload", lambda csrf: {"csrf_token": csrf}, Permission.EDIT),
    (
        "POST",
        "/desk/inbox/feeds",
        lambda csrf: {"csrf_token": csrf, "url": "https://feeds.example/rss"},
        Permission.EDIT,
    ),
    ("POST", "/desk/inbox/feeds/{feed}/check", lambda csrf: {"csrf_token": csrf}, Permission.EDIT),
    (
        "POST",
        "/desk/inbox/{item}/dismiss",
        lambda csrf: {"csrf_token": csrf, "reason": "not_relevant"},
        Permission.EDIT,
    ),
    ("POST", "/desk/inbox/{item}/undo", lambda csrf: {"csrf_token": csrf}, Permission.EDIT),
    ("POST", "/desk/inbox/{item}/duplicate", lambda csrf: {"csrf_token": csrf, "of": "{other}"}, Permission.EDIT),
    ("POST", "/desk/inbox/{item}/source", lambda csrf: {"csrf_token": csrf, "incident": DRAFT}, Permission.EDIT),
    ("GET", "/desk/incidents/new", None, Permission.EDIT),
    ("GET", "/desk/series", None, Permission.READ_INTERNAL),
    ("GET", "/desk/series?indicator=camp_population&place=al-Hol camp&group=total", None, Permission.READ_INTERNAL),
    ("GET", "/desk/series.csv", None, Permission.READ_INTERNAL),
    ("GET", "/desk/series/new", None, Permission.EDIT),
    ("GET", "/desk/series/{observation}", None, Permission.EDIT),
    ("POST", "/desk/series/new", lambda csrf: {"csrf_token": csrf, **SERIES_FORM}, Permission.EDIT),
    (
        "POST",
        "/desk/series/{observation}",
        lambda csrf: {"csrf_token": csrf, **SERIES_FORM, "as_of": "2023-10-31"},
        Permission.EDIT,
    ),
    ("POST", "/desk/series/import", lambda csrf: {"csrf_token": csrf}, Permission.PUBLISH),
    ("GET", "/desk/audit", None, Permission.MANAGE_USERS),
    ("GET", "/desk/import", None, Permission.PUBLISH),
    ("GET", "/desk/users", None, Permission.MANAGE_USERS),
    (
        "POST",
        "/desk/users",
        lambda csrf: {"csrf_token": csrf, "email": "someone@example.org", "role": "viewer"},
        Permission.MANAGE_USERS,
    ),
    ("GET", "/desk/reports", None, Permission.PUBLISH),
    ("POST", "/desk/reports", lambda csrf: {"csrf_token": csrf, "month": "2019-07"}, Permission.PUBLISH),
    ("GET", "/desk/reports/2019-07", None, Permission.PUBLISH),
    ("GET", "/desk/reports/2019-07/preview", None, Permission.PUBLISH),
    ("GET", "/desk/reports/2019-07/publish", None, Permission.PUBLISH),
    (
        "POST",
        "/desk/reports/2019-07",
        lambda csrf: {"csrf_token": csrf, "title": "July", "point_text": "One", "point_state": "shown"},
        Permission.PUBLISH,
    ),
    (
        "POST",
        "/desk/reports/2019-07/draft-preview",
        lambda csrf: {"csrf_token": csrf, "title": "July", "point_text": "One"},
        Permission.PUBLISH,
    ),
    (
        "POST",
        "/desk/reports/2019-07/publish",
        lambda csrf: {"csrf_token": csrf, "confirmed": "yes"},
        Permission.PUBLISH,
    ),
    ("POST", "/desk/tokens", lambda csrf: {"csrf_token": csrf, "name": "script"}, Permission.READ_INTERNAL),
    ("POST", "/desk/incidents/new", new_draft, Permission.EDIT),
    (
        "POST",
        "/desk/incidents/new/from-text",
        lambda csrf: {"csrf_token": csrf, "text": "IED in Hajin"},
        Permission.EDIT,
    ),
    (
        "POST",
        f"/desk/incidents/{DRAFT}/sources",
        lambda csrf: new_draft(csrf) | {"source_url": "https://example.org/more", "source_publisher": "ANHA"},
        Permission.EDIT,
    ),
    ("POST", "/desk/review", lambda csrf: {"csrf_token": csrf, "action": "in_review", "id": DRAFT}, Permission.EDIT),
    ("POST", f"/desk/incidents/{DRAFT}/revert", lambda csrf: {"csrf_token": csrf, "revision": "1"}, Permission.EDIT),
    (
        "POST",
        f"/desk/incidents/{DRAFT}/merge",
        lambda csrf: {"csrf_token": csrf, "into": PUBLISHED},
        Permission.PUBLISH,
    ),
    (
        "POST",
        f"/desk/incidents/{PUBLISHED}/withdraw",
        lambda csrf: {"csrf_token": csrf, "reason": "test"},
        Permission.PUBLISH,
    ),
    ("POST", f"/desk/incidents/{DRAFT}/sources/0/archive", lambda csrf: {"csrf_token": csrf}, Permission.EDIT),
    ("GET", "/desk/inbox/upload/no-such-job", None, Permission.EDIT),
    ("POST", "/desk/import", lambda csrf: {"csrf_token": csrf}, Permission.PUBLISH),
    ("GET", "/desk/import/no-such-job", None, Permission.PUBLISH),
    ("POST", "/desk/tokens/2147483647/revoke", lambda csrf: {"csrf_token": csrf}, Permission.READ_INTERNAL),
    (
        "POST",
        "/desk/users/role",
        lambda csrf: {"csrf_token": csrf, "email": "disabled@example.org", "role": "viewer"},
        Permission.MANAGE_USERS,
    ),
    (
        "POST",
        "/desk/users/disable",
        lambda csrf: {"csrf_token": csrf, "email": "disabled@example.org"},
        Permission.MANAGE_USERS,
    ),
    ("POST", "/logout", lambda csrf: {"csrf_token": csrf}, Permission.READ_INTERNAL),
]


@pytest.fixture
def clients(engine: Engine, session: Session, vocab: Vocabularies) -> Iterator[dict[str, tuple[TestClient, str]]]:
    IncidentWriter(session, vocab, actor="t", via="test").write(
        [
            attack(notes="NOTE-SECRET"),
            attack(id=DRAFT, status="draft", description="DRAFT-SECRET", sources=[]),
        ]
    )
    save_draft(session, Month(2019, 7), vocab, "editor")  # a report draft to preview
    inbox = add_channel(session, ChannelKind.WEB, "web", "Pasted")
    posted = dt.datetime(2019, 7, 14, tzinfo=dt.UTC)
    store_items(session, inbox, [NewItem("a", posted, "INBOX an IED in Hasakah"), NewItem("b", posted, "other")])
    add_feed(session, "http://127.0.0.1:9/feed.xml")  # refused at once by the fetch fence: no network in the test
    figure = Observation("camp_population", "al-Hol camp", "total", dt.date(2023, 10, 31), 50_000)
    SeriesWriter(session, vocab, "t", "test").write([replace(figure, source=Source(publisher="RIC"))])
    app = create_app(engine)
    app.dependency_overrides[get_session] = lambda: session
    signed: dict[str, tuple[TestClient, str]] = {}
    with TestClient(app) as anonymous:
        signed["anonymous"] = (anonymous, "no-token")
        for role in Role:
            client = TestClient(app)
            signed[role.value] = (client, sign_in(client, add_user(session, role)))
        disabled = TestClient(app)
        email = add_user(session, Role.EDITOR, "disabled@example.org")
        signed["disabled"] = (disabled, sign_in(disabled, email))
        set_disabled(session, email, True, "admin")
        yield signed


def inbox_ids(session: Session) -> dict[str, str]:
    """The ids the inbox routes are asked with (PostgreSQL's sequences do not roll back between tests)."""
    first, second = sorted(i.id for i in list_items(session, ItemFilter(), limit=2))
    [feed] = channels(session, ChannelKind.FEED)
    [figure] = list_observations(session, access=Access.INTERNAL)
    return {"{item}": str(first), "{other}": str(second), "{feed}": str(feed.id), "{observation}": str(figure.id)}


def filled(text: str, ids: dict[str, str]) -> str:
    for placeholder, value in ids.items():
        text = text.replace(placeholder, value)
    return text


def allowed(who: str, permission: Permission) -> bool:
    return who not in ("anonymous", "disabled") and Role(who).can(permission)


@pytest.mark.parametrize(("method", "path", "data", "permission"), ROUTES, ids=[f"{m} {p}" for m, p, _, _ in ROUTES])
def test_every_desk_route_for_every_role(
    clients: dict[str, tuple[TestClient, str]],
    session: Session,
    method: str,
    path: str,
    data: FormData | None,
    permission: Permission,
) -> None:
    ids = inbox_ids(session)
    path = filled(path, ids)
    for who in WHO:
        client, csrf = clients[who]
        if method == "GET":
            response = client.get(path, follow_redirects=False)
        else:
            sent = {k: filled(v, ids) for k, v in data(csrf).items()} if data else {}
            response = client.post(path, data=sent, follow_redirects=False)
        signed_out = response.status_code == 401 or response.headers.get("location", "").startswith("/login")
        if allowed(who, permission):
            # past the door: done, or refused for a reason of the data (merging what is already merged, a job
            # or a token that is not theirs)
            assert response.status_code in (200, 303, 404, 409, 422) and not signed_out, (who, response.status_code)
        elif who in ("anonymous", "disabled"):
            assert signed_out, (who, response.status_code)
        else:
            assert response.status_code == 403, (who, response.status_code)
            assert f"Your role ({who}) does not allow this" in response.text


def desk_routes() -> list[APIRoute]:
    """The desk's routes as the application declares them (signing out included; signing in is for anyone)."""
    return [r for r in api_routes() if r.path.startswith("/desk") or r.path == "/logout"]


def test_the_matrix_asks_every_desk_route() -> None:
    asked = [(method, path.split("?")[0]) for method, path, _, _ in ROUTES]
    missing = []
    for route in desk_routes():
        shape = re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", route.path) + "$")
        for method in route.methods - {"HEAD"}:
            if not any(m == method and shape.match(path) for m, path in asked):
                missing.append(f"{method} {route.path}")
    assert missing == [], "add these routes to ROUTES with the permission they need"


def test_a_desk_route_that_forgets_its_check_still_needs_a_signed_in_member() -> None:
    """The desk's routers declare the reading right once, so a new route without its own check fails closed."""

    def guards(dependant: Dependant) -> set[object]:
        return {dependant.call} | {call for d in dependant.dependencies for call in guards(d)}

    door, routes = guard(Permission.READ_INTERNAL), desk_routes()
    unguarded = [route.path for route in routes if door not in guards(route.dependant)]
    assert unguarded == []
    assert len(routes) > 40


def test_a_post_without_the_csrf_token_is_refused_for_every_role(clients: dict[str, tuple[TestClient, str]]) -> None:
    for who in (r.value for r in Role):
        client, _ = clients[who]
        response = client.post("/desk/tokens", data={"csrf_token": "forged", "name": "x"})
        assert response.status_code == 403 and "did not come from this site" in response.text


POSTS = [(path, data) for method, path, data, _ in ROUTES if method == "POST"]


@pytest.mark.parametrize(("path", "data"), POSTS, ids=[path for path, _ in POSTS])
def test_every_desk_form_needs_the_csrf_token(
    clients: dict[str, tuple[TestClient, str]], session: Session, path: str, data: FormData | None
) -> None:
    client, _ = clients["admin"]  # allowed everything: only the token can stop it
    ids = inbox_ids(session)
    sent = {k: filled(v, ids) for k, v in data("forged").items()} if data else {"csrf_token": "forged"}
    response = client.post(filled(path, ids), data=sent, follow_redirects=False)
    assert response.status_code == 403 and "did not come from this site" in response.text, response.status_code


def test_signed_in_people_still_see_only_public_data_on_public_pages(
    clients: dict[str, tuple[TestClient, str]],
) -> None:
    for who in WHO:
        client, _ = clients[who]
        for path in (
            "/",
            "/about",
            "/methodology",
            "/cite",
            "/incidents",
            f"/incidents/{PUBLISHED}",
            "/api/v1/incidents",
            "/api/v1/export.csv",
            "/map?kind=attack",
            "/api/v1/map/clusters?zoom=5",
        ):
            text = client.get(path).text
            assert "DRAFT-SECRET" not in text and "NOTE-SECRET" not in text and DRAFT not in text, (who, path)


def test_api_tokens_act_with_their_role_and_stop_when_revoked(clients: dict[str, tuple[TestClient, str]]) -> None:
    client, csrf = clients["viewer"]
    page = client.post("/desk/tokens", data={"csrf_token": csrf, "name": "script"}).text
    token = re.search(r'<code id="new-token">([^<]+)</code>', page)
    assert token
    anonymous, _ = clients["anonymous"]
    bearer = {"Authorization": f"Bearer {token.group(1)}"}
    assert anonymous.get("/desk/places?q=Hasakah", headers=bearer).status_code == 200
    assert anonymous.get("/desk/incidents/new", headers=bearer).status_code == 403  # a viewer cannot edit
    token_id = re.search(r'action="/desk/tokens/(\d+)/revoke"', page)
    assert token_id
    client.post(f"/desk/tokens/{token_id.group(1)}/revoke", data={"csrf_token": csrf})
    assert anonymous.get("/desk/places?q=Hasakah", headers=bearer).status_code == 401
