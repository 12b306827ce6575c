"""`marsad import`, `marsad export`, `marsad demo` and `marsad summary`."""

from __future__ import annotations

import csv
import datetime as dt
import os
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Annotated, BinaryIO

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from marsad.analysis.months import Month
from marsad.cli.context import console, database, default_actor, errors, fail
from marsad.cli.filter_options import with_filter_options
from marsad.domain.access import Access
from marsad.domain.filters import FilterError, IncidentFilter
from marsad.domain.keys import Status
from marsad.domain.vocabulary import load_vocabularies
from marsad.domain.wording import noun_form, plural
from marsad.gazetteer.gazetteer import load_gazetteer
from marsad.io.cells import neutralised
from marsad.io.compressed import unpacked
from marsad.io.detect import chosen_layout, layout_hint, rows_to_read
from marsad.io.formats import FORMATS, UnknownFormatError, format_for_path, writable_format
from marsad.io.limits import BadFileError
from marsad.services.accounts import record
from marsad.services.demo import DemoGenerator, publish_demo_reports
from marsad.services.exporting import columns_for, export_incidents
from marsad.services.importing import (
    ImportRejectedError,
    ImportReport,
    import_into,
    import_summary,
    unmapped_summary,
)
from marsad.storage.engine import unit_of_work
from marsad.storage.incident_store import IncidentWriter
from marsad.storage.queries import count_incidents, counts_by, latest_date

FORMAT_NAMES = ", ".join(FORMATS)
ERRORS_SHOWN = 50
# Below this, starting a second process costs more than it saves (measured on 2 cores: the 10 MB UCDP GED sample
# imports in 5.0 s alone and 5.5 s with it; 13 MB of canonical CSV in 8.8 s alone and 8.2 s with it).
PARALLEL_FROM_BYTES = 12_000_000


class RowsPerSecond(ProgressColumn):
    def render(self, task: Task) -> Text:
        return Text(f"{task.speed:,.0f} rows/s" if task.speed else "", style="cyan")


@contextmanager
def _progress(label: str, total: int | None) -> Iterator[Progress]:
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), RowsPerSecond(), TimeElapsedColumn())
    with Progress(*columns, console=errors, transient=False, disable=not errors.is_terminal) as progress:
        progress.add_task(label, total=total)
        yield progress


def import_command(
    file: Annotated[Path, typer.Argument(help="The file to import.", exists=True, dir_okay=False, readable=True)],
    fmt: Annotated[
        str | None, typer.Option("--format", help=f"{FORMAT_NAMES}; by default told from the file's header.")
    ] = None,
    skip_invalid: Annotated[
        bool,
        typer.Option("--skip-invalid", help="Import the good rows; write the bad ones to a rejects file."),
    ] = False,
    strict_mapping: Annotated[
        bool,
        typer.Option(
            "--strict-mapping",
            help="ACLED and UCDP GED: refuse rows whose actors the mapping file lacks, instead of landing them "
            "as 'other' with their names kept.",
        ),
    ] = False,
    rejects: Annotated[
        Path | None, typer.Option(help="Where bad rows go with --skip-invalid (default: FILE.rejects.csv).")
    ] = None,
    actor: Annotated[str | None, typer.Option(help="Who is importing, for the revision history.")] = None,
) -> None:
    """Import incidents from canonical CSV, XLSX, JSON, GeoJSON, ACLED or UCDP GED (or a .gz or .zip of one) as one
    transaction.

    The layout is told from the file (say it with --format). If any row is bad, nothing is written and every
    bad row is listed with its line, column and reason. Re-importing a file changes nothing: rows are matched
    by id and only real changes are written.
    """
    with ExitStack() as stack:
        try:
            readable = stack.enter_context(unpacked(file))  # a .csv.gz or .zip download: the file inside
            layout = chosen_layout(readable, fmt)
        except (UnknownFormatError, BadFileError) as error:
            raise fail(str(error), 2) from None
        if not fmt:
            errors.print(f"{file.name}: {layout.description}.")
        vocab, gazetteer = load_vocabularies(), load_gazetteer()
        total = rows_to_read(readable, layout)
        with database() as (_, engine), _progress(f"Importing {file.name}", total) as progress:
            task = progress.task_ids[0]
            try:
                report = import_into(
                    engine,
                    readable,
                    layout.format.reader(strict_mapping),
                    name=file.name,
                    vocab=vocab,
                    gazetteer=gazetteer,
                    actor=actor or default_actor(),
                    skip_invalid=skip_invalid,
                    on_progress=lambda done: progress.update(task, completed=done),
                    parallel=readable.stat().st_size > PARALLEL_FROM_BYTES and (os.cpu_count() or 1) > 1,
                )
            except ImportRejectedError as error:
                progress.stop()
                print_import_errors(error.report)
                raise fail(str(error)) from None
            except ValueError as error:  # a header or a file that cannot be read at all
                # "It looks like an ACLED export: use --format acled"
                hint = layout_hint(readable, layout.name) if fmt else ""
                raise fail(f"{file.name}:{hint} {error}") from None
        console.print(f"Read {plural(report.rows, 'row')} from {file.name}: {import_summary(report)}.")
        print_unmapped(report, file)
        if report.rejected:
            target = rejects or file.with_name(file.name + ".rejects.csv")
            _write_rejects(report, target)
            errors.print(
                f"{plural(report.bad_rows, 'bad row')} skipped; "
                f"{noun_form(report.bad_rows, 'it and its reason are', 'they and their reasons are')} in {target}"
            )


