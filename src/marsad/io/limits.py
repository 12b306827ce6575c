"""How much one import file may hold, and the error that says, in one sentence, why a file cannot be read.

Every reader (CSV, XLSX, JSON, GeoJSON, ACLED, UCDP GED, and later Telegram exports) keeps to these limits
and raises ``BadFileError`` naming the file's problem and where it is (line, row, record, or byte offset);
a problem with one row is a ``RowError`` instead, so the other rows are still checked. The import service,
the CLI and the desk's upload page show a ``BadFileError`` as it is; any other exception is a bug, and the
fuzz tests (tests/services/test_import_fuzz.py) fail on it. A new reader:

- opens its file with ``check_size(path, MAX_…_BYTES, "…")`` when it reads the file whole;
- reads text through ``utf8_text`` or ``utf8_bytes``, which name the line of bad UTF-8;
- turns its parser's errors into ``BadFileError`` with where they happened;
- leaves values to ``io.canonical``, which refuses cells over ``MAX_CELL_CHARS``, counts over ``MAX_COUNT``
  and values no database can hold (NUL bytes, lone surrogates) with the row and column.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from marsad.domain.phrases import Phrase
from marsad.io import positions

MAX_CELL_CHARS = 1_000_000  # one cell: a long description is 10,000 characters; a million is not a description
MAX_COLUMNS = 500  # Marsad's own layout has 33, ACLED's 31
MAX_JSON_BYTES = 512 * 2**20  # JSON and GeoJSON are read whole: a larger file should be CSV
MAX_XLSX_BYTES = 256 * 2**20  # the zip as stored
MAX_XLSX_UNPACKED_BYTES = 2 * 2**30  # the zip's parts once inflated: a zip bomb stops here
MAX_COUNT = 2**31 - 1  # the largest count both databases store in an INTEGER column


class BadFileError(ValueError):
    """A file that cannot be read as incidents at all; the message says what is wrong and where."""


def check_size(path: Path, limit: int, kind: str) -> None:
    """Refuse a file larger than ``limit`` bytes before reading it."""
    size = path.stat().st_size
    if size > limit:
        raise BadFileError(
            Phrase(
                "the file is {size}; a {kind} file may be at most {most}",
                size=_megabytes(size),
                kind=kind,
                most=_megabytes(limit),
            )
        )


@contextmanager
def utf8_text(path: Path) -> Iterator[TextIO]:
    """The file as UTF-8 text for ``csv`` (a byte-order mark is fine); bad UTF-8 names its line."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            yield handle
    except UnicodeDecodeError:
        raise _first_bad_line(path) from None


def utf8_bytes(data: bytes) -> str:
    """Bytes read whole as UTF-8 text; bad UTF-8 names its line."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise _not_utf8(positions.line(line), error) from None


def _first_bad_line(path: Path) -> BadFileError:
    """Found again line by line, only once the file is known to be bad: reading good files costs nothing."""
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            try:
                line.decode("utf-8")
            except UnicodeDecodeError as error:
                return _not_utf8(positions.line(number), error)
    return BadFileError(Phrase("the file is not UTF-8 text; save it again as UTF-8 (in Excel: CSV UTF-8)"))


def _not_utf8(where: str, error: UnicodeDecodeError) -> BadFileError:
    byte = error.object[error.start : error.start + 1].hex()
    return BadFileError(
        Phrase(
            "{where}: the file is not UTF-8 text (byte 0x{byte} cannot be read); save it again as UTF-8 (in Excel: "
            "CSV UTF-8)",
            where=where,
            byte=byte,
        )
    )


def _megabytes(size: int) -> str:
    return f"{size / 2**20:,.1f} MB" if size >= 2**20 else f"{size:,} bytes"
