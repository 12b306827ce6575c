"""UCDP's Georeferenced Event Dataset (GED) CSV: events read as Marsad incidents, through an editable mapping.

GED's deaths become Marsad's casualty fields: side A's deaths are the perpetrators killed, side B's are
military killed when side B is a force, civilians' are civilians killed, deaths of unknown status are killed of
unknown status; GED's low / best / high estimates of the event's total are kept as the total deaths' estimates,
and side A's and side B's own names beside the keys they map to. ``source_article`` becomes the sources.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from marsad.domain.incident import Source
from marsad.domain.keys import Kind
from marsad.domain.rules import clipped
from marsad.domain.vocabulary import Vocabularies, load_vocabularies
from marsad.io.acled import CIVILIAN_TARGETS, MILITARY_TARGETS
from marsad.io.actor_names import NameLookup, Unmapped
from marsad.io.canonical import RawRow, RowError
from marsad.io.layouts import mapping_tables, read_layout, unmapped

DEFAULT_MAPPING = Path(__file__).parent / "data" / "ged_mapping.yaml"
REQUIRED = ("id", "date_start", "side_a", "side_b", "type_of_violence", "best")
TABLES = ("sides", "targets", "type_of_violence", "date_prec", "where_prec")
READ = frozenset(  # the columns an event's incident is made of (a GED file has 41 or 49)
    {
        *REQUIRED,
        "date_end",
        "date_prec",
        "where_coordinates",
        "latitude",
        "longitude",
        "where_prec",
        "deaths_a",
        "deaths_b",
    }
    | {"deaths_civilians", "deaths_unknown", "low", "high", "dyad_name", "source_article"}
)


@dataclass(frozen=True)
class GedMapping:
    where: str
    tables: Mapping[str, Mapping[str, str]]
    sides: NameLookup  # side_a -> Marsad actor
    targets: NameLookup  # side_b -> Marsad target


def load_ged_mapping(vocab: Vocabularies, path: Path | None = None) -> GedMapping:
    """The mapping file at ``path`` (default: the shipped one), its sides looked up in ``vocab`` when it lacks
    them; the application reads it once, on first use."""
    chosen = path or DEFAULT_MAPPING
    tables = mapping_tables(chosen, TABLES, "UCDP GED")
    return GedMapping(
        str(chosen),
        tables,
        NameLookup("sides", tables["sides"], vocab.actors),
        NameLookup("targets", tables["targets"], vocab.targets),
    )


def read_ged(path: Path, mapping: GedMapping | None = None, strict: bool = False) -> Iterator[RawRow | RowError]:
    """A UCDP GED or Candidate CSV (the 41- and the 49-column layouts) through ``mapping`` (default: the shipped
    mapping and vocabularies); ``strict``: unmapped sides are errors."""
    chosen = mapping or load_ged_mapping(load_vocabularies())
    return read_layout(path, REQUIRED, "UCDP GED", partial(ged_row, mapping=chosen, strict=strict))


def ged_row(where: str, row: Mapping[str, Any], mapping: GedMapping, strict: bool = False) -> RawRow | RowError:
    cells = {k: str(row[k] or "").strip() for k in READ if k in row}
    problems: list[tuple[str, str]] = []
    missing: list[Unmapped] = []

    def mapped(table: str, column: str) -> str:
        value = cells.get(column, "")
        if not value:
            return ""
        found = mapping.tables[table].get(value)
        if found is None:
            problems.append((column, unmapped(value, mapping.where, table, "UCDP GED")))
            return ""
        return found

    def named(lookup: NameLookup, column: str) -> str:
        value = cells.get(column, "")
        if not value:
            return ""
        found = lookup.key(value)
        if found is None:
            if strict:
                problems.append((column, unmapped(value, mapping.where, lookup.table, "UCDP GED")))
                return ""
            missing.append(Unmapped(lookup.table, value))
            return lookup.generic or ""
        return found

    target = named(mapping.targets, "side_b")
    values: dict[str, Any] = {
        "id": f"ged:{cells.get('id', '')}",
        "kind": Kind.ATTACK,
        "date": cells.get("date_start", "")[:10],  # UCDP's earliest day: an event counts in the month it began
        "date_latest": _later_day(cells.get("date_start", ""), cells.get("date_end", "")),
        "date_precision": mapped("date_prec", "date_prec"),
        "place": cells.get("where_coordinates", ""),
        "latitude": cells.get("latitude", ""),
        "longitude": cells.get("longitude", ""),
        "geo_precision": mapped("where_prec", "where_prec"),
        "type": mapped("type_of_violence", "type_of_violence"),
        "perpetrator": named(mapping.sides, "side_a") or "unknown",
        "perpetrator_original": cells.get("side_a", ""),
        "target": target,
        "target_original": cells.get("side_b", ""),
        "perpetrators_killed": cells.get("deaths_a", ""),
        "civilian_killed": cells.get("deaths_civilians", ""),
        "unknown_killed": cells.get("deaths_unknown", ""),
        "deaths_low": cells.get("low", ""),
        "deaths_best": cells.get("best", ""),
        "deaths_high": cells.get("high", ""),
        "description": cells.get("dyad_name", ""),
        "sources": [_source(piece) for piece in _articles(cells.get("source_article", ""))],
    }
    _side_b_deaths(cells.get("deaths_b", ""), target, values, problems)
    if problems:
        return RowError(where, ", ".join(c for c, _ in problems), "; ".join(r for _, r in problems))
    return RawRow(where, values, tuple(missing))


def _later_day(start: str, end: str) -> str:
    """``date_end`` when it is another day than ``date_start`` (blank otherwise: the date is exact)."""
    return end[:10] if end[:10] != start[:10] else ""


def _side_b_deaths(deaths: str, target: str, values: dict[str, Any], problems: list[tuple[str, str]]) -> None:
    """Side B's deaths land where its kind of target says: military, civilians, or of unknown status (a
    target such as infrastructure or `other`), so that every death of the event is in one count."""
    if target in MILITARY_TARGETS:
        values["military_killed"] = deaths
        return
    if deaths in ("", "0"):
        return
    column = "civilian_killed" if target in CIVILIAN_TARGETS else "unknown_killed"
    both = [values[column] or "0", deaths]
    if all(_whole(count) for count in both):
        values[column] = str(sum(int(count) for count in both))
    else:
        shown = ", ".join(f"'{clipped(count)}'" for count in both)
        problems.append(("deaths_b", f"{shown}: deaths are whole numbers"))


def _whole(text: str) -> bool:
    return text.isdecimal() and len(text) <= 12


def _articles(text: str) -> list[str]:
    """GED's source_article: articles separated by ';', each "Publisher,YYYY-MM-DD,Title", maybe quoted."""
    return [piece.strip().strip('"').strip() for piece in text.split(";") if piece.strip().strip('"').strip()]


def _source(article: str) -> Source:
    """One of GED's articles, typed here: a large file has tens of thousands of them."""
    publisher, _, rest = article.partition(",")
    day, _, title = rest.partition(",")
    try:
        published = dt.date.fromisoformat(day.strip()) if len(day.strip()) == 10 else None
    except ValueError:
        published = None
    return Source(
        publisher=publisher.strip() or None, source_type="dataset", published=published, title=title.strip() or None
    )
