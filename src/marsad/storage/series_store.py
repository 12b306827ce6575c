"""Indicator observations: the one path that writes them (each change in the audit log with before and after),
and the queries that read them, public ones only unless the caller is the team.

An observation is matched by its series and date (indicator, place, group, as of): importing the same file
again changes nothing, and a corrected figure updates the observation it corrects. Never commits.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, or_, select, tuple_, update
from sqlalchemy.orm import Session

from marsad.domain.access import Access
from marsad.domain.incident import SOURCE_FIELDS, Source
from marsad.domain.series import Observation, check_observation
from marsad.domain.vocabulary import Vocabularies
from marsad.storage.audit_store import record
from marsad.storage.tables import OBSERVATIONS

SOURCE_COLUMNS = {(name if name.startswith("source_") else f"source_{name}"): name for name in SOURCE_FIELDS}
VALUE_COLUMNS = ("indicator", "place", "group_key", "as_of", "value", "low", "high", *SOURCE_COLUMNS, "note", "public")
LOOKUP_BATCH = 500  # (indicator, place, group, date) keys per query


class InvalidObservationError(ValueError):
    """An observation that breaks a rule reached the write path; nothing of its batch is written."""


class StaleObservationError(ValueError):
    """Someone else saved the observation since the version the change was made on; nothing was written."""


@dataclass
class SeriesCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def _values(observation: Observation) -> dict[str, Any]:
    values: dict[str, Any] = {
        "indicator": observation.indicator,
        "place": observation.place.strip(),
        "group_key": observation.group,
        "as_of": observation.as_of,
        "value": observation.value,
        "low": observation.low,
        "high": observation.high,
        "note": observation.note,
        "public": observation.public,
    }
    values.update({column: getattr(observation.source, name) for column, name in SOURCE_COLUMNS.items()})
    return values


def _observation(row: Any) -> Observation:
    source = Source(**{name: row[column] for column, name in SOURCE_COLUMNS.items()})
    return Observation(
        indicator=row["indicator"],
        place=row["place"],
        group=row["group_key"],
        as_of=row["as_of"],
        value=row["value"],
        low=row["low"],
        high=row["high"],
        source=source,
        note=row["note"],
        public=bool(row["public"]),
        id=row["id"],
        version=row["version"],
    )


def _snapshot(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in values.items() if v is not None}


class SeriesWriter:
    """Writes observations as ``actor`` through ``via`` (desk, import, cli); each change is an audit event."""

    def __init__(self, session: Session, vocab: Vocabularies, actor: str, via: str) -> None:
        self.session = session
        self.vocab = vocab
        self.actor = actor
        self.via = via

    def write(self, observations: Sequence[Observation]) -> SeriesCounts:
        """Insert new observations and update those whose series and date are stored with other values."""
        for observation in observations:
            problems = check_observation(observation, self.vocab)
            if problems:
                reasons = "; ".join(f"{p.field}: {p.reason}" for p in problems)
                raise InvalidObservationError(f"observation of {observation.indicator}: {reasons}")
        rows = [_values(o) for o in observations]
        keys = [(r["indicator"], r["place"], r["group_key"], r["as_of"]) for r in rows]
        if len(set(keys)) != len(keys):
            raise InvalidObservationError("the same indicator, place, group and date appear twice in one batch")
        stored = self._stored(keys)
        counts = SeriesCounts()
        now = dt.datetime.now(dt.UTC)
        for key, values in zip(keys, rows, strict=True):
            before = stored.get(key)
            if before is None:
                row_id = self.session.execute(
                    OBSERVATIONS.insert()
                    .values(**values, created_at=now, updated_at=now, updated_by=self.actor, version=1)
                    .returning(OBSERVATIONS.c.id)
                ).scalar_one()
                self._audit("observation_create", row_id, None, values, now)
                counts.created += 1
            elif any(before[c] != values[c] for c in VALUE_COLUMNS):
                self._update(before, values, now)
                counts.updated += 1
            else:
                counts.unchanged += 1
        return counts

    def save(self, observation: Observation, expected_version: int | None = None) -> int:
        """Store one observation entered on the desk; editing an existing one (``observation.id``) needs the
        version it was read at, so of two people saving at once the second is told instead of overwriting."""
        problems = check_observation(observation, self.vocab)
        if problems:
            raise InvalidObservationError("; ".join(f"{p.field}: {p.reason}" for p in problems))
        if observation.id is None:
            self.write([observation])
            found = self._stored(
                [(observation.indicator, observation.place.strip(), observation.group, observation.as_of)]
            )
            return int(next(iter(found.values()))["id"])
        before = (
            self.session.execute(select(OBSERVATIONS).where(OBSERVATIONS.c.id == observation.id)).mappings().first()
        )
        if before is None:
            raise InvalidObservationError(f"there is no observation {observation.id}")
        self._update(dict(before), _values(observation), dt.datetime.now(dt.UTC), expected_version)
        return observation.id

    def _update(
        self, before: dict[str, Any], values: dict[str, Any], now: dt.datetime, expected: int | None = None
    ) -> None:
        version = before["version"] if expected is None else expected
        done = self.session.execute(
            update(OBSERVATIONS)
            .where(OBSERVATIONS.c.id == before["id"], OBSERVATIONS.c.version == version)
            .values(**values, updated_at=now, updated_by=self.actor, version=version + 1)
        )
        if done.rowcount != 1:  # type: ignore[attr-defined]
            raise StaleObservationError(f"observation {before['id']} was changed by someone else")
        changed = [c for c in VALUE_COLUMNS if before[c] != values[c]]
        self._audit(
            "observation_update",
            before["id"],
            {c: before[c] for c in changed},
            {c: values[c] for c in changed},
            now,
        )

    def _stored(self, keys: list[tuple[str, str, str, dt.date]]) -> dict[tuple[str, str, str, dt.date], dict[str, Any]]:
        found: dict[tuple[str, str, str, dt.date], dict[str, Any]] = {}
        key_columns = tuple_(
            OBSERVATIONS.c.indicator, OBSERVATIONS.c.place, OBSERVATIONS.c.group_key, OBSERVATIONS.c.as_of
        )
        for start in range(0, len(keys), LOOKUP_BATCH):
            batch = keys[start : start + LOOKUP_BATCH]
            for row in self.session.execute(select(OBSERVATIONS).where(key_columns.in_(batch))).mappings():
                found[(row["indicator"], row["place"], row["group_key"], row["as_of"])] = dict(row)
        return found

    def _audit(
        self,
        action: str,
        observation_id: int,
        before: dict[str, Any] | None,
        after: dict[str, Any],
        now: dt.datetime,
    ) -> None:
        detail = {
            "via": self.via,
            "before": _snapshot(before) if before is not None else None,
            "after": _snapshot(after),
        }
        record(
            self.session,
            self.actor,
            action,
            f"observation:{observation_id}",
            json.dumps(detail, ensure_ascii=False, sort_keys=True),
            at=now,
        )
        self.session.flush()


@dataclass(frozen=True)
class SeriesSelection:
    """Which observations: any of indicator, place, group (exact keys/names), and a date range."""

    indicator: str | None = None
    place: str | None = None
    group: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def _selected(statement: Select[Any], selection: SeriesSelection, access: Access) -> Select[Any]:
    if access is not Access.INTERNAL:
        statement = statement.where(OBSERVATIONS.c.public.is_(True))
    c = OBSERVATIONS.c
    for column, value in (
        (c.indicator, selection.indicator),
        (c.place, selection.place),
        (c.group_key, selection.group),
    ):
        if value is not None:
            statement = statement.where(column == value)
    if selection.date_from is not None:
        statement = statement.where(c.as_of >= selection.date_from)
    if selection.date_to is not None:
        statement = statement.where(c.as_of <= selection.date_to)
    return statement


def list_observations(
    session: Session, selection: SeriesSelection | None = None, access: Access = Access.PUBLIC
) -> list[Observation]:
    """Observations in series order (indicator, place, group), oldest first within a series."""
    c = OBSERVATIONS.c
    statement = _selected(select(OBSERVATIONS), selection or SeriesSelection(), access)
    statement = statement.order_by(c.indicator, c.place, c.group_key, c.as_of)
    return [_observation(row) for row in session.execute(statement).mappings()]


def get_observation(session: Session, observation_id: int, access: Access = Access.PUBLIC) -> Observation | None:
    statement = _selected(select(OBSERVATIONS).where(OBSERVATIONS.c.id == observation_id), SeriesSelection(), access)
    row = session.execute(statement).mappings().first()
    return _observation(row) if row else None


def series_history(
    session: Session, first: dt.date, last: dt.date, access: Access = Access.PUBLIC
) -> list[Observation]:
    """Every observation up to ``last`` of each series observed from ``first`` to ``last`` (what a month's
    report needs: the month's figures and the observation before each)."""
    c = OBSERVATIONS.c
    observed = _selected(
        select(c.indicator, c.place, c.group_key).distinct(), SeriesSelection(date_from=first, date_to=last), access
    )
    series = [tuple(row) for row in session.execute(observed)]
    if not series:
        return []
    conditions = [and_(c.indicator == i, c.place == p, c.group_key == g) for i, p, g in series]
    statement = _selected(select(OBSERVATIONS).where(or_(*conditions)), SeriesSelection(date_to=last), access)
    return [_observation(row) for row in session.execute(statement.order_by(c.as_of)).mappings()]


def observed_places(session: Session, access: Access = Access.PUBLIC) -> list[str]:
    statement = _selected(select(OBSERVATIONS.c.place).distinct(), SeriesSelection(), access)
    return sorted(session.scalars(statement))
