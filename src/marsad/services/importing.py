"""Import: rows from any format -> validated incidents -> the one write path, as a single unit of work.

If any row is bad nothing is written (the caller rolls back on ImportRejectedError) and every bad row is
reported; with ``skip_invalid`` the good rows are written and the bad ones are returned for a rejects file.
Rows are validated and written in batches, so memory stays flat whatever the file's size. A file can be
read and validated in a second process while this one writes (``import_file``): on two cores that halves
the time of a large import.
"""

from __future__ import annotations

import datetime as dt
import itertools
import multiprocessing
import os
import queue
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from marsad.domain.incident import Incident
from marsad.domain.rules import Problem, default_counting, rule_problems, storable_problems, storable_problems_each
from marsad.domain.vocabulary import Vocabularies
from marsad.domain.wording import noun_form, plural
from marsad.gazetteer.gazetteer import Gazetteer
from marsad.gazetteer.locate import locate
from marsad.io.actor_names import Unmapped
from marsad.io.canonical import RawRow, RowError, parse_incident
from marsad.io.columns import BatchParser
from marsad.services.accounts import record
from marsad.services.helper_process import end_with_parent
from marsad.storage.engine import unit_of_work
from marsad.storage.incident_store import IncidentWriter, WriteCounts
from marsad.storage.maintenance import BULK_CHANGE, refresh_statistics
from marsad.storage.records import FORM_ID, Form, incident_form

BATCH_SIZE = 2000
Reader = Callable[[Path], Iterable[RawRow | RowError]]
# One row after validation: where it was, the incident's form (what the writer stores: storage.records.Form) or
# None, its errors, its cells if it is bad, and the names of another dataset that no mapping knew.
Checked = tuple[str, Form | None, list[RowError], Mapping[str, Any] | None, tuple[Unmapped, ...]]


@dataclass
class ImportReport:
    rows: int = 0
    written: WriteCounts = field(default_factory=WriteCounts)
    errors: list[RowError] = field(default_factory=list)
    rejected: list[tuple[str, Mapping[str, Any] | None, list[RowError]]] = field(default_factory=list)
    unmapped: Counter[Unmapped] = field(default_factory=Counter)  # rows that landed with a generic key

    @property
    def bad_rows(self) -> int:
        return len(self.rejected)