def print_unmapped(report: ImportReport, file: Path) -> None:
    """The other dataset's names no mapping knew: they landed as `other`, with their names kept."""
    if not report.unmapped:
        return
    rows = sum(report.unmapped.values())
    errors.print(
        f"{plural(len(report.unmapped), 'name')} of {file.name} had no Marsad key ({plural(rows, 'row')}): they "
        "landed as 'other' with the name kept. Map them with the lines `marsad mapping suggest "
        f"{file.name}` prints:"
    )
    for line in unmapped_summary(report):
        errors.print(f"  {line}", highlight=False, markup=False)


def print_import_errors(report: ImportReport) -> None:
    """The first errors of a rejected import, then how many more."""
    for error in report.errors[:ERRORS_SHOWN]:
        errors.print(f"  {error}", highlight=False, markup=False)
    if len(report.errors) > ERRORS_SHOWN:
        errors.print(f"  … and {plural(len(report.errors) - ERRORS_SHOWN, 'more error')}")


def _write_rejects(report: ImportReport, target: Path) -> None:
    """The bad rows as they were read, with a last column saying what to fix."""
    columns: list[str] = []
    for _, values, _ in report.rejected:
        columns.extend(c for c in values or {} if c not in columns)
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["where", *columns, "errors"])
        for where, values, row_errors in report.rejected:
            reasons = "; ".join(f"{e.column}: {e.reason}" for e in row_errors)
            cells = [where, *((values or {}).get(c, "") for c in columns), reasons]
            writer.writerow([neutralised(cell) for cell in cells])  # a rejects file is opened in spreadsheets


@with_filter_options
def export_command(
    filters: dict[str, str | list[str]],
    fmt: Annotated[str, typer.Option("--format", help=f"One of {FORMAT_NAMES}.")] = "csv",
    out: Annotated[Path | None, typer.Option(help="File to write (default: standard output).")] = None,
    internal: Annotated[
        bool,
        typer.Option("--internal", help="Include drafts and internal notes (for the team, never publish)."),
    ] = False,
) -> None:
    """Export incidents. By default only published incidents and public fields, like the public site: every one
    the filters select, whether the reports count it or not (--counted true: only those they count)."""
    try:
        chosen = writable_format(fmt)
        selection = IncidentFilter.from_params(filters, load_vocabularies())
    except (UnknownFormatError, FilterError) as error:
        raise fail(str(error), 2) from None
    access = Access.INTERNAL if internal else Access.PUBLIC
    with database() as (_, engine), unit_of_work(engine) as session, _open_out(out) as stream:
        count = export_incidents(session, selection, chosen, stream, access)
        description = selection.describe(load_vocabularies())
        scope = "internal" if internal else "public"
        what = f"{plural(count, 'incident')}, {scope}: {description}"
        record(session, default_actor(), "export", str(out or "stdout"), what)
    where = str(out) if out else "standard output"
    columns = plural(len(columns_for(access)), "column")
    errors.print(f"Wrote {plural(count, 'incident')} ({description}; {columns}) to {where}.")


