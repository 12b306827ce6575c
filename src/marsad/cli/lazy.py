"""Command groups that import a command's module only when that command runs.

`marsad import FILE` should not pay for the report's charts, the web app and the extraction models (every
module imported up front made each command start in 1.1 s). A command is declared by its name and
'module:attribute'; `marsad --help` lists it with the help its module declares, read from the module's source
(a docstring or a ``typer.Typer(help=…)``) without importing it.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, ClassVar

import typer
from typer import _click as click  # the click that Typer vendors, whose types its groups take
from typer.core import TyperCommand, TyperGroup


@dataclass(frozen=True)
class Declared:
    """A command by where it is: ``target`` is 'module:attribute', a command function or a ``typer.Typer``."""

    target: str

    @property
    def module(self) -> str:
        return self.target.partition(":")[0]

    @property
    def attribute(self) -> str:
        return self.target.partition(":")[2]

    def load(self, name: str) -> click.Command:
        """The command itself, its module imported."""
        found = getattr(importlib.import_module(self.module), self.attribute)
        command: click.Command
        if isinstance(found, typer.Typer):
            command = typer.main.get_group(found)
        else:
            single = typer.Typer()
            single.command(name)(found)
            command = typer.main.get_command(single)
        command.name = name
        return command

    @cached_property
    def help(self) -> str | None:
        """The help the module declares for the attribute, found in its source; None where it is not a literal."""
        spec = importlib.util.find_spec(self.module)
        if spec is None or spec.origin is None:
            return None
        tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and node.name == self.attribute:
                return ast.get_docstring(node)
            if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == self.attribute for t in node.targets
            ):
                return _help_keyword(node.value)
        return None


def _help_keyword(value: ast.expr) -> str | None:
    if isinstance(value, ast.Call):
        for keyword in value.keywords:
            if keyword.arg == "help" and isinstance(keyword.value, ast.Constant):
                return str(keyword.value.value)
    return None


class DefaultingGroup(TyperGroup):
    """A command group whose unknown first word is an argument of its ``default`` command: `marsad report
    2023-11` is `marsad report generate 2023-11`, `marsad import file.csv` is `marsad import file file.csv`."""

    default: ClassVar[str | None] = None

    def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
        if self.default and args and args[0] not in self.list_commands(ctx) and not args[0].startswith("-"):
            return self.default, self.get_command(ctx, self.default), args
        return super().resolve_command(ctx, args)


def defaults_to(command: str) -> type[TyperGroup]:
    """A ``DefaultingGroup`` whose default is ``command``."""
    return type("DefaultsTo", (DefaultingGroup,), {"default": command})


def lazy_group(declared: Mapping[str, Declared], default: str | None = None) -> type[TyperGroup]:
    """A group of the ``declared`` commands, each imported when it runs or its own help is asked for (a
    ``default`` as in ``DefaultingGroup``)."""

    class LazyGroup(DefaultingGroup):
        def list_commands(self, ctx: click.Context) -> list[str]:
            return [*declared, *(name for name in self.commands if name not in declared)]

        def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
            """The loaded command, or a stand-in with its help for listings (``resolve_command`` loads)."""
            if cmd_name in self.commands or cmd_name not in declared:
                return super().get_command(ctx, cmd_name)
            help_text = declared[cmd_name].help
            if help_text is None:
                return self.loaded(cmd_name)
            return TyperCommand(cmd_name, help=help_text)

        def loaded(self, cmd_name: str) -> click.Command:
            """The command ``cmd_name`` itself, its module imported once."""
            if cmd_name not in self.commands:
                self.commands[cmd_name] = declared[cmd_name].load(cmd_name)
            return self.commands[cmd_name]

        def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
            name, command, rest = super().resolve_command(ctx, args)
            return name, self.loaded(name) if name in declared else command, rest

    LazyGroup.default = default
    return LazyGroup
