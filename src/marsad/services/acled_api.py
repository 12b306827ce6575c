"""ACLED's API: events for a country and period, page by page, read as the ACLED layout's rows.

ACLED's API is keyed and online: it is used only when MARSAD_ACLED_KEY and MARSAD_ACLED_EMAIL are set (and
MARSAD_ACLED_URL for a mirror or a recorded copy, as the tests use; settings.AcledAccess). Nothing else in Marsad
goes online.
"""

from __future__ import annotations

import datetime as dt
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass

from marsad.io.acled import AcledMapping, acled_row
from marsad.io.canonical import RawRow, RowError
from marsad.settings import AcledAccess

PAGE_SIZE = 5000
TIMEOUT_SECONDS = 60


class AcledApiError(RuntimeError):
    """The API could not be used: not configured, unreachable, or it refused the request."""


@dataclass(frozen=True)
class AcledApi:
    url: str
    key: str
    email: str

    @classmethod
    def from_settings(cls, access: AcledAccess) -> AcledApi:
        """The API with this team's access; AcledApiError saying what to set when it has none."""
        if not access.key or not access.email:
            raise AcledApiError(
                "ACLED's API needs an access key: set MARSAD_ACLED_KEY and MARSAD_ACLED_EMAIL (from your ACLED "
                "account), or download a CSV export and run `marsad import FILE --format acled`"
            )
        return cls(access.url, access.key, access.email)


def acled_events(
    api: AcledApi,
    mapping: AcledMapping,
    country: str,
    since: dt.date,
    until: dt.date | None = None,
    page_size: int = PAGE_SIZE,
) -> Iterator[RawRow | RowError]:
    """Every event of ``country`` from ``since`` to ``until`` (default today), as rows to import through
    ``mapping``."""
    last = until or dt.date.today()
    page = 1
    while True:
        query = {
            "key": api.key,
            "email": api.email,
            "country": country,
            "event_date": f"{since.isoformat()}|{last.isoformat()}",
            "event_date_where": "BETWEEN",
            "limit": str(page_size),
            "page": str(page),
        }
        events = _page(f"{api.url}?{urllib.parse.urlencode(query)}")
        for number, event in enumerate(events, start=1):
            yield acled_row(f"API page {page}, event {number}", event, mapping)
        if len(events) < page_size:
            return
        page += 1


def _page(url: str) -> list[dict[str, object]]:
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            body = json.load(response)
    except urllib.error.HTTPError as error:
        with error:
            raise AcledApiError(f"ACLED's API answered {error.code} {error.reason}") from None
    except (OSError, ValueError) as error:
        raise AcledApiError(f"ACLED's API could not be reached or read: {error}") from None
    if not body.get("success", True) or "error" in body:
        message = body.get("error", {}).get("message") if isinstance(body.get("error"), dict) else body.get("error")
        raise AcledApiError(f"ACLED's API refused the request: {message or body}")
    data = body.get("data")
    if not isinstance(data, list):
        raise AcledApiError("ACLED's API answered without a list of events ('data')")
    return data
