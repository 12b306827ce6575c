"""`marsad check`: sources a desk save stripped of their type, language, access date or archive are found
from the history and given back."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from sqlalchemy.orm import Session

from marsad.domain.access import Access
from marsad.domain.incident import Source
from marsad.domain.vocabulary import Vocabularies
from marsad.services.checks import lost_source_details, mend_lost_source_details
from marsad.storage.incident_store import IncidentWriter
from marsad.storage.queries import get_incident
from marsad.storage.revisions import history
from tests.helpers import attack

READ_ON = dt.date(2023, 11, 3)
SAVED_ON = dt.date(2023, 12, 1)
DIGEST = "0f" * 32


def _damaged(session: Session, vocab: Vocabularies) -> None:
    """An incident as the old entry form left it: its sources saved without type, language or archive."""
    sources = [
        Source(
            url="https://example.org/1",
            publisher="Local news",
            source_type="local_media",
            language="ar",
            accessed=READ_ON,
            archive_sha256=DIGEST,
        ),
        Source(title="SDF statement", source_type="official_statement", language="en", accessed=READ_ON),
    ]
    original = attack(id="2023-11-0001", date=dt.date(2023, 11, 2), sources=sources)
    IncidentWriter(session, vocab, actor="import", via="import").write([original])
    stripped = [Source(url=s.url, title=s.title, publisher=s.publisher, accessed=SAVED_ON) for s in sources]
    edited = replace(original, sources=stripped, description="Edited on the desk.")
    IncidentWriter(session, vocab, actor="rania@example.org", via="web").write([edited])


def test_the_losses_of_a_desk_save_are_listed_with_what_was_there(session: Session, vocab: Vocabularies) -> None:
    _damaged(session, vocab)
    losses = {
        (loss.position, loss.field): (loss.value, loss.now, loss.lost_by) for loss in lost_source_details(session)
    }
    assert losses == {
        (0, "source_type"): ("local_media", None, "rania@example.org"),
        (0, "language"): ("ar", None, "rania@example.org"),
        (0, "accessed"): ("2023-11-03", "2023-12-01", "rania@example.org"),
        (0, "archive_sha256"): (DIGEST, None, "rania@example.org"),
        (1, "source_type"): ("official_statement", None, "rania@example.org"),
        (1, "language"): ("en", None, "rania@example.org"),
        (1, "accessed"): ("2023-11-03", "2023-12-01", "rania@example.org"),
    }


def test_repair_puts_the_values_back_as_a_revision_and_then_nothing_is_listed(
    session: Session, vocab: Vocabularies
) -> None:
    _damaged(session, vocab)
    assert mend_lost_source_details(session, lost_source_details(session), vocab, "cli:admin") == 1
    mended = get_incident(session, "2023-11-0001", Access.INTERNAL)
    assert mended is not None
    assert [(s.source_type, s.language, s.accessed, s.archive_sha256) for s in mended.sources] == [
        ("local_media", "ar", READ_ON, DIGEST),
        ("official_statement", "en", READ_ON, None),
    ]
    assert mended.description == "Edited on the desk."  # the editor's own change stays
    assert history(session, "2023-11-0001")[-1].via == "cli"
    assert lost_source_details(session) == []


def test_a_value_the_editor_changed_on_purpose_later_is_not_listed(session: Session, vocab: Vocabularies) -> None:
    _damaged(session, vocab)
    incident = get_incident(session, "2023-11-0001", Access.INTERNAL)
    assert incident is not None
    incident.sources = [replace(incident.sources[0], source_type="social_media", language="ku"), incident.sources[1]]
    IncidentWriter(session, vocab, actor="rania@example.org", via="web").write([incident])
    fields = {(loss.position, loss.field) for loss in lost_source_details(session)}
    assert (0, "source_type") not in fields and (0, "language") not in fields
    assert (1, "source_type") in fields
