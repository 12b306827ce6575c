"""/api/v1's response models: every route documents its answer, and what it answers is what it documents.

The walk is built from the application's own route table, so a route added without a model fails here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from pydantic import TypeAdapter
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from marsad.analysis.months import Month
from marsad.domain.incident import PUBLIC_COLUMNS, SOURCE_FIELDS, Source
from marsad.domain.series import Observation
from marsad.domain.vocabulary import VOCABULARY_NAMES, Vocabularies
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.io.public_models import IncidentPublic, IncidentSource
from marsad.services.reports import publish, save_draft
from marsad.storage.incident_store import IncidentWriter
from marsad.storage.series_store import SeriesWriter
from marsad.web.api_models import ApiError, IncidentFeatureCollection, IncidentFields, VocabulariesPublic
from marsad.web.app import create_app
from marsad.web.deps import get_session
from tests.helpers import attack, raid
from tests.web.routes import api_routes

# A request with valid values for each route (its path filled), answered 200 on the seeded data.
ANSWERED = {
    "/api/v1/incidents": ["/api/v1/incidents", "/api/v1/incidents?fields=id,date&counted=all"],
    "/api/v1/incidents.geojson": ["/api/v1/incidents.geojson"],
    "/api/v1/map/clusters": ["/api/v1/map/clusters", "/api/v1/map/clusters?zoom=18&counted=all"],
    "/api/v1/incidents/withdrawn": ["/api/v1/incidents/withdrawn"],
    "/api/v1/incidents/{incident_id}": ["/api/v1/incidents/2019-07-0001"],
    "/api/v1/export.{fmt}": ["/api/v1/export.csv", "/api/v1/export.xlsx", "/api/v1/export.geojson"],
    "/api/v1/regions.geojson": ["/api/v1/regions.geojson"],
    "/api/v1/basemap.geojson": ["/api/v1/basemap.geojson"],
    "/api/v1/vocabularies": ["/api/v1/vocabularies"],
    "/api/v1/stats": ["/api/v1/stats?month=2019-07", "/api/v1/stats?group_by=month,region&counted=all"],
    "/api/v1/reports/{month}": ["/api/v1/reports/2019-07", "/api/v1/reports/2023-11?perpetrator=isis"],
    "/api/v1/series": ["/api/v1/series"],
    "/api/v1/series.csv": ["/api/v1/series.csv"],
    "/api/v1/series/{indicator}": ["/api/v1/series/camp_population"],
}
DRAFT_NOTE = "DRAFT-ONLY-NOTE"


@pytest.fixture
def client(engine: Engine, session: Session, vocab: Vocabularies, gazetteer: Gazetteer) -> Iterator[TestClient]:
    """Published and draft incidents, a field contact, an indicator figure and a published report."""
    IncidentWriter(session, vocab, actor="t", via="test").write(
        [
            attack(sources=[Source(url="https://example.org/a", title="A", archive_sha256="ab" * 32)]),
            attack(id="2019-07-0002", latitude=None, longitude=None, place="Hajin", region="deir_ez_zor"),
            attack(id="2019-07-0003", status="draft", notes=DRAFT_NOTE, description=DRAFT_NOTE),
            attack(id="2019-07-0004", sources=[Source(publisher="Abu Secret", source_type="field_contact")]),
            raid(),
        ]
    )
    figure = Observation("camp_population", "al-Hol camp", "total", dt.date(2019, 7, 31), 60_000, public=True)
    SeriesWriter(session, vocab, "t", "test").write([replace(figure, source=Source(publisher="RIC"))])
    save_draft(session, Month(2019, 7), vocab, "editor")
    publish(session, Month(2019, 7), vocab, gazetteer, "editor")
    app = create_app(engine)
    app.dependency_overrides[get_session] = lambda: session
    with TestClient(app) as test_client:
        yield test_client


def v1_routes(client: TestClient) -> list[APIRoute]:
    return [r for r in api_routes(client.app) if r.path.startswith("/api/v1/")]  # type: ignore[arg-type]


def test_public_incident_model_lists_exactly_the_public_columns() -> None:
    """A new public column must be added to the model; an internal one (notes) can never be in it."""
    assert tuple(IncidentPublic.model_fields) == PUBLIC_COLUMNS
    assert tuple(IncidentFields.__annotations__) == PUBLIC_COLUMNS  # a page's rows (fields=)
    assert tuple(IncidentSource.model_fields) == SOURCE_FIELDS
    assert "notes" not in IncidentPublic.model_fields
    assert tuple(VocabulariesPublic.model_fields) == tuple(VOCABULARY_NAMES)


def test_every_api_route_documents_its_answer_and_its_refusals(client: TestClient) -> None:
    """A 200 with a schema for every route (a model, or a file's media types), and every 4xx as ApiError."""
    spec = client.get("/api/openapi.json").json()
    schemas = spec["components"]["schemas"]
    undocumented, refusals = [], []
    for route in v1_routes(client):
        for method in route.methods:
            answers = spec["paths"][route.path][method.lower()]["responses"]
            ok = answers["200"].get("content", {})
            if not ok or not all(c.get("schema") for c in ok.values()) or {} in [c["schema"] for c in ok.values()]:
                undocumented.append(f"{method} {route.path}")
            for status, answer in answers.items():
                if status.startswith("4") and answer["content"]["application/json"]["schema"] != {
                    "$ref": "#/components/schemas/ApiError"
                }:
                    refusals.append(f"{method} {route.path} {status}")
    assert len(v1_routes(client)) >= len(ANSWERED) and not undocumented and not refusals, (undocumented, refusals)
    assert "ApiError" in schemas and set(schemas["ApiError"]["properties"]) == {"error", "parameter"}


def test_every_answer_fits_its_declared_model(client: TestClient) -> None:
    """Each route's live answers have a media type its 200 declares and validate against its model, if any."""
    spec = client.get("/api/openapi.json").json()
    routes = {r.path: r for r in v1_routes(client) if "GET" in r.methods}
    assert set(routes) == set(ANSWERED), "add a request for the new route to ANSWERED"
    for path, urls in ANSWERED.items():
        media_types = set(spec["paths"][path]["get"]["responses"]["200"]["content"])
        model = routes[path].response_model
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (url, response.text)
            assert response.headers["content-type"].split(";")[0] in media_types, url
            if model is not None:  # validates, and holds every key answered (none undocumented)
                adapter = TypeAdapter(model)
                fitted = adapter.dump_python(
                    adapter.validate_json(response.content), mode="json", by_alias=True, exclude_unset=True
                )
                assert fitted == response.json(), url
    geojson = client.get("/api/v1/incidents.geojson").content
    assert IncidentFeatureCollection.model_validate_json(geojson).features


def test_fields_answers_only_the_chosen_fields(client: TestClient) -> None:
    body = client.get("/api/v1/incidents", params={"fields": "id,date"}).json()
    assert body["incidents"] and all(set(i) == {"id", "date"} for i in body["incidents"])
    every = client.get("/api/v1/incidents/2019-07-0001").json()
    assert tuple(every) == PUBLIC_COLUMNS
    assert every["sources"] == [{"url": "https://example.org/a", "title": "A", "archive_sha256": "ab" * 32}]


def test_drafts_and_internal_fields_never_leave(client: TestClient) -> None:
    for urls in ANSWERED.values():
        for url in urls:
            response = client.get(url)
            assert DRAFT_NOTE not in response.text and "Abu Secret" not in response.text, url
    assert "2019-07-0003" not in client.get("/api/v1/incidents?counted=all").text
    assert client.get("/api/v1/incidents/2019-07-0003").status_code == 404


@pytest.mark.parametrize(
    ("url", "status", "parameter"),
    [
        ("/api/v1/incidents?sort=colour", 422, "sort"),
        ("/api/v1/incidents?limit=many", 422, "limit"),
        ("/api/v1/map/clusters?zoom=99", 422, "zoom"),
        ("/api/v1/reports/2019-13", 422, "month"),
        ("/api/v1/series?group=kurds", 422, "group"),
        ("/api/v1/incidents/2019-07-0003", 404, None),
        ("/api/v1/series/nothing", 404, None),
    ],
)
def test_refusals_fit_the_error_model(client: TestClient, url: str, status: int, parameter: str | None) -> None:
    response = client.get(url)
    assert response.status_code == status, response.text
    refusal = ApiError.model_validate_json(response.content)
    assert refusal.parameter == parameter and refusal.error
