"""Derives tests/data/ucdp/ged_syria_v19_1_fixture.csv from the real UCDP GED sample in ../shared/data/ucdp.

Every 25th event of the sample (UCDP's own 41 columns, rows unchanged): 615 events of all four years, the three
types of violence, 13 governorates and events UCDP placed in none. Re-run it when ../shared is present:

    python tests/data/make_ucdp_fixture.py

Source: UCDP Georeferenced Event Dataset (GED) Global version 19.1, CC BY 4.0. Sundberg, Ralph & Erik Melander
(2013) "Introducing the UCDP Georeferenced Event Dataset", Journal of Peace Research 50(4): 523-532; Högbladh,
Stina (2019) "UCDP GED Codebook version 19.1", Department of Peace and Conflict Research, Uppsala University.
"""

from __future__ import annotations

import csv
import gzip
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[3] / "shared" / "data" / "ucdp" / "ged_syria_v19_1_sample.csv.gz"
FIXTURE = Path(__file__).parent / "ucdp" / "ged_syria_v19_1_fixture.csv"
EVERY = 25


def main() -> None:
    with gzip.open(SAMPLE, "rt", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header, events = rows[0], rows[1:]
    kept = events[::EVERY]
    with FIXTURE.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(kept)
    print(f"{FIXTURE}: {len(kept):,} of {len(events):,} events")


if __name__ == "__main__":
    main()
