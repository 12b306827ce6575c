"""ACLED's layout: every field lands where it should, unmappable values name the value and the mapping file,
and Marsad -> ACLED -> Marsad keeps every field ACLED can hold."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from marsad.cli.app import app
from marsad.domain.access import Access
from marsad.domain.incident import Incident, Source
from marsad.domain.ranges import CountRange, count_range
from marsad.domain.vocabulary import Vocabularies
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.io.acled import ACLED_COLUMNS, DEFAULT_MAPPING, acled_row, load_mapping, read_acled, write_acled
from marsad.io.canonical import RawRow
from marsad.services.importing import ImportRejectedError, import_rows, unmapped_summary, validate_row
from marsad.storage.queries import get_incident
from tests.helpers import attack, raid

INTEROP = Path(__file__).resolve().parents[1] / "data" / "interop"


def imported(session: Session, vocab: Vocabularies, gazetteer: Gazetteer, name: str) -> None:
    import_rows(session, read_acled(INTEROP / name), vocab=vocab, gazetteer=gazetteer, actor="test")


def one(session: Session, incident_id: str) -> Incident:
    incident = get_incident(session, incident_id, Access.INTERNAL)
    assert incident is not None
    return incident


def test_every_acled_field_lands_where_it_should(session: Session, vocab: Vocabularies, gazetteer: Gazetteer) -> None:
    imported(session, vocab, gazetteer, "acled_syria_2023_11.csv")
    ied = one(session, "acled:SYR90000")
    assert (ied.date, ied.kind, ied.type, ied.perpetrator, ied.target) == (
        dt.date(2023, 11, 1),  # written "1 November 2023"
        "attack",
        "ied",
        "isis",
        "sdf",
    )
    assert (ied.place, ied.latitude, ied.longitude, ied.geo_precision, ied.region) == (
        "Hajin",
        34.6951,
        40.8314,
        "town",
        "deir_ez_zor",
    )
    assert [s.publisher for s in ied.sources] == ["Syrian Observatory for Human Rights", "North Press Agency"]
    assert ied.description is not None and "هجوم على حاجز في هجين" in ied.description
    assert ied.status == "draft" and ied.military_killed is None  # 0 fatalities
    assert one(session, "acled:SYR90007").date_precision == "month"  # time_precision 3
    unlocated = one(session, "acled:SYR90005")  # no coordinates: located from the place name
    assert unlocated.place == "Manbij" and unlocated.latitude is not None and unlocated.region == "manbij"
    civilians = one(session, "acled:SYR90001")
    assert (civilians.type, civilians.target, civilians.civilian_killed) == ("armed_attack", "civilian", 1)
    arrests = one(session, "acled:SYR90003")
    assert (arrests.kind, arrests.perpetrator, arrests.conducted_by, arrests.perpetrators_killed) == (
        "raid",
        "isis",
        "sdf",
        3,
    )
    clash = one(session, "acled:SYR90002")
    assert clash.military_killed == 2 and clash.tags == ["crowd size=no report"]
    assert count_range(clash, "military_killed") == CountRange(2, 2, 2)  # fatalities are a best estimate


def test_an_actor_the_mapping_lacks_lands_as_other_with_its_name_kept_and_counted(
    session: Session, vocab: Vocabularies, gazetteer: Gazetteer
) -> None:
    report = import_rows(
        session, read_acled(INTEROP / "acled_unknown_actor.csv"), vocab=vocab, gazetteer=gazetteer, actor="test"
    )
    assert report.written.created == 2
    landed = one(session, "acled:SYR99999")
    assert (landed.perpetrator, landed.perpetrator_original) == ("other", "Jaish al-Ghurabaa")
    assert (landed.target, landed.target_original) == ("civilian", "Civilians (Syria)")
    assert dict(report.unmapped) == {("actors", "Jaish al-Ghurabaa"): 1}
    assert unmapped_summary(report) == ["'Jaish al-Ghurabaa' (add under actors): 1 row"]


def test_strict_mapping_refuses_an_actor_the_mapping_lacks_and_writes_nothing(
    session: Session, vocab: Vocabularies, gazetteer: Gazetteer
) -> None:
    with pytest.raises(ImportRejectedError) as rejected:
        rows = read_acled(INTEROP / "acled_unknown_actor.csv", strict=True)
        import_rows(session, rows, vocab=vocab, gazetteer=gazetteer, actor="test")
    [error] = rejected.value.report.rejected[0][2]
    assert str(error) == (
        f"line 3, column actor1: 'Jaish al-Ghurabaa' is not in the ACLED mapping file {DEFAULT_MAPPING}: "
        "add it under actors"
    )
    assert get_incident(session, "acled:SYR90000", Access.INTERNAL) is None  # nothing written


@pytest.mark.parametrize(
    ("column", "name", "key"),
    [
        ("actor2", "Asayish", "asayish"),  # a vocabulary key, as ACLED may write it
        ("actor2", "Asayish: Kurdish Internal Security Forces (Syria)", "asayish"),  # decorations dropped
        ("actor2", "QSD: Syrian Democratic Forces - Intelligence", "sdf"),
        ("actor2", "Military Forces of Turkey (2016-)", "military_other"),
        ("actor1", "Islamic State (Syria)", "isis"),
        ("actor1", "Daesh", "isis"),  # an alias of the vocabulary
        ("actor1", "Islamic Stat (Syria)", "isis"),  # a close spelling
        ("actor1", "Military Forces of Turkey (2016-)", "other"),
    ],
)
def test_acled_names_are_looked_up_in_the_mapping_then_the_vocabulary(
    column: str, name: str, key: str, vocab: Vocabularies
) -> None:
    row = dict.fromkeys(ACLED_COLUMNS, "")
    row |= {"event_id_cnty": "SYR1", "event_date": "2023-11-01", "event_type": "Battles"}
    row |= {"sub_event_type": "Armed clash", "actor1": "Unidentified Armed Group (Syria)", column: name}
    raw = acled_row("line 2", row, load_mapping(vocab))
    assert isinstance(raw, RawRow) and raw.unmapped == ()
    assert raw.values["target" if column == "actor2" else "perpetrator"] == key


def test_marsad_to_acled_and_back_keeps_what_acled_can_hold(
    tmp_path: Path, vocab: Vocabularies, gazetteer: Gazetteer
) -> None:
    originals = [
        attack(
            id="2023-11-0001",
            military_killed=2,
            military_injured=None,
            tags=["checkpoint"],
            sources=[Source(url="https://example.org/a"), Source(publisher="Deir Ezzor 24")],
        ),
        attack(
            id="2023-11-0002",
            type="armed_attack",  # a type ACLED has a sub-event for
            target="civilian",
            military_killed=None,
            military_injured=None,
            civilian_killed=1,
            date_precision="week",
            geo_precision="near",
            description="حادث اغتيال",
        ),
        raid(id="2023-11-0003", arrests=None, perpetrators_killed=2, geo_precision="town", conducted_by="sdf"),
    ]
    buffer = io.BytesIO()
    assert write_acled(originals, buffer, ()) == 3
    path = tmp_path / "marsad-in-acled.csv"
    path.write_bytes(buffer.getvalue())
    back = []
    for raw in read_acled(path):
        assert isinstance(raw, RawRow), raw
        incident, errors = validate_row(raw, vocab, gazetteer, dt.date.today())
        assert errors == [] and incident is not None
        back.append(incident)
    held = (
        "id",
        "kind",
        "date",
        "date_precision",
        "place",
        "latitude",
        "longitude",
        "geo_precision",
        "admin1",
        "admin2",
        "region",
        "type",
        "perpetrator",
        "target",
        "conducted_by",
        "military_killed",
        "civilian_killed",
        "perpetrators_killed",
        "description",
        "tags",
    )
    for original, returned in zip(originals, back, strict=True):
        assert {f: getattr(returned, f) for f in held} == {f: getattr(original, f) for f in held}
        assert [s.url or s.publisher for s in returned.sources] == [s.url or s.publisher for s in original.sources]


def test_cli_imports_and_exports_acled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MARSAD_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("MARSAD_DATABASE_URL", raising=False)
    runner = CliRunner()
    runner.invoke(app, ["init"])
    result = runner.invoke(app, ["import", str(INTEROP / "acled_syria_2023_11.csv"), "--format", "acled"])
    assert result.exit_code == 0 and "30 new" in result.stdout
    out = tmp_path / "back.csv"
    exported = runner.invoke(app, ["export", "--format", "acled", "--internal", "--out", str(out)])
    assert exported.exit_code == 0 and out.read_text(encoding="utf-8").startswith("event_id_cnty,event_date,year")
    assert "SYR90000,2023-11-01" in out.read_text(encoding="utf-8")


def test_every_marsad_type_exports_to_an_acled_event_that_imports_back(tmp_path: Path, vocab: Vocabularies) -> None:
    incidents = [
        raid(id=f"2023-11-{n:04d}", type=term.key, conducted_by="sdf")
        if term.kind == "raid"
        else attack(id=f"2023-11-{n:04d}", type=term.key)
        for n, term in enumerate(vocab.types, start=1)
    ]
    buffer = io.BytesIO()
    write_acled(incidents, buffer, ())
    path = tmp_path / "all-types.csv"
    path.write_bytes(buffer.getvalue())
    rows = list(read_acled(path))
    assert all(isinstance(r, RawRow) for r in rows), [r for r in rows if not isinstance(r, RawRow)]
    kinds = {str(r.values["id"]): str(r.values["type"]) for r in rows if isinstance(r, RawRow)}
    assert kinds["2023-11-0001"] == "ied" and len(kinds) == len(list(vocab.types))
