"""UCDP GED: dates with precision, deaths split into Marsad's fields (estimates kept), actors mapped, sources."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from marsad.domain.access import Access
from marsad.domain.incident import Incident
from marsad.domain.ranges import CountRange, count_range
from marsad.domain.vocabulary import Vocabularies
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.io.formats import UnknownFormatError, format_named, writable_format
from marsad.io.ged import DEFAULT_MAPPING, read_ged
from marsad.services.importing import ImportRejectedError, import_rows
from marsad.storage.queries import get_incident

INTEROP = Path(__file__).resolve().parents[1] / "data" / "interop"


def one(session: Session, incident_id: str) -> Incident:
    incident = get_incident(session, incident_id, Access.INTERNAL)
    assert incident is not None
    return incident


def test_every_ged_field_lands_where_it_should(session: Session, vocab: Vocabularies, gazetteer: Gazetteer) -> None:
    report = import_rows(
        session, read_ged(INTEROP / "ged_syria_2023_11.csv"), vocab=vocab, gazetteer=gazetteer, actor="test"
    )
    assert report.written.created == 24
    one_sided = one(session, "ged:400000")
    assert (one_sided.date, one_sided.date_precision, one_sided.geo_precision) == (
        dt.date(2023, 11, 1),
        "month",  # date_prec 4
        "governorate",  # where_prec 4
    )
    assert (one_sided.perpetrator, one_sided.target, one_sided.type, one_sided.kind) == (
        "isis",
        "civilian",
        "armed_attack",
        "attack",
    )
    assert one_sided.civilian_killed == 3 and one_sided.military_killed is None
    estimates = (one_sided.deaths_low, one_sided.deaths_best, one_sided.deaths_high)
    assert one_sided.unknown_killed == 1 and estimates == (3, 4, 6)
    # UCDP's range is of the total: its counts by side are best estimates, exact as far as Marsad can tell
    assert [count_range(one_sided, name) for name in ("civilian_killed", "unknown_killed")] == [
        CountRange(3, 3, 3),
        CountRange(1, 1, 1),
    ]
    assert (one_sided.perpetrator_original, one_sided.target_original) == ("IS", "Civilians")
    assert one_sided.notes is None
    first = one_sided.sources[0]
    assert (first.publisher, first.published, first.title, first.source_type) == (
        "SOHR",
        dt.date(2023, 11, 3),
        "Attack in Hajin",
        "dataset",
    )
    assert len(one_sided.sources) == 2
    clash = one(session, "ged:400001")
    assert (clash.target, clash.military_killed, clash.perpetrators_killed) == ("sdf", 2, 1)
    assert clash.region == "deir_ez_zor"
    unlocated = one(session, "ged:400009")  # no coordinates: "Al Shaddadi town" is found in the gazetteer
    assert unlocated.latitude is not None and unlocated.region == "jazira"


def test_a_side_the_mapping_lacks_lands_as_other_with_its_name_kept(
    session: Session, vocab: Vocabularies, gazetteer: Gazetteer
) -> None:
    report = import_rows(
        session, read_ged(INTEROP / "ged_unknown_side.csv"), vocab=vocab, gazetteer=gazetteer, actor="t"
    )
    landed = one(session, "ged:400001")
    assert (landed.perpetrator, landed.perpetrator_original, landed.target) == ("other", "Jaish al-Ghurabaa", "sdf")
    assert dict(report.unmapped) == {("sides", "Jaish al-Ghurabaa"): 1}


def test_strict_mapping_refuses_a_side_the_mapping_lacks(
    session: Session, vocab: Vocabularies, gazetteer: Gazetteer
) -> None:
    with pytest.raises(ImportRejectedError) as rejected:
        rows = read_ged(INTEROP / "ged_unknown_side.csv", strict=True)
        import_rows(session, rows, vocab=vocab, gazetteer=gazetteer, actor="t")
    [error] = rejected.value.report.rejected[0][2]
    assert str(error) == (
        f"line 3, column side_a: 'Jaish al-Ghurabaa' is not in the UCDP GED mapping file {DEFAULT_MAPPING}: "
        "add it under sides"
    )


def test_ged_is_read_not_written() -> None:
    assert format_named("ged").read is read_ged
    with pytest.raises(UnknownFormatError, match="Marsad reads 'ged' files but does not write them"):
        writable_format("ged")
