"""Which governorate and district a point lies in, from the OCHA outlines Marsad ships.

The nearest gazetteer place says where a point is near; the outlines say which administrative unit it is in,
which is what monthly counts by governorate and the analysis regions need (a village a kilometre across a
governorate line belongs to the other governorate). Points outside every outline (the simplified coast and
borders leave a few) are left to the nearest place.
"""

from __future__ import annotations

from functools import cache, lru_cache

import shapely
from shapely.geometry.base import BaseGeometry

from marsad.gazetteer.boundaries import Area, load_boundaries

Bounds = tuple[float, float, float, float]


class AdminAreas:
    """Point-in-polygon lookups over the governorates, then the districts of the one found."""

    def __init__(self, governorates: tuple[Area, ...], districts: tuple[Area, ...]) -> None:
        self._governorates = [(_prepared(a.outline), a.outline.bounds, a.name) for a in governorates]
        self._districts: dict[str, list[tuple[BaseGeometry, Bounds, str]]] = {}
        for district in districts:
            entry = (_prepared(district.outline), district.outline.bounds, district.name)
            self._districts.setdefault(district.admin1, []).append(entry)

    @lru_cache(maxsize=65536)  # noqa: B019 - built once per process; events repeat their places
    def at(self, latitude: float, longitude: float) -> tuple[str, str | None] | None:
        """(governorate, district or None where no district outline is shipped), or None outside them all."""
        governorate = _containing(self._governorates, longitude, latitude)
        if governorate is None:
            return None
        return governorate, _containing(self._districts.get(governorate, []), longitude, latitude)


def _prepared(outline: BaseGeometry) -> BaseGeometry:
    shapely.prepare(outline)
    return outline


def _containing(areas: list[tuple[BaseGeometry, Bounds, str]], x: float, y: float) -> str | None:
    for outline, (west, south, east, north), name in areas:
        if west <= x <= east and south <= y <= north and shapely.intersects_xy(outline, x, y):
            return name
    return None


@cache
def load_admin_areas() -> AdminAreas:
    boundaries = load_boundaries()
    return AdminAreas(boundaries.governorates, boundaries.districts)
