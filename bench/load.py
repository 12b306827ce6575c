"""A newsroom's traffic on two cores: concurrent readers of the public site at 1,000,000 incidents, every request
with a filter of its own, measured over real HTTP against `marsad serve`, next to Datasette on the same load.

    python bench/load.py                          # 30 clients, 60 s, marsad serve's default workers
    python bench/load.py --workers 1 --seconds 30
    python bench/load.py --during-import          # the same while `marsad import` writes 50,000 rows
    python bench/load.py --peer                   # Datasette (table pages and JSON) on the same file

The database is the report benchmark's (bench/.cache/report-1000000.db, made by `python bench/report.py`).
Each client picks, in turn and at random, a map-cluster query, a dataset page (HTML), an API page of 50 rows or
a statistics query, and draws its filter (region, actor, kind, year, month, zoom and box) from a seeded random
generator: repeats are rare, as with real readers, so the figures are mostly first readings, not the cache.
Clients run in one asyncio process on the same two cores as the server, as a proxy would.
"""

from __future__ import annotations

import argparse
import asyncio
import heapq
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from lean_http import Connection, HTTPFailure
from processes import tree_cpu_seconds
from web import wait_for

HERE = Path(__file__).parent
BIN = Path(sys.executable).parent
REGIONS = ("deir_ez_zor", "jazira", "raqqa", "tabqa", "euphrates", "manbij")
ACTORS = ("isis", "unknown", "tribal", "ahrar_al_shaab", "turkish_backed", "government_aligned")
KINDS = ("attack", "raid")
YEARS = range(2019, 2026)
# Boxes a reader zooms into: around Hasakah, Raqqa, Deir ez-Zor city and Manbij (west, south, east, north).
TOWNS = ((40.75, 36.5), (39.0, 35.95), (40.14, 35.33), (37.95, 36.53))

Request = Callable[[random.Random], str]


def map_clusters(rng: random.Random) -> str:
    zoom = rng.choice((6, 7, 8, 10, 12))
    url = f"/api/v1/map/clusters?zoom={zoom}&kind={rng.choice(KINDS)}&from={rng.choice(YEARS)}-01-01"
    if zoom >= 8:
        x, y = rng.choice(TOWNS)
        half = 2.0 / zoom
        url += f"&bbox={x - half:.3f},{y - half / 2:.3f},{x + half:.3f},{y + half / 2:.3f}"
    if rng.random() < 0.5:
        url += f"&perpetrator={rng.choice(ACTORS)}"
    return url


def _filter(rng: random.Random) -> str:
    year = rng.choice(YEARS)
    terms = [f"region={rng.choice(REGIONS)}", f"kind={rng.choice(KINDS)}"]
    if rng.random() < 0.6:
        terms.append(f"perpetrator={rng.choice(ACTORS)}")
    if rng.random() < 0.5:
        terms.append(f"month={year}-{rng.randint(1, 12):02d}")
    else:
        terms.append(f"from={year}-01-01&to={year}-12-31")
    return "&".join(terms)


def dataset_page(rng: random.Random) -> str:
    return f"/incidents?{_filter(rng)}&sort={rng.choice(('-date', 'date', '-killed'))}"


def api_page(rng: random.Random) -> str:
    return f"/api/v1/incidents?{_filter(rng)}&sort=-date&limit=50"


