"""Every format writes what the others read back, field for field."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from marsad.domain.incident import CANONICAL_COLUMNS, PUBLIC_COLUMNS, Incident, Source
from marsad.domain.vocabulary import Vocabularies
from marsad.io.canonical import RawRow, parse_incident
from marsad.io.formats import FORMATS, UnknownFormatError, format_for_path, format_named
from tests.helpers import attack, raid

ARABIC = attack(
    description='هجوم بعبوة ناسفة على دورية، قرب "دوار" النعيم\nسطر ثان, مع فاصلة',
    place="الحسكة",
    civilian_killed=7,
    civilian_killed_low=5,
    civilian_killed_high=9,
    military_injured_high=4,
    sources=[
        Source(
            url="https://a.example/ar?x=1&y=2",
            title="بيان",
            publisher="الأسايش",
            source_type="official_statement",
            language="ar",
        )
    ],
)


def read_back(fmt_name: str, incidents: list[Incident], tmp_path: Path, vocab: Vocabularies) -> list[Incident]:
    fmt = format_named(fmt_name)
    path = tmp_path / f"out{fmt.extensions[0]}"
    with path.open("wb") as handle:
        assert fmt.write(incidents, handle, CANONICAL_COLUMNS) == len(incidents)
    parsed = []
    for row in fmt.read(path):
        assert isinstance(row, RawRow)
        incident, problems = parse_incident(row.values, vocab)
        assert problems == []
        assert incident is not None
        parsed.append(incident)
    return parsed


@pytest.mark.parametrize("fmt", ["json", "geojson"])
def test_json_formats_keep_every_field(fmt: str, tmp_path: Path, vocab: Vocabularies) -> None:
    originals = [ARABIC, raid()]
    assert read_back(fmt, originals, tmp_path, vocab) == originals


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_tabular_formats_keep_every_field_but_source_details(fmt: str, tmp_path: Path, vocab: Vocabularies) -> None:
    originals = [ARABIC, raid()]
    back = read_back(fmt, originals, tmp_path, vocab)
    for original, copy in zip(originals, back, strict=True):
        assert [s.url for s in copy.sources] == [s.url for s in original.sources]
        copy.sources = original.sources
        assert copy == original


def test_geojson_is_a_feature_collection_of_points(vocab: Vocabularies) -> None:
    out = io.BytesIO()
    FORMATS["geojson"].write([attack(), attack(id="x1", latitude=None, longitude=None)], out, PUBLIC_COLUMNS)
    data = json.loads(out.getvalue())
    assert data["type"] == "FeatureCollection"
    first, second = data["features"]
    assert first["geometry"] == {"type": "Point", "coordinates": [40.74772, 36.50237]}
    assert "latitude" not in first["properties"] and "notes" not in first["properties"]
    assert second["geometry"] is None


def test_format_is_known_by_extension_or_refused_with_the_choices() -> None:
    assert format_for_path(Path("a.GeoJSON")).name == "geojson"
    assert format_for_path(Path("a.json")).name == "json"
    with pytest.raises(UnknownFormatError, match="use --format"):
        format_for_path(Path("a.txt"))
    with pytest.raises(UnknownFormatError, match="csv, xlsx, json, geojson"):
        format_named("shapefile")
