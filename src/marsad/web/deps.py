"""Typed dependencies that make route signatures read like prose: a read-only session, the vocabularies."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from marsad.domain.vocabulary import Vocabularies, load_vocabularies
from marsad.storage.engine import session_factory


def get_session(request: Request) -> Iterator[Session]:
    """A session for one request, committed when the request succeeds (public requests only read)."""
    with session_factory(request.app.state.engine)() as session:
        yield session
        session.commit()


def get_vocabularies() -> Vocabularies:
    return load_vocabularies()


SessionDep = Annotated[Session, Depends(get_session)]
VocabDep = Annotated[Vocabularies, Depends(get_vocabularies)]
