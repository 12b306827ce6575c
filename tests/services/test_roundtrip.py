"""Export -> import into an empty database -> export gives the identical file (property-based)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete
from sqlalchemy.orm import Session

from marsad.domain.access import Access
from marsad.domain.filters import IncidentFilter
from marsad.domain.incident import CANONICAL_COLUMNS
from marsad.domain.vocabulary import load_vocabularies
from marsad.gazetteer.gazetteer import load_gazetteer
from marsad.io.csv_format import read_csv_stream
from marsad.io.formats import FORMATS, Format
from marsad.io.json_format import read_json
from marsad.services.exporting import export_incidents
from marsad.services.importing import import_rows
from marsad.storage.tables import ID_COUNTERS, INCIDENTS, REVISIONS, SOURCES
from tests.conftest import SessionFactory

VOCAB = load_vocabularies()
GAZETTEER = load_gazetteer()
PLACES = [p for p in GAZETTEER.places if p.curated]

# Awkward text: Arabic and Kurdish letters, quotes, commas, pipes inside prose, newlines.
text = st.text(
    alphabet=st.sampled_from(list("abc xyz,\"'\n;|%_") + list("هجوم على دورية قسد") + list("ÊêîûşçQamişlo")),
    max_size=40,
).map(str.strip)
url = st.from_regex(r"https://[a-z]{1,8}\.example/[a-z0-9/_-]{0,12}", fullmatch=True)
count = st.one_of(st.none(), st.integers(min_value=0, max_value=500))


@st.composite
def raw_incident(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(["attack", "raid", "other"]))
    place = draw(st.sampled_from(PLACES))
    located = draw(st.booleans())
    status = draw(st.sampled_from(["draft", "published"]))
    sources = draw(st.lists(url, min_size=1 if status == "published" else 0, max_size=3))
    return {
        "kind": kind,
        "date": draw(st.dates(dt.date(2015, 1, 1), dt.date(2024, 12, 31))).isoformat(),
        "date_precision": draw(st.sampled_from(VOCAB.date_precisions.keys)),
        "place": place.name,
        "latitude": repr(draw(st.floats(34.0, 37.5))) if located else "",
        "longitude": repr(draw(st.floats(37.0, 42.5))) if located else "",
        "type": draw(st.sampled_from(VOCAB.types_for_kind(kind))),
        "perpetrator": draw(st.sampled_from(VOCAB.actors.keys)),
        "attribution": draw(st.sampled_from(VOCAB.attributions.keys)),
        "grade": draw(st.sampled_from(["", *VOCAB.grades.keys, "Fair", "unverified"])),
        "target": draw(st.sampled_from(["", *VOCAB.targets.keys])),
        "target_detail": draw(text),
        "military_killed": draw(count),
        "civilian_injured": draw(count),
        "arrests": draw(count) if kind == "raid" else None,
        "conducted_by": draw(st.sampled_from(VOCAB.forces.keys)) if kind == "raid" else "",
        "description": draw(text),
        "notes": draw(text),
        "sources": " | ".join(sources),
        "tags": " | ".join(draw(st.lists(st.sampled_from(["night", "checkpoint", "قسد", "Qamişlo"]), unique=True))),
        "status": status,
    }


def to_csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]) if rows else ["date", "type"])
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def export(session: Session, fmt: Format) -> bytes:
    out = io.BytesIO()
    export_incidents(session, IncidentFilter(), fmt, out, Access.INTERNAL)
    return out.getvalue()


def empty(session: Session) -> None:
    for table in (SOURCES, INCIDENTS, REVISIONS, ID_COUNTERS):
        session.execute(delete(table))


def load(session: Session, rows: Any) -> None:
    import_rows(session, rows, vocab=VOCAB, gazetteer=GAZETTEER, actor="roundtrip")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(raw_incident(), min_size=1, max_size=8))
def test_csv_export_import_export_is_identical(new_session: SessionFactory, rows: list[dict[str, Any]]) -> None:
    with new_session() as session:
        load(session, read_csv_stream(io.StringIO(to_csv(rows))))
        first = export(session, FORMATS["csv"])
        empty(session)
        load(session, read_csv_stream(io.StringIO(first.decode("utf-8"))))
        second = export(session, FORMATS["csv"])
    assert second == first
    assert first.decode("utf-8").splitlines()[0] == ",".join(CANONICAL_COLUMNS)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(raw_incident(), min_size=1, max_size=5),
    titles=st.lists(text.filter(bool), min_size=1, max_size=3),
)
def test_json_export_import_export_is_identical_with_full_sources(
    new_session: SessionFactory, tmp_path_factory: Any, rows: list[dict[str, Any]], titles: list[str]
) -> None:
    for row in rows:
        row["sources"] = [
            {
                "title": title,
                "publisher": "ANHA",
                "source_type": "local_media",
                "language": "ku",
                "published": row["date"],
                "excerpt": title,
            }
            for title in titles
        ]
    path = tmp_path_factory.mktemp("json") / "in.json"
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    with new_session() as session:
        load(session, read_json(path))
        first = export(session, FORMATS["json"])
        path.write_bytes(first)
        empty(session)
        load(session, read_json(path))
        second = export(session, FORMATS["json"])
    assert second == first
    assert json.loads(first)[0]["sources"][0]["publisher"] == "ANHA"
