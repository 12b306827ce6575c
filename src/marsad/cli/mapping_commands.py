"""`marsad mapping suggest FILE`: the lines an ACLED or UCDP GED file needs in its mapping file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from marsad.cli.context import application, console, errors, fail
from marsad.domain.wording import plural
from marsad.io.compressed import unpacked
from marsad.io.detect import chosen_layout
from marsad.io.formats import MAPPED, UnknownFormatError
from marsad.io.limits import BadFileError
from marsad.io.mapping_suggestions import suggestions

mapping_app = typer.Typer(help="The mapping files of ACLED's and UCDP GED's values.", no_args_is_help=True)


@mapping_app.command("suggest")
def suggest(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="An ACLED or UCDP GED file.", exists=True, dir_okay=False)],
    fmt: Annotated[str | None, typer.Option("--format", help="acled or ged (default: told from the header).")] = None,
) -> None:
    """Print the lines to add to the mapping file for the file's actor names it lacks (nothing is imported)."""
    try:
        with unpacked(file) as readable:  # a .csv.gz or .zip download: the file inside
            layout = chosen_layout(readable, fmt)
            if layout.name not in MAPPED:
                raise UnknownFormatError(
                    f"{file.name} is {layout.description}: only ACLED and UCDP files use a mapping"
                )
            found = suggestions(layout.format.reader(mappings=application(ctx).mappings)(readable))
    except (UnknownFormatError, BadFileError) as error:
        raise fail(str(error), 2) from None
    where = application(ctx).mappings.of(layout.name).where
    if not found.counts:
        errors.print(f"Every name in {file.name} ({plural(found.rows, 'row')}) is in {where} or the vocabulary.")
        return
    errors.print(
        f"{plural(len(found.counts), 'name')} of {file.name} are neither in {where} nor in the vocabulary; "
        "check each key, then add the lines under their table:"
    )
    for line in found.lines(application(ctx).vocabularies):
        console.print(line, highlight=False, markup=False, soft_wrap=True)
