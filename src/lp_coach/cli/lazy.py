"""Command groups imported and built on first use, so `lp-coach --help` stays fast.

Typer builds every command of every group at start-up; each group added costs every
invocation. A lazy group is named here with its module and one-line help, and is only
imported when it is run (or asked for its own help).
"""

# No `from __future__ import annotations`: this module is on the start-up path of Typer.
import importlib
from typing import Any

import typer
import typer.main
from typer.core import TyperGroup

LazySpec = tuple[str, str]
"""(module holding a Typer `app`, one-line help shown in the parent's command list)"""


def lazy_group(groups: dict[str, LazySpec]) -> type[TyperGroup]:
    """A TyperGroup class whose `groups` load on demand, listed after the eager commands."""

    class LazyGroup(TyperGroup):
        lazy = groups

        def list_commands(self, ctx: Any) -> list[str]:
            return [*super().list_commands(ctx), *(n for n in self.lazy if n not in self.commands)]

        def get_command(self, ctx: Any, cmd_name: str) -> Any:
            if cmd_name in self.lazy and cmd_name not in self.commands:
                self.commands[cmd_name] = load(cmd_name, self.lazy[cmd_name][0])
            return super().get_command(ctx, cmd_name)

        def format_commands(self, ctx: Any, formatter: Any) -> None:
            names = self.list_commands(ctx)
            limit = formatter.width - 6 - max(len(n) for n in names)
            rows = []
            for name in names:
                if name in self.commands:
                    command = self.commands[name]
                    if command.hidden:
                        continue
                    rows.append((name, command.get_short_help_str(limit)))
                else:
                    rows.append((name, self.lazy[name][1]))
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    return LazyGroup


def lazy_commands(commands: dict[str, tuple[str, str]]) -> type[TyperGroup]:
    """A TyperGroup class whose commands (module, function name) are built when run.

    Listing them (`--help`) builds them all, as click does; running one builds only it.
    """

    class LazyCommands(TyperGroup):
        lazy = commands

        def list_commands(self, ctx: Any) -> list[str]:
            return [*super().list_commands(ctx), *(n for n in self.lazy if n not in self.commands)]

        def get_command(self, ctx: Any, cmd_name: str) -> Any:
            if cmd_name in self.lazy and cmd_name not in self.commands:
                module, function = self.lazy[cmd_name]
                single = typer.Typer(rich_markup_mode=None, add_completion=False)
                single.command(cmd_name)(getattr(importlib.import_module(module), function))
                command = typer.main.get_command(single)
                command.name = cmd_name
                self.commands[cmd_name] = command
            return super().get_command(ctx, cmd_name)

    return LazyCommands


def load(name: str, module: str) -> Any:
    """Build the click command of the Typer `app` in `module`, named `name`."""
    app: typer.Typer = importlib.import_module(module).app
    command = typer.main.get_command(app)
    command.name = name
    return command
