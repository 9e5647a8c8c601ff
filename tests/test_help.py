"""Every command has help with an example, and the README documents every principles command."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest
import typer
from conftest import Invoke
from typer.main import get_command

from lp_coach.cli.app import GROUPS, app


def command_paths() -> list[list[str]]:
    """Every command and group, lazy ones included, as argument lists."""
    root = get_command(app)
    paths: list[list[str]] = [[]]

    def walk(command: Any, prefix: list[str]) -> None:
        if not hasattr(command, "list_commands"):
            return
        ctx = typer.Context(command)
        for name in command.list_commands(ctx):
            paths.append([*prefix, name])
            walk(command.get_command(ctx, name), [*prefix, name])

    walk(root, [])
    return paths


@pytest.mark.parametrize("name", list(GROUPS))
def test_lazy_groups_list_the_help_their_module_gives(name: str) -> None:
    module, short = GROUPS[name]
    sub = importlib.import_module(module).app
    assert sub.info.help.splitlines()[0] == short


@pytest.mark.parametrize("path", command_paths(), ids=lambda p: " ".join(p) or "lp-coach")
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_every_command_has_help_with_an_example(cli: Invoke, path: list[str], flag: str) -> None:
    result = cli(*path, flag)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Usage: lp-coach")
    assert "Example:" in result.stdout
    assert "lp-coach " in result.stdout.split("Example:", 1)[1]


def test_readme_documents_every_command() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    for path in command_paths():
        if len(path) == 2:
            assert f"lp-coach {' '.join(path)}" in readme, path


def test_no_arguments_shows_help(cli: Invoke) -> None:
    result = cli()
    assert "Usage: lp-coach" in result.output
    assert "principles" in result.output
