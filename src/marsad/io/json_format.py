"""JSON: an array of incident objects with full source objects; GeoJSON: the same as Point features."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from marsad.domain.incident import Incident
from marsad.domain.phrases import Phrase
from marsad.io import positions
from marsad.io.canonical import RawRow, RowError, check_columns, incident_to_json
from marsad.io.limits import MAX_JSON_BYTES, BadFileError, check_size, utf8_bytes


def _load(path: Path) -> Any:
    """The file's JSON, read whole (hence its size limit); what cannot be read is said with its line."""
    check_size(path, MAX_JSON_BYTES, "JSON")
    text = utf8_bytes(path.read_bytes())
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise BadFileError(
            Phrase(
                "line {line}, column {column}: this is not JSON ({error})",
                line=error.lineno,
                column=error.colno,
                error=error.msg,
            )
        ) from None
    except RecursionError:
        raise BadFileError(
            Phrase("arrays and objects are nested too deeply to read (a Marsad file needs four levels)")
        ) from None
    except ValueError as error:  # Python refuses numbers of more than 4,300 digits
        raise BadFileError(Phrase("a number is too long to read: {error}", error=str(error))) from None


def read_json(path: Path) -> Iterator[RawRow | RowError]:
    data = _load(path)
    records = data.get("incidents") if isinstance(data, dict) else data
    if not isinstance(records, list):
        raise BadFileError(
            Phrase("a Marsad JSON file is an array of incidents (or an object with an 'incidents' array)")
        )
    check_columns(sorted({key for record in records if isinstance(record, dict) for key in record}))
    for number, record in enumerate(records, start=1):
        if isinstance(record, dict):
            yield RawRow(positions.record(number), record)
        else:
            yield RowError(positions.record(number), "*", "is not an object")


def read_geojson(path: Path) -> Iterator[RawRow | RowError]:
    data = _load(path)
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise BadFileError(Phrase("a GeoJSON import is a FeatureCollection"))
    features = data.get("features") or []
    if not isinstance(features, list):
        raise BadFileError(Phrase("a FeatureCollection's 'features' is an array of features"))
    keys = {key for f in features if isinstance(f, dict) for key in _properties(f) or {}}
    check_columns(sorted(keys | {"latitude", "longitude"}))
    for number, feature in enumerate(features, start=1):
        where = positions.feature(number)
        properties = _properties(feature)
        if properties is None:
            yield RowError(where, "*", "is not a GeoJSON feature (an object whose properties are an object)")
            continue
        geometry = feature.get("geometry")
        if geometry:
            point = _point(geometry)
            if point is None:
                yield RowError(where, "geometry", "only Point geometries with two numbers are incidents")
                continue
            properties["longitude"], properties["latitude"] = point
        yield RawRow(where, properties)


def _properties(feature: Any) -> dict[str, Any] | None:
    if not isinstance(feature, dict):
        return None
    properties = feature.get("properties") or {}
    return dict(properties) if isinstance(properties, dict) else None


def _point(geometry: Any) -> tuple[Any, Any] | None:
    """A Point's longitude and latitude, if that is what the geometry is."""
    if not isinstance(geometry, dict) or geometry.get("type") != "Point":
        return None
    coordinates = geometry.get("coordinates")
    if not (isinstance(coordinates, list) and len(coordinates) >= 2):
        return None
    longitude, latitude = coordinates[0], coordinates[1]
    scalars = not any(isinstance(c, list | dict) for c in (longitude, latitude))
    return (longitude, latitude) if scalars else None  # numbers are checked as latitude and longitude


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
