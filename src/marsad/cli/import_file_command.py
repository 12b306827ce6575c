"""`marsad import FILE`: any layout Marsad reads, in one transaction, with its progress and its bad rows."""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Annotated

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
from rich.text import Text

from marsad.cli.context import application, console, database, default_actor, errors, fail
from marsad.domain.wording import noun_form, plural
from marsad.io.cells import neutralised
from marsad.io.compressed import unpacked
from marsad.io.detect import chosen_layout, layout_hint, rows_to_read
from marsad.io.formats import FORMATS, UnknownFormatError
from marsad.io.limits import BadFileError
from marsad.services.importing import (
    ImportRejectedError,
    ImportReport,
    import_into,
    import_summary,
    unmapped_summary,
)

FORMAT_NAMES = ", ".join(FORMATS)
ERRORS_SHOWN = 50
# Below this, starting a second process costs more than it saves (measured on 2 cores: the 10 MB UCDP GED sample
# imports in 5.0 s alone and 5.5 s with it; 13 MB of canonical CSV in 8.8 s alone and 8.2 s with it).
PARALLEL_FROM_BYTES = 12_000_000


class RowsPerSecond(ProgressColumn):
    def render(self, task: Task) -> Text:
        return Text(f"{task.speed:,.0f} rows/s" if task.speed else "", style="cyan")


@contextmanager
def progress_bar(label: str, total: int | None) -> Iterator[Progress]:
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), RowsPerSecond(), TimeElapsedColumn())
    with Progress(*columns, console=errors, transient=False, disable=not errors.is_terminal) as progress:
        progress.add_task(label, total=total)
        yield progress


def import_command(
    ctx: typer.Context,
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
        vocab, gazetteer = application(ctx).vocabularies, application(ctx).gazetteer
        total = rows_to_read(readable, layout)
        with database(ctx) as (_, engine), progress_bar(f"Importing {file.name}", total) as progress:
            task = progress.task_ids[0]
            try:
                report = import_into(
                    engine,
                    readable,
                    layout.format.reader(strict_mapping, application(ctx).mappings),
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
