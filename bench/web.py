"""Latency of the public site at 1,000,000 incidents, measured over real HTTP against `marsad serve`,
next to Datasette serving the same SQLite file with the same indexes.

    python bench/web.py                 # uses bench/.cache/report-1000000.db (made by bench/report.py)
    python bench/web.py --requests 100

Each URL is requested sequentially after a warm-up; p50 and p95 are printed per URL.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

HERE = Path(__file__).parent
BIN = Path(sys.executable).parent
MARSAD_URLS: dict[str, str | list[str] | None] = {
    "table page, filtered and sorted (HTML)": "/incidents?region=jazira&kind=attack&sort=-date",
    "table page, deep in the data (HTML, page 2 via cursor)": None,  # filled from the first page's link
    "API page, filtered, 50 rows (total counted once per data version)": (
        "/api/v1/incidents?region=deir_ez_zor&perpetrator=isis&sort=-date&limit=50"
    ),
    "API page, filtered, 50 rows, a new filter each time (total counted)": [
        f"/api/v1/incidents?region={region}&perpetrator={actor}&sort=-date&limit=50"
        for region in ("deir_ez_zor", "jazira", "raqqa", "tabqa", "euphrates", "manbij")
        for actor in ("isis", "unknown", "tribal", "ahrar_al_shaab", "turkish_backed", "government_aligned")
    ]
    + [
        f"/api/v1/incidents?region=deir_ez_zor&perpetrator=isis&sort=-date&limit=50&month=2024-{m:02d}"
        for m in range(1, 13)
    ]
    + [
        f"/api/v1/incidents?region=jazira&perpetrator=isis&sort=-date&limit=50&month=2025-{m:02d}" for m in range(1, 13)
    ],
    "map clusters, country zoom, attacks in 2025": "/api/v1/map/clusters?zoom=6&kind=attack&from=2025-01-01",
    "map clusters, city zoom (Hasakah), attacks in 2025": (
        "/api/v1/map/clusters?zoom=12&kind=attack&from=2025-01-01&bbox=40.6,36.4,40.9,36.6"
    ),
    "/api/v1/stats for a month, repeated (cached until the data changes)": "/api/v1/stats?month=2023-11",
    # a different month on every request, so none is answered from the cache
    "/api/v1/stats for a month, a new month each time (uncached)": [
        f"/api/v1/stats?month={year}-{month:02d}" for year in range(2020, 2026) for month in range(1, 13)
    ],
    "/api/v1/stats?group_by=month,region, a new year each time (uncached)": [
        f"/api/v1/stats?group_by=month,region&kind={kind}&from={year}-01-01&to={year}-12-31&perpetrator={actor}"
        for kind in ("attack", "raid")
        for actor in ("isis", "unknown", "tribal", "ahrar_al_shaab", "turkish_backed", "government_aligned")
        for year in range(2019, 2026)
    ],
}
DATASETTE_URLS = {
    "Datasette table page, filtered and sorted (HTML)": (
        "/db/incidents?region__exact=jazira&kind__exact=attack&_sort_desc=date&_size=50"
    ),
    "Datasette JSON, filtered, 50 rows": (
        "/db/incidents.json?region__exact=deir_ez_zor&perpetrator__exact=isis&_sort_desc=date&_size=50"
    ),
}


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            httpx.get(url, timeout=2)
            return
        except httpx.HTTPError:
            time.sleep(0.3)
    raise SystemExit(f"{url} did not answer")


def measure(client: httpx.Client, label: str, url: str | list[str], requests: int) -> None:
    """Sequential requests after one warm-up; a list of URLs is requested in turn (each once, if it is long enough)."""
    urls = [url] if isinstance(url, str) else url
    client.get(urls[-1])  # warm-up (the last URL of a list, so it is not one of the measured ones)
    times = []
    for number in range(requests):
        started = time.perf_counter()
        response = client.get(urls[number % len(urls)])
        times.append(time.perf_counter() - started)
        response.raise_for_status()
    times.sort()
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    print(f"| {label} | {statistics.median(times) * 1000:,.0f} ms | {p95 * 1000:,.0f} ms |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", type=Path, default=HERE / ".cache" / "report-1000000.db")
    parser.add_argument("--requests", type=int, default=50)
    options = parser.parse_args()
    if not options.database.exists():
        raise SystemExit(f"{options.database} is missing: run `python bench/report.py` first to build it")
    env = {**os.environ, "MARSAD_DATABASE_URL": f"sqlite:///{options.database.resolve()}"}
    server = subprocess.Popen(
        [BIN / "marsad", "serve", "--port", "8931"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    print("| request | p50 | p95 |\n|---|---|---|")
    try:
        wait_for("http://127.0.0.1:8931/api/v1/vocabularies")
        with httpx.Client(base_url="http://127.0.0.1:8931", timeout=60) as client:
            first = client.get(str(MARSAD_URLS["table page, filtered and sorted (HTML)"])).text
            link = first.split('rel="next"')[0].rsplit('href="', 1)[1].split('"')[0].replace("&amp;", "&")
            MARSAD_URLS["table page, deep in the data (HTML, page 2 via cursor)"] = link
            for label, url in MARSAD_URLS.items():
                measure(client, label, url if isinstance(url, list) else str(url), options.requests)
    finally:
        server.terminate()
        server.wait()
    datasette = shutil.which("datasette") or str(BIN / "datasette")
    if not Path(datasette).exists():
        print("(datasette is not installed: pip install datasette)")
        return
    copy = HERE / ".cache" / "db.db"  # Datasette names the database after the file
    if not copy.exists():
        try:
            os.link(options.database, copy)
        except OSError:
            shutil.copy(options.database, copy)
    command = [datasette, "serve", "-i", str(copy), "--port", "8932", "--setting", "sql_time_limit_ms", "60000"]
    peer = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for("http://127.0.0.1:8932/-/versions.json")
        with httpx.Client(base_url="http://127.0.0.1:8932", timeout=120) as client:
            for label, url in DATASETTE_URLS.items():
                measure(client, label, url, max(5, options.requests // 5))
    finally:
        peer.terminate()
        peer.wait()


if __name__ == "__main__":
    main()
