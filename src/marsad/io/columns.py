"""Parsing a batch of rows column by column: the import's fast path, with ``parse_incident``'s results exactly.

``parse_incident`` reads one row at a time, a method call per cell; a million rows cost more in those calls
than in what they decide. A file repeats the same few hundred values in most columns, so ``BatchParser``
decides each distinct cell of a column once per file (its terms, days, counts, flags), takes whole columns at
a time, and builds the incidents from the columns. Cells are decided by the same functions as the row parser's
(``Vocabulary.find``, ``date_cell``, ``count_cell``…).

It takes only what it is sure of. A row with a cell it does not take as it is (a value that is not text, a
term no vocabulary knows, a range in a count, the legacy ``confirmed`` column, a missing date or type:
anything to refuse or to read in context) is parsed by ``parse_incident``, which words every problem with its
column. The tests compare both parsers on the same rows.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from marsad.domain.incident import (
    INCIDENT_FIELDS,
    LEGACY_COLUMNS,
    WHOLE_NUMBER_FIELDS,
    Incident,
)
from marsad.domain.keys import Status
from marsad.domain.rules import TEXT_FIELDS
from marsad.domain.vocabulary import UNCONFIRMED_GRADE, Vocabularies, Vocabulary
from marsad.io.canonical import (
    LONGEST_TERM,
    count_cell,
    date_cell,
    flag_cell,
    number_cell,
    parse_incident,
    source_from_text,
    words_cell,
)

Parsed = tuple[Incident | None, list[tuple[str, str]]]
SLOW = object()  # a cell this module leaves to parse_incident, and so its whole row
UNSEEN = object()  # a cell not decided yet
MEMO_LIMIT = 50_000  # distinct cells remembered per column; a column of unique values starts again past it


def _term(vocabulary: Vocabulary, default: Any) -> Callable[[str], Any]:
    def decide(text: str) -> Any:
        if not text:
            return default
        if len(text) > LONGEST_TERM:
            return SLOW
        key = vocabulary.find(text)
        return SLOW if key is None else key

    return decide


def _date(required: bool) -> Callable[[str], Any]:
    def decide(text: str) -> Any:
        if not text:
            return SLOW if required else None
        day = date_cell(text, text)
        return SLOW if day is None else day

    return decide


def _count(text: str) -> Any:
    if not text:
        return None
    number = count_cell(text, text)
    return SLOW if isinstance(number, str) else number


def _flag(text: str) -> Any:
    if not text:
        return None
    flag = flag_cell(text)
    return SLOW if flag is None else flag


def _words(text: str) -> Any:
    return tuple(words_cell(text))


def _blank(text: str) -> Any:
    return None if not text else SLOW


def _number(low: float, high: float) -> Callable[[Any], Any]:
    def decide(value: Any) -> Any:
        if value is None:
            return None
        if type(value) is not str:
            return SLOW
        text = value.strip()
        if not text:
            return None
        number = number_cell(text, text, low, high)
        return SLOW if isinstance(number, str) else number

    return decide


def _sources(value: Any) -> Any:
    if value is None:
        return []
    if type(value) is not str:
        return SLOW
    return [source_from_text(piece) for piece in words_cell(value.strip())]


class BatchParser:
    """``parse_incident`` for many rows at once, remembering each column's decided cells across batches."""

    def __init__(self, vocab: Vocabularies) -> None:
        self.vocab = vocab
        terms: dict[str, Callable[[str], Any]] = {
            "type": _term(vocab.types, SLOW),  # required
            "kind": _term(vocab.kinds, None),  # the type's kind when blank
            "date_precision": _term(vocab.date_precisions, "day"),
            "geo_precision": _term(vocab.geo_precisions, None),
            "region": _term(vocab.regions, None),
            "perpetrator": _term(vocab.actors, "unknown"),
            "attribution": _term(vocab.attributions, "unknown"),
            "grade": _term(vocab.grades, UNCONFIRMED_GRADE),
            "target": _term(vocab.targets, None),
            "conducted_by": _term(vocab.forces, None),
            "status": _term(vocab.statuses, Status.DRAFT),
        }
        # Columns whose distinct cells are decided once each (text -> value or SLOW).
        self.decided: dict[str, Callable[[str], Any]] = {
            **terms,
            "date": _date(required=True),
            "date_earliest": _date(required=False),
            "date_latest": _date(required=False),
            "counted": _flag,
            "tags": _words,
            **dict.fromkeys(WHOLE_NUMBER_FIELDS, _count),
            **dict.fromkeys(LEGACY_COLUMNS, _blank),  # 'confirmed' yes / no beside a grade: read in context
        }
        # Columns of mostly distinct cells, decided cell by cell.
        self.each: dict[str, Callable[[Any], Any]] = {
            "latitude": _number(-90, 90),
            "longitude": _number(-180, 180),
            "sources": _sources,
        }
        self.memos: dict[str, dict[Any, Any]] = {name: {} for name in self.decided}
        self.type_kinds = {term.key: term.kind or "" for term in vocab.types}
        self.names = (*self.decided, *self.each, *TEXT_FIELDS)
        self.row_by_row = False

    def parse(self, rows: Sequence[Mapping[str, Any]]) -> list[Parsed]:
        """What ``parse_incident`` says of each row, in order.

        A file whose first batch was mostly left to ``parse_incident`` (a spreadsheet's typed cells, JSON's
        objects) is read row by row from then on, without trying its columns first."""
        if self.row_by_row:
            return [parse_incident(row, self.vocab) for row in rows]
        cells = _columns(rows, self.names)
        columns = {name: self._decided(name, cells[name]) for name in self.decided}
        columns.update((name, list(map(decide, cells[name]))) for name, decide in self.each.items())
        for name in TEXT_FIELDS:
            columns[name] = [
                None if cell is None else (cell.strip() or None) if type(cell) is str else SLOW for cell in cells[name]
            ]
        type_kinds = self.type_kinds
        columns["kind"] = [
            kind if kind is not None else type_kinds.get(key, "")
            for kind, key in zip(columns["kind"], columns["type"], strict=True)
        ]
        columns["tags"] = [list(words) if words is not SLOW else SLOW for words in columns["tags"]]
        slow: set[int] = set()
        for values in columns.values():
            if SLOW in values:
                slow.update(i for i, value in enumerate(values) if value is SLOW)
        incidents = list(map(Incident, *(columns[name] for name in INCIDENT_FIELDS)))
        parsed: list[Parsed] = [(incident, []) for incident in incidents]
        for i in slow:
            parsed[i] = parse_incident(rows[i], self.vocab)
        self.row_by_row = self.row_by_row or 2 * len(slow) > len(rows)
        return parsed

    def _decided(self, name: str, cells: Sequence[Any]) -> list[Any]:
        memo = self.memos[name]
        if len(memo) > MEMO_LIMIT:
            memo.clear()
        decide = self.decided[name]

        def first_time(cell: Any) -> Any:
            value = memo[cell] = decide(cell.strip()) if type(cell) is str else SLOW
            return value

        if None not in memo:
            memo[None] = decide("")
        try:
            known = list(map(memo.get, cells, itertools.repeat(UNSEEN)))
        except TypeError:  # a list or an object where a cell belongs (JSON): not a cell this module takes
            known = [memo.get(cell, UNSEEN) if cell is None or type(cell) is str else SLOW for cell in cells]
        if UNSEEN in known:  # a new cell is decided the first time, and looked up when it repeats in the batch
            known = [
                value if value is not UNSEEN else memo[cell] if cell in memo else first_time(cell)
                for cell, value in zip(cells, known, strict=True)
            ]
        return known


def _columns(rows: Sequence[Mapping[str, Any]], names: Sequence[str]) -> dict[str, Sequence[Any]]:
    """The cells of each named column, None where a row lacks it; rows with the same columns in the same order
    (every reader of tables gives them so) are turned into columns at once."""
    header = tuple(rows[0]) if rows else ()
    if [tuple(row) for row in rows].count(header) == len(rows):
        by_column = dict(zip(header, zip(*(row.values() for row in rows), strict=True), strict=True))
        missing = (None,) * len(rows)
        return {name: by_column.get(name, missing) for name in names}
    return {name: [row.get(name) for row in rows] for name in names}
