"""What the maps draw under the incidents, as GeoJSON: governorates, districts, region outlines, rivers, places.

Region outlines are their districts dissolved (``boundaries``). Places carry the zoom from which their name
is shown, from their population (and, for Marsad's key places, their kind), so a village appears only once
the map is close enough for it.
"""

from __future__ import annotations

from typing import Any

from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel, unary_union

from marsad.domain.vocabulary import Vocabularies
from marsad.gazetteer.boundaries import CREDITS, Boundaries
from marsad.gazetteer.gazetteer import Gazetteer, Place
from marsad.gazetteer.local_names import local_name
from marsad.i18n.languages import DEFAULT, LANGUAGES

# The smallest population named from each zoom level; key places also by kind (their population may be unknown).
LABEL_ZOOMS = ((100_000, 5), (20_000, 7), (5_000, 8), (1_000, 9))
VILLAGE_ZOOM = 10
KIND_ZOOMS = {"city": 5, "town": 7}
NEARBY_DEGREES = 1.0  # places named around the monitored area


def label_zoom(place: Place) -> int:
    """The zoom level from which the map names a place."""
    by_population = next((zoom for least, zoom in LABEL_ZOOMS if place.population >= least), VILLAGE_ZOOM)
    by_kind = KIND_ZOOMS.get(place.kind, VILLAGE_ZOOM - 1) if place.curated else VILLAGE_ZOOM
    return min(by_population, by_kind)


def _feature(geometry: BaseGeometry | dict[str, Any], **properties: Any) -> dict[str, Any]:
    shaped = geometry if isinstance(geometry, dict) else mapping(geometry)
    return {"type": "Feature", "geometry": shaped, "properties": properties}


def _point(longitude: float, latitude: float) -> dict[str, Any]:
    return {"type": "Point", "coordinates": [round(longitude, 5), round(latitude, 5)]}


def label_point(outline: BaseGeometry) -> BaseGeometry:
    """Where a region's or district's name goes: the point farthest inside its largest part."""
    largest = max(getattr(outline, "geoms", [outline]), key=lambda part: part.area)
    return polylabel(largest, tolerance=0.01)


def region_features(outlines: dict[str, BaseGeometry], vocab: Vocabularies) -> list[dict[str, Any]]:
    """Each region's outline (with its bounds, to zoom to) and the point its name is written at, named in every
    language the vocabulary labels it in."""
    features = []
    for key, outline in outlines.items():
        west, south, east, north = (round(v, 4) for v in outline.bounds)
        term = vocab.regions.term(key)
        properties = {"key": key, "label": term.label, "colour": term.colour}
        properties |= {f"label_{code}": label for code, label in term.labels}  # label_ar…: the map's language picks
        features.append(_feature(outline, layer="region", bbox=[west, south, east, north], **properties))
        anchor = label_point(outline)
        features.append(_feature(_point(anchor.x, anchor.y), layer="region-label", **properties))
    return features


def place_features(gazetteer: Gazetteer, around: BaseGeometry) -> list[dict[str, Any]]:
    west, south, east, north = around.buffer(NEARBY_DEGREES).bounds
    return [
        _feature(
            _point(p.longitude, p.latitude),
            layer="place",
            kind="place",  # kept for the clients of /api/v1/regions.geojson
            name=p.name,
            **_local_names(p),
            region=p.region,
            population=p.population,
            minzoom=label_zoom(p),
        )
        for p in sorted(gazetteer.places, key=lambda p: -p.population)
        if west <= p.longitude <= east and south <= p.latitude <= north
    ]


def _local_names(place: Place) -> dict[str, str]:
    """name_ar, name_ckb, name_ku: the place as readers of each language write it, where that differs."""
    spelt = {code: local_name(place.name, place.names, code) for code in LANGUAGES if code != DEFAULT}
    return {f"name_{code}": name for code, name in spelt.items() if name != place.name}


def basemap_geojson(boundaries: Boundaries, gazetteer: Gazetteer, vocab: Vocabularies) -> dict[str, Any]:
    """Every layer of the offline basemap as one FeatureCollection (``layer`` says which), with the monitored
    area's bounds and the credits the map must show."""
    outlines = boundaries.region_outlines(vocab)
    monitored = unary_union(list(outlines.values()))
    features = [_feature(g.outline, layer="governorate", name=g.name, pcode=g.pcode) for g in boundaries.governorates]
    for district in boundaries.districts:
        region = vocab.region_for(district.admin1, district.name)
        common = {"name": district.name, "name_ar": district.name_ar, "admin1": district.admin1, "region": region}
        features.append(_feature(district.outline, layer="district", pcode=district.pcode, **common))
        anchor = label_point(district.outline)
        features.append(_feature(_point(anchor.x, anchor.y), layer="district-label", **common))
    features += region_features(outlines, vocab)
    features += [_feature(r.line, layer="river", name=r.name, approximate=r.approximate) for r in boundaries.rivers]
    features += place_features(gazetteer, monitored)
    return {
        "type": "FeatureCollection",
        "bbox": [round(v, 4) for v in monitored.bounds],
        "credits": list(CREDITS),
        "features": features,
    }


def outlines_geojson(boundaries: Boundaries, gazetteer: Gazetteer, vocab: Vocabularies) -> dict[str, Any]:
    """Region outlines (label, colour) and the places in and around them, as one FeatureCollection."""
    outlines = boundaries.region_outlines(vocab)
    regions = [
        _feature(outline, kind="region", key=key, label=vocab.regions.label(key), colour=vocab.regions.colour(key))
        for key, outline in outlines.items()
    ]
    places = place_features(gazetteer, unary_union(list(outlines.values())))
    return {"type": "FeatureCollection", "features": regions + places}
