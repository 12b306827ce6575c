"""Indicator series as tidy CSV: one observation per row, the columns of domain.series, and an HXL hashtag row
under the header (hxlstandard.org) so that humanitarian tools read the columns too. Reading skips that row
when it is there; every cell is checked as an incident's would be (dates YYYY-MM-DD, whole numbers, the
vocabularies' keys, labels or aliases).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from marsad.domain.incident import Source
from marsad.domain.series import COLUMN_NAMES, HXL_TAGS, REQUIRED_COLUMNS, Observation, check_observation
from marsad.domain.vocabulary import Vocabularies
from marsad.io import positions
from marsad.io.canonical import RowError, _Parser
from marsad.io.cells import neutralised
from marsad.io.csv_format import csv_records, text_out
from marsad.io.limits import BadFileError


@dataclass(frozen=True)
class SeriesRow:
    """An observation read from a file, with the line it came from."""

    where: str
    observation: Observation


def _is_hxl(cells: list[str]) -> bool:
    filled = [cell.strip() for cell in cells if cell.strip()]
    return bool(filled) and all(cell.startswith("#") for cell in filled)


def _header(cells: list[str]) -> list[str]:
    header = [name.strip().lower() for name in cells]
    unknown = [name for name in header if name and name not in COLUMN_NAMES]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    problems = []
    if unknown:
        problems.append(f"unknown column(s) {', '.join(unknown[:10])}")
    if missing:
        problems.append(f"the required column(s) {', '.join(missing)} are missing")
    if problems:
        raise BadFileError(f"line 1: {'; '.join(problems)}. Columns are: {', '.join(COLUMN_NAMES)}")
    return header


def read_series_csv(handle: Iterable[str], vocab: Vocabularies) -> Iterator[SeriesRow | RowError]:
    """Each row as an observation, or every problem of the row with its line and column; a header that is not
    the series' columns is a BadFileError before any row."""
    records = csv_records(handle)
    first = next(records, None)
    if first is None:
        return
    header = _header(first[1])
    for line, cells in records:
        if not any(cell.strip() for cell in cells) or _is_hxl(cells):
            continue
        where = positions.line(line)
        if len(cells) != len(header):
            yield RowError(where, "*", f"has {len(cells)} cells but the header has {len(header)} columns")
            continue
        row = dict(zip(header, cells, strict=True))
        observation, problems = parse_observation(row, vocab)
        if observation is None:
            yield from (RowError(where, column, reason) for column, reason in problems)
        else:
            yield SeriesRow(where, observation)


def parse_observation(values: dict[str, str], vocab: Vocabularies) -> tuple[Observation | None, list[tuple[str, str]]]:
    """An observation from one row's cells (the CSV's and the desk form's), or None and (column, reason)s."""
    p = _Parser(values, vocab)
    indicator = p.term("indicator", vocab.indicators)
    group = p.term("group", vocab.series_groups)
    as_of = p.date("as_of")
    value = p.count("value")
    for column, got in (("indicator", indicator), ("group", group), ("as_of", as_of), ("value", value)):
        if got is None and not any(c == column for c, _ in p.problems):
            p.refuse(column, "is required")
    source = Source(
        url=p.text("source_url"),
        title=p.text("source_title"),
        publisher=p.text("source_publisher"),
        source_type=p.term("source_type", vocab.source_types),
        language=p.text("source_language"),
        published=p.date("source_published"),
        accessed=p.date("source_accessed"),
        excerpt=p.text("source_excerpt"),
    )
    observation = Observation(
        indicator=indicator or "",
        place=p.text("place") or "",
        group=group or "",
        as_of=as_of or dt.date.min,
        value=value if value is not None else 0,
        low=p.count("low"),
        high=p.count("high"),
        source=source,
        note=p.text("note"),
        public=bool(p.flag("public")),
    )
    problems = list(p.problems)
    unread = {column for column, _ in problems}  # a cell that could not be read is not checked again,
    if "value" in unread:  # nor a range against a value that is not known
        unread |= {"low", "high"}
    problems += [(pr.field, pr.reason) for pr in check_observation(observation, vocab) if pr.field not in unread]
    return (None, problems) if problems else (observation, [])


def observation_cells(observation: Observation) -> list[object]:
    """The row of COLUMN_NAMES for one observation."""
    s = observation.source
    cells = {
        "indicator": observation.indicator,
        "place": observation.place,
        "group": observation.group,
        "as_of": observation.as_of.isoformat(),
        "value": observation.value,
        "low": observation.low,
        "high": observation.high,
        "source_url": s.url,
        "source_title": s.title,
        "source_publisher": s.publisher,
        "source_type": s.source_type,
        "source_language": s.language,
        "source_published": s.published.isoformat() if s.published else None,
        "source_accessed": s.accessed.isoformat() if s.accessed else None,
        "source_excerpt": s.excerpt,
        "note": observation.note,
        "public": "true" if observation.public else "false",
    }
    return ["" if cells[name] is None else cells[name] for name in COLUMN_NAMES]


def write_series_csv(observations: Iterable[Observation], out: BinaryIO) -> int:
    """The observations as tidy CSV with the HXL row; cells that would run as formulas are written as text."""
    count = 0
    with text_out(out) as text:
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(COLUMN_NAMES)
        writer.writerow([HXL_TAGS[name] for name in COLUMN_NAMES])
        for observation in observations:
            writer.writerow([neutralised(cell) for cell in observation_cells(observation)])
            count += 1
    return count
