"""What every public page's frame shows: the site's title and scope, and a banner when the data is invented.

The public routers load the frame once per request (``frame_dependency``); the templates object reads it
through its context processor, so no route has to remember to pass it.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Depends, Request

from marsad.domain.access import Access
from marsad.domain.filters import IncidentFilter
from marsad.domain.wording import noun_form, plural
from marsad.settings import Publisher
from marsad.storage.queries import count_synthetic
from marsad.web.deps import SessionDep, application_of
from marsad.web.figure_cache import cached, public_count

DEFAULT_SCOPE = "A fully-sourced dataset of attacks and counter-terror raids: a map, the data and monthly reports."


@dataclass(frozen=True)
class SiteFrame:
    title: str
    scope: str
    published: int = 0  # published incidents
    synthetic: int = 0  # of them invented (demo data)

    @property
    def synthetic_notice(self) -> str | None:
        """The banner's words when any published incident is synthetic (None otherwise)."""
        if not self.synthetic:
            return None
        if self.synthetic == self.published:
            which = (
                "the only published incident is"
                if self.published == 1
                else f"all {self.published:,} published incidents are"
            )
            return f"Demo data: {which} synthetic, invented to show what Marsad does; none describes a real event."
        records = noun_form(self.synthetic, "is a synthetic demo record", "are synthetic demo records")
        return f"Demo data: {self.synthetic:,} of the {plural(self.published, 'published incident')} {records}."


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
