"""`marsad import …`: a file of any layout Marsad reads, or ACLED's API."""

from __future__ import annotations

import typer

from marsad.cli.lazy import Declared, lazy_group

import_app = typer.Typer(
    cls=lazy_group(
        {
            "file": Declared("marsad.cli.import_file_command:import_command"),
            "acled": Declared("marsad.cli.acled_commands:acled_import"),
        },
        default="file",
    ),
    help="Import incidents: `marsad import FILE` (CSV, XLSX, JSON, GeoJSON, ACLED or UCDP GED layouts), "
    "or `marsad import acled --since …` through ACLED's API.",
    no_args_is_help=True,
)
