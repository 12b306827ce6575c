"""The duplicate panel of the entry form: what differs is highlighted, and "add my sources to that incident"
adds the typed sources to the existing incident (one write path, a revision, the role's rules) instead of a
second record."""

from __future__ import annotations

import datetime as dt
import re

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from marsad.domain.access import Access
from marsad.domain.filters import IncidentFilter
from marsad.domain.incident import Source
from marsad.domain.roles import Role
from marsad.domain.vocabulary import Vocabularies
from marsad.storage.incident_store import IncidentWriter
from marsad.storage.queries import count_incidents, get_incident
from marsad.storage.revisions import history
from tests.helpers import attack
from tests.web.desk_helpers import add_user, sign_in
from tests.web.test_desk import entry

YESTERDAY = dt.date.today() - dt.timedelta(days=1)
KNOWN = "https://example.org/statement/1"  # the existing incident's source


def existing(session: Session, vocab: Vocabularies, status: str) -> None:
    incident = attack(id="2026-01-0001", date=YESTERDAY, place="Qamishli", latitude=37.0522, longitude=41.2319)
    incident.status = status
    IncidentWriter(session, vocab, actor="t", via="test").write([incident])


def two_sources(csrf: str) -> dict[str, str | list[str]]:
    """The entry a colleague types: one source the incident has, one it lacks (every field filled in)."""
    return entry(
        csrf,
        source_url=[KNOWN, "https://example.org/anha/qamishli"],
        source_publisher=["Asayish", "ANHA"],
        source_source_type=["official_statement", "local_media"],
        source_language=["ar", "ku"],
        source_published=["", YESTERDAY.isoformat()],
        source_title=["", "Attack on a checkpoint"],
        source_excerpt=["", "Two fighters were killed"],
    )


def test_the_panel_highlights_what_differs_and_the_sources_go_to_that_incident(
    client: TestClient, session: Session, vocab: Vocabularies
) -> None:
    existing(session, vocab, "in_review")
    csrf = sign_in(client, add_user(session, Role.CONTRIBUTOR))
    before = count_incidents(session, IncidentFilter(), Access.INTERNAL)
    panel = client.post("/desk/incidents/new", data=two_sources(csrf))
    assert panel.status_code == 409
    found = re.findall(r'<tr( class="differs")?><th scope="row">([^<]+)', panel.text)
    rows = {label.strip(): bool(mark) for mark, label in found}
    assert not rows["Date"] and rows["Type"] and rows["Description"], rows
    assert '<td dir="auto" class="differs">IED against an Asayish patrol.</td>' in panel.text
    button = re.search(r'<button type="submit" form="entry-form" formaction="([^"]+)" formnovalidate>', panel.text)
    assert button and button.group(1) == "/desk/incidents/2026-01-0001/sources"
    assert "Add my sources to 2026-01-0001" in panel.text

    added = client.post(button.group(1), data=two_sources(csrf), follow_redirects=False)
    assert added.headers["location"] == "/desk/incidents/2026-01-0001?sources_added=1&sources_had=1"
    page = client.get(added.headers["location"]).text
    assert "Added 1 source from your entry to this incident. It already had 1 other." in page
    session.expire_all()
    kept = get_incident(session, "2026-01-0001", Access.INTERNAL)
    assert kept is not None and kept.status == "in_review" and kept.description == "IED against an Asayish patrol."
    assert kept.sources[1] == Source(
        url="https://example.org/anha/qamishli",
        title="Attack on a checkpoint",
        publisher="ANHA",
        source_type="local_media",
        language="ku",
        published=YESTERDAY,
        accessed=dt.date.today(),
        excerpt="Two fighters were killed",
    )
    assert [s.url for s in kept.sources] == [KNOWN, "https://example.org/anha/qamishli"]
    assert count_incidents(session, IncidentFilter(), Access.INTERNAL) == before  # no second record
    last = history(session, "2026-01-0001")[-1]
    assert (last.field, last.actor, last.via) == ("sources", "contributor@example.org", "web")

    again = client.post(button.group(1), data=two_sources(csrf), follow_redirects=True)
    assert "Nothing added: this incident already had those sources." in again.text


def test_a_contributor_cannot_add_sources_to_a_published_incident(
    client: TestClient, session: Session, vocab: Vocabularies
) -> None:
    existing(session, vocab, "published")
    csrf = sign_in(client, add_user(session, Role.CONTRIBUTOR))
    panel = client.post("/desk/incidents/new", data=two_sources(csrf)).text
    assert "Add my sources to" not in panel and "Published: an editor can add sources to it." in panel
    refused = client.post("/desk/incidents/2026-01-0001/sources", data=two_sources(csrf))
    assert refused.status_code == 403 and "Not added to 2026-01-0001" in refused.text
    assert "https://example.org/anha/qamishli" in refused.text  # what was typed stays in the form
    session.expire_all()
    kept = get_incident(session, "2026-01-0001", Access.INTERNAL)
    assert kept is not None and [s.url for s in kept.sources] == [KNOWN]


def test_sources_are_checked_as_a_save_checks_them(client: TestClient, session: Session, vocab: Vocabularies) -> None:
    existing(session, vocab, "draft")
    csrf = sign_in(client, add_user(session, Role.EDITOR))
    bad = two_sources(csrf) | {"source_published": ["", "14/07/2019"]}
    refused = client.post("/desk/incidents/2026-01-0001/sources", data=bad)
    assert refused.status_code == 422 and "is not a date" in refused.text
    none = entry(csrf, source_url=[""], source_publisher=[""], source_source_type=[""])
    assert "Type the sources to add first." in client.post("/desk/incidents/2026-01-0001/sources", data=none).text
    assert client.post("/desk/incidents/2099-01-0001/sources", data=two_sources(csrf)).status_code == 404
    session.expire_all()
    kept = get_incident(session, "2026-01-0001", Access.INTERNAL)
    assert kept is not None and [s.url for s in kept.sources] == [KNOWN]
