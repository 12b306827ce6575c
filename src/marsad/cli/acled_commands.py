"""`marsad import acled …`: ACLED events straight from ACLED's API (with an ACLED access key)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn

from marsad.cli.context import application, console, database, default_actor, errors, fail, settings
from marsad.cli.import_file_command import print_import_errors
from marsad.domain.wording import plural
from marsad.services.accounts import record
from marsad.services.acled_api import PAGE_SIZE, AcledApi, AcledApiError, acled_events
from marsad.services.importing import ImportRejectedError, import_rows, import_summary
from marsad.storage.engine import unit_of_work


def _date(text: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise fail(f"{option}: '{text}' is not a date (YYYY-MM-DD)", 2) from None


def acled_import(
    ctx: typer.Context,
    country: Annotated[str, typer.Option(help="The country, as ACLED names it.")] = "Syria",
    since: Annotated[str, typer.Option(help="First day, YYYY-MM-DD.")] = "",
    until: Annotated[str, typer.Option(help="Last day, YYYY-MM-DD (default: today).")] = "",
    skip_invalid: Annotated[bool, typer.Option("--skip-invalid", help="Import the events that map.")] = False,
    page_size: Annotated[int, typer.Option(help="Events per API request.", min=1)] = PAGE_SIZE,
) -> None:
    """Import ACLED's events for a country and period through ACLED's API, as drafts (one transaction).

    Needs MARSAD_ACLED_KEY and MARSAD_ACLED_EMAIL. Values are mapped as for `--format acled` files.
    """
    if not since:
        raise fail("give --since YYYY-MM-DD: the first day of events to import", 2)
    first, last = _date(since, "--since"), _date(until, "--until") if until else None
    try:
        api = AcledApi.from_settings(settings(ctx).acled)
    except AcledApiError as error:
        raise fail(str(error)) from None
    with (
        database(ctx) as (_, engine),
        Progress(SpinnerColumn(), TextColumn("{task.description}"), console=errors) as bar,
    ):
        task = bar.add_task(f"Reading ACLED events for {country} since {first}…")
        try:
            with unit_of_work(engine) as session:
                report = import_rows(
                    session,
                    acled_events(api, application(ctx).mappings.acled, country, first, last, page_size),
                    vocab=application(ctx).vocabularies,
                    gazetteer=application(ctx).gazetteer,
                    actor=default_actor(),
                    via="acled api",
                    skip_invalid=skip_invalid,
                    on_progress=lambda done: bar.update(task, description=f"{plural(done, 'event')} read"),
                )
                record(session, default_actor(), "import", f"ACLED API {country} {first}", import_summary(report))
        except AcledApiError as error:
            raise fail(str(error)) from None
        except ImportRejectedError as error:
            bar.stop()
            print_import_errors(error.report)
            raise fail(f"{error} The mapping file is named in each error.") from None
    console.print(f"Read {plural(report.rows, 'ACLED event')}: {import_summary(report)}.")