class ImportRejectedError(Exception):
    """The file has bad rows and skipping was not asked for: nothing may be written."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        have = noun_form(report.bad_rows, "has an error", "have errors")
        super().__init__(
            f"{report.bad_rows} of {plural(report.rows, 'row')} {have}; nothing was imported. "
            f"Fix {noun_form(report.bad_rows, 'it', 'them')}, or import the good rows with --skip-invalid."
        )


def unmapped_ranked(report: ImportReport, shown: int = 10) -> tuple[list[tuple[str, str, int]], int]:
    """Another dataset's names that landed with a generic key, most rows first, as (table, name, rows), and how
    many more there are."""
    ranked = report.unmapped.most_common()
    return [(table, value, count) for (table, value), count in ranked[:shown]], max(0, len(ranked) - shown)


def unmapped_summary(report: ImportReport, shown: int = 10) -> list[str]:
    """``unmapped_ranked`` in words: "'X' (add under targets): 12 rows"."""
    ranked, more = unmapped_ranked(report, shown)
    lines = [f"'{value}' (add under {table}): {plural(count, 'row')}" for table, value, count in ranked]
    return lines + ([f"… and {plural(more, 'more value')}"] if more else [])


def import_summary(report: ImportReport) -> str:
    """What an import did, in words: "12 new, 3 updated, 40 unchanged" (and the rows skipped)."""
    written = report.written
    text = f"{written.created:,} new, {written.updated:,} updated, {written.unchanged:,} unchanged"
    return text + (f", {plural(report.bad_rows, 'bad row')} skipped" if report.rejected else "")


def validate_row(
    raw: RawRow, vocab: Vocabularies, gazetteer: Gazetteer, today: dt.date
) -> tuple[Incident | None, list[RowError]]:
    """One raw row as a stored-ready incident (located, counting decided, rules checked), or its errors."""
    incident, problems = parse_incident(raw.values, vocab)
    unstorable = storable_problems(incident) if incident is not None else []
    return _settled(raw.where, incident, problems, unstorable, vocab, gazetteer, today)


def _settled(
    where: str,
    incident: Incident | None,
    problems: list[tuple[str, str]],
    unstorable: list[Problem],
    vocab: Vocabularies,
    gazetteer: Gazetteer,
    today: dt.date,
) -> tuple[Incident | None, list[RowError]]:
    """A parsed row located, its counting decided and the rules checked (``validate_row`` after parsing);
    ``unstorable`` is what ``storable_problems`` says of the incident."""
    if incident is not None:  # what no database can hold is refused before the gazetteer searches it
        problems = [(p.field, p.reason) for p in unstorable] or locate(incident, gazetteer, vocab)
    if incident is not None and not problems:
        default_counting(incident, vocab.counted_grades)
        problems = [(p.field, p.reason) for p in rule_problems(incident, vocab, today)]  # storable: checked above
    errors = [RowError(where, column, reason) for column, reason in problems]
    return (None, errors) if errors else (incident, [])


def check_rows(
    rows: Iterable[RawRow | RowError], vocab: Vocabularies, gazetteer: Gazetteer, batch_size: int = BATCH_SIZE
) -> Iterator[list[Checked]]:
    """Validated rows in batches (parsed a batch at a time, column by column: io.columns)."""
    today = dt.date.today()
    parser = BatchParser(vocab)
    read = iter(rows)
    while chunk := list(itertools.islice(read, batch_size)):
        raws = [raw for raw in chunk if not isinstance(raw, RowError)]
        parsed = parser.parse([raw.values for raw in raws])
        unstorable = iter(storable_problems_each([incident for incident, _ in parsed if incident is not None]))
        each = iter(parsed)
        batch: list[Checked] = []
        for raw in chunk:
            if isinstance(raw, RowError):
                batch.append((raw.where, None, [raw], None, ()))
                continue
            incident, problems = next(each)
            found = next(unstorable) if incident is not None else []
            incident, errors = _settled(raw.where, incident, problems, found, vocab, gazetteer, today)
            if incident is None:
                batch.append((raw.where, None, errors, dict(raw.values), raw.unmapped))
            else:
                batch.append((raw.where, incident_form(incident), errors, None, raw.unmapped))
        yield batch


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
    batches = check_rows(rows, vocab, gazetteer, batch_size)
    return write_checked(session, batches, vocab, actor, via, skip_invalid, on_progress)


def import_file(
    session: Session,
    path: Path,
    reader: Reader,
    *,
    vocab: Vocabularies,
    gazetteer: Gazetteer,
    actor: str,
    via: str = "import",
    skip_invalid: bool = False,
    on_progress: Callable[[int], None] | None = None,
    parallel: bool = True,
) -> ImportReport:
    """``import_rows`` for a file; with ``parallel`` a second process reads and validates it meanwhile."""
    if parallel:
        batches = _checked_in_worker(reader, path, vocab, gazetteer)
    else:
        batches = check_rows(reader(path), vocab, gazetteer)
    return write_checked(session, batches, vocab, actor, via, skip_invalid, on_progress)


def import_into(
    engine: Engine,
    path: Path,
    reader: Reader,
    *,
    name: str,
    vocab: Vocabularies,
    gazetteer: Gazetteer,
    actor: str,
    via: str = "import",
    skip_invalid: bool = False,
    on_progress: Callable[[int], None] | None = None,
    parallel: bool = False,
) -> ImportReport:
    """An import as the CLI and the desk run it: one transaction with its audit line (nothing of a rejected
    file stays), then the planner's statistics refreshed when it changed many rows."""
    with unit_of_work(engine) as session:
        report = import_file(
            session,
            path,
            reader,
            vocab=vocab,
            gazetteer=gazetteer,
            actor=actor,
            via=via,
            skip_invalid=skip_invalid,
            on_progress=on_progress,
            parallel=parallel,
        )
        record(session, actor, "import", name, import_summary(report))
    if report.written.created + report.written.updated >= BULK_CHANGE:
        refresh_statistics(engine)
    return report


