"""Feeds and pages into the inbox: feeds polled on their own interval with a back-off on failure, pages and
pasted texts added from the desk, CSV files of items.

Fetching is kept out of transactions (a slow feed must not hold the database's write lock): ``due_feeds``
reads, ``fetch_all`` fetches through the fenced fetcher, ``record_polls`` writes. One feed that fails
(an error status, a timeout, something that is not a feed) is noted on the feed and retried later; it never
stops the others.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

from sqlalchemy.orm import Session

from marsad.domain.intake import ChannelKind, NewItem
from marsad.extraction.pipeline import Extractor
from marsad.fetching import Fetched, FetchRefused
from marsad.intake.feeds import ReadError, read_feed, read_page
from marsad.services.intake import IntakeError, Stored, store_items
from marsad.storage import intake_store as store
from marsad.storage.intake_store import Channel

Fetch = Callable[[str], Fetched]
DEFAULT_MINUTES = 60
MAX_BACKOFF = dt.timedelta(hours=24)
DESK_CHANNEL = "web"


def _web_address(url: str) -> str:
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise IntakeError(f"{url!r} is not a web address: give one starting with http:// or https://")
    if len(url) > 600:
        raise IntakeError("the address is longer than 600 characters")
    return url


def add_feed(session: Session, url: str, minutes: int = DEFAULT_MINUTES, name: str | None = None) -> Channel:
    """Follow a feed from now on (polled first at the next poll), every ``minutes``."""
    url = _web_address(url)
    if minutes < 5:
        raise IntakeError("poll a feed at most every 5 minutes: give --every 5 or more")
    if store.channel_by_key(session, url):
        raise IntakeError(f"{url} is already followed")
    now = dt.datetime.now(dt.UTC)
    label = (name or urlsplit(url).netloc)[:200]
    return store.add_channel(session, ChannelKind.FEED, url, label, url=url, poll_minutes=minutes, next_poll_at=now)


def due_feeds(session: Session, now: dt.datetime | None = None, every: bool = False) -> list[Channel]:
    """The feeds whose next poll has come (all of them with ``every``)."""
    moment = now or dt.datetime.now(dt.UTC)
    feeds = store.channels(session, ChannelKind.FEED)
    return [f for f in feeds if every or f.next_poll_at is None or f.next_poll_at <= moment]


@dataclass
class Polled:
    """One feed's poll: what it sent, or why it failed."""

    feed: Channel
    fetched: Fetched | None = None
    error: str | None = None
    stored: Stored | None = None


def fetch_all(feeds: Sequence[Channel], fetch: Fetch, workers: int = 4) -> list[Polled]:
    """Fetch every feed (a few at a time); a failure is kept as a sentence, never raised."""

    def one(feed: Channel) -> Polled:
        assert feed.url is not None
        try:
            fetched = fetch(feed.url)
        except FetchRefused as error:
            return Polled(feed, error=str(error))
        except (OSError, ValueError) as error:
            return Polled(feed, error=f"{feed.url} could not be fetched: {error or type(error).__name__}")
        if fetched.status >= 400:
            return Polled(feed, error=f"{feed.url} answered {fetched.status} {fetched.reason}")
        return Polled(feed, fetched=fetched)

    with ThreadPoolExecutor(max(1, min(workers, len(feeds)))) as pool:
        return list(pool.map(one, feeds))


def record_polls(
    session: Session, polls: Sequence[Polled], extractor: Extractor | None = None, now: dt.datetime | None = None
) -> list[Polled]:
    """Store what each feed sent and when to poll it next; a feed that failed backs off (its interval doubled
    per failure in a row, at most a day) and shows its error on the desk."""
    moment = now or dt.datetime.now(dt.UTC)
    for poll in polls:
        feed = poll.feed
        interval = dt.timedelta(minutes=feed.poll_minutes or DEFAULT_MINUTES)
        if poll.fetched is not None:
            try:
                with session.begin_nested():  # one feed's bad data rolls back that feed alone
                    read = read_feed(poll.fetched.body, feed.url or "", moment)
                    poll.stored = store_items(session, feed, read.items, extractor)
                    if read.title and feed.name == urlsplit(feed.url or "").netloc:
                        store.update_channel(session, feed.id, name=read.title)
            except (ReadError, ValueError) as error:
                poll.error = str(error)
        if poll.error is None:
            store.update_channel(
                session, feed.id, last_polled_at=moment, failures=0, last_error=None, next_poll_at=moment + interval
            )
        else:
            failures = feed.failures + 1
            wait = min(interval * 2**failures, MAX_BACKOFF)
            store.update_channel(
                session,
                feed.id,
                last_polled_at=moment,
                failures=failures,
                last_error=poll.error[:1000],
                next_poll_at=moment + wait,
            )
        poll.feed = store.channel_by_id(session, feed.id) or feed  # as the desk now shows it
    return list(polls)


def _desk_channel(session: Session) -> Channel:
    return store.channel_by_key(session, DESK_CHANNEL) or store.add_channel(
        session, ChannelKind.WEB, DESK_CHANNEL, "Added on the desk"
    )


def fetch_page(url: str, fetch: Fetch) -> NewItem:
    """A web page as an item (fetched through the fence; nothing is written)."""
    url = _web_address(url)
    try:
        fetched = fetch(url)
    except FetchRefused as error:
        raise IntakeError(str(error)) from None
    except (OSError, ValueError) as error:
        raise IntakeError(f"{url} could not be fetched: {error or type(error).__name__}") from None
    if fetched.status >= 400:
        raise IntakeError(f"{url} answered {fetched.status} {fetched.reason}")
    try:
        return read_page(fetched.body, url)
    except ReadError as error:
        raise IntakeError(str(error)) from None


def add_items(session: Session, items: Sequence[NewItem], extractor: Extractor | None = None) -> Stored:
    """Pages, pasted texts and CSV rows into the desk's own channel (a repeat of one already there is skipped)."""
    return store_items(session, _desk_channel(session), items, extractor)


def pasted(text: str, url: str | None = None, now: dt.datetime | None = None) -> NewItem:
    """A text pasted on the desk as an item; the same text pasted twice is one item."""
    if not text.strip():
        raise IntakeError("paste the text of the statement or post (or a web address to fetch)")
    if len(text) > 100_000:
        raise IntakeError("the text is longer than 100,000 characters: paste the part that matters")
    identity = "text:" + hashlib.sha256(" ".join(text.split()).encode()).hexdigest()
    return NewItem(identity, now or dt.datetime.now(dt.UTC), text.strip(), url=url, links=[url] if url else [])


def add_csv(session: Session, items: Sequence[NewItem], name: str, extractor: Extractor | None = None) -> Stored:
    """A CSV file's items into a channel of that name (re-importing the file adds only rows not seen)."""
    key = f"csv:{name}"[:600]
    channel = store.channel_by_key(session, key) or store.add_channel(session, ChannelKind.WEB, key, name[:200])
    return store_items(session, channel, items, extractor)
