"""/api/v1/series: public observations only, each series with its latest value and the change since the last."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from marsad.domain.incident import Source
from marsad.domain.series import Observation
from marsad.domain.vocabulary import Vocabularies
from marsad.storage.series_store import SeriesWriter
from marsad.web.app import create_app
from marsad.web.deps import get_session

RIC = Source(title="November Sleeper Cell Report", publisher="Rojava Information Center", source_type="local_media")
IRAQIS = Observation("camp_population", "al-Hol camp", "iraqis", dt.date(2023, 11, 30), 24_147, source=RIC, public=True)


@pytest.fixture
def client(engine: Engine, session: Session, vocab: Vocabularies) -> Iterator[TestClient]:
    SeriesWriter(session, vocab, "t", "test").write(
        [
            IRAQIS,
            replace(IRAQIS, as_of=dt.date(2023, 10, 31), value=24_923, note="made up for the test"),
            replace(IRAQIS, as_of=dt.date(2023, 9, 30), value=1, public=False, note="UNPUBLISHED-FIGURE"),
            replace(IRAQIS, indicator="repatriations", value=776),
            replace(
                IRAQIS,
                group="syrians",
                value=18_028,
                low=18_000,
                source=Source(publisher="Abu Ali", title="call", source_type="field_contact", language="ar"),
            ),
        ]
    )
    app = create_app(engine)
    app.dependency_overrides[get_session] = lambda: session
    with TestClient(app) as test_client:
        yield test_client


def test_each_series_has_its_latest_value_and_change(client: TestClient) -> None:
    body = client.get("/api/v1/series").json()
    assert [i["key"] for i in body["indicators"]] == ["camp_population", "repatriations", "returns"]
    by_series = {(s["indicator"], s["group"]): s for s in body["series"]}
    iraqis = by_series["camp_population", "iraqis"]
    assert iraqis["latest"]["value"] == 24_147 and iraqis["latest"]["as_of"] == "2023-11-30"
    assert (iraqis["previous_as_of"], iraqis["previous_value"], iraqis["change"]) == ("2023-10-31", 24_923, -776)
    assert "change" not in by_series["repatriations", "iraqis"]  # a first figure: nothing to compare with
    assert iraqis["latest"]["source"] == {
        "title": "November Sleeper Cell Report",
        "publisher": "Rojava Information Center",
        "source_type": "local_media",
    }


def test_unpublished_figures_and_field_contacts_never_leave(client: TestClient) -> None:
    for path in ("/api/v1/series", "/api/v1/series/camp_population", "/api/v1/series.csv"):
        text = client.get(path).text
        assert "UNPUBLISHED-FIGURE" not in text and "2023-09-30" not in text and "Abu Ali" not in text, path
    syrians = client.get("/api/v1/series/camp_population?group=Syrians").json()["observations"]
    assert [(o["value"], o["low"], o["source"]) for o in syrians] == [
        (18_028, 18_000, {"source_type": "field_contact", "language": "ar"})
    ]


def test_one_indicator_oldest_first_with_filters(client: TestClient) -> None:
    body = client.get("/api/v1/series/Population?place=al-Hol camp&group=iraqis&from=2023-10-01").json()
    assert body["indicator"]["key"] == "camp_population" and body["indicator"]["measure"] == "stock"
    assert [(o["as_of"], o["value"]) for o in body["observations"]] == [("2023-10-31", 24_923), ("2023-11-30", 24_147)]
    assert client.get("/api/v1/series/camp_population?place=Roj camp").json()["observations"] == []


def test_unknown_names_are_refused_with_what_is_allowed(client: TestClient) -> None:
    missing = client.get("/api/v1/series/deaths")
    assert missing.status_code == 404 and "allowed: camp_population, repatriations, returns" in missing.json()["error"]
    assert client.get("/api/v1/series?group=kurds").status_code == 422
    assert client.get("/api/v1/series/camp_population?from=30-11-2023").status_code == 422


def test_the_public_csv_has_the_hxl_row(client: TestClient) -> None:
    lines = client.get("/api/v1/series.csv").text.splitlines()
    assert lines[1].startswith("#indicator+code,#loc+name,#population+group,#date,#affected+num")
    assert len(lines) == 2 + 4
