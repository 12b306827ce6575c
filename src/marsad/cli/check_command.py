"""`marsad check`: find records the desk damaged (sources that lost their type, language, access date or
archived copy on a save) and, with --repair, give them back from the history."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from marsad.cli.context import application, console, database, default_actor
from marsad.services.checks import lost_source_details, mend_lost_source_details
from marsad.storage.engine import unit_of_work

FIELD_WORDS = {
    "source_type": "type",
    "language": "language",
    "accessed": "access date",
    "archive_sha256": "archived copy",
}


def check_command(
    ctx: typer.Context,
    repair: Annotated[
        bool, typer.Option("--repair", help="Put the lost values back (a new revision per incident, via cli).")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the findings as JSON lines, for scripts.")] = False,
) -> None:
    """List sources whose type, language, access date or archived copy a desk save removed."""
    with database(ctx) as (_, engine), unit_of_work(engine) as session:
        losses = lost_source_details(session)
        if repair:
            mend_lost_source_details(session, losses, application(ctx).vocabularies, default_actor())
    if as_json:
        for loss in losses:
            print(
                json.dumps(
                    {
                        "incident": loss.incident_id,
                        "source": loss.position + 1,
                        "link": loss.source,
                        "field": loss.field,
                        "was": loss.value,
                        "now": loss.now,
                        "lost_at": loss.lost_at.isoformat(),
                        "lost_by": loss.lost_by,
                    },
                    ensure_ascii=False,
                )
            )
        return
    if not losses:
        console.print("No source lost its type, language, access date or archived copy on the desk.")
        return
    table = Table("incident", "source", "lost", "was", "now", "saved by, on", title="Sources damaged by desk saves")
    for loss in losses:
        table.add_row(
            loss.incident_id,
            f"{loss.position + 1}: {loss.source}",
            FIELD_WORDS[loss.field],
            loss.value,
            loss.now or "(empty)",
            f"{loss.lost_by}, {loss.lost_at:%Y-%m-%d}",
        )
    console.print(table)
    ids = ", ".join(sorted({loss.incident_id for loss in losses}))
    if repair:
        console.print(f"Put back in {ids}; the history of each shows it as a change via cli.")
    else:
        console.print(f"Lost values in {ids}. Run `marsad check --repair` to put them back.")
