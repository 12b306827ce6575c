"""A month's casualty ranges: the report totals the best estimates and gives the summed range where it differs."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from marsad.analysis.months import Month
from marsad.analysis.statistics import Scope
from marsad.domain.incident import PUBLIC_COLUMNS
from marsad.domain.vocabulary import Vocabularies
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.report.arabic_key_points import LRI, PDI
from marsad.report.assemble import build_monthly_report
from marsad.report.contract import report_json
from marsad.report.html import render_html
from marsad.report.markdown import render_markdown
from marsad.storage.incident_store import IncidentWriter
from tests.helpers import attack

NOVEMBER = Month(2023, 11)


def test_the_report_sums_best_estimates_and_gives_the_range_where_it_differs(
    session: Session, vocab: Vocabularies, gazetteer: Gazetteer
) -> None:
    day = dt.date(2023, 11, 5)
    IncidentWriter(session, vocab, actor="t", via="test").write(
        [
            attack(id="2023-11-0001", date=day, civilian_killed=7, civilian_killed_low=5, civilian_killed_high=9),
            attack(id="2023-11-0002", date=day, civilian_killed=2, military_killed=1, military_injured=None),
            attack(  # not counted: its range is not in the totals either
                id="2023-11-0003",
                date=day,
                grade="weak",
                counted=False,
                exclusion_reason="not confirmed",
                civilian_killed=10,
                civilian_killed_high=30,
            ),
        ]
    )
    report = build_monthly_report(session, NOVEMBER, Scope(), vocab)
    casualties = report_json(report, PUBLIC_COLUMNS)["casualties"]
    assert [casualties[f"civilian_killed{bound}"] for bound in ("_low", "", "_high")] == [7, 9, 11]
    assert [casualties[f"military_killed{bound}"] for bound in ("_low", "", "_high")] == [2, 2, 2]
    toll = next(point for point in report.key_points if "in these attacks" in point)
    assert toll == "2 military personnel killed and 2 injured, 9 civilians killed (7–11) in these attacks"
    markdown = render_markdown(report, vocab)
    assert "7 civilians killed (5–9)" in markdown  # the incident, in the report's list
    assert "| Civilians | 9 (7–11) | 0 |" in markdown  # the casualty table
    assert '<td class="n">9 (7–11)</td>' in render_html(report, vocab, gazetteer)
    arabic = build_monthly_report(session, NOVEMBER, Scope(), vocab, language="ar")
    assert any(f"مقتل {LRI}9{PDI} ({LRI}7–11{PDI}) من المدنيين" in point for point in arabic.key_points)
