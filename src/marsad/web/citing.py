"""How to cite what the site publishes: a record, a report, a selection of the dataset, each at a stable URL.

Record and report addresses never change: a merged duplicate's id redirects to the incident kept, and a
withdrawn id stays listed at /api/v1/incidents/withdrawn with the reason.
"""

from __future__ import annotations

import datetime as dt

from fastapi import Request

from marsad.settings import Publisher
from marsad.web.deps import application_of


def site_address(request: Request) -> str:
    """The public site's address (MARSAD_SITE_URL), else the one this request came to."""
    publisher: Publisher = application_of(request).settings.publisher
    return publisher.site_url or str(request.base_url).rstrip("/")


def _author(publisher: Publisher) -> str:
    """The team, as a citation's author; without one the site's title stands alone (after the work's name)."""
    return f"{publisher.team_name}. " if publisher.team_name else ""


def _day(day: dt.date | dt.datetime) -> str:
    return f"{day.day} {day:%B %Y}"


def record_citation(
    publisher: Publisher, base: str, incident_id: str, summary: str, revised: dt.datetime | None, today: dt.date
) -> str:
    revision = f", record revised {_day(revised)}" if revised else ""
    return (
        f"{_author(publisher)}“Incident {incident_id}: {summary}.” {publisher.site_title}{revision}. "
        f"{base}/incidents/{incident_id} (accessed {_day(today)})."
    )


def report_citation(publisher: Publisher, base: str, month_key: str, title: str, published: dt.datetime | None) -> str:
    when = f", published {_day(published)}" if published else ""
    return f"{_author(publisher)}“{title}.” {publisher.site_title}{when}. {base}/reports/{month_key}."


def selection_citation(publisher: Publisher, base: str, description: str, query: str, today: dt.date) -> str:
    address = f"{base}/incidents" + (f"?{query}" if query else "")
    return f"{_author(publisher)}{publisher.site_title} dataset: {description}. {address} (accessed {_day(today)})."
