"""RSS and Atom feeds (feedparser) and web pages (trafilatura for the main text, htmldate for the date), read
into intake items. Nothing here fetches: the caller hands in the bytes the fenced fetcher got.

The three readers are imported when first used: together they take about a second to load, which the web
server and every other command would otherwise pay at start-up.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any

from marsad.domain.intake import Media, NewItem


class ReadError(ValueError):
    """What was fetched is not what was expected (not a feed, a page without text); the message says so."""


@dataclass
class FeedRead:
    title: str | None
    items: list[NewItem] = field(default_factory=list)


def read_feed(body: bytes, url: str, now: dt.datetime | None = None) -> FeedRead:
    """The entries of an RSS or Atom feed; an entry without a date is dated ``now``."""
    import feedparser

    parsed = feedparser.parse(body)
    if not parsed.get("version"):  # what feedparser recognised: rss20, atom10…; an HTML page is none of them
        reason = f" ({parsed.get('bozo_exception')})" if parsed.bozo else ""
        raise ReadError(f"{url} did not send an RSS or Atom feed{reason}")
    moment = now or dt.datetime.now(dt.UTC)
    items = [_entry(entry, moment) for entry in parsed.entries]
    title = parsed.feed.get("title")
    return FeedRead(title.strip()[:200] if isinstance(title, str) and title.strip() else None, items)


def _entry(entry: Any, now: dt.datetime) -> NewItem:
    link = entry.get("link")
    title = _plain(entry.get("title") or "") or None
    summary = entry.get("content", [{}])[0].get("value") if entry.get("content") else entry.get("summary")
    text = _plain(summary or "")
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    posted = dt.datetime.fromtimestamp(calendar.timegm(stamp), dt.UTC) if stamp else now
    identity = entry.get("id") or link or hashlib.sha256(f"{title}|{text}".encode()).hexdigest()
    media = [
        Media("image" if "image" in (e.get("type") or "") else "file", e.get("href"), e.get("type"))
        for e in entry.get("enclosures", [])
    ]
    return NewItem(
        external_id=str(identity)[:600],
        posted_at=posted,
        text=text,
        url=link,
        title=title,
        author=_plain(entry.get("author") or "")[:200] or None,
        links=[link] if link else [],
        media=media,
    )


def _plain(markup: str) -> str:
    """Text of a snippet of HTML (feeds put markup in titles and summaries); never kept as markup."""
    if "<" not in markup and "&" not in markup:
        return " ".join(markup.split())
    from lxml import html as lxml_html

    try:
        return " ".join(lxml_html.fromstring(f"<div>{markup}</div>").text_content().split())
    except (ValueError, lxml_html.etree.ParserError):
        return " ".join(markup.split())


def read_page(body: bytes, url: str, now: dt.datetime | None = None) -> NewItem:
    """A web page's main text, title and date (the page's own date, else ``now``)."""
    import htmldate
    import trafilatura

    page = body.decode("utf-8", "replace")
    text = trafilatura.extract(page, url=url, include_comments=False, include_tables=False)
    if not text:
        raise ReadError(f"{url} has no main text Marsad can read (an empty page, or one drawn by scripts)")
    metadata = trafilatura.extract_metadata(page, default_url=url)
    day = htmldate.find_date(page, url=url, original_date=True)
    posted = (
        dt.datetime.combine(dt.date.fromisoformat(day), dt.time(), dt.UTC) if day else now or dt.datetime.now(dt.UTC)
    )
    title = metadata.title if metadata and metadata.title else None
    if title and text.startswith(title):
        text = text[len(title) :].lstrip()
    return NewItem(external_id=url[:600], posted_at=posted, text=text, url=url, title=title, links=[url])
