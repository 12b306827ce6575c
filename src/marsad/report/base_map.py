"""What every report map draws under its incidents, prepared once per process.

The region outlines are dissolved from their districts, and every outline and river is simplified to what
print can show: that took a third of a map's time, for the same shapes each time. The map only draws them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from marsad.domain.vocabulary import Vocabularies
from marsad.gazetteer.boundaries import River, load_boundaries
from marsad.gazetteer.outlines import label_point

PRINT_TOLERANCE = 0.005  # degrees: a tenth of a millimetre on the printed map
MAP_MARGIN = 0.15  # degrees around the monitored area

Rings = tuple[NDArray[np.float64], ...]  # each an (n, 2) array of longitude, latitude


@dataclass(frozen=True)
class Waterways:
    """The stretches of river drawn alike (named ones wider, approximate ones dashed), simplified: one collection
    of lines for the map instead of a line each (87 of them)."""

    lines: Rings
    named: bool
    approximate: bool


@dataclass(frozen=True)
class BaseMap:
    bounds: tuple[float, float, float, float]  # west, south, east, north: the monitored area and a margin
    governorates: Rings
    districts: Rings
    regions: dict[str, Rings]  # region key -> its outline, in the vocabulary's order
    region_anchors: dict[str, tuple[float, float]]  # where each region's name goes
    rivers: tuple[Waterways, ...]
    named_rivers: tuple[River, ...]  # their names follow the full line


@lru_cache(maxsize=8)  # a process holds one vocabulary, or a few (a team's file edited, reloaded)
def base_map(vocab: Vocabularies) -> BaseMap:
    """The outlines of the monitored area's governorates, districts and regions (as ``vocab`` draws them),
    and its rivers."""
    boundaries = load_boundaries()
    outlines = boundaries.region_outlines(vocab)
    west, south, east, north = unary_union(list(outlines.values())).buffer(MAP_MARGIN).bounds
    anchors = {key: label_point(outline) for key, outline in outlines.items()}
    return BaseMap(
        bounds=(west, south, east, north),
        governorates=_rings([governorate.outline for governorate in boundaries.governorates]),
        districts=_rings([district.outline for district in boundaries.districts]),
        regions={key: _rings([outline]) for key, outline in outlines.items()},
        region_anchors={key: (anchor.x, anchor.y) for key, anchor in anchors.items()},
        rivers=_waterways(boundaries.rivers),
        named_rivers=tuple(river for river in boundaries.rivers if river.name),
    )


def _rings(outlines: list[BaseGeometry]) -> Rings:
    """The outer ring of each part of each outline, simplified: finer than the page can show only makes the file
    heavy."""
    rings: list[NDArray[np.float64]] = []
    for outline in outlines:
        printed = outline.simplify(PRINT_TOLERANCE)
        rings.extend(np.asarray(part.exterior.coords) for part in getattr(printed, "geoms", [printed]))
    return tuple(rings)


def _waterways(rivers: tuple[River, ...]) -> tuple[Waterways, ...]:
    """Rivers grouped by how they are drawn (all in one colour, so the order they are drawn in does not show)."""
    groups: dict[tuple[bool, bool], list[NDArray[np.float64]]] = {}
    for river in rivers:
        for line in getattr(river.line, "geoms", [river.line]):
            printed = np.asarray(line.simplify(PRINT_TOLERANCE).coords)
            groups.setdefault((bool(river.name), river.approximate), []).append(printed)
    return tuple(Waterways(tuple(lines), named, approximate) for (named, approximate), lines in groups.items())
