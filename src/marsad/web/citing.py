"""How to cite what the site publishes: a record, a report, a selection of the dataset, each at a stable URL.

Record and report addresses never change: a merged duplicate's id redirects to the incident kept, and a
withdrawn id stays listed at /api/v1/incidents/withdrawn with the reason.
"""

from __future__ import annotations

import datetime as dt

from fastapi import Request

from marsad.i18n.catalogues import N_, gettext
from marsad.i18n.formats import day_label
from marsad.settings import Publisher
from marsad.web.deps import application_of


def site_address(request: Request) -> str:
    """The public site's address (MARSAD_SITE_URL), else the one this request came to."""
    publisher: Publisher = application_of(request).settings.publisher
    return publisher.site_url or str(request.base_url).rstrip("/")


def _author(publisher: Publisher) -> str:
    """The team, as a citation's author; without one the site's title stands alone (after the work's name)."""
    return f"{publisher.team_name}. " if publisher.team_name else ""


def _cited(code: str, template: str, publisher: Publisher, **values: str) -> str:
    """A citation in language ``code``: the catalogue's wording of ``template`` with the team and the site."""
    return gettext(code, template).format(author=_author(publisher), site=publisher.site_title, **values)


def record_citation(
    publisher: Publisher,
    base: str,
    incident_id: str,
    summary: str,
    revised: dt.datetime | None,
    today: dt.date,
    code: str = "en",
) -> str:
    address, accessed = f"{base}/incidents/{incident_id}", day_label(today, code)
    if revised:
        template = N_(
            "{author}“Incident {id}: {summary}.” {site}, record revised {revised}. {address} (accessed {today})."
        )
        return _cited(
            code,
            template,
            publisher,
            id=incident_id,
            summary=summary,
            revised=day_label(revised.date(), code),
            address=address,
            today=accessed,
        )
    template = N_("{author}“Incident {id}: {summary}.” {site}. {address} (accessed {today}).")
    return _cited(code, template, publisher, id=incident_id, summary=summary, address=address, today=accessed)


def report_citation(
    publisher: Publisher, base: str, month_key: str, title: str, published: dt.datetime | None, code: str = "en"
) -> str:
    address = f"{base}/reports/{month_key}"
    if published:
        template = N_("{author}“{title}.” {site}, published {published}. {address}.")
        return _cited(
            code, template, publisher, title=title, published=day_label(published.date(), code), address=address
        )
    return _cited(code, N_("{author}“{title}.” {site}. {address}."), publisher, title=title, address=address)


def selection_citation(
    publisher: Publisher, base: str, description: str, query: str, today: dt.date, code: str = "en"
) -> str:
    address = f"{base}/incidents" + (f"?{query}" if query else "")
    template = N_("{author}{site} dataset: {description}. {address} (accessed {today}).")
    return _cited(code, template, publisher, description=description, address=address, today=day_label(today, code))
