from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from marsad.analysis.months import Month
from marsad.analysis.periods import Period, period_stats
from marsad.analysis.statistics import Scope, month_stats
from marsad.domain.vocabulary import Vocabularies
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.io.csv_format import read_csv
from marsad.services.importing import import_rows
from marsad.storage.incident_store import IncidentWriter
from tests.helpers import attack

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture
def july(session: Session, vocab: Vocabularies, gazetteer: Gazetteer) -> Session:
    import_rows(session, read_csv(DATA / "seed_2019_07.csv"), vocab=vocab, gazetteer=gazetteer, actor="fixture")
    return session


def test_previous_period_and_year_earlier() -> None:
    assert Period.month(Month(2019, 7)).previous() == Period(dt.date(2019, 6, 1), dt.date(2019, 6, 30))
    quarter = Period(dt.date(2019, 4, 1), dt.date(2019, 6, 30))
    assert quarter.previous() == Period(dt.date(2019, 1, 1), dt.date(2019, 3, 31))
    assert quarter.label == "April 2019 to June 2019"
    days = Period(dt.date(2019, 7, 10), dt.date(2019, 7, 19))
    assert days.previous() == Period(dt.date(2019, 6, 30), dt.date(2019, 7, 9))
    assert Period(dt.date(2020, 2, 29), dt.date(2020, 3, 1)).year_earlier().start == dt.date(2019, 2, 28)
    with pytest.raises(ValueError, match="cannot start"):
        Period(dt.date(2020, 2, 2), dt.date(2020, 2, 1))


def test_a_month_period_agrees_with_the_monthly_report(july: Session) -> None:
    by_period = period_stats(july, Period.month(Month(2019, 7)), Scope())
    by_month = month_stats(july, Month(2019, 7), Scope())
    assert (by_period.attacks.count, by_period.attacks.previous) == (82, 85)
    assert {k: f.count for k, f in by_period.breakdowns["region"].items()} == {
        k: f.count for k, f in by_month.by_region.items() if f.count or f.previous
    }
    assert (
        by_period.breakdowns["perpetrator"]["isis"].change_pct == by_month.breakdowns["perpetrator"]["isis"].change_pct
    )


def test_year_to_date_and_periods_before_the_dataset(july: Session) -> None:
    ytd = period_stats(july, Period.year_to_date(Month(2019, 7)), Scope())
    assert ytd.attacks.count == 68 + 72 + 78 + 88 + 86 + 85 + 82
    assert ytd.attacks.previous is None and ytd.attacks.year_earlier is None  # the dataset begins in 2019
    assert ytd.breakdowns["region"]["jazira"].count == 8 + 10 + 12 + 14 + 13 + 15 + 30
    assert ytd.raids.count == 1 and ytd.arrests.count == 6


def test_an_arbitrary_range_compares_with_the_days_before(july: Session) -> None:
    stats = period_stats(july, Period(dt.date(2019, 7, 1), dt.date(2019, 7, 15)), Scope(("isis",)))
    assert stats.previous_period == Period(dt.date(2019, 6, 16), dt.date(2019, 6, 30))
    assert stats.attacks.count > 0 and stats.attacks.previous is not None
    assert set(stats.breakdowns["perpetrator"]) == {"isis"}


def test_an_attack_whose_days_span_a_months_end_counts_in_the_month_of_its_date(
    session: Session, vocab: Vocabularies
) -> None:
    """The codebook's rule: the date is the most likely day, and the month it falls in counts the incident; its
    latest possible day in the next month neither counts it again nor moves it."""
    spanning = attack(id="2019-07-0001", date=dt.date(2019, 7, 30), date_latest=dt.date(2019, 8, 2))
    began_before = attack(id="2019-08-0001", date=dt.date(2019, 8, 1), date_earliest=dt.date(2019, 7, 29))
    IncidentWriter(session, vocab, actor="t", via="test").write([spanning, began_before])
    july, august = (month_stats(session, Month(2019, m), Scope()) for m in (7, 8))
    assert (july.attacks.count, august.attacks.count) == (1, 1)
    weeks = period_stats(session, Period(dt.date(2019, 7, 31), dt.date(2019, 8, 6)), Scope())
    assert weeks.attacks.count == 1  # the August one: a range is not an overlap test
