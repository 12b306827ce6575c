"""Canonical CSV: the codebook's columns in order, UTF-8, ``sources`` and ``tags`` joined by " | ".

Text cells that a spreadsheet would run as formulas are written quoted and read back as they were (io.cells).
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, TextIO

from marsad.domain.incident import Incident
from marsad.domain.phrases import Phrase
from marsad.io import positions
from marsad.io.canonical import RawRow, RowError, check_columns, format_row
from marsad.io.cells import QuoteWatch, neutralised
from marsad.io.limits import MAX_CELL_CHARS, BadFileError, utf8_text

csv.field_size_limit(MAX_CELL_CHARS)


def read_csv(path: Path) -> Iterator[RawRow | RowError]:
    """Rows of a CSV file (a UTF-8 byte-order mark is fine); refuses a bad header before any row."""
    with utf8_text(path) as handle:
        yield from read_csv_stream(handle)


def read_csv_stream(handle: Iterable[str]) -> Iterator[RawRow | RowError]:
    """Rows of CSV text, comma-, semicolon- or tab-separated (as Excel and LibreOffice write it in many locales)."""
    records = csv_records(handle)
    first = next(records, None)
    if first is None:
        return
    header = [name.strip() for name in first[1]]
    check_columns(header)
    width = len(header)
    for line, cells in records:
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != width:
            yield RowError(positions.line(line), "*", f"has {len(cells)} cells but the header has {width} columns")
            continue
        yield RawRow(positions.line(line), dict(zip(header, cells, strict=True)))


def csv_records(handle: Iterable[str], delimiter: str | None = None) -> Iterator[tuple[int, list[str]]]:
    """Each record of CSV text with the line it starts on, the header first, cells as written before
    ``neutralised``; the separator is the header's (``_delimiter``) unless given. CSV it cannot read is a
    ``BadFileError`` naming the line."""
    lines = iter(handle)
    first = next(lines, None)
    if first is None:
        return
    watch = QuoteWatch(itertools.chain([first], lines))
    reader = csv.reader(watch, delimiter=delimiter or _delimiter(first))
    start = 1
    try:
        for cells in map(watch.restore, reader):
            yield start, cells
            start = reader.line_num + 1
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise BadFileError(
                Phrase("line {n}: a cell is longer than {most} characters", n=start, most=format(MAX_CELL_CHARS, ","))
            ) from None
        raise BadFileError(
            Phrase("line {n}: this is not CSV that can be read ({error})", n=start, error=str(error))
        ) from None


def _delimiter(header_line: str) -> str:
    """The separator of a header line: the one of , ; or tab that it uses most."""
    return max((",", ";", "\t"), key=header_line.count)


def count_csv_rows(path: Path) -> int:
    """Physical lines after the header: a cheap upper bound on the rows, for a progress bar."""
    with path.open("rb") as handle:
        return max(0, sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b"")) - 1)


@contextmanager
def text_out(out: BinaryIO) -> Iterator[TextIO]:
    """UTF-8 text over a binary stream, handed back to the caller (still open) when done."""
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    try:
        yield text
    finally:
        text.flush()
        text.detach()


def write_csv(incidents: Iterable[Incident], out: BinaryIO, columns: Sequence[str]) -> int:
    count = 0
    with text_out(out) as text:
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(columns)
        for incident in incidents:
            writer.writerow([neutralised(cell) for cell in format_row(incident, columns)])
            count += 1
    return count
