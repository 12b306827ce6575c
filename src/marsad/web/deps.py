"""Typed dependencies that make route signatures read like prose: the request's session, the application's
vocabularies and gazetteer, the posted form, and the selection a public request makes.

The application (``marsad.application``) is the one ``create_app`` built, kept in ``app.state``: routes reach
the settings, the engine, the vocabularies and the gazetteer through it, never through a process-wide copy.

A request's session commits when the route returns and *before* the answer is sent (FastAPI's "function"
scope): a 303 after a save, or a sign-in cookie, is never sent for work that might still roll back.
What a request may write is decided here, once: GET and HEAD write nothing; routes marked ``@signs_in``
write only the sign-in schema (so they never wait behind an import); every other change writes data.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator, Mapping, Sequence
from typing import Annotated, Any, TypeVar, cast

from fastapi import Depends, Path, Query, Request
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from marsad.application import Application
from marsad.domain.filters import IncidentFilter
from marsad.domain.vocabulary import Vocabularies
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.storage.engine import Writes, session_factory

READING_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_SIGNING_IN: set[Callable[..., Any]] = set()
Endpoint = TypeVar("Endpoint", bound=Callable[..., Any])


def signs_in(endpoint: Endpoint) -> Endpoint:
    """Mark a route that writes only sign-in state (sessions, sign-in events)."""
    _SIGNING_IN.add(endpoint)
    return endpoint


def _writes(request: Request) -> Writes:
    if request.method in READING_METHODS:
        return Writes.NOTHING
    route = request.scope.get("route")
    return Writes.SIGNINS if getattr(route, "endpoint", None) in _SIGNING_IN else Writes.DATA


def application_of(request: Request) -> Application:
    """The application this site was built with."""
    return cast(Application, request.app.state.application)


def gazetteer_of(request: Request) -> Gazetteer:
    return application_of(request).gazetteer


def get_session(request: Request) -> Iterator[Session]:
    """A session for one request, committed when the route succeeds, before the answer leaves."""
    with session_factory(application_of(request).engine, _writes(request))() as session:
        yield session
        session.commit()


async def read_form(request: Request) -> AsyncIterator[FormData]:
    """The posted form, read on the event loop so that the route itself (and its database work) can run in a
    worker thread; uploaded files are closed when the request is done."""
    async with request.form() as form:
        yield form


async def get_vocabularies(request: Request) -> Vocabularies:
    """Async: reading an attribute needs no worker thread (a sync dependency is a thread's turn of its own)."""
    return application_of(request).vocabularies


def public_selection(
    request: Request, params: Mapping[str, str | Sequence[str] | None], vocab: Vocabularies
) -> IncidentFilter:
    """What a public page or API call selects: the reports' counting rule unless counted=all; ``q`` also finds
    incidents at the place it names, in any spelling the gazetteer knows; ``lang`` is the page's language, not a
    filter. Raises FilterError."""
    filters = {k: v for k, v in params.items() if k != "lang"}
    return IncidentFilter.public(filters, vocab, gazetteer_of(request).places_named)


SessionDep = Annotated[Session, Depends(get_session, scope="function")]
VocabDep = Annotated[Vocabularies, Depends(get_vocabularies)]
GazetteerDep = Annotated[Gazetteer, Depends(gazetteer_of)]
AppDep = Annotated[Application, Depends(application_of)]
FormDep = Annotated[FormData, Depends(read_form)]
# Ids and page numbers in a URL are 32-bit like the database's integers: a larger one names nothing (a 422).
MAX_ROW = 2**31 - 1
RowId = Annotated[int, Path(ge=1, le=MAX_ROW)]
PageNumber = Annotated[int, Query(ge=1, le=MAX_ROW)]