def write_checked(
    session: Session,
    batches: Iterable[list[Checked]],
    vocab: Vocabularies,
    actor: str,
    via: str,
    skip_invalid: bool,
    on_progress: Callable[[int], None] | None,
) -> ImportReport:
    """Write the good rows of validated batches; stop writing (but keep checking) at the first bad row.

    Into an empty dataset the rows are loaded first and their indexes and aggregates made once, at the end
    (``IncidentWriter.first_load``); a file with bad rows raises before that, and the caller rolls back."""
    report = ImportReport()
    writer = IncidentWriter(session, vocab, actor=actor, via=via)
    seen: dict[str, int] = {}  # id -> its row's number ("line 17" -> 17): a million ids, kept small
    with writer.first_load():
        for batch in batches:
            _write_batch(writer, batch, report, seen, skip_invalid)
            if on_progress:
                on_progress(report.rows)
        if report.rejected and not skip_invalid:
            raise ImportRejectedError(report)
    return report


def _write_batch(
    writer: IncidentWriter, batch: list[Checked], report: ImportReport, seen: dict[str, int], skip_invalid: bool
) -> None:
    """The good rows of one batch written (none once a bad row was seen, unless skipping), every row reported;
    ``seen`` holds the ids of the rows before."""
    good = []
    for where, form, errors, values, unmapped in batch:
        report.rows += 1
        incident_id = form[0][FORM_ID] if form is not None else None
        if incident_id is not None:
            prefix, _, number = where.rpartition(" ")
            position = int(number) if number.isdigit() else -report.rows
            first = seen.setdefault(incident_id, position)
            if first != position:
                earlier = f"{prefix} {first}" if first > 0 else "an earlier row"
                errors = [RowError(where, "id", f"'{incident_id}' is already used on {earlier}")]
                form = None
        if form is None:
            report.errors.extend(errors)
            report.rejected.append((where, values, errors))
        else:
            good.append(form)
            if unmapped:
                report.unmapped.update(unmapped)
    if good and (skip_invalid or not report.rejected):
        report.written.add(writer.write_forms(good))  # validate_row checked every incident


# -- the second process ----------------------------------------------------------------------------------
_DONE = "done"


def _produce(
    reader: Reader,
    path: Path,
    vocab: Vocabularies,
    gazetteer: Gazetteer,
    out: multiprocessing.Queue[Any],
    parent_pid: int,
) -> None:
    end_with_parent(parent_pid)  # a killed import leaves no reader behind
    try:
        for batch in check_rows(reader(path), vocab, gazetteer):
            out.put(batch)
        out.put(_DONE)
    except Exception as error:  # a file that cannot be read at all: the writer re-raises it
        out.put(error)


def _checked_in_worker(
    reader: Reader, path: Path, vocab: Vocabularies, gazetteer: Gazetteer
) -> Iterator[list[Checked]]:
    context = multiprocessing.get_context("spawn")  # no fork of a process holding database connections
    batches: multiprocessing.Queue[Any] = context.Queue(maxsize=4)
    worker = context.Process(target=_produce, args=(reader, path, vocab, gazetteer, batches, os.getpid()), daemon=True)
    worker.start()
    try:
        while True:
            try:
                item = batches.get(timeout=1)
            except queue.Empty:
                if not worker.is_alive():
                    raise RuntimeError(f"the process reading {path.name} stopped unexpectedly") from None
                continue
            if item == _DONE:
                break
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        if worker.is_alive():
            worker.terminate()
        worker.join()
