"""Hypothesis strategies for hostile import files, one per format Marsad reads (shared by the fuzz tests).

Each strategy draws the bytes of a whole file: mostly a well-formed file of the format whose cells mix valid
values with the values that once crashed an import (a superscript digit, a count of 2**63, a NUL byte, text
longer than its column, JSON nested too deep, a GeoJSON geometry that is a list, a zip that is not one),
then perhaps a few byte-level mutations (truncation, a stray byte, a repeated slice).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from typing import Any

from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from marsad.domain.incident import CANONICAL_COLUMNS, COUNT_FIELDS
from marsad.io.acled import ACLED_COLUMNS
from marsad.io.acled import REQUIRED as ACLED_REQUIRED
from marsad.io.ged import REQUIRED as GED_REQUIRED
from marsad.io.limits import MAX_CELL_CHARS

HUGE = "x" * (MAX_CELL_CHARS + 1)
GED_COLUMNS = (
    "id",
    "date_start",
    "side_a",
    "side_b",
    "type_of_violence",
    "best",
    "low",
    "high",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "latitude",
    "longitude",
    "where_coordinates",
    "date_prec",
    "where_prec",
    "source_article",
    "dyad_name",
)

HOSTILE = [
    "",
    "²",
    "٣",
    "½",
    "2147483648",
    str(2**63),
    "9" * 40,
    "-1",
    "1,234",
    "36,5",
    "1e400",
    "NaN",
    "\x00",
    "a\x00b",
    "x" * 201,
    "é" * 101,
    '=HYPERLINK("http://x")',
    "'=1+1",
    "2019-02-30",
    "0001-01-01",
    "9999-12-31",
    "45242",
    "maybe",
    "http://a b",
    " | ",
    "a|b",
    '"',
    "\r\n",
    "\u202e",
    "🙂",
    "an id that is far too long for any column of forty characters",
]
# Values each column takes in a real file, so that most rows get past parsing to the database.
VALID = {
    "id": ["2019-07-0001", "2019-07-0002", "x1", ""],
    "kind": ["attack", "raid", ""],
    "date": ["2019-07-02", "2023-11-12"],
    "date_precision": ["day", "month", ""],
    "place": ["Hasakah", "الحسكة", "Hajin", ""],
    "latitude": ["36.5", ""],
    "longitude": ["40.7", ""],
    "type": ["ied", "raid", "armed_attack"],
    "perpetrator": ["isis", "Daesh", ""],
    "attribution": ["claimed", "suspected", ""],
    "grade": ["confirmed", "Fair", "contested", ""],
    "confirmed": ["true", "false", ""],
    "counted": ["true", ""],
    "target": ["asayish", "civilian", ""],
    "conducted_by": ["sdf", ""],
    "sources": ["https://a.example/1", "https://a.example/1 | SOHR", ""],
    "status": ["draft", "published", ""],
    "tags": ["patrol", "a | b", ""],
    # ACLED
    "event_id_cnty": ["SYR1234", "SYR1235", ""],
    "event_date": ["2023-11-12", "12 November 2023"],
    "event_type": ["Explosions/Remote violence", "Strategic developments"],
    "sub_event_type": ["Remote explosive/landmine/IED", "Arrests"],
    "actor1": ["Islamic State (Syria)", "SDF: Syrian Democratic Forces", ""],
    "actor2": ["Civilians (Syria)", ""],
    "civilian_targeting": ["", "Civilian targeting"],
    "location": ["Hasakah", "Hajin"],
    "time_precision": ["1", "2"],
    "geo_precision": ["1", "2"],
    "fatalities": ["0", "2"],
    "source": ["SOHR", "SOHR; https://a.example/2"],
    # UCDP GED
    "date_start": ["2019-07-02 00:00:00.000", "2019-07-03"],
    "side_a": ["IS", ""],
    "side_b": ["SDF", "Civilians"],
    "type_of_violence": ["3", "1"],
    "best": ["2", "0"],
    "deaths_a": ["0", "1"],
    "deaths_b": ["1", ""],
    "deaths_civilians": ["1", "0"],
    "where_coordinates": ["Hasakah town"],
    "date_prec": ["1"],
    "where_prec": ["1"],
    "source_article": ['"SOHR,2019-07-03,Attack in Hasakah"'],
}
for count in (*COUNT_FIELDS, "deaths_unknown"):
    VALID[count] = ["0", "3", ""]
hostile_text = st.sampled_from(HOSTILE) | st.text(max_size=12) | st.just(HUGE)


def mostly(usual: st.SearchStrategy[Any], rare: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """``usual`` about three times in four, ``rare`` otherwise (``one_of`` favours its simplest branch, and
    hypothesis its boundary values: 0 and 99 are usual)."""
    return st.integers(0, 99).flatmap(lambda n: rare if n % 4 == 1 else usual)


def text_cell(column: str) -> st.SearchStrategy[str]:
    """Mostly a value the column takes in real files; one time in four a hostile one."""
    valid = st.sampled_from(VALID.get(column, ["", "some text", "نص عربي"]))
    return mostly(valid, hostile_text)


json_scalars = (
    hostile_text
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.booleans()
    | st.none()
    | st.sampled_from(["\ud800", "a\udfffb"])  # lone surrogates: JSON can carry them, no database can
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)


def json_cell(column: str) -> st.SearchStrategy[Any]:
    valid = text_cell(column)
    return mostly(valid, json_values)


JUNK_COLUMNS = st.lists(st.sampled_from(["whatever", "", "Date ", "type"]), min_size=1, max_size=2)


def columns(names: tuple[str, ...], required: tuple[str, ...] = ("date", "type")) -> st.SearchStrategy[list[str]]:
    """A header: usually the required columns and some others; now and then a junk or repeated column."""
    known = st.lists(st.sampled_from(names), max_size=12, unique=True)
    junk = mostly(st.just([]), JUNK_COLUMNS)
    return st.tuples(known, junk).map(lambda pair: [*required, *(c for c in pair[0] if c not in required), *pair[1]])


@st.composite
def mutated(draw: st.DrawFn, data: bytes, intact: int = 3) -> bytes:
    """``data``, or (one time in ``intact + 1``) ``data`` after a few byte-level accidents."""
    for _ in range(draw(st.sampled_from([0] * intact * 3 + [1, 2, 3]))):
        if not data:
            break
        at = draw(st.integers(0, 2**24)) % len(data)  # drawn apart from the length: a workbook's varies
        accident = draw(st.sampled_from(["truncate", "byte", "repeat", "delete"]))
        if accident == "truncate":
            data = data[:at]
        elif accident == "byte":
            data = data[:at] + bytes([draw(st.sampled_from([0, 0xFF, 0xC3, 0x22, 0x2C, 0x0A, 0x7B, 0x5B]))]) + data[at:]
        elif accident == "repeat":
            data = data[:at] + data[at : at + 64] * draw(st.integers(2, 5)) + data[at:]
        else:
            data = data[:at] + data[at + draw(st.integers(1, 64)) :]
    return data


def _csv_bytes(header: list[str], rows: list[list[str]], delimiter: str = ",") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8", "surrogatepass")


@st.composite
def tabular(draw: st.DrawFn, names: tuple[str, ...], required: tuple[str, ...]) -> bytes:
    header = draw(columns(names, required))
    row = st.tuples(*(text_cell(c) for c in header)).map(list)
    rows = draw(st.lists(mostly(row, row.map(lambda r: [*r, "extra"])), max_size=4))
    return draw(mutated(_csv_bytes(header, rows, draw(st.sampled_from([",", ";", "\t"])))))


def csv_files() -> st.SearchStrategy[bytes]:
    return tabular(CANONICAL_COLUMNS, ("date", "type"))


def acled_files() -> st.SearchStrategy[bytes]:
    return tabular(ACLED_COLUMNS, ACLED_REQUIRED)


def ged_files() -> st.SearchStrategy[bytes]:
    return tabular(GED_COLUMNS, GED_REQUIRED)


def _deep(depth: int) -> str:
    return "[" * depth + "]" * depth


@st.composite
def records(draw: st.DrawFn) -> list[Any]:
    keys = draw(columns(CANONICAL_COLUMNS))
    record = st.fixed_dictionaries({k: json_cell(k) for k in keys})
    return draw(st.lists(mostly(record, json_scalars), min_size=1, max_size=4))


@st.composite
def json_files(draw: st.DrawFn) -> bytes:
    shape = draw(st.sampled_from(["array", "array", "object", "object", "other", "deep", "digits"]))
    if shape == "deep":
        text = '{"incidents": [{"date": "2019-07-02", "type": "ied", "place": ' + _deep(100_000) + "}]}"
    elif shape == "digits":
        text = '[{"date": "2019-07-02", "type": "ied", "military_killed": ' + "9" * 5000 + "}]"
    elif shape == "other":
        text = json.dumps(draw(json_values))
    else:
        items = draw(records())
        text = json.dumps({"incidents": items} if shape == "object" else items, ensure_ascii=draw(st.booleans()))
    return draw(mutated(text.encode("utf-8", "surrogatepass"), intact=6))


geometries = st.sampled_from(
    [
        None,
        [1, 2],
        "POINT(1 2)",
        {"type": "Point", "coordinates": [40.7, 36.5]},
        {"type": "Point", "coordinates": [1]},
        {"type": "Point", "coordinates": "ab"},
        {"type": "Point", "coordinates": [{"a": 1}, [2]]},
        {"type": "Point", "coordinates": [1e400, -1e400]},
        {"type": "Point", "coordinates": [2**63, 2**64]},
        {"type": "LineString", "coordinates": [[1, 2], [3, 4]]},
        {"type": "Point"},
        {},
    ]
)


@st.composite
def geojson_files(draw: st.DrawFn) -> bytes:
    features = []
    for _ in range(draw(st.integers(1, 4))):
        keys = draw(columns(tuple(c for c in CANONICAL_COLUMNS if c not in ("latitude", "longitude"))))
        record = st.fixed_dictionaries({k: json_cell(k) for k in keys})
        properties = draw(mostly(record, json_scalars))
        feature = {"type": "Feature", "geometry": draw(geometries), "properties": properties}
        features.append(draw(mostly(st.just(feature), json_scalars)))
    collection: Any = {"type": "FeatureCollection", "features": features}
    odd = [{"type": "FeatureCollection", "features": {"a": 1}}, {"type": "Feature"}, [1], "x"]
    collection = draw(st.sampled_from([collection] * 8 + odd))
    text = json.dumps(collection, ensure_ascii=draw(st.booleans()))
    return draw(mutated(text.encode("utf-8", "surrogatepass"), intact=6))


def xlsx_cell(column: str) -> st.SearchStrategy[Any]:
    valid = text_cell(column).filter(lambda s: not ILLEGAL_CHARACTERS_RE.search(s))
    return mostly(valid, xlsx_values)


xlsx_values = (
    st.integers(min_value=-(2**40), max_value=2**70)
    | st.floats(allow_nan=False)
    | st.booleans()
    | st.none()
    | st.dates(min_value=dt.date(1900, 3, 1))
    | st.datetimes(min_value=dt.datetime(1900, 3, 1))
)


@st.composite
def xlsx_files(draw: st.DrawFn) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = draw(st.sampled_from(["incidents", "Sheet1", "Attacks", "Raids"]))
    header = draw(columns(CANONICAL_COLUMNS))
    sheet.append(header)
    for row in draw(st.lists(st.tuples(*(xlsx_cell(c) for c in header)), max_size=4)):
        sheet.append([value[:32767] if isinstance(value, str) else value for value in row])
    out = io.BytesIO()
    workbook.save(out)
    data = out.getvalue()
    damage = draw(st.sampled_from(["none", "none", "none", "bytes", "member", "not a zip", "empty"]))
    if damage == "bytes":
        return draw(mutated(data))
    if damage == "member":
        part = draw(st.sampled_from(_members(data)))
        return _damaged_member(data, part, draw(st.sampled_from([b"", b"<x", b"\x00"])))
    if damage == "not a zip":
        return b"id,date\n1,2019-07-02\n"
    if damage == "empty":
        return b""
    return data


def _members(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.namelist()


def _damaged_member(data: bytes, name: str, replacement: bytes) -> bytes:
    """The workbook with one of its XML parts replaced (bad XML, or an empty part)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for member in source.namelist():
            target.writestr(member, replacement if member == name else source.read(member))
    return out.getvalue()


FILES = {
    "csv": csv_files(),
    "xlsx": xlsx_files(),
    "json": json_files(),
    "geojson": geojson_files(),
    "acled": acled_files(),
    "ged": ged_files(),
}
