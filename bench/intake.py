"""The intake at scale: a 100,000-message Telegram export imported with extraction and grouping (goal: under
60 s, under 500 MB), the same export imported again (goal: under 5 s), and the inbox page at 1,000,000 items
(goal: p95 under 100 ms).

The export is generated (synthetic, nothing real): the channel posts of bench/extraction.py in English,
Arabic, Kurmanji and Sorani, with a share of forwards and reposts of earlier posts (which grouping must find),
edited messages, text links and media placeholders, spread over a year. Each import runs in a fresh process so
its peak memory is its own (the extraction's worker processes are reported beside it). The million items of
the page test are written straight to the table (their suggestions are synthetic too): extracting a million
texts is the import's job, measured above.

    python bench/intake.py [MESSAGES] [ITEMS]      # defaults: 100000 1000000
    python bench/intake.py --inbox [ITEMS] [--postgres]   # the page test alone, on SQLite or PostgreSQL

The page test's items are written once and kept: bench/.cache/intake-inbox-ITEMS.db, or the PostgreSQL
database marsad_bench_inbox_ITEMS on MARSAD_TEST_POSTGRES_URL's server.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from marsad.domain.intake import ChannelKind, searchable
from marsad.domain.roles import Role
from marsad.intake.telegram import read_export
from marsad.services.accounts import create_user
from marsad.services.intake import import_telegram, read_ahead
from marsad.storage import intake_store
from marsad.storage.engine import Writes, make_engine, unit_of_work
from marsad.storage.migrate import upgrade

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

CACHE = Path(__file__).parent / ".cache"
POSTGRES_ADMIN = os.environ.get("MARSAD_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
PLACEHOLDER = "(File not included. Change data exporting settings to download.)"
PASSWORD = "a long bench password"


def _posts() -> object:
    """bench/extraction.py's generated channel posts (one generator for both benchmarks)."""
    spec = importlib.util.spec_from_file_location("bench_extraction", Path(__file__).with_name("extraction.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.texts


def generate_export(path: Path, count: int, seed: int = 7) -> None:
    """A channel export of ``count`` messages: 80% posts, 12% forwards or reposts of a recent post, 4% photos
    without a caption, and edits and text links among the posts."""
    rng = random.Random(seed)
    texts = _posts()(count, seed)  # type: ignore[operator]
    start = int(dt.datetime(2023, 1, 1, tzinfo=dt.UTC).timestamp())
    step = 365 * 86_400 // count
    messages: list[dict[str, object]] = []
    recent: list[str] = []
    for n in range(1, count + 1):
        when = start + n * step + rng.randint(0, step)
        message: dict[str, object] = {
            "id": n,
            "type": "message",
            "date": dt.datetime.fromtimestamp(when + 10_800, dt.UTC).strftime("%Y-%m-%dT%H:%M:%S"),
            "date_unixtime": str(when),
            "from": "Bench channel (synthetic)",
            "from_id": "channel1000000001",
        }
        roll = rng.random()
        if roll < 0.12 and recent:
            text = rng.choice(recent[-40:])
            if rng.random() < 0.5:
                message["forwarded_from"] = rng.choice(["Deir Ezzor 24 (synthetic)", "North Press (synthetic)"])
            else:
                text = "عاجل | " + text if re.search("[\u0600-\u06ff]", text) else "BREAKING: " + text
        elif roll < 0.16:
            text = ""
            message["photo"] = PLACEHOLDER
        else:
            text = texts[n - 1]
            recent.append(text)
        if text and rng.random() < 0.2:
            link = {"type": "text_link", "text": "source", "href": f"https://news.example/{n}"}
            message["text"] = [text + " ", link]
            message["text_entities"] = [{"type": "plain", "text": text + " "}, link]
        else:
            message["text"] = text
            message["text_entities"] = [{"type": "plain", "text": text}] if text else []
        if text and rng.random() < 0.05:
            message["edited_unixtime"] = str(when + 600)
        messages.append(message)
    export = {"name": "Bench channel (synthetic)", "type": "public_channel", "id": 1000000001, "messages": messages}
    path.write_text(json.dumps(export, ensure_ascii=False, indent=1), encoding="utf-8")


def import_once(export: Path, database: Path) -> None:
    """One import in this process; prints the figures as JSON for the parent."""
    engine = make_engine(f"sqlite:///{database}")
    began = time.perf_counter()
    chats = read_export(export)
    read = time.perf_counter() - began
    with unit_of_work(engine, Writes.NOTHING) as session:
        ahead = read_ahead(session, chats)  # as `marsad intake telegram` does: outside the write transaction
    with unit_of_work(engine) as session:
        [stored] = import_telegram(session, chats, {"1000000001": "bench_channel"}, ahead=ahead)
    wall = time.perf_counter() - began
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime
    figures = {"wall": wall, "read": read, "added": stored.added, "unchanged": stored.unchanged, "cpu": cpu}
    figures |= {"peak_mb": _own_peak_mb(), "worker_peak_mb": workers.ru_maxrss / 1024}
    print(json.dumps(figures | {"grouped": stored.grouped}))


def _own_peak_mb() -> float:
    """This process's peak resident memory. Not ``ru_maxrss``: Linux carries that over from the parent through
    fork and exec, so an import started by a parent that had just generated the export reported the parent's
    700 MB as its own."""
    status = Path("/proc/self/status").read_text()
    found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
    return int(found.group(1)) / 1024 if found else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _run_import(export: Path, database: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--import", str(export), str(database)], check=True, capture_output=True, text=True
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def fill(url: str, count: int, seed: int = 11) -> None:
    """``count`` items in five channels, a fifth of them triaged, written straight to the table."""
    rng = random.Random(seed)
    engine = make_engine(url)
    upgrade(engine)
    texts = _posts()(5_000, seed)  # type: ignore[operator]
    places = [("Raqqa", "raqqa"), ("Hasakah", "jazira"), ("Hajin", "deir_ez_zor"), ("Manbij", "manbij"), (None, None)]
    start = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    now = dt.datetime.now(dt.UTC)
    with unit_of_work(engine) as session:
        channel_ids = [
            intake_store.add_channel(session, ChannelKind.TELEGRAM, f"telegram:{n}", f"Channel {n}").id
            for n in range(5)
        ]
        create_user(session, "viewer@example.org", "Viewer", Role.VIEWER, "bench", PASSWORD)
    batch = 50_000
    for first in range(1, count + 1, batch):
        rows = []
        for n in range(first, min(first + batch, count + 1)):
            text = texts[n % len(texts)]
            place, region = places[n % len(places)]
            status = "new" if n % 5 else rng.choice(["handled", "dismissed"])
            posted = start + dt.timedelta(seconds=n * 150)
            values = {
                "id": n,
                "channel_id": channel_ids[n % 5],
                "external_id": str(n),
                "revision": 0,
                "posted_at": posted,
                "imported_at": now,
                "text": text,
                "search_text": searchable(text),
                "language": "ar" if re.search("[\u0600-\u06ff]", text) else "en",
                "url": f"https://t.me/bench/{n}",
                "status": status,
                "suggestion": '{"language":"en","suggestions":[]}',
                "has_suggestion": place is not None,
                "kind": "attack" if place else None,
                "event_date": posted.date(),
                "place": place,
                "region": region,
                "version": 1,
            }
            rows.append(tuple(values.get(column) for column in intake_store.ITEM_COLUMNS))
        with unit_of_work(engine) as session:
            intake_store.insert_items(session, rows)
    engine.dispose()


def inbox_database(items: int, postgres: bool) -> str:
    """The page test's database, filled once and kept between runs."""
    import psycopg  # here, not at the top: the import's process (--import) measures the import alone

    if postgres:
        name = f"marsad_bench_inbox_{items}"
        with psycopg.connect(POSTGRES_ADMIN.replace("+psycopg", ""), autocommit=True) as connection:
            fresh = not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
            if fresh:
                connection.execute(f'CREATE DATABASE "{name}"')
        url = POSTGRES_ADMIN.rsplit("/", 1)[0] + f"/{name}"
    else:
        path = CACHE / f"intake-inbox-{items}.db"
        url, fresh = f"sqlite:///{path}", not path.exists()
    if fresh:
        began = time.perf_counter()
        fill(url, items)
        if postgres:
            with psycopg.connect(url.replace("+psycopg", ""), autocommit=True) as connection:
                connection.execute("VACUUM ANALYZE intake_items")
        print(f"wrote {items:,} items for the page test in {time.perf_counter() - began:.0f} s")
    else:
        upgrade(make_engine(url))  # a database kept from before a migration
    return url


def page_times(url: str, middle: int, requests: int = 60) -> list[tuple[str, float, float]]:
    """p50 and p95 of inbox pages asked by a signed-in viewer, after a warm-up (``middle``: an item to show)."""
    from fastapi.testclient import TestClient  # not in the import's process: the web app is 43 MB of its peak

    from marsad.web.app import create_app

    engine = make_engine(url)
    app = create_app(engine)
    found = []
    with TestClient(app) as client:
        form = client.get("/login").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', form)
        assert token
        data = {"email": "viewer@example.org", "password": PASSWORD, "csrf_token": token.group(1), "next": "/desk"}
        assert client.post("/login", data=data).status_code == 200
        for label, url in (
            ("inbox (new, newest first)", "/desk/inbox"),
            ("one channel", "/desk/inbox?channel=3"),
            ("language ar, region raqqa", "/desk/inbox?language=ar&region=raqqa"),
            ("handled, page 20", _page(client, "/desk/inbox?status=handled", 20)),
            ("has a suggestion, a month", "/desk/inbox?suggested=yes&from=2022-03-01&to=2022-03-31"),
            ("search: a common word", "/desk/inbox?q=ISIS"),
            ("search: an Arabic word", "/desk/inbox?q=الرقة"),
            ("an item's page", f"/desk/inbox/{middle}"),
            ("the desk's front page", "/desk"),
        ):
            for _ in range(3):
                assert client.get(url).status_code == 200, url
            times = []
            for _ in range(requests):
                began = time.perf_counter()
                client.get(url)
                times.append(time.perf_counter() - began)
            times.sort()
            found.append((label, statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))]))
    engine.dispose()
    return found


