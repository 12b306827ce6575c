"""/api/v1 on SQLite and PostgreSQL: public data only, every filter, paging, and 422s that say what to fix."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from marsad.domain.incident import RANGE_FIELDS, Source
from marsad.domain.vocabulary import Vocabularies
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.io.canonical import RawRow
from marsad.io.csv_format import read_csv
from marsad.io.formats import format_named
from marsad.services.importing import import_rows
from marsad.storage import aggregates, queries
from marsad.storage.incident_store import IncidentWriter
from marsad.web.app import create_app
from marsad.web.deps import get_session
from marsad.web.figure_cache import FigureCache
from tests.helpers import attack, raid

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture
def client(engine: Engine, session: Session, vocab: Vocabularies) -> Iterator[TestClient]:
    IncidentWriter(session, vocab, actor="t", via="test").write(
        [
            attack(),
            attack(
                id="2019-07-0002",
                date=dt.date(2019, 7, 20),
                place="Hajin",
                region="deir_ez_zor",
                perpetrator="unknown",
                attribution="unknown",
            ),
            attack(id="2019-07-0003", status="draft", notes="secret draft note", sources=[]),
            attack(
                id="2019-07-0004",
                date=dt.date(2019, 7, 2),
                sources=[Source(title="Contact", publisher="Abu Secret", source_type="field_contact")],
            ),
            raid(),
        ]
    )
    app = create_app(engine)
    app.dependency_overrides[get_session] = lambda: session
    with TestClient(app) as test_client:
        yield test_client


def ids(response: object) -> list[str]:
    return [i["id"] for i in response.json()["incidents"]]  # type: ignore[attr-defined]


def test_incidents_are_public_only(client: TestClient) -> None:
    response = client.get("/api/v1/incidents")
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == 4 and ids(response) == ["2019-07-0004", "2019-07-0001", "2019-07-0002", "2023-11-0101"]
    text = response.text
    assert "secret draft note" not in text and "2019-07-0003" not in text and "Abu Secret" not in text
    assert all("notes" not in incident for incident in body["incidents"])


def test_filters_with_aliases_and_words(client: TestClient) -> None:
    response = client.get("/api/v1/incidents", params={"region": "Deir ez-Zor"})
    assert ids(response) == ["2019-07-0002"]
    assert response.json()["selection"] == "Incidents in Deir ez-Zor"
    assert ids(client.get("/api/v1/incidents", params={"kind": "raid", "perpetrator": "Daesh"})) == ["2023-11-0101"]
    assert ids(client.get("/api/v1/incidents", params={"month": "2019-07", "q": "hajin"})) == ["2019-07-0002"]


@pytest.mark.parametrize(
    ("params", "parameter", "message"),
    [
        ({"region": "Narnia"}, "region", "'Narnia' is not a known region value; allowed: jazira"),
        ({"colour": "red"}, "colour", "is not a filter"),
        ({"sort": "notes"}, "sort", "cannot sort by 'notes'"),
        ({"fields": "id,notes"}, "fields", "notes not public fields"),
        ({"cursor": "garbage!"}, "cursor", "not a cursor this API gave out"),
        ({"from": "2019-13-01"}, "from", "'2019-13-01' is not a date"),
    ],
)
def test_bad_parameters_are_422_with_a_reason(
    client: TestClient, params: dict[str, str], parameter: str, message: str
) -> None:
    response = client.get("/api/v1/incidents", params=params)
    assert response.status_code == 422
    assert response.json()["parameter"] == parameter and message in response.json()["error"]


def test_limit_out_of_range_is_422(client: TestClient) -> None:
    response = client.get("/api/v1/incidents", params={"limit": 0})
    assert response.status_code == 422 and "limit" in response.json()["error"]


def test_pages_follow_the_cursor_in_sort_order(client: TestClient) -> None:
    seen, url = [], "/api/v1/incidents?limit=2&sort=-date"
    while url:
        response = client.get(url)
        seen += ids(response)
        url = response.json()["next"]
    assert seen == ["2023-11-0101", "2019-07-0002", "2019-07-0001", "2019-07-0004"]
    by_region = ids(client.get("/api/v1/incidents", params={"sort": "region", "limit": 10}))
    assert by_region[0] == "2019-07-0002"  # deir_ez_zor sorts before jazira


def test_fields_narrow_each_incident(client: TestClient) -> None:
    first = client.get("/api/v1/incidents", params={"fields": "date,place", "limit": 1}).json()["incidents"][0]
    assert first == {"id": "2019-07-0004", "date": "2019-07-02", "place": "Hasakah"}


def test_geojson_and_single_incident(client: TestClient) -> None:
    response = client.get("/api/v1/incidents.geojson", params={"kind": "attack"})
    assert response.headers["content-type"].startswith("application/geo+json")
    features = response.json()["features"]
    assert len(features) == 3 and features[0]["geometry"]["type"] == "Point"
    one = client.get("/api/v1/incidents/2019-07-0001").json()
    assert one["sources"][0]["url"] == "https://example.org/statement/1" and "notes" not in one
    missing = client.get("/api/v1/incidents/2019-07-0003")
    assert missing.status_code == 404 and "no published incident" in missing.json()["error"]


def test_vocabularies_and_docs(client: TestClient) -> None:
    vocabularies = client.get("/api/v1/vocabularies").json()
    assert {"key": "isis", "label": "ISIS", "colour": "#1b1b1b"} in vocabularies["actors"]
    assert client.get("/api/docs").status_code == 200
    assert "/api/v1/incidents" in client.get("/api/openapi.json").json()["paths"]


def test_stats_and_reports(client: TestClient, session: Session, vocab: Vocabularies, gazetteer: Gazetteer) -> None:
    import_rows(session, read_csv(DATA / "seed_2023_11.csv"), vocab=vocab, gazetteer=gazetteer, actor="fixture")
    stats = client.get("/api/v1/stats", params={"month": "2023-11", "perpetrator": "isis"}).json()
    assert (stats["attacks"]["count"], stats["attacks"]["previous"]) == (11, 17)
    assert stats["attacks"]["by_region"]["deir_ez_zor"]["count"] == 7
    missing = client.get("/api/v1/stats")
    assert missing.status_code == 422 and "give a period" in missing.json()["error"]
    report = client.get("/api/v1/reports/2023-11", params={"perpetrator": "isis"}).json()
    assert report["attacks"]["total"] == 11
    assert report["raids"]["arrests"] == 17 + 3  # the fixture's ten raids, and the client fixture's raid
    assert client.get("/api/v1/reports/November").status_code == 422


def with_exact_ranges(group: dict[str, object]) -> dict[str, object]:
    """A group's figures as the API gives them when no incident has a range: each low and high is the best."""
    return {**group, **{bound: group[name] for name, bounds in RANGE_FIELDS.items() for bound in bounds}}


