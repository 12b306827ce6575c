"""Coordinates give the governorate, district and region; points outside are known to be outside."""

from __future__ import annotations

import pytest

from marsad.domain.incident import Incident
from marsad.domain.vocabulary import Vocabularies
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.gazetteer.locate import locate
from tests.helpers import attack

POINTS = [
    # (lat, lon, expected region, expected district) — a point in or near a town of each region
    (37.0550, 41.2290, "jazira", "Al-Qamishli"),
    (36.5010, 40.7500, "jazira", "Al-Hasakah"),
    (37.1760, 42.1390, "jazira", "Al-Malikiyah"),
    (36.8520, 40.0710, "jazira", "Ras al-Ayn"),
    (36.8900, 38.3550, "euphrates", "Ayn al-Arab"),
    (36.6950, 38.9540, "euphrates", "Tell Abyad"),
    (35.9530, 39.0100, "raqqa", "Ar-Raqqah"),
    (35.8380, 38.5490, "tabqa", "Al-Thawrah"),
    (36.5280, 37.9560, "manbij", "Manbij"),
    (35.3360, 40.1410, "deir_ez_zor", "Deir ez-Zor"),
    (34.6950, 40.8320, "deir_ez_zor", "Abu Kamal"),
    (35.0160, 40.5100, "deir_ez_zor", "Al-Mayadin"),
]


@pytest.mark.parametrize(("lat", "lon", "region", "district"), POINTS)
def test_point_falls_in_its_region(gazetteer: Gazetteer, lat: float, lon: float, region: str, district: str) -> None:
    found = gazetteer.reverse(lat, lon)
    assert (found.region, found.admin2) == (region, district)
    assert found.distance_km < 5


def test_every_region_is_reached(vocab: Vocabularies) -> None:
    assert {region for _, _, region, _ in POINTS} == set(vocab.regions.keys)


def test_points_outside_the_monitored_area(gazetteer: Gazetteer) -> None:
    aleppo = gazetteer.reverse(36.20, 37.16)
    assert aleppo.in_syria and aleppo.admin1 == "Aleppo" and aleppo.region is None
    nusaybin = gazetteer.reverse(37.075, 41.215)  # across the border from Qamishli
    assert not nusaybin.in_syria and nusaybin.region is None and nusaybin.admin1 is None


def test_locate_fills_coordinates_and_units_from_a_place_name(gazetteer: Gazetteer, vocab: Vocabularies) -> None:
    incident = attack(
        place="Serêkaniyê", latitude=None, longitude=None, geo_precision=None, admin1=None, admin2=None, region=None
    )
    assert locate(incident, gazetteer, vocab) == []
    assert (incident.admin2, incident.region, incident.geo_precision) == ("Ras al-Ayn", "jazira", "town")
    assert incident.latitude == pytest.approx(36.85, abs=0.01)


def test_locate_fills_units_from_coordinates_and_keeps_what_was_given(
    gazetteer: Gazetteer, vocab: Vocabularies
) -> None:
    from_point = attack(
        place="a farm east of Hajin", latitude=34.70, longitude=40.86, admin1=None, admin2=None, region=None
    )
    assert locate(from_point, gazetteer, vocab) == []
    assert (from_point.admin2, from_point.region) == ("Abu Kamal", "deir_ez_zor")
    given: Incident = attack(region="raqqa")
    locate(given, gazetteer, vocab)
    assert given.region == "raqqa"


def test_locate_explains_an_unknown_place(gazetteer: Gazetteer, vocab: Vocabularies) -> None:
    incident = attack(place="Busayraa", latitude=None, longitude=None, admin1=None, admin2=None, region=None)
    [(column, reason)] = locate(incident, gazetteer, vocab)
    assert column == "place"
    assert "'Busayraa' is not in the gazetteer; did you mean 'al-Busayrah'" in reason
    assert "Give latitude and longitude" in reason
