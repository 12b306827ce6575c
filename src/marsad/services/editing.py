"""Entering and editing incidents on the desk: the same validation as an import, field by field, with
warnings, the duplicate guard, role rules for statuses and optimistic locking.

The caller owns the transaction; nothing here commits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from marsad.domain.access import Access
from marsad.domain.geo import SAME_EVENT_DAYS, SAME_EVENT_KM, distance_km
from marsad.domain.incident import CANONICAL_COLUMNS, Incident, Source, source_identity
from marsad.domain.keys import Kind, Status
from marsad.domain.phrases import Phrase
from marsad.domain.roles import Permission
from marsad.domain.vocabulary import Vocabularies
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.gazetteer.locate import locate
from marsad.io.canonical import RawRow
from marsad.services.accounts import User, record
from marsad.services.importing import validate_row
from marsad.storage.incident_store import IncidentWriter, StaleVersionError
from marsad.storage.queries import get_incident, incident_version, incidents_near

# Fields the form sends, in the codebook's order (sources come as parallel lists, one value per source row).
# Districts, region and counting are derived on saving, as on import.
DERIVED_FIELDS = frozenset({"id", "admin1", "admin2", "region", "counted", "exclusion_reason", "sources"})
FORM_FIELDS = tuple(c for c in CANONICAL_COLUMNS if c not in DERIVED_FIELDS)
# A source row's inputs are named ``source_<field>`` (``source_url``, ``source_source_type``…): the form and the
# server derive the names from this one tuple. ``accessed`` and ``archive_sha256`` are not typed: they are kept
# from the stored source with the same link (see ``sources_from_form``).
SOURCE_FORM_FIELDS = ("url", "title", "publisher", "source_type", "language", "published", "excerpt")
KEPT_SOURCE_FIELDS = ("accessed", "archive_sha256")


def source_input(field: str) -> str:
    """The name of a source row's input for ``field`` in the entry form."""
    return f"source_{field}"


class EditRefused(ValueError):
    """A save the user's role does not allow; the message says who may."""


class EditConflict(ValueError):
    """Someone saved the incident since this form was opened; ``current`` is their version."""

    def __init__(self, current: Incident, version: int) -> None:
        self.current = current
        self.version = version
        super().__init__(f"{current.id} was changed by someone else (now version {version})")


