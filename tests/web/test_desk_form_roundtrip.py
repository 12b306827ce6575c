"""Nothing typed into the entry form is lost: every control it has is stored, read back and shown again.

The list of controls comes from the rendered form itself, so a field added to the form that the server ignores,
or an input whose name the server does not read, fails here.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from marsad.domain.access import Access
from marsad.domain.incident import CASUALTY_COLUMNS, DEATH_ESTIMATE_FIELDS, ORIGINAL_NAME_FIELDS, Incident
from marsad.domain.roles import Role
from marsad.storage.queries import get_incident
from marsad.storage.revisions import history
from tests.web.desk_helpers import add_user, sign_in
from tests.web.forms import form_controls, submitted

FORM = "incident-form"
NOT_DATA = {"csrf_token", "version", "not_duplicate"}
TODAY = dt.date.today()


def _typed(day: dt.date, n: int, place: str, kind: str = "raid") -> dict[str, str | list[str]]:
    """A value for every control of the form; ``n`` makes each pass's values differ from the other's."""
    return {
        "kind": kind,
        "type": ["raid", "security_operation"][n],
        "date": day.isoformat(),
        "date_precision": ["day", "week"][n],
        "date_earliest": [(day - dt.timedelta(days=2)).isoformat(), ""][n],
        "date_latest": [(day + dt.timedelta(days=1)).isoformat(), (day + dt.timedelta(days=6)).isoformat()][n],
        "perpetrator": ["isis", "ahrar_al_shaab"][n],
        "attribution": ["suspected", "attributed"][n],
        "grade": ["fair", "contested"][n],
        "target": ["civilian", "official"][n],
        "target_detail": [f"cell leader {n}", "a council member"][n],
        "place": place,
        "latitude": ["37.0522", "35.0207"][n],
        "longitude": ["41.2317", "40.4516"][n],
        "geo_precision": ["town", "district"][n],
        "military_killed": str(1 + n),
        "military_injured": str(2 + n),
        "civilian_killed": str(3 + n),
        "civilian_injured": str(4 + n),
        "perpetrators_killed": str(5 + n),
        "unknown_killed": str(7 + n),
        **_ranges(n),
        "deaths_low": str(20 + n),
        "deaths_best": str(22 + n),
        "deaths_high": str(30 + n),
        "arrests": str(6 + n),
        "conducted_by": ["asayish", "coalition"][n],
        "perpetrator_original": ["Islamic State (Syria)", "Harakat Ahrar al-Shaab"][n],
        "target_original": ["Civilians (Syria)", "Government of Syria (2000-2024)"][n],
        "conducted_by_original": ["Asayish: Kurdish Internal Security Forces", "Operation Inherent Resolve"][n],
        "description": [f"Raid number {n} on a cell — «مداهمة»", "Second description"][n],
        "notes": [f"internal note {n}", "another internal note"][n],
        "tags": ["night | joint", "revised"][n],
        "status": ["in_review", "published"][n],
        "source_url": [f"https://example.org/a/{n}", f"https://example.org/b/{n}"],
        "source_publisher": [f"Publisher A{n}", f"Publisher B{n}"],
        "source_source_type": [["local_media", "official_statement"][n], ["social_media", "claim"][n]],
        "source_language": [["ar", "en"][n], ["ckb", "ku"][n]],
        "source_published": [(day - dt.timedelta(days=n)).isoformat(), day.isoformat()],
        "source_title": [f"Title A{n}", f"Title B{n}"],
        "source_excerpt": [f"Excerpt A{n}", f"مقتطف B{n}"],
    }


def _ranges(n: int) -> dict[str, str]:
    """A low and a high for every count, typed on the first pass; the second clears some and changes others."""
    typed = {
        "military_killed_low": ["0", ""],
        "military_killed_high": ["3", "2"],
        "military_injured_low": ["1", "3"],
        "military_injured_high": ["", "9"],
        "civilian_killed_low": ["2", ""],
        "civilian_killed_high": ["5", ""],
        "civilian_injured_low": ["4", "1"],
        "civilian_injured_high": ["6", "5"],
        "perpetrators_killed_low": ["", "6"],
        "perpetrators_killed_high": ["8", "6"],
        "unknown_killed_low": ["7", "0"],
        "unknown_killed_high": ["12", "40"],
    }
    return {name: values[n] for name, values in typed.items()}


def _stored(incident: Incident) -> dict[str, str | list[str]]:
    """The stored incident written back as form values, to compare with what was typed."""

    def text(value: object) -> str:
        return "" if value is None else str(value)

    def number(value: float | None) -> str:
        return "" if value is None else f"{value:.4f}"

    sources = incident.sources
    return {
        "kind": incident.kind,
        "type": incident.type,
        "date": incident.date.isoformat(),
        "date_precision": incident.date_precision,
        "date_earliest": text(incident.date_earliest),
        "date_latest": text(incident.date_latest),
        "perpetrator": incident.perpetrator,
        "attribution": incident.attribution,
        "grade": incident.grade,
        "target": text(incident.target),
        "target_detail": text(incident.target_detail),
        "place": text(incident.place),
        "latitude": number(incident.latitude),
        "longitude": number(incident.longitude),
        "geo_precision": text(incident.geo_precision),
        **{name: text(getattr(incident, name)) for name in _COUNTS},
        "arrests": text(incident.arrests),
        "conducted_by": text(incident.conducted_by),
        **{name: text(getattr(incident, name)) for name in ORIGINAL_NAME_FIELDS},
        "description": text(incident.description),
        "notes": text(incident.notes),
        "tags": " | ".join(incident.tags),
        "status": incident.status,
        "source_url": [text(s.url) for s in sources],
        "source_publisher": [text(s.publisher) for s in sources],
        "source_source_type": [text(s.source_type) for s in sources],
        "source_language": [text(s.language) for s in sources],
        "source_published": [text(s.published) for s in sources],
        "source_title": [text(s.title) for s in sources],
        "source_excerpt": [text(s.excerpt) for s in sources],
    }


_COUNTS = (*CASUALTY_COLUMNS, *DEATH_ESTIMATE_FIELDS)


def _form_names(html: str) -> set[str]:
    return {c.name for c in form_controls(html, FORM)} - NOT_DATA


def _post(client: TestClient, url: str, csrf: str, values: dict[str, str | list[str]], version: str = "") -> str:
    response = client.post(url, data={"csrf_token": csrf, "version": version, "not_duplicate": "1", **values})
    assert response.status_code == 200, response.text[:2000]  # followed the 303 to the saved incident
    return str(response.url.path).rsplit("/", 1)[1]


def _version(html: str) -> str:
    return next(c.value for c in form_controls(html, FORM) if c.name == "version")


@pytest.fixture
def editor(client: TestClient, session: Session) -> str:
    add_user(session, Role.EDITOR)
    return sign_in(client, "editor@example.org")


def test_every_control_of_the_form_is_stored_on_create_and_on_edit(
    client: TestClient, session: Session, editor: str
) -> None:
    blank = client.get("/desk/incidents/new").text
    first = _typed(TODAY - dt.timedelta(days=3), 0, "Qamishli")
    # every control the form shows is typed here, and nothing that it does not show
    assert _form_names(blank) == set(first)

    incident_id = _post(client, "/desk/incidents/new", editor, first)
    created = get_incident(session, incident_id, Access.INTERNAL)
    assert created is not None
    assert _stored(created) == first
    assert [s.accessed for s in created.sources] == [TODAY, TODAY]

    page = client.get(f"/desk/incidents/{incident_id}").text
    second = _typed(TODAY - dt.timedelta(days=9), 1, "al-Mayadin")
    assert _form_names(page) == set(second)
    _post(client, f"/desk/incidents/{incident_id}", editor, second, _version(page))
    edited = get_incident(session, incident_id, Access.INTERNAL)
    assert edited is not None
    assert _stored(edited) == second


def test_saving_the_form_unchanged_changes_nothing_and_keeps_access_dates_and_archives(
    client: TestClient, session: Session, editor: str
) -> None:
    incident_id = _post(client, "/desk/incidents/new", editor, _typed(TODAY - dt.timedelta(days=3), 0, "Qamishli"))
    # as if the sources had been read and archived on an earlier day
    stored = get_incident(session, incident_id, Access.INTERNAL)
    assert stored is not None
    earlier = TODAY - dt.timedelta(days=30)
    for source in stored.sources:
        source.accessed = earlier
    stored.sources[0].archive_sha256 = "ab" * 32
    from marsad.domain.vocabulary import load_vocabularies
    from marsad.storage.incident_store import IncidentWriter

    IncidentWriter(session, load_vocabularies(), actor="test", via="test").write([stored])
    revisions_before = len(history(session, incident_id))

    page = client.get(f"/desk/incidents/{incident_id}").text
    as_sent: defaultdict[str, list[str]] = defaultdict(list)
    for name, value in submitted(form_controls(page, FORM)):
        as_sent[name].append(value)
    client.post(f"/desk/incidents/{incident_id}", data=dict(as_sent))

    again = get_incident(session, incident_id, Access.INTERNAL)
    assert again is not None
    assert len(history(session, incident_id)) == revisions_before  # no change nobody made
    assert [s.accessed for s in again.sources] == [earlier, earlier]
    assert again.sources[0].archive_sha256 == "ab" * 32
    assert [s.source_type for s in again.sources] == ["local_media", "social_media"]
    assert [s.language for s in again.sources] == ["ar", "ckb"]


def test_a_changed_link_is_a_new_reading_and_loses_the_old_archive(
    client: TestClient, session: Session, editor: str
) -> None:
    typed = _typed(TODAY - dt.timedelta(days=3), 0, "Qamishli")
    incident_id = _post(client, "/desk/incidents/new", editor, typed)
    stored = get_incident(session, incident_id, Access.INTERNAL)
    assert stored is not None
    for source in stored.sources:
        source.accessed = TODAY - dt.timedelta(days=30)
        source.archive_sha256 = "cd" * 32
    from marsad.domain.vocabulary import load_vocabularies
    from marsad.storage.incident_store import IncidentWriter

    IncidentWriter(session, load_vocabularies(), actor="test", via="test").write([stored])
    page = client.get(f"/desk/incidents/{incident_id}").text
    moved = {**typed, "source_url": ["https://example.org/a/0", "https://example.org/moved"]}
    _post(client, f"/desk/incidents/{incident_id}", editor, moved, _version(page))
    again = get_incident(session, incident_id, Access.INTERNAL)
    assert again is not None
    kept, changed = again.sources
    assert (kept.accessed, kept.archive_sha256) == (TODAY - dt.timedelta(days=30), "cd" * 32)
    assert (changed.accessed, changed.archive_sha256) == (TODAY, None)
