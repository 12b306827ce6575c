"""What reading another dataset's CSV needs, whatever the dataset: its mapping file and its rows."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from marsad.domain.phrases import Phrase
from marsad.domain.vocabulary import read_yaml
from marsad.io import positions
from marsad.io.canonical import RawRow, RowError
from marsad.io.csv_format import csv_records
from marsad.io.limits import MAX_COLUMNS, BadFileError, utf8_text

RowConverter = Callable[[str, Mapping[str, Any]], RawRow | RowError]


class MappingError(BadFileError):
    """A mapping file that cannot be used."""


def mapping_tables(path: Path, tables: Sequence[str], dataset: str) -> dict[str, dict[str, str]]:
    """The tables of a YAML mapping file (``dataset``'s value -> Marsad key), every key and value as text."""
    try:
        data = read_yaml(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise MappingError(f"cannot read the {dataset} mapping file {path}: {error}") from None
    return {t: {str(k): str(v) for k, v in (data.get(t) or {}).items()} for t in tables}


def read_layout(
    path: Path, required: Sequence[str], dataset: str, convert: RowConverter
) -> Iterator[RawRow | RowError]:
    """The rows of a dataset's CSV export, converted one by one; refuses a file without the required columns."""
    with utf8_text(path) as handle:
        records = csv_records(handle, delimiter=",")
        header = next(records, (1, []))[1]
        missing = [c for c in required if c not in header]
        if missing:
            raise BadFileError(
                Phrase(
                    "not a {dataset} file: the column(s) {columns} are missing",
                    dataset=dataset,
                    columns=", ".join(missing),
                )
            )
        if len(header) > MAX_COLUMNS:
            raise BadFileError(
                Phrase(
                    "the header has {n} columns; a {dataset} file has a few dozen",
                    n=format(len(header), ","),
                    dataset=dataset,
                )
            )
        for line, cells in records:
            if cells:
                yield convert(positions.line(line), dict(zip(header, cells, strict=False)))


def unmapped(value: str, mapping_file: str, table: str, dataset: str) -> str:
    """The error for a value the mapping file lacks: it names the value, the file and where to add it."""
    return f"'{value}' is not in the {dataset} mapping file {mapping_file}: add it under {table}"
