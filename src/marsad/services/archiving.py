"""Sources that do not disappear: archive a source's page as WARC, find dead links, show the archived copy.

Archives are files named by the SHA-256 of the page they hold (``<sha256>.warc.gz``) in the archive directory,
so the same page archived twice is stored once, and the digest kept on the source proves what was seen.
Fetching needs the server to be online; nothing else in Marsad does. Every fetch goes through
``marsad.fetching.Fetcher``, which refuses internal addresses, other schemes, and pages too large or too slow.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from marsad.domain.access import Access
from marsad.domain.vocabulary import Vocabularies
from marsad.fetching import Fetched, Fetcher, FetchRefused
from marsad.services.accounts import User, record
from marsad.services.editing import check_status_change
from marsad.storage.archive_store import LinkCheck as LinkCheck
from marsad.storage.archive_store import link_checks as link_checks
from marsad.storage.archive_store import publicly_archived as publicly_archived
from marsad.storage.archive_store import save_link_check
from marsad.storage.archive_store import source_urls as source_urls
from marsad.storage.incident_store import IncidentWriter
from marsad.storage.queries import get_incident

SHA256 = re.compile(r"^[0-9a-f]{64}$")
Fetch = Callable[[str], Fetched]
PUBLIC_ONLY = Fetcher()  # no allow-list: public internet addresses only


class ArchiveError(ValueError):
    """A source that cannot be archived; the message says why."""


def _web_url(url: str | None) -> str:
    if not url or not url.startswith(("http://", "https://")):
        raise ArchiveError(f"'{url or ''}' is not a web address (http:// or https://): there is nothing to fetch")
    return url


def archive_source(
    session: Session,
    incident_id: str,
    position: int,
    archive_dir: Path,
    user: User,
    vocab: Vocabularies,
    get: Fetch = PUBLIC_ONLY,
) -> str:
    """Fetch source ``position`` (from 0) of an incident, keep it as WARC, and record its SHA-256 on the source.

    ``get`` is the fenced fetch (``settings.fetcher`` carries the team's allow-list); the default fetches only
    public addresses.
    """
    incident = get_incident(session, incident_id, Access.INTERNAL)
    if incident is None or not 0 <= position < len(incident.sources):
        raise ArchiveError(f"incident {incident_id} has no source number {position + 1}")
    check_status_change(user, incident.status, incident.status)  # archiving edits the source
    source = incident.sources[position]
    url = _web_url(source.url)
    try:
        fetched = get(url)
    except FetchRefused as error:
        raise ArchiveError(str(error)) from None
    except (OSError, ValueError) as error:
        raise ArchiveError(f"{url} could not be fetched: {error}") from None
    if fetched.status >= 400:
        raise ArchiveError(f"{url} answered {fetched.status} {fetched.reason}: there is no page to archive")
    if fetched.status >= 300:
        raise ArchiveError(f"{url} answered {fetched.status} {fetched.reason}: a redirect without a Location")
    digest = hashlib.sha256(fetched.body).hexdigest()
    _write_warc(archive_dir, digest, url, fetched)
    sources = list(incident.sources)
    sources[position] = dataclasses.replace(source, archive_sha256=digest, accessed=dt.date.today())
    archived = dataclasses.replace(incident, sources=sources)
    IncidentWriter(session, vocab, actor=user.actor, via="web").write([archived], checked=True)
    record(session, user.actor, "archived", incident_id, f"{url} sha256:{digest}")
    return digest


def _write_warc(archive_dir: Path, digest: str, url: str, fetched: Fetched) -> None:
    path = archive_dir / f"{digest}.warc.gz"
    if path.exists():
        return
    archive_dir.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part")
    with partial.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        headers = StatusAndHeaders(f"{fetched.status} {fetched.reason}", fetched.headers, protocol="HTTP/1.1")
        payload = io.BytesIO(fetched.body)  # with its length given, warcio needs no temporary file
        warc = writer.create_warc_record(
            url, "response", payload=payload, length=len(fetched.body), http_headers=headers
        )
        writer.write_record(warc)
    partial.replace(path)  # complete or absent, never half-written


@dataclass(frozen=True)
class ArchivedCopy:
    url: str
    archived_at: str
    content_type: str
    body: bytes


def read_archive(archive_dir: Path, digest: str) -> ArchivedCopy | None:
    """The archived page with that SHA-256, if this server holds it."""
    if not SHA256.match(digest):
        return None
    path = archive_dir / f"{digest}.warc.gz"
    if not path.exists():
        return None
    with path.open("rb") as handle:
        for warc in ArchiveIterator(handle):
            if warc.rec_type == "response":
                content_type = warc.http_headers.get_header("Content-Type") or "application/octet-stream"
                return ArchivedCopy(
                    warc.rec_headers.get_header("WARC-Target-URI"),
                    warc.rec_headers.get_header("WARC-Date"),
                    content_type,
                    warc.content_stream().read(),
                )
    return None


# ---- dead links ---------------------------------------------------------------------------------------


def check_links(session: Session, urls: list[str], get: Fetch = PUBLIC_ONLY) -> Iterator[LinkCheck]:
    """Fetch each URL and keep the answer; a 4xx/5xx answer or no answer marks the link dead."""
    for url in urls:
        try:
            fetched = get(url)
            status, alive, detail = fetched.status, fetched.status < 400, f"{fetched.status} {fetched.reason}"
        except (OSError, ValueError) as error:
            status, alive, detail = None, False, str(error)
        checked = LinkCheck(url, dt.datetime.now(dt.UTC), status, alive, detail)
        save_link_check(session, checked)
        yield checked
