"""The one path that writes incidents: inserts, updates, id allocation and a revision for every change.

Whatever changes an incident (an import, the CLI, the demo generator, later the web desk) goes through
``IncidentWriter`` so history is complete. It works in batches for speed, inside the caller's transaction:
it never commits.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from marsad.domain.ids import format_id, month_prefix, split_id
from marsad.domain.incident import SOURCE_FIELDS, Incident
from marsad.domain.rules import check_incident
from marsad.domain.vocabulary import Vocabularies
from marsad.storage import cubes
from marsad.storage.bulk import bulk_insert
from marsad.storage.engine import is_postgresql
from marsad.storage.records import (
    COLUMN_FIELDS,
    INCIDENT_INSERT_COLUMNS,
    SOURCE_INSERT_COLUMNS,
    incident_insert_row,
    incident_values,
    source_insert_rows,
    source_values,
)
from marsad.storage.revisions import encode_value
from marsad.storage.tables import ID_COUNTERS as COUNTERS
from marsad.storage.tables import INCIDENTS, REVISIONS, SOURCES

CREATE_REVISION_COLUMNS = ("incident_id", "changed_at", "actor", "via", "action")


class InvalidIncidentError(ValueError):
    """An incident that breaks a rule reached the write path; nothing of its batch is written."""


class StaleVersionError(ValueError):
    """The incident was saved by someone else since the version the change was made on; nothing was written."""

    def __init__(self, incident_id: str) -> None:
        self.incident_id = incident_id
        super().__init__(f"{incident_id} was changed by someone else")


@dataclass
class WriteCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def add(self, other: WriteCounts) -> None:
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged


class IncidentWriter:
    """Writes batches of incidents as ``actor`` through ``via`` (import, cli, demo, web)."""

    def __init__(self, session: Session, vocab: Vocabularies, actor: str, via: str) -> None:
        self.session = session
        self.vocab = vocab
        self.actor = actor
        self.via = via

    def write(
        self, incidents: Sequence[Incident], *, checked: bool = False, versions: Mapping[str, int] | None = None
    ) -> WriteCounts:
        """Insert new incidents and update changed ones; ids are given to incidents that lack one.

        ``checked`` says the caller has just run ``check_incident`` on every incident (as the import
        does, row by row, to report errors); otherwise the rules are checked here. ``versions`` gives, for
        incidents edited by a person, the version their change was made on: the update is one conditional
        ``UPDATE … WHERE version = :v``, so of two people saving at once the second gets StaleVersionError
        instead of silently replacing the first (on PostgreSQL it waits for the first to commit, then sees it).
        """
        now = dt.datetime.now(dt.UTC)
        for incident in () if checked else incidents:
            problems = check_incident(incident, self.vocab)
            if problems:
                reasons = "; ".join(f"{p.field}: {p.reason}" for p in problems)
                raise InvalidIncidentError(f"incident {incident.id or '(new)'}: {reasons}")
        self._reserve_explicit_ids(incidents)
        self._assign_ids(incidents)
        ids = [incident.id for incident in incidents]
        if len(set(ids)) != len(ids):
            raise InvalidIncidentError("the same incident id appears twice in one batch")
        existing = self._load_existing([i for i in ids if i is not None])
        new = [i for i in incidents if i.id not in existing]
        counts = WriteCounts(created=len(new))
        self._insert(new, now)
        for incident in incidents:
            if incident.id in existing:
                expected = (versions or {}).get(incident.id)
                changed = self._update(incident, *existing[incident.id], now, expected)
                if changed:
                    counts.updated += 1
                else:
                    counts.unchanged += 1
        return counts

    def mark_merged(self, incident_id: str, target_id: str) -> None:
        """Point a merged duplicate at the incident kept (its address then redirects there), as a revision."""
        now = dt.datetime.now(dt.UTC)
        stored = self.session.execute(select(INCIDENTS.c.merged_into).where(INCIDENTS.c.id == incident_id)).first()
        if stored is None:
            raise InvalidIncidentError(f"there is no incident {incident_id}")
        self.session.execute(
            update(INCIDENTS)
            .where(INCIDENTS.c.id == incident_id)
            .values(merged_into=target_id, updated_at=now, version=INCIDENTS.c.version + 1)
        )
        before, after = encode_value(stored.merged_into), encode_value(target_id)
        self.session.execute(
            insert(REVISIONS), [self._revision(incident_id, now, "update", "merged_into", before, after)]
        )

    # -- ids -------------------------------------------------------------------------------------------
    def _reserve_explicit_ids(self, incidents: Sequence[Incident]) -> None:
        highest: dict[str, int] = {}
        for incident in incidents:
            parts = split_id(incident.id) if incident.id else None
            if parts:
                highest[parts[0]] = max(highest.get(parts[0], 0), parts[1])
        for prefix, number in highest.items():
            self._ensure_counter(prefix)
            self.session.execute(
                update(COUNTERS).where(COUNTERS.c.prefix == prefix, COUNTERS.c.last < number).values(last=number)
            )

    def _assign_ids(self, incidents: Sequence[Incident]) -> None:
        wanting: dict[str, list[Incident]] = defaultdict(list)
        for incident in incidents:
            if incident.id is None:
                wanting[month_prefix(incident.date)].append(incident)
        for prefix, group in wanting.items():
            self._ensure_counter(prefix)
            last = self.session.execute(
                update(COUNTERS)
                .where(COUNTERS.c.prefix == prefix)
                .values(last=COUNTERS.c.last + len(group))
                .returning(COUNTERS.c.last)
            ).scalar_one()
            for number, incident in enumerate(group, start=last - len(group) + 1):
                incident.id = format_id(prefix, number)

    def _ensure_counter(self, prefix: str) -> None:
        dialect = postgresql if is_postgresql(self.session) else sqlite
        self.session.execute(
            dialect.insert(COUNTERS).values(prefix=prefix, last=0).on_conflict_do_nothing(index_elements=["prefix"])
        )

    # -- reads -----------------------------------------------------------------------------------------
    def _load_existing(self, ids: list[str]) -> dict[str, tuple[dict[str, Any], list[dict[str, Any]]]]:
        if not ids:
            return {}
        rows = self.session.execute(select(INCIDENTS).where(INCIDENTS.c.id.in_(ids))).mappings().all()
        found: dict[str, tuple[dict[str, Any], list[dict[str, Any]]]] = {row["id"]: (dict(row), []) for row in rows}
        if found:
            source_rows = self.session.execute(
                select(SOURCES).where(SOURCES.c.incident_id.in_(list(found))).order_by(SOURCES.c.position)
            ).mappings()
            for source in source_rows:
                found[source["incident_id"]][1].append(dict(source))
        return found

    # -- writes ----------------------------------------------------------------------------------------
    def _insert(self, incidents: Sequence[Incident], now: dt.datetime) -> None:
        if not incidents:
            return
        rows = []
        sources: list[tuple[Any, ...]] = []
        revisions = []
        for incident in incidents:
            assert incident.id is not None
            rows.append(incident_insert_row(incident, now))
            sources.extend(source_insert_rows(incident.id, incident.sources))
            revisions.append((incident.id, now, self.actor, self.via, "create"))
        bulk_insert(self.session, INCIDENTS, INCIDENT_INSERT_COLUMNS, rows)
        cubes.add(self.session, [incident.id for incident in incidents if incident.id is not None])
        bulk_insert(self.session, SOURCES, SOURCE_INSERT_COLUMNS, sources)
        bulk_insert(self.session, REVISIONS, CREATE_REVISION_COLUMNS, revisions)

    def _update(
        self,
        incident: Incident,
        stored: dict[str, Any],
        stored_sources: list[dict[str, Any]],
        now: dt.datetime,
        expected_version: int | None = None,
    ) -> bool:
        assert incident.id is not None
        wanted = incident_values(incident)
        changes = {name: wanted[name] for name in COLUMN_FIELDS if _differs(stored[name], wanted[name])}
        new_sources = source_values(incident.id, incident.sources)
        sources_changed = [_source_key(s) for s in stored_sources] != [_source_key(s) for s in new_sources]
        if not changes and not sources_changed:
            return False
        condition = INCIDENTS.c.id == incident.id
        if expected_version is not None:
            condition &= INCIDENTS.c.version == expected_version
        recounting = not cubes.FIELDS_READ.isdisjoint(changes)
        groups = cubes.groups_of(self.session, [incident.id]) if recounting else set()
        result = self.session.execute(
            update(INCIDENTS).where(condition).values(**changes, updated_at=now, version=INCIDENTS.c.version + 1)
        )
        if result.rowcount == 0:  # type: ignore[attr-defined]
            raise StaleVersionError(incident.id)
        if recounting:
            cubes.recount(self.session, groups | cubes.groups_of(self.session, [incident.id]))
        revisions = [
            self._revision(incident.id, now, "update", name, encode_value(stored[name]), encode_value(value))
            for name, value in changes.items()
        ]
        if sources_changed:
            self.session.execute(delete(SOURCES).where(SOURCES.c.incident_id == incident.id))
            if new_sources:
                self.session.execute(insert(SOURCES), new_sources)
            revisions.append(
                self._revision(
                    incident.id,
                    now,
                    "update",
                    "sources",
                    json.dumps([_source_key(s) for s in stored_sources], ensure_ascii=False),
                    json.dumps([_source_key(s) for s in new_sources], ensure_ascii=False),
                )
            )
        self.session.execute(insert(REVISIONS), revisions)
        return True

    def _revision(
        self,
        incident_id: str | None,
        now: dt.datetime,
        action: str,
        field: str | None = None,
        before: str | None = None,
        after: str | None = None,
    ) -> dict[str, Any]:
        return {
            "incident_id": incident_id,
            "changed_at": now,
            "actor": self.actor,
            "via": self.via,
            "action": action,
            "field": field,
            "before": before,
            "after": after,
        }


def _differs(stored: object, wanted: object) -> bool:
    if isinstance(stored, float) and isinstance(wanted, float):
        return abs(stored - wanted) > 1e-9
    return stored != wanted


def _source_key(row: dict[str, Any]) -> dict[str, Any]:
    """A source row's content, without its storage id, for comparison and revision values."""
    return {
        name: (value.isoformat() if isinstance(value, dt.date) else value)
        for name, value in row.items()
        if name in SOURCE_FIELDS
    }
