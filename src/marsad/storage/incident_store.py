"""The one path that writes incidents: inserts, updates, id allocation and a revision for every change.

Whatever changes an incident (an import, the CLI, the demo generator, later the web desk) goes through
``IncidentWriter`` so history is complete. It works in batches for speed, inside the caller's transaction:
it never commits.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import delete, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from marsad.domain.ids import format_id, month_prefix, split_id
from marsad.domain.incident import SOURCE_FIELDS, Incident
from marsad.domain.rules import check_incident
from marsad.domain.vocabulary import Vocabularies
from marsad.storage import cubes
from marsad.storage.bulk import bulk_insert, indexes_made_after
from marsad.storage.engine import is_postgresql
from marsad.storage.records import (
    COLUMN_FIELDS,
    FORM_DATE,
    FORM_ID,
    SOURCE_INSERT_COLUMNS,
    Form,
    incident_form,
    incident_from_form,
    incident_values,
    source_insert_rows,
    source_values,
    with_id,
)
from marsad.storage.revisions import encode_value
from marsad.storage.tables import ID_COUNTERS as COUNTERS
from marsad.storage.tables import INCIDENTS, REVISIONS, SOURCES


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
        self._aggregates_later = False  # within first_load

    @contextmanager
    def first_load(self) -> Iterator[None]:
        """Writes into an empty dataset (a first import) with the indexes (SQLite's, storage.bulk) and the
        aggregated tables (storage.cubes) made once after the rows, instead of kept up batch by batch; into a
        dataset that holds incidents, writes as usual. If the block raises, the caller must roll back (as every
        unit of work does)."""
        if self.session.execute(select(INCIDENTS.c.id).limit(1)).first() is not None:
            yield
            return
        self._aggregates_later = True
        try:
            with indexes_made_after(self.session, (INCIDENTS, SOURCES, REVISIONS)):
                yield
        finally:  # a later write by this writer keeps the aggregated tables up again, whatever happened here
            self._aggregates_later = False
        cubes.rebuild(self.session)

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
        for incident in () if checked else incidents:
            problems = check_incident(incident, self.vocab)
            if problems:
                reasons = "; ".join(f"{p.field}: {p.reason}" for p in problems)
                raise InvalidIncidentError(f"incident {incident.id or '(new)'}: {reasons}")
        ids = self._given_ids([(i.id, i.date) for i in incidents])
        for incident, incident_id in zip(incidents, ids, strict=True):
            incident.id = incident_id
        return self._write([incident_form(i) for i in incidents], versions or {})

    def write_forms(self, forms: Sequence[Form]) -> WriteCounts:
        """``write`` for incidents already checked and turned into forms (the import's path, whose second
        process validates the rows and makes their forms while this one writes)."""
        ids = self._given_ids([(f[0][FORM_ID], f[0][FORM_DATE]) for f in forms])
        forms = [f if f[0][FORM_ID] == i else with_id(f, i) for f, i in zip(forms, ids, strict=True)]
        return self._write(forms, {})

    def _write(self, forms: Sequence[Form], versions: Mapping[str, int]) -> WriteCounts:
        now = dt.datetime.now(dt.UTC)
        ids = [form[0][FORM_ID] for form in forms]
        if len(set(ids)) != len(ids):
            raise InvalidIncidentError("the same incident id appears twice in one batch")
        existing = self._load_existing(ids)
        new = [form for form in forms if form[0][FORM_ID] not in existing]
        counts = WriteCounts(created=len(new))
        self._insert(new, now)
        for form in forms:
            incident_id = form[0][FORM_ID]
            if incident_id in existing:
                incident = incident_from_form(form)
                changed = self._update(incident, *existing[incident_id], now, versions.get(incident_id))
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
    def _given_ids(self, wanted: Sequence[tuple[str | None, dt.date | str]]) -> list[str]:
        """The id of each (id or None, date as a date or ISO text): an id of the generated form reserves its
        number, and one that is missing gets the next number of its date's month."""
        highest: dict[str, int] = {}
        for incident_id, _ in wanted:
            parts = split_id(incident_id) if incident_id else None
            if parts:
                highest[parts[0]] = max(highest.get(parts[0], 0), parts[1])
        for prefix, number in highest.items():
            self._ensure_counter(prefix)
            self.session.execute(
                update(COUNTERS).where(COUNTERS.c.prefix == prefix, COUNTERS.c.last < number).values(last=number)
            )
        ids = [incident_id for incident_id, _ in wanted]
        wanting: dict[str, list[int]] = defaultdict(list)
        for position, (incident_id, day) in enumerate(wanted):
            if incident_id is None:
                wanting[month_prefix(dt.date.fromisoformat(day) if isinstance(day, str) else day)].append(position)
        for prefix, positions in wanting.items():
            self._ensure_counter(prefix)
            last = self.session.execute(
                update(COUNTERS)
                .where(COUNTERS.c.prefix == prefix)
                .values(last=COUNTERS.c.last + len(positions))
                .returning(COUNTERS.c.last)
            ).scalar_one()
            for number, position in enumerate(positions, start=last - len(positions) + 1):
                ids[position] = format_id(prefix, number)
        return cast(list[str], ids)

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
    def _insert(self, forms: Sequence[Form], now: dt.datetime) -> None:
        if not forms:
            return
        sources: list[tuple[Any, ...]] = []
        for form in forms:
            sources.extend(source_insert_rows(form[0][FORM_ID], form[1]))
        stamped = {"created_at": now, "updated_at": now, "version": 1}
        bulk_insert(self.session, INCIDENTS, COLUMN_FIELDS, [form[0] for form in forms], stamped)
        if not self._aggregates_later:
            cubes.add(self.session, [form[0][FORM_ID] for form in forms])
        bulk_insert(self.session, SOURCES, SOURCE_INSERT_COLUMNS, sources)
        created = {"changed_at": now, "actor": self.actor, "via": self.via, "action": "create"}
        bulk_insert(self.session, REVISIONS, ("incident_id",), [(form[0][FORM_ID],) for form in forms], created)

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
