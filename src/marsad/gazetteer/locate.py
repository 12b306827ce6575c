"""Filling an incident's location from what was recorded: a place name, coordinates, or admin units."""

from __future__ import annotations

from marsad.domain.incident import Incident
from marsad.domain.phrases import Phrase
from marsad.domain.vocabulary import Vocabularies
from marsad.gazetteer.admin_areas import load_admin_areas
from marsad.gazetteer.gazetteer import Gazetteer


def locate(incident: Incident, gazetteer: Gazetteer, vocab: Vocabularies) -> list[tuple[str, str]]:
    """Fill coordinates, governorate, district and region where missing; (column, reason) for what cannot be.

    Coordinates win over a place name, and the governorate and district are the outlines' that hold them;
    given admin units and regions are kept as recorded.
    """
    if incident.latitude is None and incident.place:
        place = gazetteer.resolve(incident.place)
        if place is None:
            candidates = gazetteer.search(incident.place, limit=3)
            if candidates:
                why = Phrase(
                    "'{place}' is not in the gazetteer; did you mean {names}? Give latitude and longitude, or add the "
                    "spelling to the gazetteer's key places",
                    place=incident.place,
                    names=" or ".join(f"'{m.place.name}'" for m in candidates),
                )
            else:
                why = Phrase(
                    "'{place}' is not in the gazetteer? Give latitude and longitude, or add the spelling to the "
                    "gazetteer's key places",
                    place=incident.place,
                )
            return [("place", why)]
        incident.latitude, incident.longitude = place.latitude, place.longitude
        incident.geo_precision = incident.geo_precision or "town"
        if not (incident.admin1 or incident.admin2):
            incident.admin1, incident.admin2 = place.admin1, place.admin2
    elif incident.latitude is not None and incident.longitude is not None and not (incident.admin1 or incident.admin2):
        inside = load_admin_areas().at(incident.latitude, incident.longitude)
        if inside is None:  # outside Syria's outlines: the nearest place tells (None abroad)
            found = gazetteer.reverse(incident.latitude, incident.longitude)
            inside = (found.admin1, found.admin2) if found.admin1 else None
        incident.admin1, incident.admin2 = inside or (None, None)
    if incident.region is None:
        incident.region = vocab.region_for(incident.admin1, incident.admin2)
    return []
