"""The `marsad` command: every sub-command is declared here once, by where it lives; its help is its module's.

Each command's module is imported only when that command runs (``lazy``): `marsad import` starts without the
report, the site or the extraction behind the other commands.
"""

from __future__ import annotations

import typer

from marsad.cli.lazy import Declared, lazy_group

COMMANDS = {
    "init": Declared("marsad.cli.db_commands:init"),
    "backup": Declared("marsad.cli.db_commands:backup_command"),
    "restore": Declared("marsad.cli.db_commands:restore_command"),
    "export": Declared("marsad.cli.data_commands:export_command"),
    "compare": Declared("marsad.cli.compare_command:compare_command"),
    "demo": Declared("marsad.cli.data_commands:demo_command"),
    "summary": Declared("marsad.cli.data_commands:summary_command"),
    "check": Declared("marsad.cli.check_command:check_command"),
    "serve": Declared("marsad.cli.serve_command:serve"),
    "db": Declared("marsad.cli.db_commands:db_app"),
    "import": Declared("marsad.cli.import_commands:import_app"),
    "report": Declared("marsad.cli.report_commands:report_app"),
    "places": Declared("marsad.cli.place_commands:places_app"),
    "users": Declared("marsad.cli.user_commands:users_app"),
    "sources": Declared("marsad.cli.source_commands:sources_app"),
    "template": Declared("marsad.cli.template_commands:template_app"),
    "extract": Declared("marsad.cli.extract_commands:extract_app"),
    "intake": Declared("marsad.cli.intake_commands:intake_app"),
    "mapping": Declared("marsad.cli.mapping_commands:mapping_app"),
    "series": Declared("marsad.cli.series_commands:series_app"),
}
app = typer.Typer(
    cls=lazy_group(COMMANDS),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)


@app.callback()
def marsad() -> None:
    """Marsad: keep a fully-sourced incident dataset, and publish its map and monthly report."""


def main() -> None:
    app()
