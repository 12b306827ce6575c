"""`marsad extract train`'s service: the desk's judged texts from the database, the model in the data folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import insert
from sqlalchemy.orm import Session

from marsad.domain.incident import Source
from marsad.domain.intake import ChannelKind
from marsad.domain.vocabulary import Vocabularies
from marsad.extraction.learning import ModelError
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.services.extraction_learning import extractor_for, model_path, train_model, training_examples
from marsad.storage.incident_store import IncidentWriter
from marsad.storage.intake_store import add_channel
from marsad.storage.tables import INTAKE_ITEMS
from tests.extraction.test_learning import examples
from tests.helpers import attack


def _store(session: Session, vocab: Vocabularies, count: int) -> None:
    """Confirmed attacks with the texts they came from, a withdrawn one, and dismissed inbox items (synthetic)."""
    texts = examples(count)
    incidents = [
        attack(
            id=f"2019-07-{n:04d}",
            type=e.type,
            status="withdrawn" if n == 1 else "published",
            sources=[Source(url=f"https://example.org/{n}", excerpt=e.text)],
        )
        for n, e in enumerate((e for e in texts if e.relevant), 1)
    ]
    IncidentWriter(session, vocab, actor="t", via="test").write(incidents)
    channel = add_channel(session, ChannelKind.WEB, "web:test", "pasted")
    now = dt.datetime(2024, 5, 1, tzinfo=dt.UTC)
    session.execute(
        insert(INTAKE_ITEMS),
        [
            {
                "channel_id": channel.id,
                "external_id": str(n),
                "revision": 0,
                "posted_at": now,
                "imported_at": now,
                "text": e.text,
                "search_text": e.text,
                "status": "dismissed",
                "has_suggestion": False,
                "version": 1,
            }
            for n, e in enumerate(e for e in texts if not e.relevant)
        ],
    )


def test_the_model_learns_from_confirmed_incidents_and_dismissed_items(
    session: Session, vocab: Vocabularies, gazetteer: Gazetteer, tmp_path: Path
) -> None:
    _store(session, vocab, 240)
    relevant = [e.text for e in examples(240) if e.relevant]
    learnt_from = set(relevant[1:])  # the first incident is withdrawn: its values were not kept
    dismissed = {e.text for e in examples(240) if not e.relevant} - learnt_from
    judged = training_examples(session)
    assert len(judged) == len(learnt_from) + len(dismissed)  # each text once
    assert {e.type for e in judged if e.relevant} == {"ied", "armed_attack"}
    assert {e.text for e in judged if not e.relevant} == dismissed
    model = train_model(session, model_path(tmp_path), min_examples=150)
    assert model.examples == len(judged) and model.relevance_model is not None and model.type_model is not None
    learnt = extractor_for(tmp_path, gazetteer)
    assert learnt.model is not None
    assert "relevant" in learnt.extract("Gunmen opened fire on a checkpoint in Hajin.").suggestions
    assert extractor_for(tmp_path / "elsewhere", gazetteer).model is None  # no model trained there: the rules alone


def test_training_on_too_few_texts_writes_nothing(session: Session, vocab: Vocabularies, tmp_path: Path) -> None:
    _store(session, vocab, 30)
    with pytest.raises(ModelError, match="needs at least 200"):
        train_model(session, model_path(tmp_path))
    assert not model_path(tmp_path).exists()