@dataclass
class Checked:
    """A form checked: the incident when it can be stored, else the problems by field; warnings either way."""

    incident: Incident | None
    errors: dict[str, list[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def sources_from_form(
    columns: Mapping[str, Sequence[str]], stored: Sequence[Source] = (), today: dt.date | None = None
) -> list[dict[str, str]]:
    """Source rows from parallel lists (``source_url``, ``source_publisher``, …), blank rows left out.

    A row that names the same link (or, without a link, the same title and publisher) as a ``stored`` source
    keeps that source's access date and archived copy: saving a form must not pretend the page was read again
    today, nor drop the proof of what it said. A new or changed link is accessed today.
    """
    width = max((len(columns.get(source_input(name), ())) for name in SOURCE_FORM_FIELDS), default=0)
    kept = {source_identity(s.url, s.title, s.publisher): s for s in stored}
    rows = []
    for position in range(width):
        row: dict[str, str] = {}
        for name in SOURCE_FORM_FIELDS:
            values = columns.get(source_input(name), ())
            value = values[position].strip() if position < len(values) else ""
            if value:
                row[name] = value
        if not set(row) - {"source_type", "language"}:  # a row with only its type or language chosen is empty
            continue
        earlier = kept.get(source_identity(row.get("url"), row.get("title"), row.get("publisher")))
        for name in KEPT_SOURCE_FIELDS:
            kept_value = getattr(earlier, name, None)
            if kept_value:
                row[name] = kept_value.isoformat() if isinstance(kept_value, dt.date) else str(kept_value)
        row.setdefault("accessed", (today or dt.date.today()).isoformat())
        rows.append(row)
    return rows


def check_form(
    values: Mapping[str, str],
    sources: list[dict[str, str]],
    vocab: Vocabularies,
    gazetteer: Gazetteer,
    incident_id: str | None = None,
    today: dt.date | None = None,
) -> Checked:
    """The form as an incident, checked by the import's rules (so the desk and files agree)."""
    day = today or dt.date.today()
    raw = {name: values.get(name, "") for name in FORM_FIELDS}
    raw["id"] = incident_id or ""
    raw["sources"] = sources  # type: ignore[assignment]
    incident, row_errors = validate_row(RawRow("form", raw), vocab, gazetteer, day)
    errors: dict[str, list[str]] = {}
    for error in row_errors:
        errors.setdefault(error.column, []).append(error.reason)
    if errors:  # the import stops at the first failing stage; a form shows every field to fix at once
        for column, reason in _independent_checks(values, vocab, gazetteer, day):
            if column not in errors:
                errors[column] = [reason]
    warnings: list[str] = []
    if incident is not None and incident.latitude is not None and incident.region is None:
        warnings.append(
            Phrase(
                "{latitude}, {longitude} is outside the monitored area: the incident will not be counted in any "
                "region. Check the coordinates if that is not meant.",
                latitude=format(incident.latitude, ".4f"),
                longitude=format(incident.longitude, ".4f"),
            )
        )
    if incident is not None and incident.latitude is None:
        warnings.append(Phrase("No place or coordinates: the incident cannot be shown on the map."))
    return Checked(incident, errors, warnings)


def _independent_checks(
    values: Mapping[str, str], vocab: Vocabularies, gazetteer: Gazetteer, today: dt.date
) -> list[tuple[str, str]]:
    """Checks of the date and the place that need nothing else of the form to be right."""
    problems: list[tuple[str, str]] = []
    try:
        day = dt.date.fromisoformat(values.get("date", ""))
    except ValueError:
        day = None
    if day is not None and day > today:
        problems.append(("date", Phrase("{day} is in the future", day=day.isoformat())))
    if values.get("place", "").strip() and not (values.get("latitude") or values.get("longitude")):
        probe = Incident(id=None, kind=Kind.ATTACK, date=today, type="other", place=values["place"].strip())
        problems.extend(locate(probe, gazetteer, vocab))
    return problems


def possible_duplicates(session: Session, incident: Incident) -> list[Incident]:
    """Incidents of the same kind within a day and 5 km, which may be the same event recorded twice."""
    if incident.latitude is None or incident.longitude is None:
        return []
    span = dt.timedelta(days=SAME_EVENT_DAYS)
    nearby = incidents_near(
        session,
        incident.kind,
        incident.date - span,
        incident.date + span,
        incident.latitude,
        incident.longitude,
        SAME_EVENT_KM,
    )
    return [
        other
        for other in nearby
        if other.id != incident.id
        and other.latitude is not None
        and other.longitude is not None
        and distance_km(incident.latitude, incident.longitude, other.latitude, other.longitude) <= SAME_EVENT_KM
    ]


def allowed_statuses(user: User, current: str | None) -> list[Status]:
    """The statuses the form offers this user for an incident that now has ``current`` (None: a new one).

    Withdrawing is not among them: it needs a reason, given on its own form.
    """
    if user.role.can(Permission.PUBLISH):
        return [Status.DRAFT, Status.IN_REVIEW, Status.PUBLISHED] + (
            [Status.WITHDRAWN] if current == Status.WITHDRAWN else []
        )
    if current in (Status.PUBLISHED, Status.WITHDRAWN):
        return []
    return [Status.DRAFT, Status.IN_REVIEW]


def check_status_change(user: User, before: str | None, after: str) -> None:
    """Contributors keep to drafts and the review queue; publishing and published incidents are for editors."""
    if not user.role.can(Permission.EDIT):
        raise EditRefused(Phrase("your role ({role}) cannot edit incidents", role=user.role.value))
    if user.role.can(Permission.PUBLISH):
        return
    if before in (Status.PUBLISHED, Status.WITHDRAWN):
        raise EditRefused(
            Phrase(
                "your role ({role}) cannot change an incident that is {status}; an editor can",
                role=user.role.value,
                status=before,
            )
        )
    if after not in (Status.DRAFT, Status.IN_REVIEW):
        raise EditRefused(
            Phrase(
                "your role ({role}) cannot make an incident {status}: send it for review, an editor publishes it",
                role=user.role.value,
                status=after,
            )
        )


def save_incident(
    session: Session, incident: Incident, user: User, vocab: Vocabularies, expected_version: int | None = None
) -> str:
    """Store the incident as ``user`` (a revision per changed field) and return its id.

    A new incident has no id. Editing one needs the version the form was opened on: if someone saved it
    since, EditConflict carries their version and nothing is written.
    """
    current = get_incident(session, incident.id, Access.INTERNAL) if incident.id else None
    if incident.id and current is None:
        raise EditRefused(Phrase("there is no incident {id}", id=incident.id))
    check_status_change(user, current.status if current else None, incident.status)
    versions = {}
    if current is not None and current.id is not None:
        version = incident_version(session, current.id)
        if expected_version is None or version != expected_version:
            raise EditConflict(current, version or 0)
        versions[current.id] = expected_version
    try:
        IncidentWriter(session, vocab, actor=user.actor, via="web").write([incident], checked=True, versions=versions)
    except StaleVersionError:  # saved by someone else between the check above and the write: nothing written
        assert current is not None and current.id is not None
        raise EditConflict(*_latest(session, current.id)) from None
    assert incident.id is not None  # the writer gives new incidents their id
    record_status_change(session, user, incident.id, current.status if current else None, incident.status)
    return incident.id


def _latest(session: Session, incident_id: str) -> tuple[Incident, int]:
    latest = get_incident(session, incident_id, Access.INTERNAL)
    assert latest is not None
    return latest, incident_version(session, incident_id) or 0


def record_status_change(
    session: Session, user: User, incident_id: str, before: str | None, after: str, reason: str | None = None
) -> None:
    """Publishing, unpublishing and withdrawing go to the audit log: who published what, and when."""
    if before == after:
        return
    action = (
        after
        if after in (Status.PUBLISHED, Status.WITHDRAWN)
        else "unpublished"
        if before == Status.PUBLISHED
        else None
    )
    if action:
        record(session, user.actor, action, incident_id, reason)
