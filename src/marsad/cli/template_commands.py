"""`marsad template xlsx`: the spreadsheet template many teams already work in, with Marsad's dropdowns."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from marsad.cli.context import application, console
from marsad.io.xlsx_format import SHEETS


def xlsx(
    ctx: typer.Context, out: Annotated[Path, typer.Option(help="Where to write it.")] = Path("marsad-template.xlsx")
) -> None:
    """Write the XLSX template: one sheet per kind, notes on every column, dropdowns from the vocabularies."""
    from marsad.io.xlsx_template import write_template  # loads openpyxl, which every other command can do without

    write_template(out, application(ctx).vocabularies, application(ctx).gazetteer)
    console.print(f"Wrote {out} (sheets {', '.join(SHEETS.values())}). Fill it in, then `marsad import {out}`.")


template_app = typer.Typer(help="Templates to fill in: `marsad template xlsx`.", no_args_is_help=True)
template_app.command("xlsx")(xlsx)
