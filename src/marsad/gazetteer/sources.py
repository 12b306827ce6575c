"""Derive the villages of the monitored area from the open reference data in ``../shared/data``.

Writes ``data/nes_places.csv``, the derived file Marsad ships (the raw sources stay outside the project):

- **UCDP GED** event locations (``where_coordinates`` with an exact position, "Gharanij village"): the many
  villages news reports name that GeoNames' cities500 lacks. UCDP GED, CC BY 4.0 (Sundberg & Melander 2013).
- **OpenSyria** sub-districts (nahiya) with their English and Arabic names and aliases, so the Arabic name of
  a sub-district seat (هجين, ذيبان, الشحيل) is a spelling of its town. OpenSyria Data Geography v0.1.3,
  CC BY 4.0, with its upstream credits (GeoNames, OCHA COD-AB, Wikidata, US Census Bureau).
- **OCHA COD-AB** district polygons decide each derived point's governorate and district (point in polygon),
  because UCDP's own admin names and OpenSyria's centroids are not reliable for that. CC BY 3.0 IGO.

Re-run with ``make gazetteer`` when ``../shared`` is present; without it the shipped file is used as it is.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
import statistics
from collections import defaultdict
from pathlib import Path
from typing import Any

from shapely.geometry import Point, shape
from shapely.strtree import STRtree

from marsad.domain.geo import distance_km
from marsad.gazetteer.names import fold_place

DATA = Path(__file__).with_name("data")
NES_PLACES = DATA / "nes_places.csv"
SHARED_DATA = Path(__file__).resolve().parents[4] / "shared" / "data"
NES_COLUMNS = ("key", "name", "kind", "admin1", "admin2", "latitude", "longitude", "population", "names", "source")
CREDITS = (
    "Places: GeoNames (geonames.org), CC BY 4.0; UCDP GED (Sundberg & Melander 2013), CC BY 4.0; "
    "OpenSyria Data Geography v0.1.3, CC BY 4.0; districts by OCHA COD-AB, CC BY 3.0 IGO"
)
# OCHA governorates of the monitored area, named as Marsad names them (build.SYRIA_ADMIN1).
NES_ADMIN1 = {"SY08": "Al-Hasakah", "SY09": "Deir ez-Zor", "SY11": "Ar-Raqqah", "SY02": "Aleppo"}
NES_ADMIN2_EXTRA = {"SY0205", "SY0206"}  # Menbij and Ain al-Arab (Kobane) districts of Aleppo
# UCDP's last word says what kind of place a location is; only these are places a report would name.
UCDP_KINDS = {
    "village": "village",
    "villages": "village",
    "town": "town",
    "city": "city",
    "suburb": "neighbourhood",
    "neighbourhood": "neighbourhood",
    "neighborhood": "neighbourhood",
    "area": "area",
    "locality": "village",
    "camp": "camp",
    "field": "oil field",
    "oilfield": "oil field",
    "fields": "oil field",
}
SAME_PLACE_KM = 10.0
# A sub-district centroid lies far from its seat town along the Euphrates strips.
SUBDISTRICT_REACH_KM = 35.0


class Districts:
    """OCHA district polygons: which governorate and district a point falls in."""

    def __init__(self, geojson: dict[str, Any], names: dict[str, str]) -> None:
        self._features = [f["properties"] for f in geojson["features"]]
        self._shapes = [shape(f["geometry"]) for f in geojson["features"]]
        self._tree = STRtree(self._shapes)
        self._names = names

    def pcode(self, latitude: float, longitude: float) -> str | None:
        point = Point(longitude, latitude)
        for index in self._tree.query(point, predicate="intersects"):
            return str(self._features[int(index)]["ADM2_PCODE"])
        return None

    def units(self, latitude: float, longitude: float) -> tuple[str, str] | None:
        """(governorate, district) in Marsad's names for a point of the monitored area, else None."""
        pcode = self.pcode(latitude, longitude)
        if pcode is None or not (pcode[:4] in {"SY08", "SY09", "SY11"} or pcode in NES_ADMIN2_EXTRA):
            return None
        properties = next(p for p in self._features if p["ADM2_PCODE"] == pcode)
        return NES_ADMIN1[pcode[:4]], self._names.get(pcode, str(properties["ADM2_EN"]))


def district_names(districts_geojson: dict[str, Any], key_places: list[dict[str, Any]]) -> dict[str, str]:
    """OCHA district p-code -> the district name Marsad's key places use for it (the vocabulary's regions)."""
    probe = Districts(districts_geojson, {})
    votes: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for place in key_places:
        pcode = probe.pcode(place["latitude"], place["longitude"]) if place["admin2"] else None
        if pcode:
            votes[pcode][place["admin2"]] += 1
    return {pcode: max(names, key=lambda n: names[n]) for pcode, names in votes.items()}