def test_stats_grouped_by_month_and_region(client: TestClient) -> None:
    body = client.get("/api/v1/stats", params={"group_by": "month,region"}).json()
    assert body["group_by"] == ["month", "region"]
    assert body["total"]["incidents"] == 4 and body["total"]["military_killed"] == 3  # the draft is not counted
    assert body["groups"] == [
        with_exact_ranges(group)
        for group in [
            {
                "month": "2019-07",
                "region": "deir_ez_zor",
                "incidents": 1,
                "military_killed": 1,
                "military_injured": 2,
                "civilian_killed": 0,
                "civilian_injured": 0,
                "perpetrators_killed": 0,
                "unknown_killed": 0,
                "arrests": 0,
            },
            {
                "month": "2019-07",
                "region": "jazira",
                "incidents": 2,
                "military_killed": 2,
                "military_injured": 4,
                "civilian_killed": 0,
                "civilian_injured": 0,
                "perpetrators_killed": 0,
                "unknown_killed": 0,
                "arrests": 0,
            },
            {
                "month": "2023-11",
                "region": "jazira",
                "incidents": 1,
                "military_killed": 0,
                "military_injured": 0,
                "civilian_killed": 0,
                "civilian_injured": 0,
                "perpetrators_killed": 1,
                "unknown_killed": 0,
                "arrests": 3,
            },
        ]
    ]
    attacks = client.get("/api/v1/stats", params={"group_by": "perpetrator", "kind": "attack"}).json()
    assert [(g["perpetrator"], g["incidents"]) for g in attacks["groups"]] == [("isis", 2), ("unknown", 1)]
    assert attacks["selection"] == "Attacks"


