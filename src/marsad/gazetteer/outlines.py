"""Approximate region outlines: the hull of each region's known places, slightly widened.

No installed package ships district boundaries for North-East Syria, so maps draw these and say they are
approximate; a team with boundary data can replace them.
"""

from __future__ import annotations

from typing import Any

from shapely.geometry import MultiPoint, Polygon, mapping

from marsad.domain.vocabulary import Vocabularies
from marsad.gazetteer.gazetteer import Gazetteer

MARGIN_DEGREES = 0.12


def region_outlines(gazetteer: Gazetteer, vocab: Vocabularies) -> dict[str, Polygon]:
    outlines = {}
    for region in vocab.regions:
        points = [(p.longitude, p.latitude) for p in gazetteer.places if p.region == region.key]
        if len(points) >= 3:
            outlines[region.key] = MultiPoint(points).convex_hull.buffer(MARGIN_DEGREES)
    return outlines


def outlines_geojson(gazetteer: Gazetteer, vocab: Vocabularies) -> dict[str, Any]:
    """Regions (approximate polygons, with label and colour) and their main towns, as one FeatureCollection."""
    features: list[dict[str, Any]] = [
        {
            "type": "Feature",
            "geometry": mapping(outline.simplify(0.01)),
            "properties": {
                "kind": "region",
                "key": key,
                "label": vocab.regions.label(key),
                "colour": vocab.regions.colour(key),
            },
        }
        for key, outline in region_outlines(gazetteer, vocab).items()
    ]
    features += [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [p.longitude, p.latitude]},
            "properties": {"kind": "place", "name": p.name, "region": p.region, "population": p.population},
        }
        for p in gazetteer.places
        if p.curated and p.region
    ]
    return {"type": "FeatureCollection", "features": features}
