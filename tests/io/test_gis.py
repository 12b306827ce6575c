"""GeoPackage and KML exports: readable by GIS tools, located incidents only, public columns only when asked."""

from __future__ import annotations

import datetime as dt
import io
import sqlite3
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

from fastapi.testclient import TestClient
from shapely import wkb
from sqlalchemy.orm import Session

from marsad.domain.incident import CANONICAL_COLUMNS, PUBLIC_COLUMNS
from marsad.domain.vocabulary import Vocabularies
from marsad.io.gis import write_gpkg, write_kml
from marsad.storage.incident_store import IncidentWriter
from tests.helpers import attack, raid

INCIDENTS = [
    attack(description='<script>alert(1)</script> & "quotes"', notes="secret note"),
    raid(),
    attack(id="2019-07-0002", latitude=None, longitude=None, place=None, geo_precision=None),  # not on a map
]
KML = "{http://www.opengis.net/kml/2.2}"


def test_geopackage_is_a_valid_point_layer(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    assert write_gpkg(INCIDENTS, buffer, PUBLIC_COLUMNS) == 2
    path = tmp_path / "incidents.gpkg"
    path.write_bytes(buffer.getvalue())
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA application_id").fetchone()[0] == 0x47504B47
    assert connection.execute("SELECT data_type, srs_id FROM gpkg_contents").fetchall() == [("features", 4326)]
    assert connection.execute("SELECT geometry_type_name FROM gpkg_geometry_columns").fetchone() == ("POINT",)
    columns = [row[1] for row in connection.execute('PRAGMA table_info("incidents")')]
    assert "notes" not in columns and "military_killed" in columns
    geom, killed, kind = connection.execute("SELECT geom, military_killed, kind FROM incidents ORDER BY fid").fetchone()
    assert geom[:2] == b"GP" and struct.unpack("<i", geom[4:8])[0] == 4326
    point = wkb.loads(geom[8:])
    assert (point.x, point.y) == (40.74772, 36.50237) and killed == 1 and kind == "attack"
    connection.close()


def test_kml_has_a_placemark_per_located_incident(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    assert write_kml(INCIDENTS, buffer, CANONICAL_COLUMNS) == 2
    root = ET.fromstring(buffer.getvalue())
    placemarks = root.findall(f".//{KML}Placemark")
    assert [p.get("id") for p in placemarks] == ["2019-07-0001", "2023-11-0101"]
    assert placemarks[0].findtext(f"{KML}Point/{KML}coordinates") == "40.74772,36.50237"
    assert placemarks[0].findtext(f"{KML}description") == '<script>alert(1)</script> & "quotes"'  # as text
    assert b"<script>" not in buffer.getvalue()  # escaped in the file
    data = {d.get("name"): d.findtext(f"{KML}value") for d in placemarks[0].iter(f"{KML}Data")}
    assert data["perpetrator"] == "isis" and data["notes"] == "secret note"  # internal columns when asked


def test_a_kml_placemark_spans_the_days_an_uncertain_date_may_be() -> None:
    uncertain = attack(date=dt.date(2019, 7, 30), date_latest=dt.date(2019, 8, 2))
    buffer = io.BytesIO()
    write_kml([uncertain, attack(id="2019-07-0002")], buffer, CANONICAL_COLUMNS)
    spanning, exact = ET.fromstring(buffer.getvalue()).findall(f".//{KML}Placemark")
    assert (spanning.findtext(f"{KML}TimeSpan/{KML}begin"), spanning.findtext(f"{KML}TimeSpan/{KML}end")) == (
        "2019-07-30",
        "2019-08-02",
    )
    assert spanning.find(f"{KML}TimeStamp") is None and exact.findtext(f"{KML}TimeStamp/{KML}when") == "2019-07-14"


def test_public_downloads_in_gis_formats(client: TestClient, session: Session, vocab: Vocabularies) -> None:
    IncidentWriter(session, vocab, actor="t", via="test").write(
        [INCIDENTS[0], attack(id="2019-07-0003", status="draft", description="DRAFT-ONLY")]
    )
    kml = client.get("/api/v1/export.kml")
    assert kml.status_code == 200 and kml.headers["content-type"].startswith("application/vnd.google-earth.kml+xml")
    assert b"secret note" not in kml.content and b"DRAFT-ONLY" not in kml.content
    gpkg = client.get("/api/v1/export.gpkg", params={"kind": "attack"})
    assert gpkg.status_code == 200 and gpkg.content.startswith(b"SQLite format 3")
    assert b"secret note" not in gpkg.content and b"DRAFT-ONLY" not in gpkg.content
    assert 'filename="marsad-incidents-attack.gpkg"' in gpkg.headers["content-disposition"]
