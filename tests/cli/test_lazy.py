"""`marsad` imports a command's module only when that command runs, and lists every command with its own help."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import typer
from typer.main import get_command

from marsad.cli.app import COMMANDS, app
from marsad.cli.lazy import Declared, lazy_group

LOADED_BY = """
import json, sys
from typer.testing import CliRunner
from marsad.cli.app import app
CliRunner().invoke(app, sys.argv[1:])
print(json.dumps(sorted(name for name in sys.modules if name.startswith("marsad."))))
"""


def modules_loaded_by(*args: str) -> set[str]:
    """The marsad modules a fresh process holds after running `marsad ARGS`."""
    shown = subprocess.run([sys.executable, "-c", LOADED_BY, *args], capture_output=True, text=True, check=True)
    return set(json.loads(shown.stdout))


def test_the_listing_imports_no_command() -> None:
    loaded = modules_loaded_by("--help")
    assert {"marsad.cli.app", "marsad.cli.lazy"} <= loaded
    assert not {name for name in loaded if name.startswith(("marsad.services", "marsad.storage", "marsad.web"))}
    assert not {d.module for d in COMMANDS.values()} & loaded


def test_a_command_imports_its_own_module_only() -> None:
    loaded = modules_loaded_by("places", "--help")
    assert "marsad.cli.place_commands" in loaded
    assert not {"marsad.cli.report_commands", "marsad.cli.serve_command", "marsad.web.app"} & loaded


@pytest.mark.parametrize("name", list(COMMANDS))
def test_the_listing_says_what_the_command_itself_says(name: str) -> None:
    group = get_command(app)
    listed = group.get_command(None, name)  # type: ignore[arg-type]
    assert listed is not None and listed.help
    assert listed.help == group.loaded(name).help  # type: ignore[attr-defined]


COUNTED = ("confirmed", "fair")
computed_app = typer.Typer(help=f"Counts {' and '.join(COUNTED)} incidents.")  # a help the source does not spell
computed_app.command("run")(lambda: None)


def test_a_help_made_at_run_time_is_listed_from_the_loaded_command() -> None:
    group = lazy_group({"computed": Declared("tests.cli.test_lazy:computed_app")})(name="marsad")
    assert Declared("tests.cli.test_lazy:computed_app").help is None
    listed = group.get_command(None, "computed")  # type: ignore[arg-type]
    assert listed is not None and listed.help == "Counts confirmed and fair incidents."
