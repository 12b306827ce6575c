"""Typed dependencies that make route signatures read like prose: a read-only session, the vocabularies, and
the selection a public request makes."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from marsad.domain.filters import IncidentFilter
from marsad.domain.vocabulary import Vocabularies, load_vocabularies
from marsad.gazetteer.gazetteer import load_gazetteer
from marsad.storage.engine import session_factory


def get_session(request: Request) -> Iterator[Session]:
    """A session for one request, committed when the request succeeds (public requests only read)."""
    with session_factory(request.app.state.engine)() as session:
        yield session
        session.commit()


def get_vocabularies() -> Vocabularies:
    return load_vocabularies()


def public_selection(params: Mapping[str, str | Sequence[str] | None], vocab: Vocabularies) -> IncidentFilter:
    """What a public page or API call selects: the reports' counting rule unless counted=all; ``q`` also finds
    incidents at the place it names, in any spelling the gazetteer knows. Raises FilterError."""
    return IncidentFilter.public(params, vocab, load_gazetteer().places_named)


SessionDep = Annotated[Session, Depends(get_session)]
VocabDep = Annotated[Vocabularies, Depends(get_vocabularies)]
