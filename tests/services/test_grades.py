"""Each incident's grade survives every format Marsad reads and writes, read back from the database."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import delete
from sqlalchemy.orm import Session

from marsad.domain.access import Access
from marsad.domain.filters import IncidentFilter
from marsad.domain.vocabulary import Vocabularies
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.io.csv_format import read_csv_stream
from marsad.io.formats import FORMATS, Mappings
from marsad.services.exporting import export_incidents
from marsad.services.importing import import_rows
from marsad.storage.queries import get_incident, iter_incidents
from marsad.storage.tables import ID_COUNTERS, INCIDENTS, REVISIONS, SOURCES
from tests.helpers import csv_text

GRADES = ("confirmed", "fair", "weak", "contested", "discounted")


def graded_rows() -> str:
    header = "id,kind,date,place,type,perpetrator,attribution,grade,military_killed,sources,status"
    rows = [
        f"2023-11-000{n},attack,2023-11-0{n},Hasakah,ied,isis,claimed,{grade},1,https://a.example/{n},published"
        for n, grade in enumerate(GRADES, start=1)
    ]
    return csv_text(*rows, header=header)


def grades_in(session: Session) -> dict[str, tuple[str, bool]]:
    return {i.id or "": (i.grade, bool(i.counted)) for i in iter_incidents(session, IncidentFilter(), Access.INTERNAL)}


EXPECTED = {
    "2023-11-0001": ("confirmed", True),
    "2023-11-0002": ("fair", True),
    "2023-11-0003": ("weak", False),
    "2023-11-0004": ("contested", False),
    "2023-11-0005": ("discounted", False),
}


@pytest.mark.parametrize("name", ["csv", "xlsx", "json", "geojson"])
def test_grades_round_trip_through_every_format(
    session: Session, vocab: Vocabularies, gazetteer: Gazetteer, tmp_path: Path, name: str
) -> None:
    import_rows(session, read_csv_stream(io.StringIO(graded_rows())), vocab=vocab, gazetteer=gazetteer, actor="t")
    assert grades_in(session) == EXPECTED
    fmt = FORMATS[name]
    path = tmp_path / f"out{fmt.extensions[0]}"
    with path.open("wb") as out:
        export_incidents(session, IncidentFilter(), fmt, out, Access.INTERNAL, mappings=Mappings(vocab))
    for table in (SOURCES, INCIDENTS, REVISIONS, ID_COUNTERS):
        session.execute(delete(table))
    assert grades_in(session) == {}
    import_rows(session, fmt.reader()(path), vocab=vocab, gazetteer=gazetteer, actor="t")
    assert grades_in(session) == EXPECTED


def test_an_old_file_with_confirmed_yes_or_no_imports_as_confirmed_or_weak(
    session: Session, vocab: Vocabularies, gazetteer: Gazetteer
) -> None:
    old = csv_text(
        "2019-07-0001,attack,2019-07-02,Hasakah,ied,isis,claimed,true,1,https://a.example/1,published",
        "2019-07-0002,attack,2019-07-03,Hasakah,ied,isis,claimed,no,1,https://a.example/2,published",
    )  # the shared header still has `confirmed`, as files from before grades do
    import_rows(session, read_csv_stream(io.StringIO(old)), vocab=vocab, gazetteer=gazetteer, actor="t")
    first, second = (get_incident(session, i, Access.INTERNAL) for i in ("2019-07-0001", "2019-07-0002"))
    assert first is not None and (first.grade, first.counted) == ("confirmed", True)
    assert second is not None and (second.grade, second.counted, second.exclusion_reason) == (
        "weak",
        False,
        "not confirmed",
    )


def test_the_counting_rule_in_force_decides_what_an_import_counts(
    session: Session, vocab: Vocabularies, gazetteer: Gazetteer
) -> None:
    strict = vocab.with_counted_grades("confirmed")
    import_rows(session, read_csv_stream(io.StringIO(graded_rows())), vocab=strict, gazetteer=gazetteer, actor="t")
    assert {i for i, (_, counted) in grades_in(session).items() if counted} == {"2023-11-0001"}