def _page(client: TestClient, url: str, number: int) -> str:
    """The address of page ``number`` of ``url``, reached as a reader does: by the "Older" link of each page."""
    for _ in range(number - 1):
        older = re.search(r'href="([^"]+)" rel="next"', client.get(url).text)
        assert older, f"{url} has fewer than {number} pages"
        url = older.group(1).replace("&amp;", "&")
    return url


def main(messages: int, items: int) -> None:
    CACHE.mkdir(exist_ok=True)
    export = CACHE / f"intake-{messages}.json"
    if not export.exists():
        began = time.perf_counter()
        generate_export(export, messages)
        print(
            f"generated {export.name} ({export.stat().st_size / 2**20:,.0f} MB) in {time.perf_counter() - began:.0f} s"
        )
    database = CACHE / "intake-import.db"
    for stale in CACHE.glob("intake-import*.db*"):
        stale.unlink()
    engine = make_engine(f"sqlite:///{database}")
    upgrade(engine)
    engine.dispose()
    first = _run_import(export, database)
    print(
        f"import of {messages:,} messages: {first['wall']:.1f} s wall, {first['cpu']:.1f} s CPU in all processes "
        f"({first['read']:.1f} s reading the file), "
        f"{first['added']:,.0f} items, {first['grouped']:,.0f} grouped into stories; peak {first['peak_mb']:,.0f} MB "
        f"(each extraction worker at most {first['worker_peak_mb']:,.0f} MB)"
    )
    again = _run_import(export, database)
    print(
        f"re-import of the same export: {again['wall']:.1f} s, {again['added']:,.0f} added, "
        f"peak {again['peak_mb']:,.0f} MB"
    )
    inbox(items, postgres=False)


def inbox(items: int, postgres: bool) -> None:
    url = inbox_database(items, postgres)
    print(f"| inbox at {items:,} items, {url.split(':')[0]} | p50 | p95 |\n|---|---|---|")
    for label, p50, p95 in page_times(url, items // 2):
        print(f"| {label} | {p50 * 1000:,.0f} ms | {p95 * 1000:,.0f} ms |", flush=True)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--import":
        import_once(Path(sys.argv[2]), Path(sys.argv[3]))
    elif "--inbox" in sys.argv:
        parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
        parser.add_argument("--inbox", action="store_true")
        parser.add_argument("items", nargs="?", type=int, default=1_000_000)
        parser.add_argument("--postgres", action="store_true")
        options = parser.parse_args()
        CACHE.mkdir(exist_ok=True)
        inbox(options.items, options.postgres)
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000, int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000)
