"""Golden file: the November 2023 report in Markdown, identical on SQLite and PostgreSQL.

After an intended change, regenerate with `MARSAD_UPDATE_GOLDEN=1 pytest tests/report/test_golden.py` and
read the diff before committing it. The fixture's records are tagged synthetic, so the report says so.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.orm import Session

from marsad.analysis.months import Month
from marsad.analysis.statistics import Scope
from marsad.domain.vocabulary import Vocabularies
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.io.csv_format import read_csv
from marsad.report.assemble import build_monthly_report
from marsad.report.markdown import render_markdown
from marsad.services.importing import import_rows
from marsad.services.series import import_series_file
from marsad.settings import Publisher

DATA = Path(__file__).resolve().parents[1] / "data"
GOLDEN = DATA / "golden" / "report-2023-11.md"


def test_november_2023_markdown_matches_the_golden_file(
    session: Session, vocab: Vocabularies, gazetteer: Gazetteer
) -> None:
    import_rows(session, read_csv(DATA / "seed_2023_11.csv"), vocab=vocab, gazetteer=gazetteer, actor="fixture")
    import_series_file(session, DATA / "series_2023_11.csv", vocab, gazetteer, "fixture")  # the seed's camp figures
    report = build_monthly_report(session, Month(2023, 11), Scope(("isis",), "ISIS sleeper cell attacks"), vocab)
    rendered = render_markdown(report, vocab, Publisher("Test Monitor", None, "https://monitor.example.org"))
    if os.environ.get("MARSAD_UPDATE_GOLDEN") == "1":
        GOLDEN.write_text(rendered, encoding="utf-8")
    assert rendered == GOLDEN.read_text(encoding="utf-8")
