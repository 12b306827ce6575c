"""Time one month's report over a 1,000,000-incident database: statistics, key points, charts, HTML, PDF.

    python bench/report.py                       # SQLite, built once in bench/.cache from the demo CSV
    python bench/report.py --postgres            # the same on this machine's PostgreSQL
    python bench/report.py --month 2021-03

The database is filled by `marsad import` of the file bench/import.py makes (cached); each step is timed
over several runs in one warm process and the median is printed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg

from marsad.analysis.months import Month
from marsad.analysis.statistics import Scope, month_stats
from marsad.domain.vocabulary import load_vocabularies
from marsad.gazetteer.gazetteer import load_gazetteer
from marsad.report.assemble import build_monthly_report, generated_report
from marsad.report.charts import breakdown_chart, incident_map, trend_chart
from marsad.report.html import render_html, render_pdf
from marsad.report.sections import breakdown_rows
from marsad.storage.engine import make_engine, unit_of_work
from marsad.storage.migrate import upgrade

HERE = Path(__file__).parent
CACHE = HERE / ".cache"
BIN = Path(sys.executable).parent
POSTGRES_ADMIN = os.environ.get("MARSAD_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def demo_csv(rows: int) -> Path:
    path = CACHE / f"demo-{rows}.csv"
    if not path.exists():
        CACHE.mkdir(exist_ok=True)
        subprocess.run([BIN / "marsad", "demo", "--events", str(rows), "--seed", "1", "--out", str(path)], check=True)
    return path


def database(rows: int, postgres: bool) -> str:
    """A database holding the demo file, built once (SQLite file or PostgreSQL database kept between runs)."""
    if postgres:
        name = f"marsad_bench_report_{rows}"
        admin = POSTGRES_ADMIN.replace("+psycopg", "")
        with psycopg.connect(admin, autocommit=True) as connection:
            exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
            if not exists:
                connection.execute(f'CREATE DATABASE "{name}"')
        url = POSTGRES_ADMIN.rsplit("/", 1)[0] + f"/{name}"
        fresh = not exists
    else:
        path = CACHE / f"report-{rows}.db"
        url = f"sqlite:///{path}"
        fresh = not path.exists()
    upgrade(make_engine(url))
    if fresh:
        print(f"filling {url} with {rows:,} incidents…", flush=True)
        env = {**os.environ, "MARSAD_DATABASE_URL": url}
        subprocess.run([BIN / "marsad", "import", str(demo_csv(rows))], env=env, check=True)
    return url


def timed(label: str, step: Callable[[], Any], runs: int) -> Any:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = step()
        times.append(time.perf_counter() - started)
    print(f"| {label} | {statistics.median(times) * 1000:,.0f} ms | {min(times) * 1000:,.0f} ms |", flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--month", default="2023-11")
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    url = database(options.rows, options.postgres)
    month, scope = Month.parse(options.month), Scope()
    vocab = load_vocabularies()
    gazetteer = load_gazetteer(vocab)
    engine = make_engine(url)
    print(f"{url.split('://')[0]}, {options.rows:,} incidents, report for {month.label}")
    print("| step | median | best |\n|---|---|---|")
    with unit_of_work(engine) as session:
        stats = timed("statistics", lambda: month_stats(session, month, scope), options.runs)
        timed("key points", lambda: generated_report(stats, vocab), options.runs)
        timed(
            "statistics + key points", lambda: generated_report(month_stats(session, month, scope), vocab), options.runs
        )
        report = timed(
            "report assembly (+ month's incidents)",
            lambda: build_monthly_report(session, month, scope, vocab),
            options.runs,
        )

    def charts() -> None:
        for figures, vocabulary in (
            (stats.by_region, vocab.regions),
            (stats.breakdowns["type"], vocab.types),
            (stats.breakdowns["perpetrator"], vocab.actors),
        ):
            breakdown_chart(breakdown_rows(figures, vocabulary), "this", "last")
        trend_chart(stats.trend_months, stats.trend_by_region, vocab, scope.noun)
        incident_map(report.counted, gazetteer, vocab, "map")

    timed("charts and map (SVG)", charts, options.runs)
    html = timed("HTML page (charts included)", lambda: render_html(report, vocab, gazetteer), options.runs)
    timed("PDF from the HTML", lambda: render_pdf(html), max(1, options.runs // 2))


if __name__ == "__main__":
    main()