def stats(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"/api/v1/stats?month={rng.choice(YEARS)}-{rng.randint(1, 12):02d}&perpetrator={rng.choice(ACTORS)}"
    year = rng.choice(YEARS)
    return f"/api/v1/stats?group_by=month,region&kind={rng.choice(KINDS)}&from={year}-01-01&to={year}-12-31"


MARSAD: dict[str, Request] = {
    "map clusters": map_clusters,
    "dataset page (HTML)": dataset_page,
    "API page, 50 rows": api_page,
    "statistics": stats,
}


def datasette_table(rng: random.Random) -> str:
    year = rng.choice(YEARS)
    return (
        f"/db/incidents?region__exact={rng.choice(REGIONS)}&kind__exact={rng.choice(KINDS)}"
        f"&perpetrator__exact={rng.choice(ACTORS)}&date__gte={year}-01-01&date__lte={year}-12-31"
        "&_sort_desc=date&_size=50"
    )


def datasette_json(rng: random.Random) -> str:
    return datasette_table(rng).replace("/db/incidents?", "/db/incidents.json?")


def datasette_facets(rng: random.Random) -> str:
    """Datasette's nearest to statistics: one kind's incidents in a year, counted by region."""
    year = rng.choice(YEARS)
    return (
        f"/db/incidents.json?kind__exact={rng.choice(KINDS)}&date__gte={year}-01-01&date__lte={year}-12-31"
        "&_facet=region&_size=0"
    )


DATASETTE: dict[str, Request] = {
    "Datasette table page (HTML)": datasette_table,
    "Datasette JSON, 50 rows": datasette_json,
    "Datasette facets (statistics)": datasette_facets,
}


def run_load(server: int, base: str, requests: dict[str, Request], options: argparse.Namespace) -> None:
    """The load on the server of process ``server``, and the CPU time it took per request: what the figures
    would be on two cores of its own, whatever else runs on the machine."""
    cpu, client_cpu = tree_cpu_seconds(server), time.process_time()
    answered = asyncio.run(readers(base, requests, options.clients, options.seconds, options.seed))
    cpu, client_cpu = tree_cpu_seconds(server) - cpu, time.process_time() - client_cpu
    print(
        f"CPU per request: server {cpu / answered * 1000:.1f} ms, load generator {client_cpu / answered * 1000:.1f} ms "
        f"(load average before and after: {options.load_before:.1f}, {os.getloadavg()[0]:.1f})\n",
        flush=True,
    )


async def readers(base: str, requests: dict[str, Request], clients: int, seconds: float, seed: int) -> int:
    """``clients`` readers for ``seconds``, each waiting for its answer before asking again; prints a table and
    gives the number of requests answered."""
    times: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    reasons: Counter[str] = Counter()  # what failed: "HTTP 500 /api/…" or the client's exception
    slowest: list[tuple[float, str]] = []
    labels = list(requests)
    address = urlsplit(base)
    host, port = address.hostname or "127.0.0.1", address.port or 80

    async def reader(number: int, deadline: float) -> None:
        rng = random.Random(seed * 1000 + number)
        connection = Connection(host, port, timeout=60)
        while time.monotonic() < deadline:
            label = labels[rng.randrange(len(labels))]
            started, url = time.perf_counter(), requests[label](rng)
            try:
                answer = await connection.get(url)
                failed = answer.status >= 400
                if failed:
                    reasons[f"HTTP {answer.status} {url.split('?')[0]}"] += 1
            except HTTPFailure as error:
                failed = True
                reasons[f"{error} ({label})"] += 1
            times[label].append(time.perf_counter() - started)
            heapq.heappush(slowest, (times[label][-1], url))
            if len(slowest) > 5:
                heapq.heappop(slowest)
            errors[label] += failed
        await connection.close()

    started = time.monotonic()
    await asyncio.gather(*(reader(n, started + seconds) for n in range(clients)))
    elapsed = time.monotonic() - started
    print("| requests | count | p50 | p95 | p99 | errors |\n|---|---|---|---|---|---|")
    everything = sorted(t for label in labels for t in times[label])
    for label, measured in [*((label, sorted(times[label])) for label in labels), ("all", everything)]:
        failed = sum(errors.values()) if label == "all" else errors[label]
        print(
            f"| {label} | {len(measured):,} | {_ms(measured, 0.5)} | {_ms(measured, 0.95)} | {_ms(measured, 0.99)} "
            f"| {failed} |"
        )
    print(
        f"\n{len(everything):,} requests in {elapsed:.0f} s: **{len(everything) / elapsed:,.0f} requests/s**, "
        f"{clients} clients\n",
        flush=True,
    )
    for reason, count in reasons.most_common():
        print(f"- {count} × {reason}")
    print(
        "Slowest:", *(f"- {seconds * 1000:,.0f} ms {url}" for seconds, url in sorted(slowest, reverse=True)), sep="\n"
    )
    return len(everything)


def _ms(times: list[float], quantile: float) -> str:
    if not times:
        return "–"
    value = statistics.median(times) if quantile == 0.5 else times[min(len(times) - 1, int(len(times) * quantile))]
    return f"{value * 1000:,.0f} ms"


def copy_for_writing(database: Path) -> Path:
    """A copy the import may write into, so the cached database stays as bench/report.py made it."""
    copy = database.with_name("load-import.db")
    copy.unlink(missing_ok=True)
    with sqlite3.connect(database) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    return copy


def import_file(rows: int) -> Path:
    """Synthetic incidents of another seed, so that the import adds rather than updates."""
    path = HERE / ".cache" / f"demo-{rows}-seed2.csv"
    if not path.exists():
        command: list[str | Path] = [BIN / "marsad", "demo", "--events", str(rows), "--seed", "2", "--out", str(path)]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", type=Path, default=HERE / ".cache" / "report-1000000.db")
    parser.add_argument("--clients", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, help="marsad serve --workers (default: its own default)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--during-import", action="store_true", help="while marsad import writes 50,000 rows")
    parser.add_argument("--peer", action="store_true", help="Datasette instead of Marsad")
    parser.add_argument("--server-log", type=Path, help="keep the server's output (tracebacks of errors) here")
    options = parser.parse_args()
    options.load_before = os.getloadavg()[0]
    if not options.database.exists():
        raise SystemExit(f"{options.database} is missing: run `python bench/report.py` first to build it")
    if options.peer:
        serve_datasette(options)
        return
    database = copy_for_writing(options.database) if options.during_import else options.database
    env = {**os.environ, "MARSAD_DATABASE_URL": f"sqlite:///{database.resolve()}"}
    command = [str(BIN / "marsad"), "serve", "--port", "8933"]
    if options.workers:
        command += ["--workers", str(options.workers)]
    log = options.server_log.open("wb") if options.server_log else subprocess.DEVNULL
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    writer = None
    try:
        wait_for("http://127.0.0.1:8933/api/v1/vocabularies")
        if options.during_import:
            writer = subprocess.Popen(
                [BIN / "marsad", "import", str(import_file(50_000))], env=env, stdout=subprocess.DEVNULL
            )
            time.sleep(3)  # into the import's writing, past its start-up
        print(f"Marsad, {options.workers or 'default'} workers{', during an import' if writer else ''}:\n")
        run_load(server.pid, "http://127.0.0.1:8933", MARSAD, options)
        if writer is not None and writer.poll() is not None:
            print(f"(the import ended before the load did, with exit code {writer.returncode})")
    finally:
        for process in (writer, server):
            if process is not None:
                process.terminate()
                process.wait()


def serve_datasette(options: argparse.Namespace) -> None:
    datasette = shutil.which("datasette") or str(BIN / "datasette")
    copy = HERE / ".cache" / "db.db"  # Datasette names the database after the file
    if not copy.exists():
        os.link(options.database, copy)
    command = [datasette, "serve", "-i", str(copy), "--port", "8934", "--setting", "sql_time_limit_ms", "60000"]
    peer = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for("http://127.0.0.1:8934/-/versions.json")
        print("Datasette (immutable, one process):\n")
        run_load(peer.pid, "http://127.0.0.1:8934", DATASETTE, options)
    finally:
        peer.terminate()
        peer.wait()


if __name__ == "__main__":
    main()
