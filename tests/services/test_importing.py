from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session

from marsad.domain.access import Access
from marsad.domain.filters import IncidentFilter
from marsad.domain.vocabulary import Vocabularies
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.io.canonical import ColumnError
from marsad.io.csv_format import read_csv, read_csv_stream
from marsad.services.importing import ImportRejectedError, ImportReport, import_file, import_rows
from marsad.storage.queries import count_incidents, get_incident
from marsad.storage.revisions import history
from marsad.storage.tables import INCIDENTS, REVISIONS
from tests.helpers import csv_text

GOOD = [
    "2019-07-0001,attack,2019-07-02,Qamishlo,vbied,Daesh,claimed,true,2,https://a.example/1,published",
    "2019-07-0002,attack,2019-07-03,Hajin,armed_attack,isis,suspected,false,,https://a.example/2,published",
    ",raid,2019-07-04,Shaddadi,raid,isis,attributed,true,,https://a.example/3,draft",
]


def run(session: Session, vocab: Vocabularies, gazetteer: Gazetteer, text: str, **options: object) -> ImportReport:
    return import_rows(
        session,
        read_csv_stream(io.StringIO(text)),
        vocab=vocab,
        gazetteer=gazetteer,
        actor="test",
        **options,  # type: ignore[arg-type]
    )


def count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(INCIDENTS)) or 0)


def test_good_rows_are_located_counted_and_stored(session: Session, vocab: Vocabularies, gazetteer: Gazetteer) -> None:
    report = run(session, vocab, gazetteer, csv_text(*GOOD))
    assert (report.rows, report.written.created, report.errors) == (3, 3, [])
    qamishli = get_incident(session, "2019-07-0001", Access.INTERNAL)
    assert qamishli is not None
    assert (qamishli.region, qamishli.admin2, qamishli.geo_precision) == ("jazira", "Al-Qamishli", "town")
    assert qamishli.perpetrator == "isis" and qamishli.counted is True
    hajin = get_incident(session, "2019-07-0002", Access.INTERNAL)
    assert hajin is not None and hajin.counted is False and hajin.exclusion_reason == "not confirmed"
    assert count_incidents(session, IncidentFilter(kinds=("raid",)), Access.INTERNAL) == 1


def test_a_first_import_that_is_refused_leaves_the_empty_dataset_with_its_indexes(
    session: Session, vocab: Vocabularies, gazetteer: Gazetteer
) -> None:
    indexes = sorted(index["name"] or "" for index in inspect(session.connection()).get_indexes("incidents"))
    assert indexes  # written first, the good rows are indexed only at the end: the bad last row stops that
    bad_last = "2019-07-0006,attack,2019-07-05,Hasakah,ied,isis,claimed,true,-1,,published"
    with pytest.raises(ImportRejectedError), session.begin_nested():
        run(session, vocab, gazetteer, csv_text(*GOOD, bad_last), batch_size=1)
    assert count(session) == 0
    assert sorted(index["name"] or "" for index in inspect(session.connection()).get_indexes("incidents")) == indexes
    assert run(session, vocab, gazetteer, csv_text(*GOOD)).written.created == 3


def test_one_bad_row_means_nothing_is_written_and_every_bad_row_is_named(
    session: Session, vocab: Vocabularies, gazetteer: Gazetteer
) -> None:
    text = csv_text(
        GOOD[0],
        "2019-07-0005,attack,2019-13-02,Hasakah,ied,isis,claimed,true,,https://a.example/5,draft",
        GOOD[1],
        "2019-07-0006,attack,2019-07-05,Hasakah,ied,isis,claimed,true,-1,,published",
    )
    with pytest.raises(ImportRejectedError) as caught, session.begin_nested():
        run(session, vocab, gazetteer, text, batch_size=1)
    assert [str(e) for e in caught.value.report.errors] == [
        "line 3, column date: '2019-13-02' is not a date (expected YYYY-MM-DD)",
        "line 5, column military_killed: -1 is negative; counts are 0 or more (leave blank if not reported)",
    ]
    assert "2 of 4 rows have errors; nothing was imported" in str(caught.value)
    assert count(session) == 0
    assert session.scalar(select(func.count()).select_from(REVISIONS)) == 0


