"""JSON: an array of incident objects with full source objects; GeoJSON: the same as Point features."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from marsad.domain.incident import Incident
from marsad.io.canonical import RawRow, RowError, check_columns, incident_to_json


def _load(path: Path) -> Any:
    with path.open(encoding="utf-8-sig") as handle:
        return json.load(handle)


def read_json(path: Path) -> Iterator[RawRow | RowError]:
    data = _load(path)
    records = data.get("incidents") if isinstance(data, dict) else data
    if not isinstance(records, list):
        raise ValueError("a Marsad JSON file is an array of incidents (or an object with an 'incidents' array)")
    check_columns(sorted({key for record in records if isinstance(record, dict) for key in record}))
    for number, record in enumerate(records, start=1):
        if isinstance(record, dict):
            yield RawRow(f"record {number}", record)
        else:
            yield RowError(f"record {number}", "*", "is not an object")


def read_geojson(path: Path) -> Iterator[RawRow | RowError]:
    data = _load(path)
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise ValueError("a GeoJSON import is a FeatureCollection")
    features = data.get("features") or []
    keys = {key for f in features if isinstance(f, dict) for key in (f.get("properties") or {})}
    check_columns(sorted(keys | {"latitude", "longitude"}))
    for number, feature in enumerate(features, start=1):
        where = f"feature {number}"
        properties = dict(feature.get("properties") or {}) if isinstance(feature, dict) else None
        if properties is None:
            yield RowError(where, "*", "is not a GeoJSON feature")
            continue
        geometry = feature.get("geometry")
        if geometry:
            coordinates = geometry.get("coordinates") if geometry.get("type") == "Point" else None
            if not (isinstance(coordinates, list) and len(coordinates) >= 2):
                yield RowError(where, "geometry", "only Point geometries are incidents")
                continue
            properties["longitude"], properties["latitude"] = coordinates[0], coordinates[1]
        yield RawRow(where, properties)


def _write_array(items: Iterable[str], out: BinaryIO, head: str, tail: str) -> int:
    text = io.TextIOWrapper(out, encoding="utf-8", newline="\n", write_through=True)
    text.write(head)
    count = 0
    for item in items:
        text.write(",\n" if count else "\n")
        text.write(item)
        count += 1
    text.write(tail)
    text.flush()
    text.detach()
    return count


def write_json(incidents: Iterable[Incident], out: BinaryIO, columns: Sequence[str]) -> int:
    items = (json.dumps(incident_to_json(i, columns), ensure_ascii=False) for i in incidents)
    return _write_array(items, out, "[", "\n]\n")


def to_feature(incident: Incident, columns: Sequence[str]) -> dict[str, Any]:
    properties = incident_to_json(incident, [c for c in columns if c not in ("latitude", "longitude")])
    geometry = None
    if incident.latitude is not None and incident.longitude is not None:
        geometry = {"type": "Point", "coordinates": [incident.longitude, incident.latitude]}
    return {"type": "Feature", "id": incident.id, "geometry": geometry, "properties": properties}


def write_geojson(incidents: Iterable[Incident], out: BinaryIO, columns: Sequence[str]) -> int:
    items = (json.dumps(to_feature(i, columns), ensure_ascii=False) for i in incidents)
    return _write_array(items, out, '{"type": "FeatureCollection", "features": [', "\n]}\n")
