"""Export -> import into an empty database -> export gives the identical file (property-based)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete
from sqlalchemy.orm import Session

from marsad.domain.access import Access
from marsad.domain.filters import IncidentFilter
from marsad.domain.incident import CANONICAL_COLUMNS, CASUALTY_COLUMNS, DATE_RANGE_FIELDS, RANGE_FIELDS
from marsad.domain.vocabulary import load_vocabularies
from marsad.gazetteer.gazetteer import load_gazetteer
from marsad.io.csv_format import read_csv_stream
from marsad.io.formats import FORMATS, Format, Mappings
from marsad.io.json_format import read_json
from marsad.services.exporting import export_incidents
from marsad.services.importing import import_rows
from marsad.storage.queries import get_incident
from marsad.storage.tables import ID_COUNTERS, INCIDENTS, REVISIONS, SOURCES
from tests.conftest import SessionFactory
from tests.helpers import attack

VOCAB = load_vocabularies()
GAZETTEER = load_gazetteer(VOCAB)
PLACES = [p for p in GAZETTEER.places if p.curated]

# Awkward text: Arabic and Kurdish letters, quotes, commas, pipes inside prose, newlines.
text = st.text(
    alphabet=st.sampled_from(list("abc xyz,\"'\n;|%_") + list("هجوم على دورية قسد") + list("ÊêîûşçQamişlo")),
    max_size=40,
).map(str.strip)
url = st.from_regex(r"https://[a-z]{1,8}\.example/[a-z0-9/_-]{0,12}", fullmatch=True)
count = st.one_of(st.none(), st.integers(min_value=0, max_value=500))


@st.composite
def estimate(draw: st.DrawFn, name: str) -> dict[str, Any]:
    """A count with a range or none, written in its own columns or (as monitors do) "5-9" in the best cell."""
    best = draw(count)
    if best is None:
        return {name: None}
    low = draw(st.one_of(st.none(), st.integers(0, best)))
    high = draw(st.one_of(st.none(), st.integers(best, best + 50)))
    if low is not None and high is not None and low == best and draw(st.booleans()):
        return {name: f"{low}{draw(st.sampled_from(['-', '–', ' - ']))}{high}"}
    return {name: best, f"{name}_low": low, f"{name}_high": high}


@st.composite
def days(draw: st.DrawFn) -> dict[str, str]:
    """A date, and sometimes the earliest and latest days it may have been (across a month's end too)."""
    day = draw(st.dates(dt.date(2015, 1, 1), dt.date(2024, 12, 31)))
    earlier, later = draw(st.integers(0, 20)), draw(st.integers(0, 20))
    open_days = {
        "date_earliest": (day - dt.timedelta(days=earlier)).isoformat() if earlier else "",
        "date_latest": (day + dt.timedelta(days=later)).isoformat() if later else "",
    }
    return {"date": day.isoformat(), **open_days}


@st.composite
def raw_incident(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(["attack", "raid", "other"]))
    place = draw(st.sampled_from(PLACES))
    located = draw(st.booleans())
    status = draw(st.sampled_from(["draft", "published"]))
    sources = draw(st.lists(url, min_size=1 if status == "published" else 0, max_size=3))
    return {
        "kind": kind,
        **draw(days()),
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
        **draw(estimate("military_killed")),
        **draw(estimate("civilian_injured")),
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
    writer = csv.DictWriter(out, fieldnames=list(dict.fromkeys(c for row in rows for c in row)))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def export(session: Session, fmt: Format) -> bytes:
    out = io.BytesIO()
    export_incidents(session, IncidentFilter(), fmt, out, Access.INTERNAL, mappings=Mappings(VOCAB))
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


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json", "geojson"])
def test_the_days_an_uncertain_date_may_be_are_read_back_from_the_database(
    session: Session, tmp_path: Any, fmt: str
) -> None:
    open_ended = attack(id="2019-07-0043", date=dt.date(2019, 7, 30), date_earliest=dt.date(2019, 7, 28))
    spanning = attack(id="2019-07-0044", date=dt.date(2019, 7, 30), date_latest=dt.date(2019, 8, 2))
    path = tmp_path / f"days{FORMATS[fmt].extensions[0]}"
    with path.open("wb") as handle:
        FORMATS[fmt].writer()([open_ended, spanning], handle, CANONICAL_COLUMNS)
    load(session, FORMATS[fmt].reader()(path))
    for written in (open_ended, spanning):
        stored = get_incident(session, str(written.id), Access.INTERNAL)
        assert stored is not None
        days = ("date", *DATE_RANGE_FIELDS)
        assert {c: getattr(stored, c) for c in days} == {c: getattr(written, c) for c in days}


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json", "geojson"])
def test_every_count_and_its_range_is_read_back_from_the_database(session: Session, tmp_path: Any, fmt: str) -> None:
    counts: dict[str, int | None] = {}
    for step, (name, (low, high)) in enumerate(RANGE_FIELDS.items()):
        counts.update({name: 10 * step + 5, low: 10 * step + 3, high: None if step == 2 else 10 * step + 9})
    written = attack(id="2019-07-0042", **counts)
    path = tmp_path / f"ranges{FORMATS[fmt].extensions[0]}"
    with path.open("wb") as handle:
        FORMATS[fmt].writer()([written], handle, CANONICAL_COLUMNS)
    load(session, FORMATS[fmt].reader()(path))
    stored = get_incident(session, "2019-07-0042", Access.INTERNAL)
    assert stored is not None
    assert {c: getattr(stored, c) for c in CASUALTY_COLUMNS} == {c: getattr(written, c) for c in CASUALTY_COLUMNS}
