"""Import the real UCDP GED sample (15,371 events of Syria, 2016-2019) with `marsad import FILE` and report the time.

    python bench/ged_import.py            # needs ../shared/data/ucdp (the bench says so and stops without it)
    python bench/ged_import.py --database postgresql+psycopg://postgres@127.0.0.1:5432/bench

The file is UCDP's own (41 columns), unzipped once into bench/.cache; the layout is detected, every side goes
through the shipped mapping, every row is located in the OCHA outlines and written in one transaction. The
bench checks what landed against the file: every row, and UCDP's sums of low, best and high deaths. Wall time
is the user's wait; CPU time (both processes: the reader-validator and the writer) is what a busy machine
cannot hide.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
SAMPLE = HERE.resolve().parents[1] / "shared" / "data" / "ucdp" / "ged_syria_v19_1_sample.csv.gz"
CACHE = HERE / ".cache"
MARSAD = [sys.executable, "-c", "from marsad.cli.app import main; main()"]  # the marsad this Python imports
TARGET_SECONDS = 5.0


def unzipped() -> Path:
    path = CACHE / "ged_syria_v19_1_sample.csv"
    if not path.exists():
        CACHE.mkdir(exist_ok=True)
        with gzip.open(SAMPLE, "rb") as source:
            path.write_bytes(source.read())
    return path


def ucdp_sums(path: Path) -> tuple[int, int, int, int]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    low, best, high = (sum(int(r[name]) for r in rows) for name in ("low", "best", "high"))
    return len(rows), low, best, high


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", help="a PostgreSQL URL (default: a new SQLite file)")
    options = parser.parse_args()
    if not SAMPLE.exists():
        sys.exit(f"{SAMPLE} is not here: this bench needs ../shared/data/ucdp")
    source = unzipped()
    with tempfile.TemporaryDirectory() as folder:
        url = options.database or f"sqlite:///{folder}/bench.db"
        env = {**os.environ, "MARSAD_DATABASE_URL": url, "MARSAD_DATA_DIR": folder}
        subprocess.run([*MARSAD, "init"], env=env, check=True, capture_output=True)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run([*MARSAD, "import", str(source)], env=env, check=True)
        seconds = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        if url.startswith("sqlite"):
            with sqlite3.connect(f"{folder}/bench.db") as db:
                stored = db.execute(
                    "SELECT count(*), sum(deaths_low), sum(deaths_best), sum(deaths_high) FROM incidents"
                ).fetchone()
            expected = ucdp_sums(source)
            assert tuple(stored) == expected, (stored, expected)
            print(
                f"landed: {stored[0]:,} of {expected[0]:,} rows; "
                f"deaths low/best/high {stored[1]:,}/{stored[2]:,}/{stored[3]:,}"
            )
    rows = ucdp_sums(source)[0]
    verdict = "under" if seconds < TARGET_SECONDS else "OVER"
    print(
        f"| UCDP GED 19.1 sample -> {url.split(':')[0]} | {rows:,} rows | {seconds:,.1f} s wall ({verdict} "
        f"{TARGET_SECONDS:g} s) | {cpu:,.1f} s CPU | {rows / seconds:,.0f} rows/s | load {os.getloadavg()[0]:.1f} |"
    )


if __name__ == "__main__":
    main()
