"""Junk in every parameter of every GET route: a refusal that names the parameter, never a 5xx, never slow.

The walk is built from the application's own route table (path parameters and the query parameters each
route declares, plus the filters the selection routes read from the query string), so a new route or
parameter is fuzzed without being listed. The junk is what real readers and scripts send: crafted cursors,
numbers past 2^31 and 2^63, month 0001-01, NUL bytes, long and Arabic words, broken percent-escapes.
"""

from __future__ import annotations

import base64
import json
import random
import time
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from marsad.analysis.months import Month
from marsad.domain.filters import PARAMS
from marsad.domain.roles import Role
from marsad.domain.vocabulary import Vocabularies
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.services.reports import publish, save_draft
from marsad.storage.incident_store import IncidentWriter
from marsad.web.app import create_app
from marsad.web.deps import get_session
from tests.helpers import attack, raid
from tests.web.desk_helpers import add_user, sign_in
from tests.web.routes import flattened

SLOW = 1.0  # seconds: an answer slower than this, twice running, fails


def crafted_cursor(parts: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(parts).encode()).decode().rstrip("=")


JUNK = (
    "",
    " ",
    "\x00",
    "a\x00b",
    "-1",
    "0",
    "2147483648",
    "9223372036854775808",
    "-99999999999999999999999",
    "1e400",
    "NaN",
    "0001-01",
    "0000-00",
    "9999-12",
    "10000-01-01",
    "2019-02-30",
    "x" * 40,
    "دير الزور الميادين البوكمال الشحيل " * 2,
    "Serêkaniyê,,,",
    "%",
    "%zz",
    "'\"<svg onload=alert(1)>",
    "../../etc/passwd",
    "true,false,all",
    "\u202e\u200f",
    "x" * 5000,
)
CURSORS = (
    "not-base64!",
    crafted_cursor([[1, 2], "x"]),
    crafted_cursor([{"date": "0000-01-01"}, "x"]),
    crafted_cursor([{"date": []}, "x"]),
    crafted_cursor(["x", "2019-07-0001", 2**70, 1]),
    crafted_cursor([1e308, {"id": 1}]),
    crafted_cursor([None, None]),
    crafted_cursor([True, "x\x00"]),
    crafted_cursor([2**64, "2019-07-0001", -1, 0]),
    base64.urlsafe_b64encode(b"[" * 5000 + b"]" * 5000).decode(),
    base64.urlsafe_b64encode(b"\xff\xfe").decode(),
)
# Read from the query string by the pages and API routes that select incidents, besides what routes declare.
READ_FROM_QUERY = (*PARAMS, "embed", "page", "select", "order", "status", "done", "cursor", "sort")
SAMPLE = 8  # junk values per undeclared parameter of a route: each route gets its own sample, so all are sent
PUBLISHED_MONTH = "2019-07"


def dependants(dependant: Dependant) -> Iterator[Dependant]:
    yield dependant
    for sub in dependant.dependencies:
        yield from dependants(sub)


def get_routes(client: TestClient) -> list[APIRoute]:
    every = flattened(client.app.routes)  # type: ignore[attr-defined]
    return [r for r in every if isinstance(r, APIRoute) and "GET" in r.methods]


def path_names(route: APIRoute) -> list[str]:
    return sorted({p.name for d in dependants(route.dependant) for p in d.path_params})


def declared_names(route: APIRoute) -> list[str]:
    return sorted({p.alias for d in dependants(route.dependant) for p in d.query_params})


def reads_the_query(client: TestClient, route: APIRoute) -> bool:
    """Whether the route reads parameters it does not declare: those that select incidents refuse a stranger."""
    return client.get(f"{fill(route)}?not_a_parameter=1", follow_redirects=False).status_code in (400, 422)


VALID_PATH = {"month": PUBLISHED_MONTH, "fmt": "json", "incident_id": "2019-07-0001", "item_id": "1"}


