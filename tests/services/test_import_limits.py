"""Each file that once crashed an import now gets a sentence saying what is wrong and where, on both
databases, and writes nothing (issue 11's list: a non-zip .xlsx, bad XML, a list as a geometry, a field over
the limit, JSON nested too deep, counts of 2**31 and 2**63, a NUL byte, text longer than its column, ²)."""

from __future__ import annotations

import io
import json
import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from marsad.domain.access import Access
from marsad.domain.incident import CANONICAL_COLUMNS
from marsad.domain.vocabulary import Vocabularies
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.io import json_format, xlsx_format
from marsad.io.formats import format_for_path
from marsad.io.limits import MAX_CELL_CHARS, BadFileError
from marsad.services.importing import ImportRejectedError, ImportReport, import_file
from marsad.storage.queries import get_incident
from marsad.storage.tables import INCIDENTS

HEADER = "id,kind,date,place,type,perpetrator,military_killed,description,sources,status"
ROW = "2019-07-00{n:02},attack,2019-07-02,Hasakah,ied,isis,{killed},{description},https://a.example/{n},draft"


def csv_file(tmp_path: Path, *rows: str, name: str = "incidents.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def row(n: int, killed: str = "1", description: str = "An IED.") -> str:
    return ROW.format(n=n, killed=killed, description=description)


def run(session: Session, vocab: Vocabularies, gazetteer: Gazetteer, path: Path, skip: bool = False) -> ImportReport:
    with session.begin_nested():
        return import_file(
            session,
            path,
            format_for_path(path).reader(),
            vocab=vocab,
            gazetteer=gazetteer,
            actor="test",
            skip_invalid=skip,
            parallel=False,
        )


def count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(INCIDENTS)) or 0)


def refused_rows(session: Session, vocab: Vocabularies, gazetteer: Gazetteer, path: Path) -> list[str]:
    with pytest.raises(ImportRejectedError) as caught:
        run(session, vocab, gazetteer, path)
    assert count(session) == 0
    return [str(e) for e in caught.value.report.errors]


def refused_file(session: Session, vocab: Vocabularies, gazetteer: Gazetteer, path: Path) -> str:
    with pytest.raises(BadFileError) as caught:
        run(session, vocab, gazetteer, path)
    assert count(session) == 0
    return str(caught.value)


def test_a_superscript_in_a_count_names_its_row_and_skip_invalid_skips_it(
    session: Session, vocab: Vocabularies, gazetteer: Gazetteer, tmp_path: Path
) -> None:
    path = csv_file(tmp_path, row(1), row(2, killed="²"), row(3, killed="٣"))
    assert refused_rows(session, vocab, gazetteer, path) == [
        "line 3, column military_killed: '²' is not a whole number (leave blank if not reported)"
    ]
    report = run(session, vocab, gazetteer, path, skip=True)
    assert report.written.created == 2 and [where for where, _, _ in report.rejected] == ["line 3"]
    arabic_digit = get_incident(session, "2019-07-0003", Access.INTERNAL)
    assert arabic_digit is not None and arabic_digit.military_killed == 3  # ٣ is a digit, and is 3


def test_values_postgresql_would_refuse_are_refused_on_both_databases(
    session: Session, vocab: Vocabularies, gazetteer: Gazetteer, tmp_path: Path
) -> None:
    long_place = "x" * 201
    path = csv_file(
        tmp_path,
        row(1, description="before\x00after"),
        row(2, killed="2147483648"),
        row(3, killed=str(2**63)),
        ROW.replace("Hasakah", long_place).format(n=4, killed="1", description="d"),
        row(5, killed="2147483647"),
    )
    assert refused_rows(session, vocab, gazetteer, path) == [
        "line 2, column description: holds a NUL character (\\x00) at character 7, which no database stores; remove it",
        "line 3, column military_killed: 2147483648 is more than the largest count Marsad stores (2,147,483,647)",
        "line 4, column military_killed: 9223372036854775808 is more than the largest count Marsad stores "
        "(2,147,483,647)",
        "line 5, column place: is 201 characters long; at most 200 fit",
    ]
    report = run(session, vocab, gazetteer, path, skip=True)
    largest = get_incident(session, "2019-07-0005", Access.INTERNAL)
    assert report.written.created == 1 and largest is not None and largest.military_killed == 2**31 - 1


def test_json_that_no_database_stores_or_python_cannot_read(
    session: Session, vocab: Vocabularies, gazetteer: Gazetteer, tmp_path: Path
) -> None:
    path = tmp_path / "odd.json"
    record = {"date": "2019-07-02", "type": "ied", "latitude": 36.5, "longitude": 40.7}
    path.write_text(
        json.dumps(
            [
                {**record, "military_killed": 2**63},
                {**record, "description": "half a pair \ud800"},
                {**record, "place": {"name": "Hasakah"}},
                {**record, "tags": [["nested"]]},
            ]
        ),
        encoding="utf-8",
    )
    assert refused_rows(session, vocab, gazetteer, path) == [
        "record 1, column military_killed: 9223372036854775808 is more than the largest count Marsad stores "
        "(2,147,483,647)",
        "record 2, column description: holds a broken character (half of a UTF-16 pair) at character 13, "
        "which no database stores; remove it",
        "record 3, column place: is a list or an object, where one value belongs",
        "record 4, column tags: holds a list or an object where a word belongs",
    ]
    path.write_text('{"incidents": [{"date": "2019-07-02", "type": "ied", "place": ' + "[" * 100_000, "utf-8")
    assert "nested too deeply" in refused_file(session, vocab, gazetteer, path)
    path.write_text('[{"date": "2019-07-02", "type": "ied", "arrests": ' + "9" * 5000 + "}]", "utf-8")
    assert "a number is too long to read" in refused_file(session, vocab, gazetteer, path)
    path.write_text('[{"date": "2019-07-02",\n "type": ied}]', "utf-8")
    assert refused_file(session, vocab, gazetteer, path) == "line 2, column 10: this is not JSON (Expecting value)"


