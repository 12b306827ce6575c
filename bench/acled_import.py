"""Import a 1,000,000-row file in ACLED's layout (`marsad import FILE --format acled`) and report rows/s.

    python bench/acled_import.py                  # 1,000,000 rows (the file is built once, in bench/.cache)
    python bench/acled_import.py --rows 100000

The file is the synthetic demo data written in ACLED's columns (so every value maps through the shipped
mapping file). The import maps, validates, locates and writes every row in one transaction, as for any file.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from marsad.domain.vocabulary import load_vocabularies
from marsad.gazetteer.gazetteer import load_gazetteer
from marsad.io.acled import write_acled
from marsad.services.demo import DemoGenerator

HERE = Path(__file__).parent
CACHE = HERE / ".cache"
BIN = Path(sys.executable).parent


def acled_file(rows: int) -> Path:
    path = CACHE / f"acled-{rows}.csv"
    if not path.exists():
        CACHE.mkdir(exist_ok=True)
        vocab = load_vocabularies()
        generator = DemoGenerator(load_gazetteer(vocab), vocab, seed=1)
        with path.open("wb") as handle:
            write_acled(generator.incidents(rows), handle, ())
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    options = parser.parse_args()
    started = time.perf_counter()
    source = acled_file(options.rows)
    print(
        f"ACLED-layout file: {source} ({source.stat().st_size / 2**20:,.0f} MB, {time.perf_counter() - started:.0f} s)"
    )
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "MARSAD_DATABASE_URL": f"sqlite:///{folder}/bench.db"}
        subprocess.run([BIN / "marsad", "init"], env=env, check=True, capture_output=True)
        started = time.perf_counter()
        subprocess.run([BIN / "marsad", "import", str(source), "--format", "acled"], env=env, check=True)
        seconds = time.perf_counter() - started
    print(
        f"| ACLED layout -> SQLite | {options.rows:,} rows | {seconds:,.1f} s | {options.rows / seconds:,.0f} rows/s |"
    )


if __name__ == "__main__":
    main()
