"""Which layout a file is in, told from its content: one answer for `marsad import`, the desk's import and
`marsad compare`, so that a file one of them reads, the others read the same way.

The header decides a CSV file's layout (Marsad's canonical columns, ACLED's, or UCDP GED's in its 41-column
layout up to 19.1, its 49-column layout from 20.1, or a monthly UCDP Candidate file, whose layout is the
49-column one). Workbooks, JSON and GeoJSON are told by their extension and first bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from marsad.domain.incident import CANONICAL_COLUMNS
from marsad.domain.phrases import Phrase
from marsad.domain.rules import clipped
from marsad.io.csv_format import count_csv_rows, csv_records
from marsad.io.formats import FORMATS, Format, UnknownFormatError, format_named
from marsad.io.limits import BadFileError, utf8_text

ACLED_MARKS = frozenset({"event_id_cnty", "event_type", "actor1"})
GED_MARKS = frozenset({"side_a", "side_b", "date_start", "best"})
GED_49_MARKS = frozenset({"relid", "code_status"})  # and the *_dset_id columns: GED 20.1 onwards
CANDIDATE_NAME = re.compile(r"candidate|_v\d{2}_0_\d{1,2}\b", re.IGNORECASE)  # GEDEvent_v24_0_3.csv
READ_EXTENSIONS = (".csv", ".tsv", ".txt", ".xlsx", ".json", ".geojson")
ROWS_LOOKED_AT = 200
HEADER_NAMED = 8


@dataclass(frozen=True)
class Layout:
    """A file's layout: the format that reads it and what it is, in words ("UCDP GED, 49 columns (20.1 on)")."""

    format: Format
    description: str

    @property
    def name(self) -> str:
        return self.format.name


def detect_layout(path: Path) -> Layout:
    """The layout of ``path``; a BadFileError (naming the header) when it is none Marsad reads, an
    UnknownFormatError when the extension is not one of a table or JSON."""
    suffix = path.suffix.lower()
    if suffix not in READ_EXTENSIONS:
        raise UnknownFormatError(
            Phrase(
                "cannot tell the format of '{name}' from its extension; use --format ({formats})",
                name=path.name,
                formats=", ".join(FORMATS),
            )
        )
    if suffix == ".xlsx":
        return Layout(format_named("xlsx"), Phrase("an XLSX workbook (the Marsad template's sheets)"))
    if suffix in (".json", ".geojson"):
        return _json_layout(path)
    return _csv_layout(path)


def chosen_layout(path: Path, fmt: str | None) -> Layout:
    """The layout ``--format`` names (it overrides), or the one detected."""
    if fmt:
        chosen = format_named(fmt)
        return Layout(chosen, f"{chosen.name} (as --format says)")
    return detect_layout(path)


def rows_to_read(path: Path, layout: Layout) -> int | None:
    """How many rows a progress bar can count on: known for the CSV layouts, not for XLSX or JSON."""
    return count_csv_rows(path) if layout.name in ("csv", "acled", "ged") else None


def layout_hint(path: Path, used: str) -> str:
    """What to add to a header error when ``used`` was not the file's layout: "it looks like … use --format …"."""
    try:
        found = detect_layout(path)
    except (BadFileError, UnknownFormatError, OSError):
        return ""
    if found.name == used:
        return ""
    return f" it looks like {found.description}: use --format {found.name}, or leave --format out."


def _json_layout(path: Path) -> Layout:
    with path.open("rb") as handle:
        start = handle.read(4096).decode("utf-8", errors="replace")
    if '"FeatureCollection"' in start or path.suffix.lower() == ".geojson":
        return Layout(format_named("geojson"), Phrase("GeoJSON (a FeatureCollection of incidents)"))
    return Layout(format_named("json"), Phrase("Marsad JSON (a list of incidents)"))


def _csv_layout(path: Path) -> Layout:
    with utf8_text(path) as handle:
        records = csv_records(handle)
        first = next(records, None)
        header = [name.strip() for name in first[1]] if first else []
        columns = set(header)
        if columns >= ACLED_MARKS:
            return Layout(format_named("acled"), Phrase("an ACLED export ({n} columns)", n=len(header)))
        if columns >= GED_MARKS:
            if not (columns & GED_49_MARKS or any(c.endswith("_dset_id") for c in columns)):
                return Layout(
                    format_named("ged"),
                    Phrase("UCDP GED, the 41-column layout up to 19.1 ({n} columns)", n=len(header)),
                )
            if CANDIDATE_NAME.search(path.name) or _not_final(header, records):
                return Layout(
                    format_named("ged"), Phrase("a UCDP Candidate file (GED's 49-column layout, events not final)")
                )
            return Layout(
                format_named("ged"), Phrase("UCDP GED, the 49-column layout of 20.1 on ({n} columns)", n=len(header))
            )
    if columns & set(CANONICAL_COLUMNS):  # Marsad's, or meant to be: its header check says what is wrong
        return Layout(format_named("csv"), Phrase("Marsad's canonical CSV"))
    named = ", ".join(f"'{clipped(c, 30)}'" for c in header[:HEADER_NAMED])
    named += "…" if len(header) > HEADER_NAMED else ""
    readable = ", ".join(name for name, f in FORMATS.items() if f.read is not None)
    raise BadFileError(
        Phrase(
            "cannot tell the layout of {name}: its header ({header}) is neither Marsad's columns nor ACLED's nor UCDP "
            "GED's; name it with --format ({formats})",
            name=path.name,
            header=named or Phrase("empty"),
            formats=readable,
        )
    )


def _not_final(header: list[str], records: Iterator[tuple[int, list[str]]]) -> bool:
    """A Candidate file marks events still being checked in ``code_status`` (GED's final release says Clear)."""
    if "code_status" not in header:
        return False
    position = header.index("code_status")
    rows = islice(records, ROWS_LOOKED_AT)
    return any(len(cells) > position and cells[position].strip() not in ("", "Clear") for _, cells in rows)
