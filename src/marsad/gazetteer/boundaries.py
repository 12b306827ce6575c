"""Governorates, districts and rivers for maps, and the analysis regions as the union of their districts.

The files come from ``boundaries_build`` (OCHA COD-AB and WDBII, simplified). Regions are not stored: they are
dissolved from the districts the vocabulary file names, so a team that redraws its regions edits one file.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from marsad.domain.vocabulary import Vocabularies

DATA = Path(__file__).with_name("data")
BOUNDARIES = DATA / "boundaries.geojson"
RIVERS = DATA / "rivers.geojson"
BOUNDARY_CREDIT = "Boundaries: UN OCHA / UNCS COD-AB, CC BY 3.0 IGO"
RIVER_CREDIT = "Rivers: WDBII, LGPL-3.0"
PLACE_CREDIT = "Places: GeoNames, UCDP GED, OpenSyria, CC BY 4.0"
CREDITS = (BOUNDARY_CREDIT, RIVER_CREDIT, PLACE_CREDIT)


@dataclass(frozen=True)
class Area:
    """A governorate or a district: its p-code, its name as Marsad spells it, its governorate's, its outline."""

    pcode: str
    name: str
    name_ar: str
    admin1: str  # the governorate's name (a governorate's own for a governorate)
    outline: BaseGeometry


@dataclass(frozen=True)
class River:
    name: str | None  # None for the smaller WDBII rivers
    approximate: bool  # drawn from a few known points, not surveyed
    line: BaseGeometry


@dataclass(frozen=True)
class Boundaries:
    governorates: tuple[Area, ...]
    districts: tuple[Area, ...]
    rivers: tuple[River, ...]

    def region_outlines(self, vocab: Vocabularies) -> dict[str, BaseGeometry]:
        """Each analysis region's outline: its districts dissolved (or its governorates, where no district is
        shipped), in the vocabulary's order."""
        parts: dict[str, list[BaseGeometry]] = defaultdict(list)
        with_districts = {d.admin1 for d in self.districts}
        for district in self.districts:
            key = vocab.region_for(district.admin1, district.name)
            if key:
                parts[key].append(district.outline)
        for governorate in self.governorates:
            key = vocab.region_for(governorate.name, None)
            if key and governorate.name not in with_districts:
                parts[key].append(governorate.outline)
        return {r.key: unary_union(parts[r.key]).buffer(0) for r in vocab.regions if parts[r.key]}


def _areas(features: list[dict[str, Any]], layer: str) -> tuple[Area, ...]:
    return tuple(
        Area(
            p["pcode"],
            p["name"],
            p["name_ar"],
            p.get("admin1", p["name"]),
            shape(f["geometry"]),
        )
        for f in features
        if (p := f["properties"])["layer"] == layer
    )


@cache
def load_boundaries(boundaries: Path = BOUNDARIES, rivers: Path = RIVERS) -> Boundaries:
    areas = json.loads(boundaries.read_text(encoding="utf-8"))["features"]
    lines = json.loads(rivers.read_text(encoding="utf-8"))["features"]
    return Boundaries(
        governorates=_areas(areas, "governorate"),
        districts=_areas(areas, "district"),
        rivers=tuple(
            River(f["properties"]["name"], f["properties"]["approximate"], shape(f["geometry"])) for f in lines
        ),
    )
