from __future__ import annotations

import collections
import datetime as dt
import itertools

from sqlalchemy.orm import Session

from marsad.analysis.months import Month
from marsad.domain.rules import check_incident
from marsad.domain.vocabulary import Vocabularies
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.services.demo import SYNTHETIC_MARK, DemoGenerator, publish_demo_reports
from marsad.services.reports import list_published
from marsad.storage.incident_store import IncidentWriter


def test_the_same_seed_gives_the_same_data(gazetteer: Gazetteer, vocab: Vocabularies) -> None:
    first = list(DemoGenerator(gazetteer, vocab, seed=3).incidents(300))
    second = list(DemoGenerator(gazetteer, vocab, seed=3).incidents(300))
    other = list(DemoGenerator(gazetteer, vocab, seed=4).incidents(300))
    assert first == second
    assert first != other


def test_every_record_is_valid_and_says_it_is_synthetic(gazetteer: Gazetteer, vocab: Vocabularies) -> None:
    incidents = list(DemoGenerator(gazetteer, vocab).incidents(2000))
    assert len(incidents) == 2000
    for incident in incidents:
        assert check_incident(incident, vocab) == [], incident
        assert incident.description and incident.description.startswith(SYNTHETIC_MARK)
        assert "synthetic" in incident.tags
        assert incident.sources and all(s.source_type == "synthetic" for s in incident.sources)


def test_the_mix_looks_like_a_sleeper_cell_dataset(gazetteer: Gazetteer, vocab: Vocabularies) -> None:
    incidents = list(DemoGenerator(gazetteer, vocab).incidents(5000))
    kinds = {k: len(list(g)) for k, g in itertools.groupby(sorted(i.kind for i in incidents))}
    assert kinds["attack"] > kinds["raid"] > kinds["other"] > 0
    regions = {i.region for i in incidents}
    assert set(vocab.regions.keys) <= regions
    assert None in regions  # some happen outside the monitored area, and are not counted
    assert all(not i.counted for i in incidents if i.region is None)
    assert any(i.arrests for i in incidents if i.kind == "raid")
    assert len({i.id for i in incidents}) == len(incidents)
    years = {i.date.year for i in incidents}
    assert min(years) == 2019 and max(years) == 2025
    statuses = collections.Counter(i.status for i in incidents)
    assert statuses["published"] > 4500 and statuses["in_review"] > 50 and statuses["draft"] > 50  # a queue to try
    assert max(i.date for i in incidents if i.status == "in_review").year == 2025  # recent ones among them


def test_demo_data_goes_through_the_one_write_path(session: Session, gazetteer: Gazetteer, vocab: Vocabularies) -> None:
    counts = IncidentWriter(session, vocab, actor="demo", via="demo").write(
        list(DemoGenerator(gazetteer, vocab).incidents(200))
    )
    assert counts.created == 200


def test_demo_reports_are_published_and_say_they_are_synthetic(
    session: Session, gazetteer: Gazetteer, vocab: Vocabularies
) -> None:
    generator = DemoGenerator(gazetteer, vocab)
    IncidentWriter(session, vocab, actor="demo", via="demo").write(
        list(generator.incidents(400, dt.date(2025, 1, 1), dt.date(2025, 12, 31)))
    )
    months = publish_demo_reports(session, vocab, gazetteer, Month(2025, 12), 2)
    assert months == [Month(2025, 11), Month(2025, 12)]
    published = list_published(session)
    assert [r.month for r in published] == [Month(2025, 12), Month(2025, 11)]
    for report in published:
        assert report.snapshot is not None and report.draft.title.startswith(SYNTHETIC_MARK)
        assert "synthetic demo data" in report.snapshot["markdown"]
        assert "> **Synthetic data.** All " in report.snapshot["markdown"]  # found in the records themselves
        assert 'content: "SYNTHETIC DATA: not real events"' in report.snapshot["html"]  # on every PDF page
        assert report.snapshot["data"]["attacks"]["total"] > 0
