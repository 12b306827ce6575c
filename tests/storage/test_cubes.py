"""The tables aggregated in advance answer exactly as the incidents do, after any creation, edit and import.

Each test writes random incidents through the one write path, edits some at random (status, date, place,
counting, counts), then asks random selections both ways: through the aggregated tables, and with them turned
off (every reader then counts the incidents themselves). A reader notices any difference: the map, the table
and the API read these figures.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

import pytest
from sqlalchemy import delete, inspect, select
from sqlalchemy.orm import Session

from marsad.domain.access import Access
from marsad.domain.filters import IncidentFilter
from marsad.domain.incident import Incident
from marsad.domain.keys import Kind, Status
from marsad.domain.vocabulary import Vocabularies
from marsad.storage import aggregates, cubes, queries
from marsad.storage.aggregates import GridCell, grid_cells, monthly_counts, selection_totals, tally
from marsad.storage.counting import follow_counting_rule
from marsad.storage.incident_store import IncidentWriter
from marsad.storage.queries import count_incidents
from marsad.storage.tables import SQUARES, TALLIES
from tests.helpers import attack

MONTHS = [dt.date(2023, month, 1) for month in (1, 2, 3)] + [dt.date(2024, 2, 1)]
TOWNS = ((36.50237, 40.74772), (36.05756, 40.73478), (35.95, 39.01), (35.33, 40.14))


def _incident(rng: random.Random, vocab: Vocabularies, number: int) -> Incident:
    kind = rng.choice([Kind.ATTACK, Kind.ATTACK, Kind.RAID])
    located = rng.random() < 0.85
    lat, lon = rng.choice(TOWNS)
    best = rng.choice([None, 0, 1, 3])
    status = rng.choice([Status.PUBLISHED, Status.PUBLISHED, Status.PUBLISHED, "draft", "in_review"])
    counted = rng.random() < 0.8
    return attack(
        id=f"T-{number:04d}",
        kind=kind,
        type=rng.choice(vocab.types_for_kind(kind)),
        date=rng.choice(MONTHS) + dt.timedelta(days=rng.choice([0, 13, 27])),
        latitude=lat + rng.uniform(-0.3, 0.3) if located else None,
        longitude=lon + rng.uniform(-0.3, 0.3) if located else None,
        region=rng.choice(["jazira", "raqqa", "deir_ez_zor", None]),
        perpetrator=rng.choice(["isis", "unknown", "tribal"]),
        attribution=rng.choice(["claimed", "attributed", "unknown"]),
        grade=rng.choice(["confirmed", "fair", "weak"]),
        target=rng.choice(["asayish", None]),
        counted=counted,
        exclusion_reason=None if counted else "not confirmed",
        status=status,
        military_killed=best,
        civilian_killed=2,
        civilian_killed_high=rng.choice([None, 5]),
        military_injured=rng.choice([None, 1]),
        arrests=rng.choice([None, 4]) if kind == Kind.RAID else None,
        conducted_by=None,
        geo_precision=rng.choice(["town", "exact", None]) if located else None,
    )


def _edit(rng: random.Random, incident: Incident) -> Incident:
    change: dict[str, Any] = rng.choice(
        [
            {"status": rng.choice([Status.PUBLISHED, "draft", "withdrawn"])},
            {"date": rng.choice(MONTHS) + dt.timedelta(days=5)},
            {"region": rng.choice(["jazira", "raqqa", None])},
            {"latitude": None, "longitude": None, "geo_precision": None},
            {"latitude": 36.0 + rng.random(), "longitude": 40.0 + rng.random()},
            {"counted": False, "exclusion_reason": "not confirmed"},
            {"military_killed": rng.choice([None, 7]), "civilian_killed_high": rng.choice([None, 9])},
            {"perpetrator": rng.choice(["isis", "tribal"])},
            {"description": "only the words change"},
        ]
    )
    return dataclasses.replace(incident, **change)


def _selection(rng: random.Random) -> IncidentFilter:
    month = rng.choice(MONTHS)
    dates = rng.choice(
        [
            {},
            {"date_from": month},
            {"date_from": MONTHS[0], "date_to": dt.date(2023, 2, 28)},
            {"date_to": dt.date(2023, 3, 31)},
        ]
    )
    narrowing: dict[str, Any] = {
        name: tuple(rng.sample(values, rng.randint(1, 2)))
        for name, values in (
            ("kinds", ["attack", "raid"]),
            ("perpetrators", ["isis", "unknown", "tribal"]),
            ("regions", ["jazira", "raqqa"]),
            ("grades", ["confirmed", "fair", "weak"]),
            ("types", ["ied", "raid", "assassination"]),
        )
        if rng.random() < 0.3
    }
    flags = {
        "counted": rng.choice([True, False, None]),
        "confirmed": rng.choice([True, False, None]),  # False narrows too: graded other than confirmed
        "with_casualties": rng.random() < 0.2,
    }
    return IncidentFilter(**flags, **dates, **narrowing)


@pytest.fixture
def plain(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Callable[[], Any]], Any]]:
    """Runs a reader with the aggregated tables turned off: what the incidents themselves say."""

    def read(reader: Callable[[], Any]) -> Any:
        with monkeypatch.context() as patched:
            for module, name in ((aggregates, "tally_level"), (aggregates, "square_level"), (queries, "tally_level")):
                patched.setattr(module, name, lambda *_: None)
            return reader()

    yield read


def _cells(cells: list[GridCell]) -> list[tuple[Any, ...]]:
    """Squares as a reader sees them, the centre to the 5 decimals shown (sums of floats differ in their order)."""
    return sorted(
        (c.count, round(c.latitude, 4), round(c.longitude, 4), c.incident_id, c.perpetrators, c.killed, c.type)
        for c in cells
    )


def _answers(session: Session, selection: IncidentFilter, access: Access, rng: random.Random) -> dict[str, Any]:
    """What the map, the table, the API and the statistics read for one selection."""
    group_by = tuple(rng.sample(["region", "perpetrator", "type", "target", "status", "grade"], rng.randint(0, 2)))
    zoom = rng.choice([3, 6, 7, 9, 12, 14])
    box = rng.choice([None, (40.5, 36.2, 41.0, 36.7), (38.7, 35.2, 40.3, 36.1)])
    return {
        "count": count_incidents(session, selection, access),
        "totals": selection_totals(session, selection, access),
        "tally": tally(session, selection, access, group_by, by_month=rng.random() < 0.5),
        "squares": _cells(grid_cells(session, selection, access, zoom, box)),
        "series": monthly_counts(session, selection, access, rng.choice(["region", "perpetrator", "kind"])),
    }


def _same_answers(session: Session, rng: random.Random, plain: Callable[[Callable[[], Any]], Any]) -> None:
    for seed in range(25):
        selection, access = _selection(rng), rng.choice([Access.PUBLIC, Access.INTERNAL])
        aggregated = _answers(session, selection, access, random.Random(seed))
        assert aggregated == plain(partial(_answers, session, selection, access, random.Random(seed))), selection


@pytest.mark.parametrize("seed", range(4))
def test_aggregated_figures_equal_the_incidents_after_random_edits(
    session: Session, vocab: Vocabularies, plain: Callable[[Callable[[], Any]], Any], seed: int
) -> None:
    rng = random.Random(seed)
    writer = IncidentWriter(session, vocab, actor="t", via="test")
    incidents = [_incident(rng, vocab, n) for n in range(60)]
    writer.write(incidents[:40])  # a first import, then a second batch into the same groups
    writer.write(incidents[40:])
    _same_answers(session, rng, plain)
    for _ in range(30):
        position = rng.randrange(len(incidents))
        incidents[position] = _edit(rng, incidents[position])
        writer.write([incidents[position]])
    _same_answers(session, rng, plain)


def test_a_change_of_counting_rule_moves_the_aggregated_figures_too(
    session: Session, vocab: Vocabularies, plain: Callable[[Callable[[], Any]], Any]
) -> None:
    rng = random.Random(9)
    IncidentWriter(session, vocab, actor="t", via="test").write([_incident(rng, vocab, n) for n in range(40)])
    counted = IncidentFilter(counted=True)
    before = count_incidents(session, counted)
    assert follow_counting_rule(session, ["confirmed", "fair", "weak"], actor="t") > 0
    after = count_incidents(session, counted)
    assert after > before and after == plain(lambda: count_incidents(session, counted))
    _same_answers(session, rng, plain)


def _indexes(session: Session) -> dict[str, list[tuple[str | None, list[str | None]]]]:
    inspector = inspect(session.connection())
    return {
        table: sorted((index["name"], index["column_names"]) for index in inspector.get_indexes(table))
        for table in ("incidents", "sources", "revisions")
    }


def test_a_first_load_into_an_empty_dataset_answers_as_batch_by_batch_writes_do(
    session: Session, vocab: Vocabularies, plain: Callable[[Callable[[], Any]], Any]
) -> None:
    rng = random.Random(5)
    indexes = _indexes(session)
    writer = IncidentWriter(session, vocab, actor="t", via="test")
    incidents = [_incident(rng, vocab, n) for n in range(70)]
    with writer.first_load():  # the aggregates and (on SQLite) the indexes are made once, at the end
        writer.write(incidents[:40])
        writer.write(incidents[40:60])
    assert _indexes(session) == indexes
    _same_answers(session, rng, plain)
    with writer.first_load():  # the dataset is not empty any more: written batch by batch as usual
        writer.write(incidents[60:])
    _same_answers(session, rng, plain)


def _stored(session: Session) -> dict[str, list[tuple[Any, ...]]]:
    """Every aggregated row, floats (the squares' summed coordinates) to 6 decimals: sums of floats differ in
    their order."""
    return {
        table.name: sorted(
            tuple(round(value, 6) if isinstance(value, float) else value for value in row)
            for row in session.execute(select(table))
        )
        for table in (TALLIES, SQUARES)
    }


def test_an_import_into_an_empty_dataset_makes_every_level_as_the_incidents_count_it(
    session: Session, vocab: Vocabularies
) -> None:
    rng = random.Random(11)
    incidents = [_incident(rng, vocab, n) for n in range(300)]
    writer = IncidentWriter(session, vocab, actor="t", via="test")
    with writer.first_load():  # each coarser level grouped from the finer one's rows (cubes.rebuild)
        writer.write(incidents[:200])
        writer.write(incidents[200:])
    loaded = _stored(session)
    session.execute(delete(TALLIES))
    session.execute(delete(SQUARES))
    cubes.add(session, [incident.id for incident in incidents if incident.id])  # every level from the incidents
    assert _stored(session) == loaded
    assert {row[0] for row in loaded["tallies"]} == {0, 1}
    assert {row[0] for row in loaded["squares"]} == set(cubes.SQUARE_LEVELS)
    assert len({row[0] for row in loaded["squares"] if row[8] > 1}) == len(cubes.SQUARE_LEVELS)  # squares merged
