"""Indicator series as the team works on them: entered on the desk, imported from tidy CSV, exported.

A place is named as the gazetteer names it when it knows it (``Hol camp``, ``مخيم الهول`` -> ``al-Hol camp``),
so one camp's figures form one series whatever the spelling; any other name is kept as written. An import is
one unit of work: a file with any bad row writes nothing and returns every problem with its line and column.
The caller owns the transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO

from sqlalchemy.orm import Session

from marsad.domain.access import Access
from marsad.domain.series import Observation
from marsad.domain.vocabulary import Vocabularies
from marsad.domain.wording import plural
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.io.canonical import RowError
from marsad.io.limits import utf8_text
from marsad.io.series_csv import SeriesRow, read_series_csv, write_series_csv
from marsad.services.accounts import record
from marsad.storage.series_store import SeriesCounts, SeriesSelection, SeriesWriter, list_observations


@dataclass
class SeriesImport:
    rows: int = 0
    written: SeriesCounts = field(default_factory=SeriesCounts)
    errors: list[RowError] = field(default_factory=list)

    @property
    def bad_rows(self) -> int:
        return len({e.where for e in self.errors})

    def summary(self) -> str:
        if self.errors:
            return f"{self.bad_rows} of {plural(self.rows, 'row')} cannot be imported; nothing was written."
        w = self.written
        return (
            f"{plural(self.rows, 'observation')} read: {w.created} new, {w.updated} updated, {w.unchanged} unchanged."
        )


def place_name(name: str, gazetteer: Gazetteer) -> str:
    """The gazetteer's name for a place it knows under this spelling, else the name as written."""
    place = gazetteer.resolve(name.strip())
    return place.name if place else " ".join(name.split())


def _named(observation: Observation, gazetteer: Gazetteer) -> Observation:
    return replace(observation, place=place_name(observation.place, gazetteer))


def import_series_rows(
    session: Session,
    rows: Iterable[SeriesRow | RowError],
    vocab: Vocabularies,
    gazetteer: Gazetteer,
    actor: str,
    via: str,
    name: str = "",
) -> SeriesImport:
    """Check every row, then write them all, or none if any is bad (or repeats another row's series and date)."""
    report = SeriesImport()
    good: list[Observation] = []
    first_line: dict[tuple[str, str, str, object], str] = {}
    for row in rows:
        if isinstance(row, RowError):
            if not report.errors or report.errors[-1].where != row.where:
                report.rows += 1
            report.errors.append(row)
            continue
        report.rows += 1
        observation = _named(row.observation, gazetteer)
        key = (*observation.series, observation.as_of)
        if key in first_line:
            report.errors.append(RowError(row.where, "as_of", f"repeats the observation of {first_line[key]}"))
            continue
        first_line[key] = row.where
        good.append(observation)
    if report.errors:
        return report
    report.written = SeriesWriter(session, vocab, actor, via).write(good)
    detail = f"{report.summary()}" + (f" ({name})" if name else "")
    record(session, actor, "series_import", target=name or None, detail=detail)
    return report


def import_series_file(
    session: Session, path: Path, vocab: Vocabularies, gazetteer: Gazetteer, actor: str, via: str = "cli"
) -> SeriesImport:
    """``marsad series import FILE`` and the desk's upload. Raises BadFileError for a file that is not the
    series' CSV at all."""
    with utf8_text(path) as handle:
        return import_series_rows(session, read_series_csv(handle, vocab), vocab, gazetteer, actor, via, path.name)


def save_observation(
    session: Session,
    observation: Observation,
    vocab: Vocabularies,
    gazetteer: Gazetteer,
    actor: str,
    expected_version: int | None = None,
) -> int:
    """Store one observation from the desk's form; returns its id."""
    return SeriesWriter(session, vocab, actor, "desk").save(_named(observation, gazetteer), expected_version)


def export_series(
    session: Session,
    out: BinaryIO,
    access: Access = Access.PUBLIC,
    selection: SeriesSelection | None = None,
    actor: str | None = None,
) -> int:
    """The selected observations as tidy CSV with its HXL row; a team export is in the audit log."""
    observations = list_observations(session, selection, access)
    if access is Access.PUBLIC:
        observations = [o.shown_publicly() for o in observations]
    count = write_series_csv(observations, out)
    if actor is not None:
        record(session, actor, "series_export", detail=f"{plural(count, 'observation')}, {access.value}")
    return count
