"""Feeds and pages into the inbox, served by a local HTTP server: entries stored once, a feed that answers 500,
times out or sends garbage retried later with a growing wait and never stopping the others; pages read for
their main text and date; pasted texts and CSV files."""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy.orm import Session

from marsad.domain.intake import ItemFilter
from marsad.fetching import AllowList, Fetcher
from marsad.intake.csv_items import ItemsFileError, read_items_csv
from marsad.services.feeds import add_csv, add_feed, add_items, due_feeds, fetch_all, fetch_page, pasted, record_polls
from marsad.services.intake import IntakeError, list_items
from marsad.storage.intake_store import channel_by_id

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Raqqa News (synthetic)</title><link>https://raqqa.example/</link>
<item><guid>raqqa-101</guid><title>انفجار عبوة ناسفة قرب دورية لقسد شمال الرقة</title>
<link>https://raqqa.example/news/101</link><pubDate>Tue, 07 Nov 2023 08:30:00 +0300</pubDate>
<description><![CDATA[<p>انفجار عبوة ناسفة قرب دورية لقسد على طريق الخرافي شمال <b>الرقة</b>
دون وقوع إصابات.</p>]]></description></item>
<item><guid>raqqa-102</guid><title>Gunmen kill a civilian in Hajin &amp; flee</title>
<link>https://raqqa.example/news/102</link><pubDate>Wed, 08 Nov 2023 19:45:00 +0000</pubDate>
<description>&lt;script&gt;alert(1)&lt;/script&gt;Gunmen on a motorcycle shot dead a civilian in Hajin.
</description></item>
</channel></rss>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Atom (synthetic)</title>
<entry><id>tag:atom.example,2023:1</id><title>SDF raid in Shuhayl</title><link href="https://atom.example/1"/>
<updated>2023-11-09T10:00:00Z</updated><summary>The SDF arrested three ISIS suspects in al-Shuhayl.</summary>
</entry></feed>"""
PAGE = """<html><head><title>IED in Raqqa | Raqqa News</title>
<meta property="article:published_time" content="2023-11-07T08:00:00Z"></head><body><nav>Home · News · About</nav>
<article><h1>IED in Raqqa</h1><p>An IED exploded near an SDF patrol on the Kharafi road north of Raqqa on Tuesday;
no casualties were reported, according to local sources who spoke to the site.</p>
<p>The road has seen three such attacks this month, the sources added, all of them at night.</p></article>
<footer>© Raqqa News (synthetic)</footer></body></html>"""
ANSWERS = {
    "/feed.xml": (200, "application/rss+xml", RSS),
    "/atom.xml": (200, "application/atom+xml", ATOM),
    "/broken": (500, "text/plain", "Internal Server Error"),
    "/garbage": (200, "text/html", "<html><body>Not a feed at all, just a page with <b>words</b>.</body></html>"),
    "/page.html": (200, "text/html; charset=utf-8", PAGE),
}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/slow":
            time.sleep(SLOW + 2)
        status, kind, body = ANSWERS.get(self.path, (404, "text/plain", "not here"))
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the fetcher gave up on /slow
            self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


# The test server is on this machine, which the fetcher refuses unless a team allows it (MARSAD_FETCH_ALLOW).
SLOW = 4.0  # seconds the fetcher waits (generous: the machine is shared); /slow answers later still
LOCAL = Fetcher(allow=AllowList.parse("127.0.0.1"), timeout=SLOW)


def test_a_feed_polled_twice_stores_its_entries_once(session: Session, server: str) -> None:
    feed = add_feed(session, f"{server}/feed.xml", minutes=30)
    now = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1)
    [poll] = record_polls(session, fetch_all(due_feeds(session, now), LOCAL), now=now)
    assert poll.error is None and poll.stored is not None and poll.stored.added == 2
    items = {i.external_id: i for i in list_items(session, ItemFilter(channels=(feed.id,)))}
    arabic = items["raqqa-101"]
    assert (
        arabic.title == "انفجار عبوة ناسفة قرب دورية لقسد شمال الرقة" and arabic.url == "https://raqqa.example/news/101"
    )
    assert arabic.text == "انفجار عبوة ناسفة قرب دورية لقسد على طريق الخرافي شمال الرقة دون وقوع إصابات."
    assert arabic.posted_at == dt.datetime(2023, 11, 7, 5, 30, tzinfo=dt.UTC) and arabic.region == "raqqa"
    assert items["raqqa-102"].text == "Gunmen on a motorcycle shot dead a civilian in Hajin."  # no markup kept
    polled = channel_by_id(session, feed.id)
    assert polled is not None and polled.name == "Raqqa News (synthetic)"
    assert polled.next_poll_at == now + dt.timedelta(minutes=30) and polled.failures == 0
    assert due_feeds(session, now + dt.timedelta(minutes=29)) == []
    [again] = record_polls(session, fetch_all(due_feeds(session, now, every=True), LOCAL), now=now)
    assert again.stored is not None and (again.stored.added, again.stored.unchanged) == (0, 2)


def test_a_failing_feed_is_retried_later_and_never_stops_the_others(session: Session, server: str) -> None:
    good = add_feed(session, f"{server}/atom.xml")
    bad = {path: add_feed(session, f"{server}{path}", minutes=10) for path in ("/broken", "/slow", "/garbage")}
    now = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1)
    polls = {p.feed.id: p for p in record_polls(session, fetch_all(due_feeds(session, now), LOCAL), now=now)}
    assert polls[good.id].error is None and polls[good.id].stored.added == 1  # type: ignore[union-attr]
    assert polls[bad["/broken"].id].error == f"{server}/broken answered 500 Internal Server Error"
    assert polls[bad["/slow"].id].error == f"{server}/slow took longer than 4 s; Marsad stopped waiting"
    assert f"{server}/garbage did not send an RSS or Atom feed" in (polls[bad["/garbage"].id].error or "")
    for path, feed in bad.items():
        stored = channel_by_id(session, feed.id)
        assert stored is not None and stored.failures == 1 and stored.last_error, path
        assert stored.next_poll_at == now + dt.timedelta(minutes=20), path  # twice its interval
    later = now + dt.timedelta(minutes=20)
    record_polls(session, fetch_all(due_feeds(session, later), LOCAL), now=later)
    broken = channel_by_id(session, bad["/broken"].id)
    assert broken is not None and broken.failures == 2 and broken.next_poll_at == later + dt.timedelta(minutes=40)


def test_a_web_page_gives_its_main_text_title_and_date(session: Session, server: str) -> None:
    item = fetch_page(f"{server}/page.html", LOCAL)
    assert item.text.startswith("An IED exploded near an SDF patrol") and "Home · News" not in item.text
    assert item.title == "IED in Raqqa" and item.posted_at.date() == dt.date(2023, 11, 7)
    stored = add_items(session, [item])
    assert stored.added == 1 and add_items(session, [item]).added == 0
    [found] = list_items(session, ItemFilter(text="Kharafi"))
    assert found.url == f"{server}/page.html" and found.kind == "attack"


@pytest.mark.parametrize(
    ("path", "says"),
    [("/broken", "answered 500 Internal Server Error"), ("/missing", "answered 404 Not Found")],
)
def test_a_page_that_cannot_be_had_says_why(server: str, path: str, says: str) -> None:
    with pytest.raises(IntakeError, match=says):
        fetch_page(f"{server}{path}", LOCAL)


def test_internal_addresses_are_refused_without_the_allow_list(server: str) -> None:
    with pytest.raises(IntakeError, match=r"127\.0\.0\.1"):
        fetch_page(f"{server}/page.html", Fetcher())
    with pytest.raises(IntakeError, match="is not a web address"):
        fetch_page("file:///etc/passwd", LOCAL)


def test_a_pasted_text_is_one_item_however_often_pasted(session: Session) -> None:
    text = "Two SDF fighters were killed in an ISIS attack on a checkpoint in al-Shuhayl."
    assert add_items(session, [pasted(text)]).added == 1
    assert add_items(session, [pasted("  " + text.replace(" ", "  "))]).added == 0
    with pytest.raises(IntakeError, match="paste the text"):
        pasted("   ")


def test_a_csv_of_items_lands_whole_or_not_at_all(session: Session) -> None:
    good = (
        "text,posted,url,title\n"
        "قتل مدني برصاص مسلحين في هجين,2023-11-08,https://x.example/1,\n"
        "An IED in Raqqa,2023-11-07T08:00:00+03:00,,IED\n"
    )
    items = read_items_csv(good.encode(), "posts.csv")
    assert [i.posted_at for i in items] == [
        dt.datetime(2023, 11, 8, tzinfo=dt.UTC),
        dt.datetime(2023, 11, 7, 5, tzinfo=dt.UTC),
    ]
    assert add_csv(session, items, "posts").added == 2 and add_csv(session, items, "posts").added == 0
    bad = "text,posted\nok,2023-11-08\n,2023-11-08\nfine,08/11/2023\n"
    with pytest.raises(ItemsFileError) as error:
        read_items_csv(bad.encode(), "bad.csv")
    assert str(error.value) == (
        "bad.csv, line 3, column text: empty (every item needs its text); "
        "bad.csv, line 4, column posted: '08/11/2023' is not a date (YYYY-MM-DD, or 2023-11-05T09:30:00+03:00)"
    )
    with pytest.raises(ItemsFileError, match="unknown column 'body'"):
        read_items_csv(b"text,body\nx,y\n", "other.csv")
