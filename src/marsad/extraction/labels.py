"""An extraction in the labelled files' terms: the keys and value spellings of ``expected`` in dev.jsonl.

``marsad extract eval --predictions`` writes these, so any labelled file in that format can be scored the
same way. Only confident values are given; the rest are ``null`` (abstentions).
"""

from __future__ import annotations

from typing import Any

from marsad.domain.geo import distance_km
from marsad.domain.keys import Kind
from marsad.extraction.attack_types import TYPE_LABELS
from marsad.extraction.language import language_family
from marsad.extraction.suggestion import Extraction
from marsad.gazetteer.gazetteer import Gazetteer, Place

LABEL_KEYS = (
    "incident_kind",
    "date",
    "place",
    "place_en",
    "region",
    "attack_type",
    "perpetrator",
    "claimed",
    "target",
    "killed",
    "injured",
    "killed_breakdown",
    "arrested",
)
QAMISHLI_CITY_KM = 4.0


def label_region(place: Place, gazetteer: Gazetteer) -> str | None:
    """The labelling convention's region: Qamishlo is the city, al-Hol camp and Tabqa stand apart."""
    if place.key == "al_hol_camp" or ("camp" in place.name.casefold() and "hol" in place.name.casefold()):
        return "al-Hol camp"
    city = gazetteer.by_key.get("qamishli")
    if city and distance_km(place.latitude, place.longitude, city.latitude, city.longitude) <= QAMISHLI_CITY_KM:
        return "Qamishlo"
    if place.admin2 == "Al-Thawrah":
        return "Tabqa"
    if place.admin2 == "Manbij":
        return "Manbij"
    if place.admin2 == "Ayn al-Arab":
        return "Kobane"
    return {"Al-Hasakah": "Heseke", "Ar-Raqqah": "Raqqa", "Deir ez-Zor": "Deir ez-Zor"}.get(place.admin1 or "")


def predicted_labels(extraction: Extraction, gazetteer: Gazetteer) -> dict[str, Any]:
    """The label-file dict for one extraction (null where it abstains)."""
    get = extraction.get
    location = gazetteer.by_key.get(get("location")) if get("location") else None
    exact = extraction.detail("location") is not None
    kind = get("kind")
    type_key = get("type")
    breakdown = {side: get(f"{side}_killed") for side in ("military", "civilian") if get(f"{side}_killed") is not None}
    predicted: dict[str, Any] = {
        "incident_kind": kind,
        "date": get("date"),
        "place": get("place"),
        "place_en": location.name if location and exact else None,
        "region": label_region(location, gazetteer) if location else None,
        "attack_type": TYPE_LABELS.get(type_key) if kind == Kind.ATTACK and type_key else None,
        "perpetrator": extraction.detail("perpetrator"),
        "claimed": get("claimed"),
        "target": extraction.detail("target"),
        "killed": get("killed"),
        "injured": get("injured"),
        "killed_breakdown": breakdown,
        "arrested": get("arrested"),
    }
    if language_family(extraction.language) == "en":
        predicted["place_en"] = None
    return predicted
