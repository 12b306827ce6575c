"""Distances on the ground, and when two records are close enough to be the same event."""

from __future__ import annotations

import math

# Two records at most a day and 5 km apart may be the same event: the desk's duplicate guard and the
# comparison with other datasets both use this rule.
SAME_EVENT_DAYS = 1
SAME_EVENT_KM = 5.0


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))
