"""Import 1,000,000 synthetic incidents from canonical CSV and compare with pandas and sqlite-utils.

    make bench                                     # everything, 1,000,000 rows
    python bench/import.py --rows 100000     # smaller
    python bench/import.py --only marsad-sqlite

Each contender runs as its own process on the same file; wall time and peak resident memory (of the
process and its children, sampled every 0.2 s) are measured from outside, with the CPU seconds of the whole
tree and the load average at its start and end (on a shared machine wall time depends on the others).
Marsad's import validates every row, locates it, writes sources and a revision per incident, in one
transaction; the peers load the CSV as it is, without any validation.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psycopg

from processes import tree_rss_mb

HERE = Path(__file__).parent
CACHE = HERE / ".cache"
BIN = Path(sys.executable).parent
POSTGRES_ADMIN = os.environ.get("MARSAD_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")

PANDAS = """
import sqlite3, sys
import pandas as pd
frame = pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False)
with sqlite3.connect(sys.argv[2]) as connection:
    frame.to_sql("incidents", connection, index=False)
"""


@dataclass
class Result:
    name: str
    seconds: float
    cpu_seconds: float  # of the whole process tree: on a shared machine, what a free core would give as wall time
    peak_mb: float
    rows: int
    load: tuple[float, float]  # the 1-minute load average when the contender started and when it ended

    def line(self) -> str:
        rate = self.rows / self.seconds if self.seconds else 0
        return (
            f"| {self.name} | {self.seconds:,.1f} s | {self.cpu_seconds:,.1f} s | {rate:,.0f} rows/s "
            f"| {self.peak_mb:,.0f} MB | {self.load[0]:.1f}–{self.load[1]:.1f} |"
        )


def children_cpu() -> float:
    """CPU seconds of the children that ended so far, theirs and their own children's (Marsad's second process)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(name: str, command: list[str], rows: int, env: dict[str, str] | None = None) -> Result:
    """Run ``command`` to completion; its wall and CPU time and the peak memory of its whole process tree."""
    load, cpu, started = os.getloadavg()[0], children_cpu(), time.perf_counter()
    process = subprocess.Popen(command, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL)
    peak = 0.0
    while process.poll() is None:
        peak = max(peak, tree_rss_mb(process.pid))
        time.sleep(0.2)
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"{name} failed: {' '.join(command)}")
    return Result(name, seconds, children_cpu() - cpu, peak, rows, (load, os.getloadavg()[0]))


def demo_file(rows: int) -> Path:
    path = CACHE / f"demo-{rows}.csv"
    if not path.exists():
        CACHE.mkdir(exist_ok=True)
        print(f"making {path} ({rows:,} synthetic incidents)…", flush=True)
        subprocess.run([BIN / "marsad", "demo", "--events", str(rows), "--seed", "1", "--out", str(path)], check=True)
    return path


def marsad_sqlite(csv: Path, rows: int, work: Path) -> Result:
    env = {"MARSAD_DATA_DIR": str(work / "marsad"), "MARSAD_DATABASE_URL": ""}
    subprocess.run([BIN / "marsad", "init"], env={**os.environ, **env}, check=True, stdout=subprocess.DEVNULL)
    return measure("Marsad import → SQLite (validated)", [str(BIN / "marsad"), "import", str(csv)], rows, env)


def marsad_postgres(csv: Path, rows: int, work: Path) -> Result:
    admin = POSTGRES_ADMIN.replace("+psycopg", "")
    name = f"marsad_bench_{os.getpid()}"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        env = {"MARSAD_DATABASE_URL": POSTGRES_ADMIN.rsplit("/", 1)[0] + f"/{name}"}
        subprocess.run([BIN / "marsad", "init"], env={**os.environ, **env}, check=True, stdout=subprocess.DEVNULL)
        return measure("Marsad import → PostgreSQL (validated)", [str(BIN / "marsad"), "import", str(csv)], rows, env)
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def pandas(csv: Path, rows: int, work: Path) -> Result:
    command = [sys.executable, "-c", PANDAS, str(csv), str(work / "pandas.db")]
    return measure("pandas read_csv + to_sql → SQLite (no validation)", command, rows)


def sqlite_utils(csv: Path, rows: int, work: Path) -> Result:
    command = [str(BIN / "sqlite-utils"), "insert", str(work / "su.db"), "incidents", str(csv), "--csv"]
    return measure("sqlite-utils insert --csv → SQLite (no validation)", command, rows)


CONTENDERS: dict[str, Callable[[Path, int, Path], Result]] = {
    "marsad-sqlite": marsad_sqlite,
    "marsad-postgres": marsad_postgres,
    "pandas": pandas,
    "sqlite-utils": sqlite_utils,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--only", choices=list(CONTENDERS), action="append")
    options = parser.parse_args()
    csv = demo_file(options.rows)
    print(f"{csv}: {csv.stat().st_size / 1e6:,.0f} MB, {options.rows:,} rows, {os.cpu_count()} cores")
    print("| contender | time | CPU | rate | peak memory | load |\n|---|---|---|---|---|---|", flush=True)
    for name in options.only or list(CONTENDERS):
        work = Path(tempfile.mkdtemp(prefix="marsad-bench-"))
        try:
            print(CONTENDERS[name](csv, options.rows, work).line(), flush=True)
        finally:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
