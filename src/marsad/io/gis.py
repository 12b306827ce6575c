"""GIS exports: GeoPackage for QGIS and KML for Google Earth / My Maps. Located incidents only (a feature
needs a point); the columns are the caller's, so public exports stay public.

The GeoPackage is written with the standard library's sqlite3 (a GeoPackage is an SQLite file with three
registry tables and geometries as "GP" blobs around WKB), so no GDAL is needed.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import struct
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import BinaryIO

from marsad.domain.incident import WHOLE_NUMBER_FIELDS, Incident
from marsad.io.canonical import format_row

LAYER = "incidents"
WGS84 = 4326
INTEGER_COLUMNS = frozenset(WHOLE_NUMBER_FIELDS)
REAL_COLUMNS = frozenset({"latitude", "longitude"})


def _located(incidents: Iterable[Incident]) -> Iterable[Incident]:
    return (i for i in incidents if i.latitude is not None and i.longitude is not None)


def point_blob(longitude: float, latitude: float) -> bytes:
    """A GeoPackage geometry: the "GP" header (version 0, little-endian, no envelope, SRS 4326) and a WKB point."""
    return b"GP" + bytes([0, 0b00000001]) + struct.pack("<i", WGS84) + struct.pack("<BIdd", 1, 1, longitude, latitude)


def write_gpkg(incidents: Iterable[Incident], out: BinaryIO, columns: Sequence[str]) -> int:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "incidents.gpkg"
        count = _write_gpkg_file(path, incidents, columns)
        with path.open("rb") as handle:
            shutil.copyfileobj(handle, out)
    return count


def _sql_type(column: str) -> str:
    return "INTEGER" if column in INTEGER_COLUMNS else "REAL" if column in REAL_COLUMNS else "TEXT"


def _write_gpkg_file(path: Path, incidents: Iterable[Incident], columns: Sequence[str]) -> int:
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA application_id = 1196444487")  # 'GPKG'
        connection.execute("PRAGMA user_version = 10300")  # GeoPackage 1.3
        connection.executescript(
            """
            CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY,
              organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL,
              description TEXT);
            CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,
              identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME NOT NULL,
              min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER);
            CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,
              geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
              CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name));
            """
        )
        connection.executemany(
            "INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)",
            [
                ("Undefined cartesian SRS", -1, "NONE", -1, "undefined", None),
                ("Undefined geographic SRS", 0, "NONE", 0, "undefined", None),
                ("WGS 84 geodetic", WGS84, "EPSG", WGS84, _WGS84_WKT, "longitude/latitude in degrees"),
            ],
        )
        names = [c for c in columns if c not in ("latitude", "longitude")]
        # column names come from Marsad's own list of columns, never from input
        fields = ", ".join(f'"{c}" {_sql_type(c)}' for c in names)
        connection.execute(f'CREATE TABLE "{LAYER}" (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom BLOB, {fields})')
        placeholders = ", ".join("?" for _ in range(len(names) + 1))
        quoted = ", ".join(f'"{c}"' for c in names)
        insert = f'INSERT INTO "{LAYER}" (geom, {quoted}) VALUES ({placeholders})'
        count, box = 0, [180.0, 90.0, -180.0, -90.0]
        for incident in _located(incidents):
            assert incident.latitude is not None and incident.longitude is not None
            cells = dict(zip(columns, format_row(incident, columns), strict=True))
            values = [_typed(c, cells[c]) for c in names]
            connection.execute(insert, [point_blob(incident.longitude, incident.latitude), *values])
            box = [
                min(box[0], incident.longitude),
                min(box[1], incident.latitude),
                max(box[2], incident.longitude),
                max(box[3], incident.latitude),
            ]
            count += 1
        now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
        connection.execute(
            "INSERT INTO gpkg_contents VALUES (?, 'features', ?, ?, ?, ?, ?, ?, ?, ?)",
            (LAYER, "Marsad incidents", "Incidents exported from Marsad", now, *(box if count else [None] * 4), WGS84),
        )
        connection.execute("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', 'POINT', ?, 0, 0)", (LAYER, WGS84))
        connection.commit()
    finally:
        connection.close()
    return count


def _typed(column: str, text: str) -> object:
    if text == "":
        return None
    if column in INTEGER_COLUMNS:
        return int(text)
    return text


_WGS84_WKT = (
    'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],'
    'AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],'
    'UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4326"]]'
)


def _write_time(placemark: ET.Element, incident: Incident) -> None:
    """The day as a TimeStamp, or the days it may have happened on as a TimeSpan when the date is uncertain."""
    if incident.date_earliest is None and incident.date_latest is None:
        ET.SubElement(ET.SubElement(placemark, "TimeStamp"), "when").text = incident.date.isoformat()
        return
    span = ET.SubElement(placemark, "TimeSpan")
    ET.SubElement(span, "begin").text = (incident.date_earliest or incident.date).isoformat()
    ET.SubElement(span, "end").text = (incident.date_latest or incident.date).isoformat()


def write_kml(incidents: Iterable[Incident], out: BinaryIO, columns: Sequence[str]) -> int:
    """KML 2.2: a placemark per located incident, its fields as ExtendedData (text is escaped by ElementTree)."""
    kml = ET.Element("kml", xmlns="http://www.opengis.net/kml/2.2")
    document = ET.SubElement(kml, "Document")
    ET.SubElement(document, "name").text = "Marsad incidents"
    count = 0
    for incident in _located(incidents):
        cells = dict(zip(columns, format_row(incident, columns), strict=True))
        placemark = ET.SubElement(document, "Placemark", id=str(incident.id))
        ET.SubElement(placemark, "name").text = f"{incident.date.isoformat()} {incident.type} ({incident.place or ''})"
        if incident.description and "description" in columns:
            ET.SubElement(placemark, "description").text = incident.description
        _write_time(placemark, incident)
        extended = ET.SubElement(placemark, "ExtendedData")
        for column in columns:
            if cells[column]:
                data = ET.SubElement(extended, "Data", name=column)
                ET.SubElement(data, "value").text = cells[column]
        point = ET.SubElement(placemark, "Point")
        ET.SubElement(point, "coordinates").text = f"{incident.longitude},{incident.latitude}"
        count += 1
    out.write(ET.tostring(kml, encoding="utf-8", xml_declaration=True))
    return count
