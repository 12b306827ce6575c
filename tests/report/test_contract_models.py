"""The report contract's models hold what report_json writes, key for key, on the November 2023 fixture."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy.orm import Session

from marsad.analysis.months import Month
from marsad.analysis.periods import Period, period_stats
from marsad.analysis.statistics import Scope
from marsad.domain.incident import PUBLIC_COLUMNS
from marsad.domain.vocabulary import Vocabularies
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.io.csv_format import read_csv
from marsad.report.assemble import build_monthly_report
from marsad.report.contract import period_stats_json, report_json
from marsad.report.contract_models import PeriodStatsJson, ReportJson
from marsad.services.importing import import_rows

DATA = Path(__file__).resolve().parents[1] / "data"
NOVEMBER = Month(2023, 11)


def test_report_json_and_period_figures_fit_their_models(
    session: Session, vocab: Vocabularies, gazetteer: Gazetteer
) -> None:
    import_rows(session, read_csv(DATA / "seed_2023_11.csv"), vocab=vocab, gazetteer=gazetteer, actor="fixture")
    report = build_monthly_report(session, NOVEMBER, Scope(perpetrators=("isis",)), vocab)
    written = json.loads(json.dumps(report_json(report, PUBLIC_COLUMNS)))
    assert written["incidents"] and written["key_point_facts"]
    fitted = ReportJson.model_validate(written).model_dump(mode="json", exclude_unset=True)
    assert fitted == written  # nothing undocumented, nothing changed
    period = period_stats(session, Period(NOVEMBER.first_day, NOVEMBER.last_day), Scope())
    figures = json.loads(json.dumps(period_stats_json(period)))
    assert PeriodStatsJson.model_validate(figures).model_dump(mode="json", by_alias=True) == figures
