"""Every public route and download, walked with private material in the database: none of it may come out.

The walk is built from the application's own route table, so a new route fails here until it is listed.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from starlette.routing import Mount, Route

from marsad.analysis.months import Month
from marsad.domain.incident import Source
from marsad.domain.intake import ChannelKind, NewItem
from marsad.domain.series import Observation
from marsad.domain.vocabulary import Vocabularies
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.report.draft import ReportDraft
from marsad.services.intake import store_items
from marsad.services.reports import publish, save_draft
from marsad.storage.incident_store import IncidentWriter
from marsad.storage.intake_store import add_channel
from marsad.storage.series_store import SeriesWriter
from marsad.web.app import create_app
from marsad.web.deps import get_session
from tests.helpers import attack, raid
from tests.web.routes import flattened

SECRETS = (
    "NOTE-SECRET",
    "DRAFT-SECRET",
    "CONTACT-SECRET",
    "REPORT-DRAFT-SECRET",
    "INBOX-SECRET",
    "SERIES-SECRET",
)  # the draft id may be echoed in a 404
PUBLISHED, DRAFT = "2019-07-0001", "2019-07-0666"

# Every GET route with the paths to request on it; {month} etc. are filled with published and private values.
WALK: dict[str, list[str]] = {
    "/": ["/"],
    "/map": ["/map", "/map?kind=attack&from=2019-01-01", "/map?from=2019-01-01&embed=1", "/map?month=2019-07"],
    "/incidents": ["/incidents", "/incidents?q=SECRET", "/incidents?q=INBOX", "/incidents?sort=-date&month=2019-07"],
    "/incidents/{incident_id}": [f"/incidents/{PUBLISHED}", f"/incidents/{DRAFT}"],
    "/reports": ["/reports"],
    "/reports/{month}": ["/reports/2019-07", "/reports/2019-08"],
    # the PDF is rendered from the HTML walked here (its text is compressed, so it is not searched itself)
    "/reports/{month}.{fmt}": [f"/reports/2019-0{m}.{f}" for m in (7, 8) for f in ("md", "json", "html")],
    "/api/docs": ["/api/docs"],
    "/about": ["/about"],
    "/methodology": ["/methodology"],
    "/cite": ["/cite"],
    "/favicon.ico": ["/favicon.ico"],
    "/api/openapi.json": ["/api/openapi.json"],
    "/api/v1/incidents": ["/api/v1/incidents", "/api/v1/incidents?q=SECRET", "/api/v1/incidents?fields=id,description"],
    "/api/v1/incidents.geojson": ["/api/v1/incidents.geojson"],
    "/api/v1/incidents/{incident_id}": [f"/api/v1/incidents/{PUBLISHED}", f"/api/v1/incidents/{DRAFT}"],
    "/api/v1/incidents/withdrawn": ["/api/v1/incidents/withdrawn"],
    # the desk, asked without signing in: a sign-in page or a refusal, never its content
    "/login": ["/login", "/login?next=/desk"],
    "/desk": ["/desk"],
    "/desk/audit": ["/desk/audit"],
    "/desk/tokens": ["/desk/tokens"],
    "/desk/import": ["/desk/import"],
    "/desk/import/{job_id}": ["/desk/import/0123456789abcdef01234567", "/desk/import/..%2Fjobs"],
    "/desk/users": ["/desk/users"],
    "/desk/reports": ["/desk/reports"],
    "/desk/reports/{month}": ["/desk/reports/2019-08"],
    "/desk/reports/{month}/preview": ["/desk/reports/2019-08/preview"],
    "/desk/reports/{month}/publish": ["/desk/reports/2019-08/publish"],
    "/archive/{digest}": ["/archive/" + "0" * 64, "/archive/not-a-digest"],
    "/desk/review": ["/desk/review", "/desk/review?status=draft", "/desk/review?status=draft&page=2&select=all"],
    "/desk/incidents/new": ["/desk/incidents/new"],
    "/desk/incidents/{incident_id}": [f"/desk/incidents/{DRAFT}", f"/desk/incidents/{PUBLISHED}"],
    "/desk/incidents/{incident_id}/history": [f"/desk/incidents/{DRAFT}/history"],
    "/desk/places": ["/desk/places?q=Qamishli"],
    "/desk/places/reverse": ["/desk/places/reverse?latitude=36.5&longitude=40.7"],
    "/desk/inbox": ["/desk/inbox", "/desk/inbox?q=SECRET&status=new"],
    "/desk/inbox/{item_id}": ["/desk/inbox/1", "/desk/inbox/2"],
    "/desk/inbox/{item_id}/draft": ["/desk/inbox/1/draft"],
    "/desk/inbox/add": ["/desk/inbox/add"],
    "/desk/inbox/upload/{job_id}": ["/desk/inbox/upload/0123456789abcdef01234567"],
    "/desk/series": ["/desk/series", "/desk/series?place=al-Hol camp&group=total"],
    "/desk/series.csv": ["/desk/series.csv"],
    "/desk/series/new": ["/desk/series/new"],
    "/desk/series/{observation_id}": ["/desk/series/1", "/desk/series/2"],
    "/api/v1/map/clusters": ["/api/v1/map/clusters?zoom=5", "/api/v1/map/clusters?zoom=14"],
    "/api/v1/export.{fmt}": [f"/api/v1/export.{f}" for f in ("csv", "xlsx", "json", "geojson", "acled", "kml", "gpkg")],
    "/api/v1/regions.geojson": ["/api/v1/regions.geojson"],
    "/api/v1/basemap.geojson": ["/api/v1/basemap.geojson"],
    "/api/v1/vocabularies": ["/api/v1/vocabularies"],
    "/api/v1/stats": ["/api/v1/stats?month=2019-07", "/api/v1/stats?group_by=month,region,kind"],
    "/api/v1/reports/{month}": ["/api/v1/reports/2019-07"],
    "/api/v1/series": ["/api/v1/series", "/api/v1/series?place=SERIES-SECRET camp"],
    "/api/v1/series.csv": ["/api/v1/series.csv"],
    "/api/v1/series/{indicator}": ["/api/v1/series/camp_population", "/api/v1/series/camp_population?group=total"],
}


@pytest.fixture
def client(engine: Engine, session: Session, vocab: Vocabularies, gazetteer: Gazetteer) -> Iterator[TestClient]:
    contact = Source(title="Phone call", publisher="CONTACT-SECRET", source_type="field_contact")
    IncidentWriter(session, vocab, actor="t", via="test").write(
        [
            attack(
                notes="NOTE-SECRET",
                sources=[*attack().sources, contact],
                civilian_killed=7,
                civilian_killed_low=5,
                civilian_killed_high=9,
            ),
            attack(id=DRAFT, status="draft", description="DRAFT-SECRET attack", place="DRAFT-SECRET", sources=[]),
            raid(notes="NOTE-SECRET"),
        ]
    )
    save_draft(session, Month(2019, 7), vocab, "editor")
    publish(session, Month(2019, 7), vocab, gazetteer, "editor")
    save_draft(session, Month(2019, 8), vocab, "editor", draft=ReportDraft("REPORT-DRAFT-SECRET", ["x"]))
    inbox = add_channel(session, ChannelKind.WEB, "web", "INBOX-SECRET channel")
    posted = dt.datetime(2019, 7, 14, tzinfo=dt.UTC)
    store_items(session, inbox, [NewItem("a", posted, "INBOX-SECRET: an IED in Hasakah"), NewItem("b", posted, "x")])
    figure = Observation("camp_population", "al-Hol camp", "total", dt.date(2019, 7, 31), 70_000, public=True)
    contact = Source(publisher="CONTACT-SECRET", source_type="field_contact")
    SeriesWriter(session, vocab, "t", "test").write(
        [
            replace(figure, source=contact, note="a public figure"),
            replace(figure, place="SERIES-SECRET camp", public=False, source=Source(publisher="SERIES-SECRET")),
        ]
    )
    app = create_app(engine)
    app.dependency_overrides[get_session] = lambda: session
    with TestClient(app) as test_client:
        yield test_client


def readable(content: bytes) -> str:
    """The text a reader gets: a spreadsheet's XML unzipped, anything else as it is."""
    if content.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
    return content.decode("utf-8", "replace")