@contextmanager
def _open_out(out: Path | None) -> Iterator[BinaryIO]:
    if out is None:
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
    else:
        with out.open("wb") as handle:
            yield handle


def demo_command(
    events: Annotated[int, typer.Option(help="How many synthetic incidents to make.", min=1)] = 5000,
    seed: Annotated[int, typer.Option(help="Random seed: the same seed gives the same data.")] = 1,
    out: Annotated[
        Path | None, typer.Option(help="Write a file (format from its extension) instead of the database.")
    ] = None,
    reports: Annotated[
        int, typer.Option(help="Also publish the monthly reports of this many of the latest months.", min=0)
    ] = 0,
) -> None:
    """Fill the database with synthetic demo incidents (2019-2025), every one marked as synthetic."""
    vocab = load_vocabularies()
    generator = DemoGenerator(load_gazetteer(), vocab, seed=seed)
    if out is not None:
        try:
            chosen = writable_format(format_for_path(out).name)
        except UnknownFormatError as error:
            raise fail(str(error), 2) from None
        with out.open("wb") as handle:
            count = chosen.writer()(generator.incidents(events), handle, columns_for(Access.INTERNAL))
        console.print(f"Wrote {plural(count, 'synthetic incident')} to {out}.")
        return
    with database() as (settings, engine):
        with _progress("Making demo data", events) as progress, unit_of_work(engine) as session:
            task = progress.task_ids[0]
            writer = IncidentWriter(session, vocab, actor="demo", via="demo")
            batch, waiting = [], 0
            for incident in generator.incidents(events):
                batch.append(incident)
                waiting += incident.status == Status.IN_REVIEW
                if len(batch) == 2000:
                    writer.write(batch)
                    progress.advance(task, len(batch))
                    batch.clear()
            writer.write(batch)
            progress.advance(task, len(batch))
        console.print(f"Added {events:,} synthetic incidents to {settings.display_url()}.")
        console.print(f"{plural(waiting, 'incident')} waiting for review on the desk: /desk/review")
        if reports:
            with unit_of_work(engine) as session:
                newest = latest_date(session) or dt.date.today()
                last = Month(newest.year, newest.month)
                months = publish_demo_reports(
                    session, vocab, load_gazetteer(), last, reports, publisher=settings.publisher
                )
            console.print(f"Published the demo reports for {', '.join(m.label for m in months)}: /reports")


def summary_command() -> None:
    """Where the data is, and what it holds by year, kind, region and status."""
    vocab = load_vocabularies()
    with database() as (settings, engine), unit_of_work(engine) as session:
        everything = IncidentFilter()
        total = count_incidents(session, everything, Access.INTERNAL)
        console.print(f"Database: [bold]{settings.display_url()}[/] — {plural(total, 'incident')}")
        if settings.sqlite_path:
            console.print(f"Data directory: {settings.data_dir}")
        by_year: dict[int, int] = {}
        for day, count in counts_by(session, "date", everything, Access.INTERNAL).items():
            by_year[day.year] = by_year.get(day.year, 0) + count
        table = Table("year", "incidents", title="By year")
        for year in sorted(by_year):
            table.add_row(str(year), f"{by_year[year]:,}")
        console.print(table)
        for column, vocabulary in (
            ("kind", vocab.kinds),
            ("region", vocab.regions),
            ("status", vocab.statuses),
        ):
            counts = counts_by(session, column, everything, Access.INTERNAL)
            table = Table(column, "incidents", title=f"By {column}")
            for key, count in sorted(counts.items(), key=lambda item: -item[1]):
                label = vocabulary.label(key) if key in vocabulary else (key or "outside the monitored area")
                table.add_row(label, f"{count:,}")
            console.print(table)
