"""ACLED's CSV layout: import ACLED events as Marsad incidents, and export Marsad incidents as ACLED rows.

ACLED's event types and actor names become Marsad keys through an editable mapping file (``acled_mapping.yaml``,
or a team's own, MARSAD_ACLED_MAPPING). ACLED's id, time and geo precision are kept; its ``source`` names become the
sources and its ``notes`` the description. Governorate and district come from the gazetteer (ACLED spells
them its own way). ACLED gives one fatality count: it becomes civilians killed when
ACLED marks civilian targeting, military killed when the target is a force, and otherwise killed of unknown
status. Actor names the mapping file lacks are looked up in the vocabulary (io.actor_names) and kept as written.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO

from marsad.domain.incident import Incident
from marsad.domain.keys import Kind
from marsad.domain.vocabulary import Vocabularies, load_vocabularies
from marsad.io.actor_names import NameLookup, Unmapped
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
    """ACLED values -> Marsad keys, read from a YAML file (``where`` names it in error messages).

    Actor names go through ``NameLookup`` (the file, then the vocabulary, else a generic key); event types,
    kinds and precisions are ACLED's closed codes and must be in the file.
    """

    where: str
    event_types: Mapping[str, str]
    kinds: Mapping[str, str]
    actors: Mapping[str, str]
    targets: Mapping[str, str]
    forces: Mapping[str, str]
    time_precision: Mapping[str, str]
    geo_precision: Mapping[str, str]
    export_event_types: Mapping[str, str]
    lookups: Mapping[str, NameLookup]

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


NAME_TABLES = ("actors", "targets", "forces")


def load_mapping(vocab: Vocabularies, path: Path | None = None) -> AcledMapping:
    """The mapping file at ``path`` (default: the shipped one), its names looked up in ``vocab`` when it lacks
    them; the application reads it once, on first use."""
    chosen = path or DEFAULT_MAPPING
    tables = mapping_tables(
        chosen,
        (
            "event_types",
            "kinds",
            "actors",
            "targets",
            "forces",
            "time_precision",
            "geo_precision",
            "export_event_types",
        ),
        "ACLED",
    )
    vocabularies = {"actors": vocab.actors, "targets": vocab.targets, "forces": vocab.forces}
    lookups = {name: NameLookup(name, tables[name], vocabularies[name]) for name in NAME_TABLES}
    return AcledMapping(str(chosen), **tables, lookups=lookups)


# ---- reading ---------------------------------------------------------------------------------------


def read_acled(path: Path, mapping: AcledMapping | None = None, strict: bool = False) -> Iterator[RawRow | RowError]:
    """ACLED's CSV export, row by row, as Marsad's canonical values through ``mapping`` (default: the shipped
    mapping and vocabularies); ``strict``: unmapped actors are errors."""
    chosen = mapping or load_mapping(load_vocabularies())
    return read_layout(path, REQUIRED, "ACLED", partial(acled_row, mapping=chosen, strict=strict))


def acled_row(where: str, row: Mapping[str, Any], mapping: AcledMapping, strict: bool = False) -> RawRow | RowError:
    """One ACLED event (from a file or the API) as canonical values; an unmappable code is a RowError."""
    cells = {k: ("" if v is None else str(v).strip()) for k, v in row.items()}
    problems: list[RowError] = []
    missing: list[Unmapped] = []

    def mapped(table: str, column: str, value: str) -> str:
        if not value:
            return ""
        found = getattr(mapping, table).get(value)
        if found is None:
            problems.append(RowError(where, column, unmapped(value, mapping.where, table, "ACLED")))
            return ""
        return str(found)

    def named(table: str, column: str) -> str:
        value = cells.get(column, "")
        if not value:
            return ""
        lookup = mapping.lookups[table]
        found = lookup.key(value)
        if found is None:
            if strict:
                problems.append(RowError(where, column, unmapped(value, mapping.where, table, "ACLED")))
                return ""
            missing.append(Unmapped(table, value))
            return lookup.generic or ""
        return found

    event = f"{cells.get('event_type', '')}{TYPE_SEPARATOR}{cells.get('sub_event_type', '')}"
    marsad_type = mapped("event_types", "event_type", event)
    raid = marsad_type in ("raid", "security_operation")
    if raid:
        perpetrator, perpetrator_name = named("actors", "actor2"), cells.get("actor2", "")
        force, force_name, target, target_name = named("forces", "actor1"), cells.get("actor1", ""), "", ""
    else:
        perpetrator, perpetrator_name = named("actors", "actor1"), cells.get("actor1", "")
        target, target_name, force, force_name = named("targets", "actor2"), cells.get("actor2", ""), "", ""
    values: dict[str, Any] = {
        "id": _marsad_id(cells.get("event_id_cnty", "")),
        "kind": mapping.kinds.get(event, ""),
        "date": _iso(cells.get("event_date", "")),
        "date_precision": mapped("time_precision", "time_precision", cells.get("time_precision", "")),
        "place": cells.get("location", ""),
        "latitude": cells.get("latitude", ""),
        "longitude": cells.get("longitude", ""),
        "geo_precision": mapped("geo_precision", "geo_precision", cells.get("geo_precision", "")),
        "type": marsad_type,
        "perpetrator": perpetrator or "unknown",
        "perpetrator_original": perpetrator_name,
        "target": target,
        "target_original": target_name,
        "conducted_by": force,
        "conducted_by_original": force_name,
        "description": cells.get("notes", ""),
        "tags": [t.strip() for t in cells.get("tags", "").split(";") if t.strip()],
        "sources": [_source(name) for name in cells.get("source", "").split(";") if name.strip()],
    }
    _fatalities(cells, target, raid, values)
    if problems:  # every unmappable value of the row in one error
        columns, reasons = ", ".join(p.column for p in problems), "; ".join(p.reason for p in problems)
        return RowError(where, columns, reasons)
    return RawRow(where, values, tuple(missing))


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
    else:  # ACLED does not say whose: of unknown status
        values["unknown_killed"] = text


# ---- writing ---------------------------------------------------------------------------------------


def acled_values(incident: Incident, mapping: AcledMapping) -> dict[str, str]:
    """One incident in ACLED's columns (the fields ACLED can hold)."""
    raid = incident.kind == Kind.RAID
    counts = (incident.military_killed, incident.civilian_killed, incident.perpetrators_killed, incident.unknown_killed)
    killed = sum(v or 0 for v in counts)
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
        "actor1": (incident.conducted_by_original or mapping.reverse("forces", incident.conducted_by))
        if raid
        else _actor_name(incident, mapping),
        "actor2": _actor_name(incident, mapping) if raid else _target_name(incident, mapping),
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


def _actor_name(incident: Incident, mapping: AcledMapping) -> str:
    """ACLED's own name for the perpetrator when the incident came from ACLED, else the mapping's."""
    return incident.perpetrator_original or mapping.reverse("actors", incident.perpetrator)


def _target_name(incident: Incident, mapping: AcledMapping) -> str:
    return incident.target_original or mapping.reverse("targets", incident.target)


def write_acled(
    incidents: Iterable[Incident], out: BinaryIO, columns: Sequence[str], mapping: AcledMapping | None = None
) -> int:
    """Incidents in ACLED's column layout (``columns`` is Marsad's and is not used: ACLED's are fixed), their
    values named as ``mapping`` (default: the shipped one) names them."""
    mapping = mapping or load_mapping(load_vocabularies())
    count = 0
    with text_out(out) as text:
        writer = csv.DictWriter(text, fieldnames=ACLED_COLUMNS, restval="", lineterminator="\n")
        writer.writeheader()
        for incident in incidents:
            writer.writerow({k: neutralised(v) for k, v in acled_values(incident, mapping).items()})
            count += 1
    return count
