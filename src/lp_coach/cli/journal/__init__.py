"""`lp-coach journal`: write, read, search, import and export the reflection journal."""

# No `from __future__ import annotations` in Typer modules: Typer would have to eval
# every annotation string on each start-up. The commands live in write,
# read and files; `journal search` is timed whole (bench/journal.py).
import typer

from lp_coach.cli.lazy import lazy_commands

WRITE, READ, FILES = (
    "lp_coach.cli.journal.write",
    "lp_coach.cli.journal.read",
    "lp_coach.cli.journal.files",
)
COMMANDS = {
    "add": (WRITE, "add"),
    "edit": (WRITE, "edit"),
    "delete": (WRITE, "delete"),
    "star": (WRITE, "star"),
    "prompt": (WRITE, "prompt"),
    "list": (READ, "list_"),
    "search": (READ, "search"),
    "show": (READ, "show"),
    "stats": (READ, "stats"),
    "export": (FILES, "export"),
    "import": (FILES, "import_"),
}
"""Built only when run, so `journal search` does not build the other ten commands."""

HELP = """A reflection journal tagged by principle.

Write one line, pipe text in, or (on a terminal) open $EDITOR on today's prompt. Tag an
entry with --principle or with #principle-id in its text; dates take words such as
'yesterday' or 'last monday'. Search is full-text (any case, any accents), and jrnl's
JSON export imports as it is.

Example:  lp-coach journal add "Held my tongue #earn-trust"
"""

app = typer.Typer(
    cls=lazy_commands(COMMANDS),
    help=HELP,
    no_args_is_help=True,
    rich_markup_mode=None,
    add_completion=False,
)


@app.callback()
def journal() -> None:
    """A reflection journal tagged by principle."""
