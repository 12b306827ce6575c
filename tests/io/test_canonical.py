from __future__ import annotations

import datetime as dt
import io

import pytest

from marsad.domain.incident import CANONICAL_COLUMNS, Source
from marsad.domain.vocabulary import Vocabularies
from marsad.io.canonical import ColumnError, RawRow, RowError, check_columns, format_row, parse_incident
from marsad.io.csv_format import read_csv_stream


def parse(vocab: Vocabularies, **values: object):  # type: ignore[no-untyped-def]
    return parse_incident({"date": "2019-07-02", "type": "ied", **values}, vocab)


def test_values_are_parsed_with_aliases_and_defaults(vocab: Vocabularies) -> None:
    incident, problems = parse(
        vocab,
        perpetrator="Daesh",
        attribution="Claimed",
        grade="Fair",
        military_killed="2",
        sources="https://a.example/1 | Asayish statement",
        tags="patrol | night",
        latitude="36.5",
        longitude="40.75",
    )
    assert problems == []
    assert incident is not None
    assert (incident.kind, incident.perpetrator, incident.attribution) == ("attack", "isis", "claimed")
    assert incident.grade == "fair" and incident.counted is None and incident.status == "draft"
    assert incident.military_killed == 2 and incident.civilian_killed is None
    assert incident.sources == [Source(url="https://a.example/1"), Source(title="Asayish statement")]
    assert incident.tags == ["patrol", "night"]


def test_kind_is_taken_from_the_type_when_left_blank(vocab: Vocabularies) -> None:
    incident, _ = parse(vocab, type="raid", arrests="4")
    assert incident is not None and incident.kind == "raid"


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("date", "2019-13-02", "'2019-13-02' is not a date (expected YYYY-MM-DD)"),
        ("date", "02/07/2019", "'02/07/2019' is not a date (expected YYYY-MM-DD)"),
        ("military_killed", "two", "'two' is not a whole number (leave blank if not reported)"),
        ("civilian_injured", "-3", "-3 is negative; counts are 0 or more (leave blank if not reported)"),
        ("latitude", "north", "'north' is not a number"),
        ("latitude", "95", "95 is out of range (-90 to 90)"),
        ("confirmed", "perhaps", "'perhaps' is not true or false"),
        ("grade", "sure", "'sure' is not a known grade value"),
        ("perpetrator", "Daesh cell", "'Daesh cell' is not a known actor value; did you mean 'isis'?"),
        ("type", "", "is required"),
    ],
)
def test_bad_values_name_the_column_and_the_fix(vocab: Vocabularies, column: str, value: str, reason: str) -> None:
    incident, problems = parse(vocab, **{column: value})
    assert incident is None
    assert any(c == column and reason in r for c, r in problems), problems


@pytest.mark.parametrize("written", ["5-9", "5–9", " 5 — 9 ", "٥-٩"])
def test_a_range_in_the_best_cell_gives_low_and_high_with_the_low_as_best(vocab: Vocabularies, written: str) -> None:
    incident, problems = parse(vocab, civilian_killed=written, military_injured="3")
    assert problems == []
    assert incident is not None
    assert (incident.civilian_killed_low, incident.civilian_killed, incident.civilian_killed_high) == (5, 5, 9)
    assert (incident.military_injured_low, incident.military_injured, incident.military_injured_high) == (None, 3, None)


@pytest.mark.parametrize(
    ("values", "reason"),
    [
        ({"civilian_killed": "9-5"}, "'9-5' is a range from high to low; write the low first (5–9)"),
        (
            {"civilian_killed": "5-9", "civilian_killed_high": "10"},
            "holds the range '5-9' and civilian_killed_high another: give it once",
        ),
    ],
)
def test_a_range_in_the_best_cell_that_cannot_be_read_names_the_column(
    vocab: Vocabularies, values: dict[str, str], reason: str
) -> None:
    incident, problems = parse(vocab, **values)
    assert incident is None
    assert problems == [("civilian_killed", reason)]


def test_every_problem_of_a_row_is_reported_at_once(vocab: Vocabularies) -> None:
    _, problems = parse(vocab, date="yesterday", military_killed="-1", region="Narnia")
    assert [c for c, _ in problems] == ["date", "military_killed", "region"]


def test_json_source_objects_are_checked_field_by_field(vocab: Vocabularies) -> None:
    incident, problems = parse(
        vocab, sources=[{"url": "https://a.example", "source_type": "statment", "published": "2019-07-01"}]
    )
    assert incident is None
    assert "source 1, source_type: 'statment' is not a known source type value" in problems[0][1]
    incident, problems = parse(vocab, sources=[{"url": "https://a.example", "published": "2019-07-01"}])
    assert incident is not None and incident.sources[0].published == dt.date(2019, 7, 1)


def test_header_problems_are_reported_before_any_row() -> None:
    with pytest.raises(ColumnError) as caught:
        check_columns(["id", "dte", "type", "type"])
    message = str(caught.value)
    assert "'dte' is not a Marsad column (did you mean 'date'?)" in message
    assert "column 'type' appears more than once" in message
    assert "the required column(s) date are missing" in message


def test_csv_rows_report_their_starting_line_even_after_multiline_cells() -> None:
    text = 'date,type,description\n2019-07-01,ied,"two\nlines"\n2019-07-02,ied,x\n2019-07-03,ied\n'
    rows = list(read_csv_stream(io.StringIO(text)))
    assert [r.where for r in rows] == ["line 2", "line 4", "line 5"]
    assert isinstance(rows[2], RowError) and "has 2 cells but the header has 3 columns" in rows[2].reason
    assert isinstance(rows[0], RawRow) and rows[0].values["description"] == "two\nlines"


def test_formatted_row_follows_the_codebook_order(vocab: Vocabularies) -> None:
    incident, _ = parse(
        vocab,
        id="2019-07-0001",
        grade="contested",
        latitude="36.5",
        longitude="40.0",
        sources="https://a.example/1 | https://b.example/2",
    )
    assert incident is not None
    cells = dict(zip(CANONICAL_COLUMNS, format_row(incident, CANONICAL_COLUMNS), strict=True))
    assert cells["grade"] == "contested" and cells["counted"] == "" and "confirmed" not in cells
    assert cells["latitude"] == "36.5" and cells["longitude"] == "40.0"
    assert cells["sources"] == "https://a.example/1 | https://b.example/2"


@pytest.mark.parametrize(
    ("values", "grade"),
    [
        ({}, "weak"),
        ({"confirmed": "yes"}, "confirmed"),
        ({"confirmed": "no"}, "weak"),
        ({"confirmed": "true", "grade": "confirmed"}, "confirmed"),
        ({"confirmed": "false", "grade": "discounted"}, "discounted"),
        ({"grade": "unverified"}, "weak"),
    ],
)
def test_a_file_from_before_grades_still_says_confirmed_or_not(
    vocab: Vocabularies, values: dict[str, str], grade: str
) -> None:
    incident, problems = parse(vocab, **values)
    assert problems == [] and incident is not None and incident.grade == grade


def test_a_confirmed_column_that_contradicts_the_grade_is_refused(vocab: Vocabularies) -> None:
    incident, problems = parse(vocab, confirmed="yes", grade="weak")
    assert incident is None
    assert problems == [("confirmed", "says yes but the grade is weak; keep the grade and drop this column")]
