"""Typer options shared by several commands, declared once."""

# No `from __future__ import annotations` in Typer modules: Typer evaluates these at start-up.
import sys
from typing import Annotated

import typer

EntryId = Annotated[int, typer.Argument(metavar="ID", help="The entry's number.")]
YesOption = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask first.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
PrincipleOption = Annotated[
    list[str] | None,
    typer.Option(
        "--principle", "-p", metavar="ID", help="A principle id, title or prefix (repeatable)."
    ),
]
SinceOption = Annotated[
    str | None,
    typer.Option("--since", metavar="DATE", help="From this day on: 2026-01-05, 'last monday'."),
]
UntilOption = Annotated[
    str | None, typer.Option("--until", metavar="DATE", help="Up to this day, included.")
]
QueryArgument = Annotated[
    list[str],
    typer.Argument(
        metavar="QUERY...",
        help='Words (all must match), "a phrase", a prefix*, OR, and NOT word to leave out.',
    ),
]
PlainOption = Annotated[bool, typer.Option("--plain", help="Plain prompts even on a terminal.")]
SecularOption = Annotated[
    bool,
    typer.Option(
        "--secular",
        help="For a team at work: no scripture, prayer or anything that assumes faith "
        "(or set secular = true in the config).",
    ),
]
NoScriptureOption = Annotated[
    bool,
    typer.Option(
        "--no-scripture",
        help="Leave out the readings, the key verse and every question that refers to them.",
    ),
]
SeedOption = Annotated[
    int | None,
    typer.Option("--seed", metavar="N", help="Make the choice and order of questions repeatable."),
]
BestOption = Annotated[
    int, typer.Option("-n", metavar="N", help="Show the best N (0: every match).")
]


def ask_to_delete(shown: str) -> bool:
    """Show what would be deleted, then ask; no (or end of input) keeps it."""
    print(shown)
    try:
        return typer.confirm("Delete it?", default=False)
    except typer.Abort:
        return False


def say_deleted(what: str, deleted: object | None) -> None:
    """'Deleted entry 12.', or, when it was kept, 'Nothing deleted.' and exit 1."""
    if deleted is None:
        print("Nothing deleted.", file=sys.stderr)
        raise typer.Exit(1)
    print(f"Deleted {what}.")