def test_stats_grouping_errors_name_the_allowed_fields(client: TestClient) -> None:
    response = client.get("/api/v1/stats", params={"group_by": "month,notes"})
    assert response.status_code == 422 and response.json()["parameter"] == "group_by"
    assert "group by any of month, kind, region" in response.json()["error"]
    assert client.get("/api/v1/stats", params={"group_by": ""}).status_code == 422
    assert client.get("/api/v1/stats", params={"group_by": "region", "region": "Narnia"}).status_code == 422


def test_cached_figures_follow_every_change_to_the_data(
    client: TestClient, session: Session, vocab: Vocabularies
) -> None:
    params = {"group_by": "region", "kind": "attack"}
    before = client.get("/api/v1/stats", params=params).json()["total"]["incidents"]
    assert client.get("/api/v1/stats", params=params).json()["total"]["incidents"] == before  # from the cache
    listed = client.get("/api/v1/incidents", params={"kind": "attack"}).json()["total"]
    IncidentWriter(session, vocab, actor="t", via="test").write([attack(id="2019-07-0009")])
    assert client.get("/api/v1/stats", params=params).json()["total"]["incidents"] == before + 1
    assert client.get("/api/v1/incidents", params={"kind": "attack"}).json()["total"] == listed + 1
    IncidentWriter(session, vocab, actor="t", via="test").write([attack(id="2019-07-0009", status="draft")])
    assert client.get("/api/v1/stats", params=params).json()["total"]["incidents"] == before  # unpublished again


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json", "geojson"])
def test_downloads_hold_the_filtered_public_rows(
    client: TestClient, fmt: str, tmp_path: Path, vocab: Vocabularies
) -> None:
    response = client.get(f"/api/v1/export.{fmt}", params={"kind": "attack", "month": "2019-07"})
    assert response.status_code == 200
    disposition = response.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="marsad-incidents-') and disposition.endswith(f'.{fmt}"')
    path = tmp_path / f"download.{fmt}"
    path.write_bytes(response.content)
    rows = [r for r in format_named(fmt).read(path) if isinstance(r, RawRow)]
    assert sorted(str(r.values["id"]) for r in rows) == ["2019-07-0001", "2019-07-0002", "2019-07-0004"]
    assert all("notes" not in r.values for r in rows)
    assert b"secret draft note" not in response.content and b"Abu Secret" not in response.content


def test_a_download_searched_in_arabic_is_named_in_arabic(client: TestClient) -> None:
    """Headers are Latin-1: the name goes in twice, in ASCII for every browser and as written (RFC 6266)."""
    response = client.get("/api/v1/export.csv", params={"q": "الحسكة", "counted": "all"})
    assert response.status_code == 200
    disposition = response.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="marsad-incidents-all-')
    assert "filename*=UTF-8''marsad-incidents-all-%D8%A7%D9%84%D8%AD%D8%B3%D9%83%D8%A9.csv" in disposition


def test_download_of_an_unknown_format_is_422(client: TestClient) -> None:
    response = client.get("/api/v1/export.shp")
    assert response.status_code == 422 and "csv, xlsx, json, geojson" in response.json()["error"]
    read_only = client.get("/api/v1/export.ged")
    assert (
        read_only.status_code == 422 and "Marsad reads 'ged' files but does not write them" in read_only.json()["error"]
    )


def test_map_clusters_group_nearby_incidents_by_zoom(client: TestClient) -> None:
    # three public attacks at Hasakah's coordinates, one raid at al-Shaddadi (50 km south)
    country = client.get("/api/v1/map/clusters", params={"zoom": 5}).json()
    assert country["total"] == 4 and [c["count"] for c in country["clusters"]] == [4]
    closer = client.get("/api/v1/map/clusters", params={"zoom": 9}).json()
    assert sorted(c["count"] for c in closer["clusters"]) == [1, 3]
    alone = next(c for c in closer["clusters"] if c["count"] == 1)
    assert alone["id"] == "2023-11-0101" and round(alone["latitude"], 2) == 36.06
    attacks = client.get("/api/v1/map/clusters", params={"zoom": 12, "kind": "attack"}).json()
    assert attacks["total"] == 3
    boxed = client.get("/api/v1/map/clusters", params={"zoom": 8, "bbox": "40.5,36.3,41.0,36.7"}).json()
    assert boxed["total"] == 3  # Hasakah only
    bad = client.get("/api/v1/map/clusters", params={"bbox": "41,36,40,37"})
    assert bad.status_code == 422 and bad.json()["parameter"] == "bbox"


