"""The `marsad` command: every sub-command is declared here once, with its help text."""

from __future__ import annotations

import typer

from marsad.cli import (
    acled_commands,
    check_command,
    compare_command,
    data_commands,
    db_commands,
    extract_commands,
    intake_commands,
    mapping_commands,
    place_commands,
    report_commands,
    series_commands,
    serve_command,
    source_commands,
    template_commands,
    user_commands,
)
from marsad.cli.context import defaults_to

app = typer.Typer(
    help="Marsad: keep a fully-sourced incident dataset, and publish its map and monthly report.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
db_app = typer.Typer(help="The database schema (Alembic migrations).", no_args_is_help=True)
places_app = typer.Typer(help="The gazetteer: places, their spellings, districts and regions.", no_args_is_help=True)

app.command("init")(db_commands.init)
db_app.command("upgrade")(db_commands.db_upgrade)
db_app.command("current")(db_commands.db_current)
app.add_typer(db_app, name="db")
app.command("backup")(db_commands.backup_command)
app.command("restore")(db_commands.restore_command)
import_app = typer.Typer(
    cls=defaults_to("file"),
    help="Import incidents: `marsad import FILE` (CSV, XLSX, JSON, GeoJSON, ACLED or UCDP GED layouts), "
    "or `marsad import acled --since …` through ACLED's API.",
    no_args_is_help=True,
)
import_app.command("file")(data_commands.import_command)
import_app.command("acled")(acled_commands.acled_import)
app.add_typer(import_app, name="import")
app.command("export")(data_commands.export_command)
app.command("compare")(compare_command.compare_command)
app.command("demo")(data_commands.demo_command)
app.command("summary")(data_commands.summary_command)
app.command("check")(check_command.check_command)
app.add_typer(report_commands.report_app, name="report")
app.command("serve")(serve_command.serve)
places_app.command("search")(place_commands.search)
places_app.command("reverse")(place_commands.reverse)
app.add_typer(places_app, name="places")
app.add_typer(user_commands.users_app, name="users", no_args_is_help=True)
app.add_typer(source_commands.sources_app, name="sources")
app.add_typer(template_commands.template_app, name="template")
app.add_typer(extract_commands.extract_app, name="extract")
app.add_typer(intake_commands.intake_app, name="intake")
app.add_typer(mapping_commands.mapping_app, name="mapping")
app.add_typer(series_commands.series_app, name="series")


def main() -> None:
    app()
