"""Security headers on every route, and API docs that load nothing from outside this server."""

from __future__ import annotations

import inspect
import re

import pytest
from fastapi.dependencies.models import Dependant
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from marsad.settings import load_settings
from marsad.web.app import create_app
from marsad.web.deps import get_session
from tests.web.routes import api_routes

ROUTES = [
    "/map?kind=attack",
    "/incidents",
    "/reports",
    "/api/v1/incidents",
    "/api/v1/incidents.geojson",
    "/api/v1/vocabularies",
    "/api/docs",
    "/api/openapi.json",
    "/api/v1/incidents/none",
    "/api/v1/incidents?region=Narnia",
]


@pytest.mark.parametrize("route", ROUTES)
def test_every_response_carries_the_security_headers(client: TestClient, route: str) -> None:
    headers = client.get(route).headers
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in csp and headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"


def test_only_the_embeddable_map_may_be_framed(client: TestClient) -> None:
    headers = client.get("/map", params={"kind": "attack", "embed": "1"}).headers
    assert "frame-ancestors *" in headers["content-security-policy"] and "x-frame-options" not in headers
    for other in ("/incidents", "/api/v1/vocabularies", "/reports"):
        headers = client.get(other, params={"embed": "1"}).headers
        assert "frame-ancestors 'none'" in headers["content-security-policy"] and headers["x-frame-options"] == "DENY"


def test_a_configured_tile_server_is_allowed_and_credited(engine: Engine, session: Session) -> None:
    settings = load_settings(
        {
            "MARSAD_DATABASE_URL": "sqlite://",
            "MARSAD_TILE_URL": "https://tiles.example.org/{z}/{x}/{y}.png",
            "MARSAD_TILE_ATTRIBUTION": "© Example contributors",
        }
    )
    app = create_app(engine, settings)
    app.dependency_overrides[get_session] = lambda: session
    with TestClient(app) as client:
        page = client.get("/map", params={"kind": "attack"})
    csp = page.headers["content-security-policy"]
    assert "img-src 'self' data: blob: https://tiles.example.org" in csp
    assert "connect-src 'self' https://tiles.example.org" in csp
    assert 'data-tiles="https://tiles.example.org/{z}/{x}/{y}.png"' in page.text
    assert 'data-tile-attribution="© Example contributors"' in page.text


def test_api_docs_load_only_local_files_and_no_inline_script(client: TestClient) -> None:
    page = client.get("/api/docs").text
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources and all(s.startswith("/") for s in sources)
    assert not re.search(r"<script>[^<]", page)  # every script has a src
    for source in sources:
        assert client.get(source).status_code == 200, source


def test_no_route_does_database_work_on_the_event_loop() -> None:
    """A route that uses the database is a plain function, which FastAPI runs in a worker thread: one
    transaction waiting for a lock can then never freeze the server (forms are read by an async dependency)."""

    def uses_session(dependant: Dependant) -> bool:
        return dependant.call is get_session or any(uses_session(d) for d in dependant.dependencies)

    routes = api_routes()
    offenders = [r.path for r in routes if uses_session(r.dependant) and inspect.iscoroutinefunction(r.endpoint)]
    assert offenders == []
    assert sum(uses_session(r.dependant) for r in routes) > 50  # the walk does reach the routes
