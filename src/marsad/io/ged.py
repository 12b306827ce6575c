"""UCDP's Georeferenced Event Dataset (GED) CSV: events read as Marsad incidents, through an editable mapping.

GED's deaths become Marsad's casualty fields: side A's deaths are the perpetrators killed, side B's are
military killed when side B is a force, civilians' are civilians killed; deaths of unknown status and GED's
best / low / high estimates are kept in the notes. ``source_article`` becomes the sources.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from marsad.domain.rules import clipped
from marsad.io.acled import CIVILIAN_TARGETS, MILITARY_TARGETS
from marsad.io.canonical import RawRow, RowError
from marsad.io.layouts import mapping_tables, read_layout, unmapped

DEFAULT_MAPPING = Path(__file__).parent / "data" / "ged_mapping.yaml"
REQUIRED = ("id", "date_start", "side_a", "side_b", "type_of_violence", "best")
TABLES = ("sides", "targets", "type_of_violence", "date_prec", "where_prec")


@dataclass(frozen=True)
class GedMapping:
    where: str
    tables: Mapping[str, Mapping[str, str]]


@cache
def load_ged_mapping(path: Path | None = None) -> GedMapping:
    chosen = path or Path(os.environ.get("MARSAD_GED_MAPPING") or DEFAULT_MAPPING)
    return GedMapping(str(chosen), mapping_tables(chosen, TABLES, "UCDP GED"))


def read_ged(path: Path) -> Iterator[RawRow | RowError]:
    return read_layout(path, REQUIRED, "UCDP GED", ged_row)


def ged_row(where: str, row: Mapping[str, Any], mapping: GedMapping | None = None) -> RawRow | RowError:
    chosen = mapping or load_ged_mapping()
    cells = {k: ("" if v is None else str(v).strip()) for k, v in row.items()}
    problems: list[tuple[str, str]] = []

    def mapped(table: str, column: str) -> str:
        value = cells.get(column, "")
        if not value:
            return ""
        found = chosen.tables[table].get(value)
        if found is None:
            problems.append((column, unmapped(value, chosen.where, table, "UCDP GED")))
            return ""
        return found

    target = mapped("targets", "side_b")
    values: dict[str, Any] = {
        "id": f"ged:{cells.get('id', '')}",
        "kind": "attack",
        "date": cells.get("date_start", "")[:10],
        "date_precision": mapped("date_prec", "date_prec"),
        "place": cells.get("where_coordinates", ""),
        "latitude": cells.get("latitude", ""),
        "longitude": cells.get("longitude", ""),
        "geo_precision": mapped("where_prec", "where_prec"),
        "type": mapped("type_of_violence", "type_of_violence"),
        "perpetrator": mapped("sides", "side_a") or "unknown",
        "target": target,
        "perpetrators_killed": cells.get("deaths_a", ""),
        "civilian_killed": cells.get("deaths_civilians", ""),
        "description": cells.get("dyad_name", ""),
        "sources": [_source(piece) for piece in _articles(cells.get("source_article", ""))],
        "notes": _estimates(cells),
    }
    side_b_deaths = cells.get("deaths_b", "")
    if target in MILITARY_TARGETS:
        values["military_killed"] = side_b_deaths
    elif target in CIVILIAN_TARGETS and side_b_deaths not in ("", "0"):
        both = [values["civilian_killed"] or "0", side_b_deaths]
        if all(_whole(count) for count in both):
            values["civilian_killed"] = str(sum(int(count) for count in both))
        else:
            shown = ", ".join(f"'{clipped(count)}'" for count in both)
            problems.append(("deaths_civilians, deaths_b", f"{shown}: civilian deaths are whole numbers"))
    if problems:
        return RowError(where, ", ".join(c for c, _ in problems), "; ".join(r for _, r in problems))
    return RawRow(where, values)


def _whole(text: str) -> bool:
    return text.isdecimal() and len(text) <= 12


def _articles(text: str) -> list[str]:
    """GED's source_article: articles separated by ';', each "Publisher,YYYY-MM-DD,Title", maybe quoted."""
    return [piece.strip().strip('"').strip() for piece in text.split(";") if piece.strip().strip('"').strip()]


def _source(article: str) -> dict[str, str]:
    publisher, _, rest = article.partition(",")
    day, _, title = rest.partition(",")
    source = {"publisher": publisher.strip(), "source_type": "dataset"}
    if len(day.strip()) == 10:
        source["published"] = day.strip()
    if title.strip():
        source["title"] = title.strip()
    return source


def _estimates(cells: Mapping[str, str]) -> str:
    """GED's estimates and unknown deaths, which Marsad's fields do not hold, kept in words."""
    best, low, high = (cells.get(name, "?") for name in ("best", "low", "high"))
    text = f"UCDP GED {cells.get('id', '')}: deaths best {best}, low {low}, high {high}"
    unknown = cells.get("deaths_unknown", "")
    return text + (f"; {unknown} of unknown status" if unknown not in ("", "0") else "")
