"""`marsad compare FILE --month YYYY-MM`: Marsad's figures beside an ACLED or UCDP GED file's."""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from marsad.analysis.months import Month
from marsad.cli.context import application, console, database, errors, fail
from marsad.domain.wording import noun_form, plural
from marsad.io.compressed import unpacked
from marsad.io.detect import chosen_layout
from marsad.io.formats import UnknownFormatError
from marsad.services.comparing import GROUPINGS, compare
from marsad.storage.engine import unit_of_work

SHOWN = 25


def compare_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="An ACLED or UCDP GED CSV file.", exists=True, dir_okay=False)],
    month: Annotated[str, typer.Option(help="The month, YYYY-MM.")],
    by: Annotated[str, typer.Option(help=f"Break the counts down by {', '.join(GROUPINGS)}.")] = "region",
    fmt: Annotated[str | None, typer.Option("--format", help="acled or ged (default: told from the header).")] = None,
) -> None:
    """Compare the month's published incidents with another dataset's events in the monitored area."""
    with ExitStack() as stack:
        try:
            chosen_month = Month.parse(month)
            readable = stack.enter_context(unpacked(file))  # a .csv.gz or .zip download: the file inside
            layout = chosen_layout(readable, fmt)
            if by not in GROUPINGS:
                raise ValueError(f"--by must be one of {', '.join(GROUPINGS)}")
        except (ValueError, UnknownFormatError) as error:  # BadFileError is a ValueError
            raise fail(str(error), 2) from None
        if not fmt:
            errors.print(f"{file.name}: {layout.description}.")
        vocab = application(ctx).vocabularies
        with database(ctx) as (_, engine), unit_of_work(engine) as session:
            result = compare(
                session,
                layout.format.reader(mappings=application(ctx).mappings)(readable),
                chosen_month,
                by,
                vocab,
                application(ctx).gazetteer,
                layout.name.upper(),
            )
    table = Table(by.capitalize(), "Marsad", result.other_name, "Difference", title=f"{chosen_month.label}: incidents")
    for row in result.rows:
        style = "bold yellow" if row.difference else ""
        table.add_row(row.label, str(row.marsad), str(row.other), f"{row.difference:+d}", style=style)
    ours, others = result.totals
    table.add_row("All", str(ours), str(others), f"{ours - others:+d}", style="bold")
    console.print(table)
    console.print(f"Matched (a day and 5 km apart at most): {len(result.matched)}")
    unmatched = (("Only in Marsad", result.only_marsad), (f"Only in {result.other_name}", result.only_other))
    for title, incidents in unmatched:
        console.print(f"{title}: {len(incidents)}")
        for incident in incidents[:SHOWN]:
            console.print(f"  {incident.id}  {incident.date}  {incident.type}  {incident.place or ''}", highlight=False)
        if len(incidents) > SHOWN:
            console.print(f"  … and {len(incidents) - SHOWN} more")
    if result.outside:
        console.print(
            f"{result.outside} of the file's events that month {noun_form(result.outside, 'is', 'are')} "
            "outside the monitored area."
        )
    if result.unreadable:
        console.print(f"{plural(len(result.unreadable), 'row')} could not be mapped, e.g. {result.unreadable[0]}")
