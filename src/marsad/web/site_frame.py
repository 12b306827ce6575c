"""What every public page's frame shows: the site's title and scope, and the figures of the banner shown when
the data is invented (``_synthetic_banner.html`` words it).

The public routers load the frame once per request (``frame_dependency``); the templates object reads it
through its context processor, so no route has to remember to pass it.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Depends, Request

from marsad.domain.access import Access
from marsad.domain.filters import IncidentFilter
from marsad.i18n.catalogues import N_
from marsad.settings import Publisher
from marsad.storage.queries import count_synthetic
from marsad.web.deps import SessionDep, application_of
from marsad.web.figure_cache import cached, public_count

# Shown in the reader's language; a team's own scope (MARSAD_SCOPE) is shown as the team wrote it.
DEFAULT_SCOPE = N_("A fully-sourced dataset of attacks and counter-terror raids: a map, the data and monthly reports.")


@dataclass(frozen=True)
class SiteFrame:
    title: str
    scope: str
    published: int = 0  # published incidents
    synthetic: int = 0  # of them invented (demo data)


def _frame_of(publisher: Publisher, published: int = 0, synthetic: int = 0) -> SiteFrame:
    return SiteFrame(publisher.site_title, publisher.scope or DEFAULT_SCOPE, published, synthetic)


def load_frame(request: Request, session: SessionDep) -> None:
    """Count once per data version what the frame says about the data, for this request's pages."""
    publisher: Publisher = application_of(request).settings.publisher
    published = public_count(request, session, IncidentFilter())
    synthetic: int = cached(request, session, ("synthetic",), lambda: count_synthetic(session, Access.PUBLIC))
    request.state.frame = _frame_of(publisher, published, synthetic)


frame_dependency = Depends(load_frame)


def frame_context(request: Request) -> dict[str, object]:
    """The frame for every template (settings alone on pages outside the public routers, e.g. a 404)."""
    frame = getattr(request.state, "frame", None)
    return {"site": frame or _frame_of(application_of(request).settings.publisher)}
