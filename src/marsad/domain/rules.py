"""What makes an incident valid, and how its headline-counting default is decided.

These rules hold whatever wrote the incident (an import, the CLI, the web form), so they live here and are
checked on the one path that writes incidents.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from marsad.domain.incident import COUNT_FIELDS, Incident
from marsad.domain.vocabulary import Vocabularies

_WHITESPACE = re.compile(r"\s")
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,39}$")
NOT_CONFIRMED = "not confirmed"
OUTSIDE_AREA = "outside the monitored area"
RefuseFn = Callable[[str, str], None]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one field, said so that the researcher knows what to fix."""

    field: str
    reason: str


def default_counting(incident: Incident) -> None:
    """Counted in headline figures unless unconfirmed or outside every region, with the reason kept."""
    if incident.counted is None:
        incident.counted = incident.confirmed and incident.region is not None
        if not incident.counted and not incident.exclusion_reason:
            incident.exclusion_reason = NOT_CONFIRMED if not incident.confirmed else OUTSIDE_AREA


def check_incident(incident: Incident, vocab: Vocabularies, today: dt.date | None = None) -> list[Problem]:
    """Every rule the incident breaks (empty when it may be stored)."""
    problems: list[Problem] = []

    def refuse(field: str, reason: str) -> None:
        problems.append(Problem(field, reason))

    if incident.id is not None and not ID_PATTERN.match(incident.id):
        refuse("id", f"'{incident.id}' is not a usable id (letters, digits, '.', '_', ':', '-'; at most 40)")
    if incident.kind not in vocab.kinds:
        refuse("kind", f"'{incident.kind}' is not a kind; allowed: {', '.join(vocab.kinds.keys)}")
    elif incident.type not in vocab.types_for_kind(incident.kind):
        allowed = ", ".join(vocab.types_for_kind(incident.kind))
        refuse("type", f"'{incident.type}' is not a type of {incident.kind}; allowed: {allowed}")
    if incident.date > (today or dt.date.today()):
        refuse("date", f"{incident.date.isoformat()} is in the future")
    _check_location(incident, refuse)
    for name in COUNT_FIELDS:
        value = getattr(incident, name)
        if value is not None and value < 0:
            refuse(name, f"{value} is negative; counts are 0 or more (leave blank if not reported)")
    if incident.kind != "raid":
        for name in ("arrests", "conducted_by"):
            if getattr(incident, name) is not None:
                refuse(name, f"{name} is recorded for raids only, and this incident is a {incident.kind}")
    if incident.counted and incident.exclusion_reason:
        refuse("exclusion_reason", "an incident that is counted has no exclusion reason")
    for tag in incident.tags:
        if "|" in tag or not tag.strip():
            refuse("tags", f"'{tag}' is not a usable tag (tags are separated by '|' and cannot be empty)")
    for position, source in enumerate(incident.sources, start=1):
        if not (source.url or source.title or source.publisher):
            refuse("sources", f"source {position} has neither a URL, a title nor a publisher")
        if source.url and _WHITESPACE.search(source.url):
            refuse("sources", f"source {position}: '{source.url}' is not a URL (it contains a space)")
    if incident.status == "published" and not incident.sources:
        refuse("sources", "a published incident needs at least one source")
    return problems


def _check_location(incident: Incident, refuse: RefuseFn) -> None:
    lat, lon = incident.latitude, incident.longitude
    if (lat is None) != (lon is None):
        refuse(
            "longitude" if lon is None else "latitude",
            "latitude and longitude go together: give both or neither",
        )
    if lat is not None and not -90 <= lat <= 90:
        refuse("latitude", f"{lat} is not a latitude (between -90 and 90)")
    if lon is not None and not -180 <= lon <= 180:
        refuse("longitude", f"{lon} is not a longitude (between -180 and 180)")
