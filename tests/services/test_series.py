"""Indicator series: tidy CSV in and out (with its HXL row), the one write path and its audit, public only."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from marsad.domain.access import Access
from marsad.domain.incident import Source
from marsad.domain.series import COLUMN_NAMES, HXL_TAGS, Observation, latest_points
from marsad.domain.vocabulary import Vocabularies
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.io.limits import BadFileError
from marsad.services.accounts import audit_events
from marsad.services.series import export_series, import_series_file, save_observation
from marsad.storage.series_store import (
    SeriesSelection,
    StaleObservationError,
    get_observation,
    list_observations,
)

SEED = Path(__file__).resolve().parents[1] / "data" / "series_2023_11.csv"


def written(tmp_path: Path, *rows: str, hxl: bool = True) -> Path:
    path = tmp_path / "series.csv"
    lines = [",".join(COLUMN_NAMES)]
    if hxl:
        lines.append(",".join(HXL_TAGS[c] for c in COLUMN_NAMES))
    path.write_text("\n".join([*lines, *rows]) + "\n", encoding="utf-8")
    return path


def row(**cells: str) -> str:
    values = {"indicator": "camp_population", "place": "Roj camp", "group": "total", "as_of": "2023-10-31"}
    values |= {"value": "2600", "source_publisher": "RIC", "public": "true"} | cells
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow([values.get(c, "") for c in COLUMN_NAMES])
    return buffer.getvalue()


def test_the_seed_figures_import_and_every_field_reads_back(
    session: Session, vocab: Vocabularies, gazetteer: Gazetteer
) -> None:
    report = import_series_file(session, SEED, vocab, gazetteer, "editor@example.org")
    assert report.errors == [] and report.written.created == 7
    with SEED.open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if not r["indicator"].startswith("#")]
    stored = {(o.indicator, o.place, o.group, o.as_of.isoformat()): o for o in list_observations(session)}
    for cells in rows:
        observation = stored[(cells["indicator"], cells["place"], cells["group"], cells["as_of"])]
        assert observation.value == int(cells["value"])
        assert observation.source == Source(
            title=cells["source_title"],
            publisher=cells["source_publisher"],
            source_type=cells["source_type"],
            language=cells["source_language"],
            excerpt=cells["source_excerpt"],
        )
        assert observation.note == cells["note"] and observation.public
    again = import_series_file(session, SEED, vocab, gazetteer, "editor@example.org")
    assert (again.written.created, again.written.updated, again.written.unchanged) == (0, 0, 7)


def test_every_column_round_trips_through_export(
    tmp_path: Path, session: Session, vocab: Vocabularies, gazetteer: Gazetteer
) -> None:
    full = row(
        low="2500",
        high="2700",
        source_url="https://example.org/roj",
        source_title="Roj camp, October",
        source_type="field_contact",
        source_language="ar",
        source_published="2023-11-02",
        source_accessed="2023-11-03",
        source_excerpt="=2,600 people",  # a spreadsheet would run it: exported as text, read back as written
        note="counted by the camp's administration",
        public="false",
    )
    import_series_file(session, written(tmp_path, full), vocab, gazetteer, "editor")
    out = io.BytesIO()
    assert export_series(session, out, Access.INTERNAL) == 1
    lines = out.getvalue().decode("utf-8").splitlines()
    assert lines[1].startswith("#indicator+code,#loc+name,#population+group,#date,#affected+num")
    again = tmp_path / "again.csv"
    again.write_bytes(out.getvalue())
    [before] = list_observations(session, access=Access.INTERNAL)
    report = import_series_file(session, again, vocab, gazetteer, "editor")
    assert report.written.unchanged == 1
    [after] = list_observations(session, access=Access.INTERNAL)
    assert after == before
    assert (after.low, after.value, after.high, after.public) == (2500, 2600, 2700, False)
    assert after.source.excerpt == "=2,600 people" and after.source.accessed == dt.date(2023, 11, 3)


def test_a_file_without_the_hxl_row_reads_the_same(
    tmp_path: Path, session: Session, vocab: Vocabularies, gazetteer: Gazetteer
) -> None:
    report = import_series_file(session, written(tmp_path, row(), hxl=False), vocab, gazetteer, "editor")
    assert report.written.created == 1


def test_bad_rows_name_line_column_and_reason_and_nothing_is_written(
    tmp_path: Path, session: Session, vocab: Vocabularies, gazetteer: Gazetteer
) -> None:
    path = written(
        tmp_path,
        row(),
        row(as_of="30/11/2023"),
        row(indicator="camp_populaton", value="many"),
        row(group="kurds", low="3000"),
        row(source_publisher=""),
        row(),
    )
    report = import_series_file(session, path, vocab, gazetteer, "editor")
    told = [str(e) for e in report.errors]
    assert "line 4, column as_of: '30/11/2023' is not a date (expected YYYY-MM-DD)" in told
    assert any(t.startswith("line 5, column indicator: 'camp_populaton' is not a known indicator value") for t in told)
    assert "did you mean 'camp_population'?" in " ".join(told)
    assert "line 5, column value: 'many' is not a whole number (leave blank if not reported)" in told
    assert any(t.startswith("line 6, column group: 'kurds' is not a known group value") for t in told)
    assert "line 7, column source_url: a figure needs its source: give a link, a title or a publisher" in told
    assert "line 8, column as_of: repeats the observation of line 3" in told
    assert report.summary() == "5 of 6 rows cannot be imported; nothing was written."
    assert list_observations(session, access=Access.INTERNAL) == []


def test_a_range_must_hold_the_value(
    tmp_path: Path, session: Session, vocab: Vocabularies, gazetteer: Gazetteer
) -> None:
    report = import_series_file(session, written(tmp_path, row(low="3000", high="2000")), vocab, gazetteer, "e")
    assert {str(e) for e in report.errors} == {
        "line 3, column low: 3000 is more than the value 2600",
        "line 3, column high: 2000 is less than the value 2600",
    }


def test_a_file_that_is_not_a_series_is_refused_by_its_header(
    tmp_path: Path, session: Session, vocab: Vocabularies, gazetteer: Gazetteer
) -> None:
    path = tmp_path / "incidents.csv"
    path.write_text("id,kind,date\n2019-07-0001,attack,2019-07-02\n", encoding="utf-8")
    with pytest.raises(BadFileError, match=r"line 1: unknown column\(s\) id, kind, date"):
        import_series_file(session, path, vocab, gazetteer, "editor")


def test_places_take_the_gazetteers_name_so_spellings_join_one_series(
    tmp_path: Path, session: Session, vocab: Vocabularies, gazetteer: Gazetteer
) -> None:
    path = written(
        tmp_path,
        row(place="مخيم الهول", as_of="2023-10-31", value="50208"),
        row(place="Hol camp", as_of="2023-11-30", value="49432"),
        row(place="Camp 7  near Hasakah", as_of="2023-11-30", value="12"),
    )
    import_series_file(session, path, vocab, gazetteer, "editor")
    assert sorted({o.place for o in list_observations(session)}) == ["Camp 7 near Hasakah", "al-Hol camp"]
    [camp7, hol] = latest_points(list_observations(session))
    assert (hol.observation.value, hol.change) == (49432, 49432 - 50208)
    assert camp7.change is None


def test_changes_are_audited_with_before_and_after_and_stale_edits_refused(
    session: Session, vocab: Vocabularies, gazetteer: Gazetteer
) -> None:
    entered = Observation(
        "repatriations", "al-Hol camp", "iraqis", dt.date(2023, 11, 30), 700, source=Source(publisher="RIC")
    )
    observation_id = save_observation(session, entered, vocab, gazetteer, "editor")
    stored = get_observation(session, observation_id, Access.INTERNAL)
    assert stored is not None and stored.version == 1 and not stored.public
    corrected = replace(stored, value=776)
    save_observation(session, corrected, vocab, gazetteer, "admin", expected_version=1)
    with pytest.raises(StaleObservationError):
        save_observation(session, corrected, vocab, gazetteer, "other", expected_version=1)
    update, create = audit_events(session, target=f"observation:{observation_id}")
    assert create.action == "observation_create" and create.actor == "editor"
    assert update.action == "observation_update" and update.actor == "admin"
    assert update.detail is not None
    assert json.loads(update.detail) == {"via": "desk", "before": {"value": 700}, "after": {"value": 776}}


def test_the_public_sees_public_observations_only(
    tmp_path: Path, session: Session, vocab: Vocabularies, gazetteer: Gazetteer
) -> None:
    path = written(
        tmp_path,
        row(place="Roj camp", public="true", source_type="field_contact", source_publisher="CONTACT-SECRET"),
        row(place="SECRET camp", public="false"),
    )
    import_series_file(session, path, vocab, gazetteer, "editor")
    assert [o.place for o in list_observations(session)] == ["Roj camp"]
    assert len(list_observations(session, access=Access.INTERNAL)) == 2
    assert list_observations(session, SeriesSelection(place="SECRET camp")) == []
    out = io.BytesIO()
    export_series(session, out)
    text = out.getvalue().decode("utf-8")
    assert "Roj camp" in text and "SECRET" not in text and "field_contact" in text
