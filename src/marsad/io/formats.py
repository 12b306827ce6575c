"""The formats Marsad reads and writes, by name and by file extension."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property, partial
from pathlib import Path
from typing import BinaryIO

from marsad.domain.incident import Incident
from marsad.domain.vocabulary import Vocabularies, load_vocabularies
from marsad.io.acled import AcledMapping, load_mapping, read_acled, write_acled
from marsad.io.canonical import RawRow, RowError
from marsad.io.csv_format import read_csv, write_csv
from marsad.io.ged import GedMapping, load_ged_mapping, read_ged
from marsad.io.gis import write_gpkg, write_kml
from marsad.io.json_format import read_geojson, read_json, write_geojson, write_json
from marsad.io.xlsx_format import read_xlsx, write_xlsx

Reader = Callable[[Path], Iterator[RawRow | RowError]]
Writer = Callable[[Iterable[Incident], BinaryIO, Sequence[str]], int]


@dataclass(frozen=True, eq=False)
class Mappings:
    """The mapping files of the other datasets' values (MARSAD_ACLED_MAPPING, MARSAD_GED_MAPPING; None: the
    shipped ones), each read on first use: an import of canonical CSV reads neither."""

    vocab: Vocabularies
    acled_file: Path | None = None
    ged_file: Path | None = None

    @cached_property
    def acled(self) -> AcledMapping:
        return load_mapping(self.vocab, self.acled_file)

    @cached_property
    def ged(self) -> GedMapping:
        return load_ged_mapping(self.vocab, self.ged_file)

    def of(self, layout: str) -> AcledMapping | GedMapping:
        """The mapping of a layout in ``MAPPED``."""
        return self.acled if layout == "acled" else self.ged


@dataclass(frozen=True)
class Format:
    name: str
    extensions: tuple[str, ...]
    media_type: str
    read: Reader | None  # None: Marsad writes this layout but does not read it
    write: Writer | None  # None: Marsad reads this layout but does not write it

    def reader(self, strict_mapping: bool = False, mappings: Mappings | None = None) -> Reader:
        """How to read this format; another dataset's values go through ``mappings`` (default: the shipped
        files), and with ``strict_mapping`` the names they lack are errors."""
        if self.read is None:
            readable = ", ".join(f.name for f in FORMATS.values() if f.read is not None)
            raise UnknownFormatError(f"Marsad writes '{self.name}' files but does not read them; use one of {readable}")
        if self.name in MAPPED:
            mapping = (mappings or Mappings(load_vocabularies())).of(self.name)
            return partial(self.read, mapping=mapping, strict=strict_mapping)  # type: ignore[call-arg]
        return self.read

    def writer(self, mappings: Mappings | None = None) -> Writer:
        """How to write this format (ACLED's layout names values as ``mappings`` do; default: the shipped files)."""
        if self.write is None:
            writable = ", ".join(f.name for f in FORMATS.values() if f.write is not None)
            raise UnknownFormatError(f"Marsad reads '{self.name}' files but does not write them; use one of {writable}")
        if self.name in MAPPED:
            mapping = (mappings or Mappings(load_vocabularies())).of(self.name)
            return partial(self.write, mapping=mapping)  # type: ignore[call-arg]
        return self.write


FORMATS = {
    f.name: f
    for f in (
        Format("csv", (".csv",), "text/csv; charset=utf-8", read_csv, write_csv),
        Format(
            "xlsx",
            (".xlsx",),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            read_xlsx,
            write_xlsx,
        ),
        Format("json", (".json",), "application/json", read_json, write_json),
        Format("geojson", (".geojson",), "application/geo+json", read_geojson, write_geojson),
        # ACLED's layout is CSV too: it is chosen by name (--format acled), never by extension
        Format("acled", (".acled.csv",), "text/csv; charset=utf-8", read_acled, write_acled),
        Format("ged", (".ged.csv",), "text/csv; charset=utf-8", read_ged, None),
        Format("gpkg", (".gpkg",), "application/geopackage+sqlite3", None, write_gpkg),
        Format("kml", (".kml",), "application/vnd.google-earth.kml+xml", None, write_kml),
    )
}


MAPPED = frozenset({"acled", "ged"})  # layouts whose actor names go through a mapping file


class UnknownFormatError(ValueError):
    pass


def format_named(name: str) -> Format:
    try:
        return FORMATS[name.lower()]
    except KeyError:
        raise UnknownFormatError(f"'{name}' is not a format Marsad knows; use one of {', '.join(FORMATS)}") from None


def writable_format(name: str) -> Format:
    """A format Marsad can write (exports), by name."""
    chosen = format_named(name)
    chosen.writer()  # refuses a read-only layout
    return chosen


def format_for_path(path: Path) -> Format:
    """The format a file's extension names (.geojson is checked before .json)."""
    suffix = path.suffix.lower()
    for fmt in FORMATS.values():
        if suffix in fmt.extensions:
            return fmt
    raise UnknownFormatError(
        f"cannot tell the format of '{path.name}' from its extension; use --format ({', '.join(FORMATS)})"
    )
