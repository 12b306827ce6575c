"""The batch parser (io.columns) says of every row exactly what the row parser says, and reads clean rows alone."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.domain.incident import CANONICAL_COLUMNS
from marsad.domain.vocabulary import Vocabularies
from marsad.io import columns
from marsad.io.canonical import format_row, parse_incident
from marsad.io.columns import BatchParser
from tests.helpers import attack, raid

CLEAN = [
    dict(zip(CANONICAL_COLUMNS, format_row(incident, CANONICAL_COLUMNS), strict=True))
    for incident in (attack(), raid(), attack(id=None, tags=[], sources=[], status="draft", counted=None))
]
# Cells that each parser must read alike: blanks, aliases and spellings, cells to refuse, ranges where a best
# estimate belongs, numbers in other scripts, typed values from spreadsheets and JSON.
CELLS = st.sampled_from(
    [
        "",
        "  ",
        None,
        " isis ",
        "Daesh",
        "CLAIMED",
        "no such term",
        "x" * 201,
        "raid",
        "attack",
        "2019-07-02",
        "02/07/2019",
        "20190702",
        "45242",
        "0",
        "7",
        " 12 ",
        "-3",
        "1,234",
        "٣",
        "²",
        "5-9",
        "9–5",
        "99999999999",
        "1" * 30,
        "36,5",
        "nan",
        "1e3",
        "yes",
        "N",
        "maybe",
        "https://a.example/1 | Asayish statement",
        "a | | b",
        "fair",
        "published",
        3,
        2.0,
        True,
        ["a"],
        {"url": "x"},
    ]
)


def both(vocab: Vocabularies, rows: list[dict[str, Any]]) -> tuple[list[Any], list[Any]]:
    return BatchParser(vocab).parse(rows), [parse_incident(row, vocab) for row in rows]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    changes=st.lists(
        st.tuples(st.integers(0, len(CLEAN) - 1), st.sampled_from([*CANONICAL_COLUMNS, "confirmed"]), CELLS),
        max_size=12,
    )
)
def test_every_row_is_parsed_as_the_row_parser_parses_it(
    vocab: Vocabularies, changes: list[tuple[int, str, Any]]
) -> None:
    rows = [dict(row) for row in CLEAN * 2]
    for index, column, cell in changes:
        rows[index][column] = cell
    batch, one_by_one = both(vocab, rows)
    assert batch == one_by_one


def test_rows_of_different_columns_are_parsed_as_the_row_parser_parses_them(vocab: Vocabularies) -> None:
    rows = [CLEAN[0], {"type": "ied", "date": "2019-07-02"}, {**CLEAN[1], "extra": "ignored"}]
    batch, one_by_one = both(vocab, rows)
    assert batch == one_by_one
    assert all(problems == [] for _, problems in batch)


def test_clean_rows_are_read_without_the_row_parser(vocab: Vocabularies, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = [parse_incident(row, vocab) for row in CLEAN]
    monkeypatch.setattr(columns, "parse_incident", lambda *_: pytest.fail("a clean row went to the row parser"))
    assert BatchParser(vocab).parse(CLEAN) == expected


def test_a_bad_row_is_worded_by_the_row_parser(vocab: Vocabularies) -> None:
    rows = [CLEAN[0], {**CLEAN[1], "arrests": "²", "region": "atlantis"}]
    (good, none), (bad, problems) = BatchParser(vocab).parse(rows)
    assert good is not None and none == [] and bad is None
    assert sorted(column for column, _ in problems) == ["arrests", "region"]
    assert "'²' is not a whole number" in dict(problems)["arrests"]
