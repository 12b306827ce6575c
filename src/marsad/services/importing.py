"""Import: rows from any format -> validated incidents -> the one write path, as a single unit of work.

If any row is bad nothing is written (the caller rolls back on ImportRejectedError) and every bad row is
reported; with ``skip_invalid`` the good rows are written and the bad ones are returned for a rejects file.
Rows are validated and written in batches, so memory stays flat whatever the file's size.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from marsad.domain.incident import Incident
from marsad.domain.rules import check_incident, default_counting
from marsad.domain.vocabulary import Vocabularies
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.gazetteer.locate import locate
from marsad.io.canonical import RawRow, RowError, parse_incident
from marsad.storage.incident_store import IncidentWriter, WriteCounts

BATCH_SIZE = 2000


@dataclass
class ImportReport:
    rows: int = 0
    written: WriteCounts = field(default_factory=WriteCounts)
    errors: list[RowError] = field(default_factory=list)
    rejected: list[tuple[RawRow | RowError, list[RowError]]] = field(default_factory=list)

    @property
    def bad_rows(self) -> int:
        return len(self.rejected)


class ImportRejectedError(Exception):
    """The file has bad rows and skipping was not asked for: nothing may be written."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        super().__init__(
            f"{report.bad_rows} of {report.rows} rows have errors; nothing was imported. "
            "Fix them, or import the good rows with --skip-invalid."
        )


def validate_row(
    raw: RawRow, vocab: Vocabularies, gazetteer: Gazetteer, today: dt.date
) -> tuple[Incident | None, list[RowError]]:
    """One raw row as a stored-ready incident (located, counting decided, rules checked), or its errors."""
    incident, problems = parse_incident(raw.values, vocab)
    if incident is not None:
        problems = locate(incident, gazetteer, vocab)
    if incident is not None and not problems:
        default_counting(incident)
        problems = [(p.field, p.reason) for p in check_incident(incident, vocab, today)]
    errors = [RowError(raw.where, column, reason) for column, reason in problems]
    return (None, errors) if errors else (incident, [])


def import_rows(
    session: Session,
    rows: Iterable[RawRow | RowError],
    *,
    vocab: Vocabularies,
    gazetteer: Gazetteer,
    actor: str,
    via: str = "import",
    skip_invalid: bool = False,
    on_progress: Callable[[int], None] | None = None,
    batch_size: int = BATCH_SIZE,
) -> ImportReport:
    """Validate and write every row in the caller's transaction; raises ImportRejectedError on bad rows."""
    report = ImportReport()
    writer = IncidentWriter(session, vocab, actor=actor, via=via)
    today = dt.date.today()
    seen: dict[str, str] = {}
    batch: list[Incident] = []

    def flush() -> None:
        if batch and (skip_invalid or not report.rejected):
            report.written.add(writer.write(batch, checked=True))  # validate_row checked every incident
        batch.clear()
        if on_progress:
            on_progress(report.rows)

    for raw in rows:
        report.rows += 1
        if isinstance(raw, RowError):
            _reject(report, raw, [raw])
            continue
        incident, errors = validate_row(raw, vocab, gazetteer, today)
        if incident is not None and incident.id is not None:
            first = seen.setdefault(incident.id, raw.where)
            if first != raw.where:
                errors = [RowError(raw.where, "id", f"'{incident.id}' is already used on {first}")]
                incident = None
        if incident is None:
            _reject(report, raw, errors)
        else:
            batch.append(incident)
        if len(batch) >= batch_size:
            flush()
    flush()
    if report.rejected and not skip_invalid:
        raise ImportRejectedError(report)
    return report


def _reject(report: ImportReport, raw: RawRow | RowError, errors: list[RowError]) -> None:
    report.errors.extend(errors)
    report.rejected.append((raw, errors))
