"""ACLED's CSV layout: import ACLED events as Marsad incidents, and export Marsad incidents as ACLED rows.

ACLED's event types and actor names become Marsad keys through an editable mapping file (``acled_mapping.yaml``,
or MARSAD_ACLED_MAPPING). ACLED's id, time and geo precision are kept; its ``source`` names become the
sources and its ``notes`` the description. Governorate and district come from the gazetteer (ACLED spells
them its own way). ACLED gives one fatality count: it becomes civilians killed when
ACLED marks civilian targeting, military killed when the target is a force, and otherwise stays in the notes.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO

from marsad.domain.incident import Incident
from marsad.io.canonical import RawRow, RowError
from marsad.io.cells import neutralised
from marsad.io.csv_format import text_out
from marsad.io.layouts import mapping_tables, read_layout, unmapped

DEFAULT_MAPPING = Path(__file__).parent / "data" / "acled_mapping.yaml"
ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
REQUIRED = ("event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1")
MILITARY_TARGETS = frozenset({"sdf", "asayish", "military_other", "coalition"})
CIVILIAN_TARGETS = frozenset({"civilian", "official", "tribal_leader", "camp"})
MARSAD_ID = re.compile(r"^\d{4}-\d{2}-\d{4,}$")
TYPE_SEPARATOR = " / "


@dataclass(frozen=True)
class AcledMapping:
    """ACLED values -> Marsad keys, read from a YAML file (``where`` names it in error messages)."""

    where: str
    event_types: Mapping[str, str]
    actors: Mapping[str, str]
    targets: Mapping[str, str]
    forces: Mapping[str, str]
    time_precision: Mapping[str, str]
    geo_precision: Mapping[str, str]
    export_event_types: Mapping[str, str]

    def event_for(self, marsad_type: str) -> str:
        """The "Event type / Sub-event type" an export writes for a Marsad type."""
        return (
            self.reverse("event_types", marsad_type)
            or self.export_event_types.get(marsad_type)
            or "Strategic developments / Other"
        )

    def reverse(self, table: str, key: str | None) -> str:
        """The first ACLED value that maps to ``key`` (what an export writes), or ''."""
        return next((acled for acled, marsad in getattr(self, table).items() if marsad == key), "")


@cache
def load_mapping(path: Path | None = None) -> AcledMapping:
    chosen = path or Path(os.environ.get("MARSAD_ACLED_MAPPING") or DEFAULT_MAPPING)
    tables = ("event_types", "actors", "targets", "forces", "time_precision", "geo_precision", "export_event_types")
    return AcledMapping(str(chosen), **mapping_tables(chosen, tables, "ACLED"))


# ---- reading ---------------------------------------------------------------------------------------


def read_acled(path: Path) -> Iterator[RawRow | RowError]:
    """ACLED's CSV export, row by row, as Marsad's canonical values."""
    return read_layout(path, REQUIRED, "ACLED", acled_row)


def acled_row(where: str, row: Mapping[str, Any], mapping: AcledMapping | None = None) -> RawRow | RowError:
    """One ACLED event (from a file or the API) as canonical values; an unmappable value is a RowError."""
    chosen = mapping or load_mapping()
    cells = {k: ("" if v is None else str(v).strip()) for k, v in row.items()}
    problems: list[RowError] = []

    def mapped(table: str, column: str, value: str) -> str:
        if not value:
            return ""
        found = getattr(chosen, table).get(value)
        if found is None:
            problems.append(RowError(where, column, unmapped(value, chosen.where, table, "ACLED")))
            return ""
        return str(found)

    event = f"{cells.get('event_type', '')}{TYPE_SEPARATOR}{cells.get('sub_event_type', '')}"
    marsad_type = mapped("event_types", "event_type", event)
    raid = marsad_type in ("raid", "security_operation")
    if raid:
        perpetrator = mapped("actors", "actor2", cells.get("actor2", ""))
        force, target = mapped("forces", "actor1", cells.get("actor1", "")), ""
    else:
        perpetrator = mapped("actors", "actor1", cells.get("actor1", ""))
        target, force = mapped("targets", "actor2", cells.get("actor2", "")), ""
    values: dict[str, Any] = {
        "id": _marsad_id(cells.get("event_id_cnty", "")),
        "date": _iso(cells.get("event_date", "")),
        "date_precision": mapped("time_precision", "time_precision", cells.get("time_precision", "")),
        "place": cells.get("location", ""),
        "latitude": cells.get("latitude", ""),
        "longitude": cells.get("longitude", ""),
        "geo_precision": mapped("geo_precision", "geo_precision", cells.get("geo_precision", "")),
        "type": marsad_type,
        "perpetrator": perpetrator or "unknown",
        "target": target,
        "conducted_by": force,
        "description": cells.get("notes", ""),
        "tags": [t.strip() for t in cells.get("tags", "").split(";") if t.strip()],
        "sources": [_source(name) for name in cells.get("source", "").split(";") if name.strip()],
    }
    _fatalities(cells, target, raid, values)
    if problems:  # every unmappable value of the row in one error
        columns, reasons = ", ".join(p.column for p in problems), "; ".join(p.reason for p in problems)
        return RowError(where, columns, reasons)
    return RawRow(where, values)


def _marsad_id(event_id: str) -> str:
    """ACLED's id, marked as ACLED's (a Marsad id written by an export comes back as itself)."""
    if not event_id or MARSAD_ID.match(event_id) or event_id.startswith("acled:"):
        return event_id
    return f"acled:{event_id}"


def _iso(text: str) -> str:
    """ACLED writes dates as 2023-11-12 or "12 November 2023"."""
    try:
        return dt.datetime.strptime(text, "%d %B %Y").date().isoformat()
    except ValueError:
        return text


def _source(name: str) -> dict[str, str]:
    name = name.strip()
    return {"url": name} if name.startswith(("http://", "https://")) else {"publisher": name}


def _fatalities(cells: Mapping[str, str], target: str, raid: bool, values: dict[str, Any]) -> None:
    text = cells.get("fatalities", "")
    if not text or text == "0":
        return
    if raid:
        values["perpetrators_killed"] = text
    elif cells.get("civilian_targeting") or target in CIVILIAN_TARGETS:
        values["civilian_killed"] = text
    elif target in MILITARY_TARGETS:
        values["military_killed"] = text
    else:
        values["notes"] = f"ACLED fatalities: {text} (not split between military and civilians)"


# ---- writing ---------------------------------------------------------------------------------------


def acled_values(incident: Incident, mapping: AcledMapping) -> dict[str, str]:
    """One incident in ACLED's columns (the fields ACLED can hold)."""
    raid = incident.kind == "raid"
    killed = sum(v or 0 for v in (incident.military_killed, incident.civilian_killed, incident.perpetrators_killed))
    event = mapping.event_for(incident.type)
    event_type, _, sub_event_type = event.partition(TYPE_SEPARATOR)
    sources = [s.url or s.publisher or s.title or "" for s in incident.sources]
    return {
        "event_id_cnty": (incident.id or "").removeprefix("acled:"),
        "event_date": incident.date.isoformat(),
        "year": str(incident.date.year),
        "time_precision": mapping.reverse("time_precision", incident.date_precision) or "1",
        "disorder_type": "Strategic developments" if raid else "Political violence",
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "actor1": mapping.reverse("forces", incident.conducted_by)
        if raid
        else mapping.reverse("actors", incident.perpetrator),
        "actor2": mapping.reverse("actors", incident.perpetrator)
        if raid
        else mapping.reverse("targets", incident.target),
        "civilian_targeting": "Civilian targeting" if incident.target == "civilian" else "",
        "iso": "760",
        "region": "Middle East",
        "country": "Syria",
        "admin1": incident.admin1 or "",
        "admin2": incident.admin2 or "",
        "location": incident.place or "",
        "latitude": "" if incident.latitude is None else str(incident.latitude),
        "longitude": "" if incident.longitude is None else str(incident.longitude),
        "geo_precision": mapping.reverse("geo_precision", incident.geo_precision) or "",
        "source": "; ".join(s for s in sources if s),
        "notes": incident.description or "",
        "fatalities": str(killed),
        "tags": "; ".join(incident.tags),
        "timestamp": str(int(time.time())),
    }


def write_acled(incidents: Iterable[Incident], out: BinaryIO, columns: Sequence[str]) -> int:
    """Incidents in ACLED's column layout (``columns`` is Marsad's and is not used: ACLED's are fixed)."""
    mapping = load_mapping()
    count = 0
    with text_out(out) as text:
        writer = csv.DictWriter(text, fieldnames=ACLED_COLUMNS, restval="", lineterminator="\n")
        writer.writeheader()
        for incident in incidents:
            writer.writerow({k: neutralised(v) for k, v in acled_values(incident, mapping).items()})
            count += 1
    return count