def test_figures_count_as_the_reports_do_and_say_how_many_they_leave_out(
    client: TestClient, session: Session, vocab: Vocabularies
) -> None:
    IncidentWriter(session, vocab, actor="t", via="test").write(
        [attack(id="2019-07-0005", grade="weak", counted=False, exclusion_reason="not confirmed", description="?")]
    )
    listed = client.get("/api/v1/incidents", params={"kind": "attack"}).json()
    assert listed["total"] == 3 and "2019-07-0005" not in [i["id"] for i in listed["incidents"]]
    assert listed["counting"]["counted"] == "counted" and listed["counting"]["not_counted"] == 1
    assert "incidents of a counted grade inside the monitored area" in listed["counting"]["rule"]
    everything = client.get(listed["counting"]["include_not_counted"]).json()
    assert everything["total"] == 4 and everything["counting"]["counted"] == "all"
    assert everything["selection"] == "Attacks, including those not counted"
    assert everything["counting"]["not_counted"] is None and everything["counting"]["include_not_counted"] is None
    only = client.get("/api/v1/incidents", params={"counted": "false"}).json()
    assert [i["id"] for i in only["incidents"]] == ["2019-07-0005"]
    # every summary and download follows the same rule
    assert client.get("/api/v1/stats", params={"group_by": "kind"}).json()["total"]["incidents"] == 4
    assert client.get("/api/v1/stats", params={"group_by": "kind", "counted": "all"}).json()["total"]["incidents"] == 5
    assert client.get("/api/v1/map/clusters", params={"zoom": 5}).json()["total"] == 4
    assert client.get("/api/v1/map/clusters", params={"zoom": 5, "counted": "all"}).json()["counting"]["rule"]
    assert len(client.get("/api/v1/incidents.geojson").json()["features"]) == 4
    assert len(client.get("/api/v1/incidents.geojson", params={"counted": "all"}).json()["features"]) == 5
    assert b"2019-07-0005" not in client.get("/api/v1/export.csv").content
    assert b"2019-07-0005" in client.get("/api/v1/export.csv", params={"counted": "all"}).content


def test_search_finds_a_place_by_any_spelling_the_gazetteer_knows(
    client: TestClient, session: Session, vocab: Vocabularies
) -> None:
    qamishli = {"latitude": 37.0522, "longitude": 41.2317, "admin2": "Al-Qamishli", "description": "IED."}
    IncidentWriter(session, vocab, actor="t", via="test").write(
        [
            attack(id="2019-07-0011", place="Qamishli", **qamishli),
            attack(id="2019-07-0012", place="القامشلي", **qamishli),
            attack(id="2019-07-0013", place="qamishlo", **qamishli),
            attack(id="2019-07-0014", place="Hilaliyah, Qamishli", **qamishli),
        ]
    )
    expected = ["2019-07-0011", "2019-07-0012", "2019-07-0013", "2019-07-0014"]
    for written in ("القامشلي", "Qamishli", "Qamişlo", "Qamishly"):
        response = client.get("/api/v1/incidents", params={"q": written})
        assert sorted(ids(response)) == expected, written
        place = "" if written == "Qamishli" else " or at Qamishli"
        assert response.json()["selection"] == f"Incidents mentioning “{written}”{place}"
    assert ids(client.get("/api/v1/incidents", params={"q": "Hasakah"})) == [
        "2019-07-0004",
        "2019-07-0001",
    ]  # not the Qamishli attacks, whose district is Qamishli's
    assert ids(client.get("/api/v1/incidents", params={"q": "raid"})) == []  # a word, not the town of al-Rai


def test_a_cluster_gives_each_perpetrators_share_and_the_selection_its_count_whatever_the_view(
    client: TestClient, vocab: Vocabularies
) -> None:
    country = client.get("/api/v1/map/clusters", params={"zoom": 5}).json()
    [cluster] = country["clusters"]
    shares = {p["perpetrator"]: (p["count"], p["colour"]) for p in cluster["perpetrators"]}
    assert shares == {"isis": (3, vocab.actors.colour("isis")), "unknown": (1, vocab.actors.colour("unknown"))}
    assert cluster["perpetrators"][0]["perpetrator"] == "isis" == cluster["perpetrator"]  # most first
    elsewhere = client.get("/api/v1/map/clusters", params={"zoom": 8, "bbox": "36.0,33.0,37.0,34.0"}).json()
    assert elsewhere["total"] == 0 and elsewhere["clusters"] == []  # nothing in view (Damascus)...
    assert (
        elsewhere["in_selection"] == country["in_selection"] == {"count": 4, "killed": country["killed"], "located": 4}
    )