def fill(route: APIRoute, name: str | None = None, value: str = "") -> str:
    """The route's path with valid values, and ``value`` (escaped) in place of parameter ``name``."""
    path = route.path
    for param in path_names(route):
        given = quote(value, safe="") if param == name else VALID_PATH.get(param, "x")
        path = path.replace("{" + param + "}", given)
    return path


@pytest.fixture
def signed_in(engine: Engine, session: Session, vocab: Vocabularies, gazetteer: Gazetteer) -> Iterator[TestClient]:
    """An admin on a small dataset with a published report: every desk route opens, so its parameters are read."""
    IncidentWriter(session, vocab, actor="t", via="test").write([attack(), raid()])
    save_draft(session, Month(2019, 7), vocab, "editor")
    publish(session, Month(2019, 7), vocab, gazetteer, "editor")
    add_user(session, Role.ADMIN)
    app = create_app(engine)
    app.dependency_overrides[get_session] = lambda: session
    with TestClient(app, raise_server_exceptions=False) as client:
        sign_in(client, "admin@example.org")
        yield client


def answer(client: TestClient, url: str) -> tuple[int, float]:
    started = time.perf_counter()
    status = client.get(url, follow_redirects=False).status_code
    return status, time.perf_counter() - started


def fuzz(client: TestClient, url: str, failures: list[str]) -> None:
    status, took = answer(client, url)
    if took > SLOW:  # once more before blaming the route: the machine may have been busy
        status, took = answer(client, url)
    if status >= 500 or took > SLOW:
        failures.append(f"{status} in {took:.2f} s: {url[:160]!r}")


def test_junk_in_any_parameter_gets_a_refusal_never_a_server_error(signed_in: TestClient) -> None:
    failures: list[str] = []
    routes = get_routes(signed_in)
    assert len(routes) > 40  # the walk did find the route table
    reading = [route.path for route in routes if reads_the_query(signed_in, route)]
    assert {"/map", "/incidents", "/api/v1/incidents", "/api/v1/stats", "/desk/review"} <= set(reading)
    for route in routes:
        sent: dict[str, tuple[str, ...]] = dict.fromkeys(declared_names(route), JUNK)
        sent["lang"] = ("", "\x00", "x" * 40, "ar,ku;q=0.5")  # read by every page (the language switch)
        if route.path in reading:
            for name in READ_FROM_QUERY:
                sent.setdefault(name, tuple(random.Random(f"{route.path} {name}").sample(JUNK, SAMPLE)))
        if "cursor" in sent:
            sent["cursor"] = CURSORS + sent["cursor"]
        for name in path_names(route):
            for value in JUNK + CURSORS[:2]:
                if value.strip(" ./"):  # an empty or dotted segment is another path, not this parameter
                    fuzz(signed_in, fill(route, name, value), failures)
        for name, values in sent.items():
            for value in values:
                fuzz(signed_in, f"{fill(route)}?{quote(name)}={quote(value, safe='')}", failures)
    assert not failures, "\n".join(failures)


def test_junk_gets_a_sentence_naming_the_parameter(signed_in: TestClient) -> None:
    """What a script writer reads: the API's 422 says which parameter and what it takes."""
    for url, param in [
        ("/api/v1/incidents?cursor=" + CURSORS[4], "cursor"),
        ("/api/v1/incidents?limit=2147483648", "limit"),
        ("/api/v1/stats?month=0001-01", "month"),
        ("/api/v1/incidents?from=10000-01-01", "from"),
        ("/api/v1/map/clusters?zoom=9223372036854775808", "zoom"),
    ]:
        response = signed_in.get(url)
        assert response.status_code == 422, (url, response.status_code)
        assert param in response.text, (url, response.text)


def test_a_cursor_given_out_still_works(signed_in: TestClient) -> None:
    """The hardening must not refuse what the API itself hands out."""
    first = signed_in.get("/api/v1/incidents?limit=1&counted=all").json()
    assert first["next"], first
    second = signed_in.get(first["next"]).json()
    assert [i["id"] for i in first["incidents"] + second["incidents"]] == ["2019-07-0001", "2023-11-0101"]