def test_geojson_geometries_that_are_not_points(
    session: Session, vocab: Vocabularies, gazetteer: Gazetteer, tmp_path: Path
) -> None:
    path = tmp_path / "odd.geojson"
    properties = {"date": "2019-07-02", "type": "ied"}
    features = [
        {"type": "Feature", "geometry": [1, 2], "properties": properties},
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [{"x": 1}, 2]}, "properties": properties},
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [40.7, 36.5]}, "properties": [1, 2]},
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": ["forty", 36.5]}, "properties": properties},
    ]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    assert refused_rows(session, vocab, gazetteer, path) == [
        "feature 1, column geometry: only Point geometries with two numbers are incidents",
        "feature 2, column geometry: only Point geometries with two numbers are incidents",
        "feature 3, column *: is not a GeoJSON feature (an object whose properties are an object)",
        "feature 4, column longitude: 'forty' is not a number",
    ]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": {"a": 1}}), encoding="utf-8")
    assert "'features' is an array of features" in refused_file(session, vocab, gazetteer, path)


def test_workbooks_that_are_not_or_are_damaged(
    session: Session, vocab: Vocabularies, gazetteer: Gazetteer, tmp_path: Path
) -> None:
    path = tmp_path / "incidents.xlsx"
    path.write_text(HEADER + "\n" + row(1) + "\n", encoding="utf-8")  # a CSV named .xlsx
    assert "this is not an XLSX workbook (those are zip archives)" in refused_file(session, vocab, gazetteer, path)
    workbook = Workbook()
    workbook.active.title = "incidents"
    workbook.active.append(["date", "type", "place"])
    workbook.active.append(["2019-07-02", "ied", "Hasakah"])
    good = io.BytesIO()
    workbook.save(good)
    damaged = io.BytesIO()
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(damaged, "w") as target:
        for member in source.namelist():
            bad = member.startswith("xl/worksheets/")
            target.writestr(member, source.read(member)[:200] if bad else source.read(member))
    path.write_bytes(damaged.getvalue())
    message = refused_file(session, vocab, gazetteer, path)
    assert message.startswith("sheet incidents: the workbook is damaged") and "save it again" in message


def test_limits_of_size_say_which_limit(
    session: Session,
    vocab: Vocabularies,
    gazetteer: Gazetteer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = csv_file(tmp_path, row(1), row(2, description="y" * (MAX_CELL_CHARS + 1)))
    assert refused_file(session, vocab, gazetteer, path) == "line 3: a cell is longer than 1,000,000 characters"
    monkeypatch.setattr(json_format, "MAX_JSON_BYTES", 100)
    big = tmp_path / "big.json"
    big.write_text(json.dumps([{"date": "2019-07-02", "type": "ied", "description": "z" * 200}]), "utf-8")
    assert refused_file(session, vocab, gazetteer, big) == "the file is 258 bytes; a JSON file may be at most 100 bytes"
    monkeypatch.setattr(xlsx_format, "MAX_XLSX_UNPACKED_BYTES", 1000)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", "<a>" + " " * 100_000 + "</a>")
    assert "the workbook unpacks to 0.0 GB; Marsad reads at most" in refused_file(session, vocab, gazetteer, bomb)


def test_a_header_of_100000_unknown_columns_is_refused_at_once(
    session: Session, vocab: Vocabularies, gazetteer: Gazetteer, tmp_path: Path
) -> None:
    path = tmp_path / "wide.csv"
    path.write_text(",".join(f"c{i}" for i in range(100_000)) + "\n" + ",".join("1" * 100_000) + "\n", "utf-8")
    started = time.monotonic()
    message = refused_file(session, vocab, gazetteer, path)
    assert time.monotonic() - started < 5
    assert message.startswith(f"the header has 100,000 columns; a Marsad file has at most {len(CANONICAL_COLUMNS)}")
    path.write_text("date,type," + ",".join(f"c{i}" for i in range(400)) + "\n", "utf-8")
    message = refused_file(session, vocab, gazetteer, path)
    assert "'c9' is not a Marsad column" in message and "and 390 more columns are not Marsad's" in message


def test_bad_utf8_names_its_line(session: Session, vocab: Vocabularies, gazetteer: Gazetteer, tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes((HEADER + "\n" + row(1) + "\n" + row(2, description="caf\xe9")).encode("latin-1"))
    assert refused_file(session, vocab, gazetteer, path) == (
        "line 3: the file is not UTF-8 text (byte 0xe9 cannot be read); save it again as UTF-8 (in Excel: CSV UTF-8)"
    )