def test_skip_invalid_writes_the_good_rows_and_returns_the_bad(
    session: Session, vocab: Vocabularies, gazetteer: Gazetteer
) -> None:
    text = csv_text(GOOD[0], "x1,attack,2019-07-05,Atlantis,ied,isis,claimed,true,,https://a.example/x,draft")
    report = run(session, vocab, gazetteer, text, skip_invalid=True)
    assert report.written.created == 1 and report.bad_rows == 1
    [(where, values, errors)] = report.rejected
    assert where == "line 3" and errors[0].column == "place"
    assert values is not None and values["place"] == "Atlantis"
    assert count(session) == 1


def test_reimporting_the_same_file_changes_nothing(session: Session, vocab: Vocabularies, gazetteer: Gazetteer) -> None:
    text = csv_text(*GOOD[:2])
    run(session, vocab, gazetteer, text)
    revisions = session.scalar(select(func.count()).select_from(REVISIONS))
    again = run(session, vocab, gazetteer, text)
    assert (again.written.created, again.written.updated, again.written.unchanged) == (0, 0, 2)
    assert session.scalar(select(func.count()).select_from(REVISIONS)) == revisions


def test_a_changed_row_updates_its_incident_with_revisions(
    session: Session, vocab: Vocabularies, gazetteer: Gazetteer
) -> None:
    run(session, vocab, gazetteer, csv_text(GOOD[0]))
    report = run(session, vocab, gazetteer, csv_text(GOOD[0].replace(",2,", ",4,")))
    assert report.written.updated == 1
    last = history(session, "2019-07-0001")[-1]
    assert (last.field, last.before, last.after, last.via) == ("military_killed", 2, 4, "import")


def test_an_id_used_twice_in_one_file_is_an_error(session: Session, vocab: Vocabularies, gazetteer: Gazetteer) -> None:
    with pytest.raises(ImportRejectedError) as caught, session.begin_nested():
        run(session, vocab, gazetteer, csv_text(GOOD[0], GOOD[0]))
    assert [str(e) for e in caught.value.report.errors] == [
        "line 3, column id: '2019-07-0001' is already used on line 2"
    ]


def test_progress_is_reported_per_batch(session: Session, vocab: Vocabularies, gazetteer: Gazetteer) -> None:
    seen: list[int] = []
    run(session, vocab, gazetteer, csv_text(*GOOD), batch_size=2, on_progress=seen.append)
    assert seen == [2, 3]


@pytest.mark.parametrize("parallel", [True, False])
def test_a_file_imports_the_same_with_or_without_a_second_process(
    session: Session, vocab: Vocabularies, gazetteer: Gazetteer, tmp_path: Path, parallel: bool
) -> None:
    path = tmp_path / "july.csv"
    path.write_text(csv_text(*GOOD), encoding="utf-8")
    report = import_file(session, path, read_csv, vocab=vocab, gazetteer=gazetteer, actor="t", parallel=parallel)
    assert (report.rows, report.written.created) == (3, 3)
    assert count(session) == 3


def test_errors_found_in_the_second_process_are_reported_whole(
    session: Session, vocab: Vocabularies, gazetteer: Gazetteer, tmp_path: Path
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(csv_text(GOOD[0], GOOD[0].replace("2019-07-02", "2019-02-30")), encoding="utf-8")
    with pytest.raises(ImportRejectedError) as caught, session.begin_nested():
        import_file(session, path, read_csv, vocab=vocab, gazetteer=gazetteer, actor="t", parallel=True)
    assert [str(e) for e in caught.value.report.errors] == [
        "line 3, column date: '2019-02-30' is not a date (expected YYYY-MM-DD)"
    ]
    assert count(session) == 0
    header = tmp_path / "header.csv"
    header.write_text("dte,type\n2019-07-01,ied\n", encoding="utf-8")
    with pytest.raises(ColumnError, match="'dte' is not a Marsad column"):
        import_file(session, header, read_csv, vocab=vocab, gazetteer=gazetteer, actor="t", parallel=True)
