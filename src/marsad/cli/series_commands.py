"""`marsad series …`: indicator series (camp populations, repatriations) as tidy CSV with an HXL row."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from marsad.cli.context import application, console, database, default_actor, errors, fail
from marsad.cli.data_commands import _open_out
from marsad.cli.import_file_command import ERRORS_SHOWN
from marsad.domain.access import Access
from marsad.domain.wording import plural
from marsad.io.limits import BadFileError
from marsad.services.series import export_series, import_series_file
from marsad.storage.engine import unit_of_work
from marsad.storage.series_store import SeriesSelection


class _Rejected(Exception):
    """Rolls the import back: a file with bad rows writes nothing."""


def import_series(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A CSV of observations.", exists=True, dir_okay=False, readable=True)],
    actor: Annotated[str | None, typer.Option(help="Who is importing, for the audit log.")] = None,
) -> None:
    """Import observations from tidy CSV (one per row; an HXL hashtag row under the header is skipped).

    Columns: indicator, place, group, as_of, value (required), low, high, the source's url, title, publisher,
    type, language, published and accessed dates and excerpt (source_…), note and public. Any bad row: nothing
    is written and every problem is listed with its line and column. Re-importing a file changes nothing.
    """
    vocab, gazetteer = application(ctx).vocabularies, application(ctx).gazetteer
    with database(ctx) as (_, engine):
        try:
            with unit_of_work(engine) as session:
                report = import_series_file(session, file, vocab, gazetteer, actor or default_actor())
                if report.errors:
                    raise _Rejected
        except _Rejected:
            for error in report.errors[:ERRORS_SHOWN]:
                errors.print(f"  {error}", highlight=False, markup=False)
            if len(report.errors) > ERRORS_SHOWN:
                errors.print(f"  … and {plural(len(report.errors) - ERRORS_SHOWN, 'more error')}")
            raise fail(f"{file.name}: {report.summary()}") from None
        except BadFileError as error:
            raise fail(f"{file.name}: {error}", 2) from None
    console.print(f"{file.name}: {report.summary()}")


def export(
    ctx: typer.Context,
    out: Annotated[Path | None, typer.Option(help="File to write (default: standard output).")] = None,
    indicator: Annotated[str | None, typer.Option(help="Only this indicator (key, label or alias).")] = None,
    internal: Annotated[
        bool, typer.Option("--internal", help="Also the observations not made public (for the team, never publish).")
    ] = False,
) -> None:
    """Export observations as tidy CSV with an HXL row; by default only public ones, like the public site."""
    key = None
    if indicator:
        try:
            key = application(ctx).vocabularies.indicators.resolve(indicator)
        except ValueError as error:
            raise fail(str(error), 2) from None
    access = Access.INTERNAL if internal else Access.PUBLIC
    with database(ctx) as (_, engine), unit_of_work(engine) as session, _open_out(out) as stream:
        count = export_series(session, stream, access, SeriesSelection(indicator=key), actor=default_actor())
    errors.print(f"Wrote {plural(count, 'observation')} ({access.value}) to {out or 'standard output'}.")


series_app = typer.Typer(
    help="Indicator series: sourced figures that are not incidents (camp populations, repatriations).",
    no_args_is_help=True,
)
series_app.command("import")(import_series)
series_app.command("export")(export)