def test_the_walk_covers_every_get_route(client: TestClient) -> None:
    every = list(flattened(client.app.routes))  # type: ignore[attr-defined]
    routes = {r.path for r in every if isinstance(r, Route) and r.methods and "GET" in r.methods}
    mounts = {r.path for r in every if isinstance(r, Mount)}
    assert routes == set(WALK), "list the new route in WALK with the paths a reader could request"
    assert mounts == {"/static"}  # files shipped with the code, no data


@pytest.mark.parametrize("route", sorted(WALK))
def test_no_private_data_on_any_public_route(client: TestClient, route: str) -> None:
    for path in WALK[route]:
        response = client.get(path, follow_redirects=True)
        assert response.status_code in (200, 401, 404), (path, response.status_code)
        text = readable(response.content)
        leaked = [secret for secret in SECRETS if secret in text]
        assert not leaked, f"{path} shows {leaked}"
        assert '"notes"' not in text and "internal:" not in text, path


def test_head_answers_wherever_get_does(client: TestClient) -> None:
    """Every GET route of the route table, asked HEAD: the same status and headers, and no body."""
    for route in sorted(WALK):
        for path in WALK[route]:
            got, head = client.get(path, follow_redirects=False), client.head(path, follow_redirects=False)
            assert head.status_code == got.status_code, (path, head.status_code, got.status_code)
            assert head.content == b"", path
            for header in ("content-type", "content-length", "location", "content-security-policy"):
                assert head.headers.get(header) == got.headers.get(header), (path, header)