def test_the_basemap_comes_compressed_with_boundaries_rivers_and_places(client: TestClient) -> None:
    response = client.get("/api/v1/basemap.geojson")
    assert response.status_code == 200 and response.headers["content-encoding"] == "gzip"
    assert int(response.headers["content-length"]) < 250_000  # what travels: the layers compress well
    body = response.json()  # the client inflates it
    names = {f["properties"].get("name") for f in body["features"] if f["properties"]["layer"] == "river"}
    assert {"Euphrates", "Khabur", "Balikh", "Tigris"} <= names
    plain = client.get("/api/v1/basemap.geojson", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers and plain.json() == body
    regions = client.get("/api/v1/regions.geojson").json()["features"]
    assert {f["properties"]["key"] for f in regions if f["properties"]["kind"] == "region"} == {
        "jazira",
        "euphrates",
        "raqqa",
        "tabqa",
        "manbij",
        "deir_ez_zor",
    }


def test_the_map_tells_how_many_of_the_selection_have_no_place_on_it(
    client: TestClient, session: Session, vocab: Vocabularies
) -> None:
    unplaced = {"latitude": None, "longitude": None, "geo_precision": None, "civilian_killed": 3}
    incident = attack(id="2019-07-0021", **unplaced)
    IncidentWriter(session, vocab, actor="t", via="test").write([incident])
    session.commit()
    whole = client.get("/api/v1/map/clusters", params={"zoom": 5}).json()
    assert whole["in_selection"]["count"] == whole["in_selection"]["located"] + 1 == whole["total"] + 1
    dead = (incident.military_killed or 0) + 3
    assert whole["in_selection"]["killed"] == whole["killed"] + dead  # its dead are counted, though not drawn


def test_the_map_table_api_and_statistics_answer_alike_with_or_without_the_aggregated_tables(
    client: TestClient, session: Session, vocab: Vocabularies, gazetteer: Gazetteer, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_rows(session, read_csv(DATA / "seed_2023_11.csv"), vocab=vocab, gazetteer=gazetteer, actor="fixture")
    writer = IncidentWriter(session, vocab, actor="t", via="test")
    writer.write([attack(id="2023-11-0900", date=dt.date(2023, 11, 20), latitude=35.95, longitude=39.01)])
    writer.write([attack(id="2023-11-0900", date=dt.date(2023, 10, 2), status="withdrawn")])  # moved, then hidden
    urls = [
        "/api/v1/incidents?kind=attack&month=2023-11",
        "/api/v1/incidents?region=deir_ez_zor&from=2023-01-01&to=2023-12-31&counted=all",
        "/api/v1/map/clusters?zoom=5",
        "/api/v1/map/clusters?zoom=9&kind=attack&from=2023-11-01&perpetrator=isis",
        "/api/v1/map/clusters?zoom=11&bbox=39.5,34.5,41.0,36.0",
        "/api/v1/stats?month=2023-11&perpetrator=isis",
        "/api/v1/stats?group_by=month,region,type&kind=attack",
        "/incidents?month=2023-11&sort=-killed",
    ]
    aggregated = [client.get(url).text for url in urls]
    for module, name in ((aggregates, "tally_level"), (aggregates, "square_level"), (queries, "tally_level")):
        monkeypatch.setattr(module, name, lambda *_: None)  # every reader counts the incidents themselves
    client.app.state.figures = FigureCache()  # type: ignore[attr-defined]
    assert [client.get(url).text for url in urls] == aggregated


def test_the_map_states_its_counting_rule_in_the_readers_language(client: TestClient) -> None:
    arabic = client.get("/api/v1/map/clusters", params={"zoom": 5, "lang": "ar"}).json()["counting"]
    assert arabic["rule"].startswith("محتسبة كما تحتسبها التقارير الشهرية")
    assert "Counted" not in arabic["grades_rule"]
    client.cookies.clear()  # ?lang= is remembered
    english = client.get("/api/v1/map/clusters", params={"zoom": 5}).json()["counting"]
    assert english["rule"].startswith("Counted as the monthly reports count")
