"""`marsad export`, `marsad demo` and `marsad summary`."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, BinaryIO

import typer
from rich.table import Table

from marsad.analysis.months import Month
from marsad.cli.context import application, console, database, default_actor, errors, fail
from marsad.cli.filter_options import with_filter_options
from marsad.cli.import_file_command import FORMAT_NAMES, progress_bar
from marsad.domain.access import Access
from marsad.domain.filters import FilterError, IncidentFilter
from marsad.domain.keys import Status
from marsad.domain.wording import plural
from marsad.io.formats import UnknownFormatError, format_for_path, writable_format
from marsad.services.accounts import record
from marsad.services.demo import DemoGenerator, publish_demo_reports
from marsad.services.exporting import columns_for, export_incidents
from marsad.storage.engine import unit_of_work
from marsad.storage.incident_store import IncidentWriter
from marsad.storage.queries import count_incidents, counts_by, latest_date


@with_filter_options
def export_command(
    ctx: typer.Context,
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
        selection = IncidentFilter.from_params(filters, application(ctx).vocabularies)
    except (UnknownFormatError, FilterError) as error:
        raise fail(str(error), 2) from None
    access = Access.INTERNAL if internal else Access.PUBLIC
    with database(ctx) as (_, engine), unit_of_work(engine) as session, _open_out(out) as stream:
        count = export_incidents(session, selection, chosen, stream, access, mappings=application(ctx).mappings)
        description = selection.describe(application(ctx).vocabularies)
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
    ctx: typer.Context,
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
    vocab = application(ctx).vocabularies
    generator = DemoGenerator(application(ctx).gazetteer, vocab, seed=seed)
    if out is not None:
        try:
            chosen = writable_format(format_for_path(out).name)
        except UnknownFormatError as error:
            raise fail(str(error), 2) from None
        with out.open("wb") as handle:
            count = chosen.writer(application(ctx).mappings)(
                generator.incidents(events), handle, columns_for(Access.INTERNAL)
            )
        console.print(f"Wrote {plural(count, 'synthetic incident')} to {out}.")
        return
    with database(ctx) as (settings, engine):
        with progress_bar("Making demo data", events) as progress, unit_of_work(engine) as session:
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
                    session, vocab, application(ctx).gazetteer, last, reports, publisher=settings.publisher
                )
            console.print(f"Published the demo reports for {', '.join(m.label for m in months)}: /reports")


def summary_command(ctx: typer.Context) -> None:
    """Where the data is, and what it holds by year, kind, region and status."""
    vocab = application(ctx).vocabularies
    with database(ctx) as (settings, engine), unit_of_work(engine) as session:
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