def test_the_published_pages_do_show_the_public_data(client: TestClient) -> None:
    """The walk above would pass on empty pages: these show the same routes do carry the public record."""
    listing = client.get("/incidents").text + client.get("/api/v1/export.csv").text
    assert PUBLISHED in listing and DRAFT not in listing
    published = client.get(f"/api/v1/incidents/{PUBLISHED}").json()
    # a count's range is as public as the count
    assert [published[f"civilian_killed{bound}"] for bound in ("_low", "", "_high")] == [5, 7, 9]
    assert published["military_killed_low"] is None  # blank: the same as the best estimate
    assert "7 civilians killed (5–9)" in client.get(f"/incidents/{PUBLISHED}").text
    casualties = client.get("/api/v1/reports/2019-07").json()["casualties"]
    assert [casualties[f"civilian_killed{bound}"] for bound in ("_low", "", "_high")] == [5, 7, 9]
    contact = published["sources"][1]
    assert contact["source_type"] == "field_contact" and "publisher" not in contact  # shown, but anonymous
    assert client.get(f"/incidents/{DRAFT}").status_code == 404
    assert client.get("/reports/2019-07").status_code == 200 and client.get("/reports/2019-08").status_code == 404
    assert dt.date(2019, 7, 14).isoformat() in client.get("/api/v1/export.csv").text
    [figure] = client.get("/api/v1/series").json()["series"]
    assert figure["latest"]["note"] == "a public figure" and figure["latest"]["source"] == {
        "source_type": "field_contact"
    }


def test_static_files_hold_no_data() -> None:
    static = Path(__file__).resolve().parents[2] / "src" / "marsad" / "web" / "static"
    shipped = [p for p in static.rglob("*") if p.is_file() and "vendor" not in p.parts]
    assert {p.suffix for p in shipped} <= {".css", ".js", ".svg"}