def ucdp_places(path: Path, districts: Districts) -> list[dict[str, Any]]:
    """Named, exactly located UCDP GED event places in the monitored area, one row per place."""
    groups: dict[tuple[str, str], list[tuple[float, float, str]]] = defaultdict(list)
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["where_prec"] != "1":
                continue
            name, kind = _ucdp_name(row["where_coordinates"])
            if not name:
                continue
            groups[(fold_place(name), kind)].append((float(row["latitude"]), float(row["longitude"]), name))
    places: list[dict[str, Any]] = []
    keys: set[str] = set()
    for (folded, kind), points in sorted(groups.items()):
        for cluster in _clusters(points):
            lat = statistics.median(p[0] for p in cluster)
            lon = statistics.median(p[1] for p in cluster)
            units = districts.units(lat, lon)
            if units is None:
                continue
            spellings = sorted({p[2] for p in cluster}, key=lambda n: (-sum(q[2] == n for q in cluster), n))
            key = "ucdp_" + re.sub(r"\W+", "_", folded)
            key = key if key not in keys else f"{key}_{len(keys)}"
            keys.add(key)
            places.append(_row(key, spellings, kind, units, lat, lon, 0, "UCDP GED"))
    return places


def _ucdp_name(where: str) -> tuple[str | None, str]:
    words = where.replace("villae", "village").replace("villge", "village").split()
    if len(words) < 2 or "/" in where or "(" in where:
        return None, ""
    kind = UCDP_KINDS.get(words[-1].casefold())
    if kind is None:
        return None, ""
    name = " ".join(words[:-1])
    if re.search(r"\d|district|governorate|brigade|division|base|countryside", name, re.IGNORECASE):
        return None, ""
    return name, kind


def _clusters(points: list[tuple[float, float, str]]) -> list[list[tuple[float, float, str]]]:
    """Points of one name, grouped where they lie within SAME_PLACE_KM of a group's first point."""
    clusters: list[list[tuple[float, float, str]]] = []
    for point in points:
        for cluster in clusters:
            if distance_km(point[0], point[1], cluster[0][0], cluster[0][1]) <= SAME_PLACE_KM:
                cluster.append(point)
                break
        else:
            clusters.append([point])
    return clusters


def opensyria_subdistricts(path: Path, districts: Districts) -> list[dict[str, Any]]:
    """The monitored area's sub-districts with English, Arabic and alternative names, at their centroids."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["admin_level"] == "3" and r["in_nes_scope"] == "True"]
    places = []
    for row in rows:
        lat, lon = float(row["centroid_lat"]), float(row["centroid_lon"])
        units = districts.units(lat, lon)
        if units is None:
            continue
        names = [row["name_en"], row["name_ar"]]
        for column in ("aliases_en", "aliases_ar", "aliases_other"):
            names += [n for n in row[column].split("|") if n and "nahiya" not in n.casefold()]
        population = int(float(row["population"])) if row["population"] else 0
        key = f"os_{row['ocha_pcode']}"
        places.append(_row(key, names, "sub-district", units, lat, lon, population, "OpenSyria"))
    return places


def _row(
    key: str,
    names: list[str],
    kind: str,
    units: tuple[str, str],
    lat: float,
    lon: float,
    population: int,
    source: str,
) -> dict[str, Any]:
    unique = list(dict.fromkeys(n.strip() for n in names if n.strip()))
    return {
        "key": key,
        "name": unique[0],
        "kind": kind,
        "admin1": units[0],
        "admin2": units[1],
        "latitude": round(lat, 5),
        "longitude": round(lon, 5),
        "population": population,
        "names": unique[1:],
        "source": source,
    }


def derive(shared: Path, key_places: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every derived place of the monitored area, from the reference data in ``shared``."""
    geojson = json.loads((shared / "boundaries" / "syr_adm2_ocha_simplified.geojson").read_text(encoding="utf-8"))
    districts = Districts(geojson, district_names(geojson, key_places))
    return [
        *opensyria_subdistricts(shared / "gazetteer" / "opensyria_admin_units_sy.csv", districts),
        *ucdp_places(shared / "ucdp" / "ged_syria_v19_1_sample.csv.gz", districts),
    ]


def read_nes_places(path: Path = NES_PLACES) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_nes_places(places: list[dict[str, Any]], path: Path = NES_PLACES) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=NES_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for place in places:
            writer.writerow({**place, "names": "|".join(place["names"])})
