"""`lp-coach journal`: write, read, search, import and export the reflection journal."""

# No `from __future__ import annotations` in Typer modules: Typer would have to eval
# every annotation string on each start-up. The commands live in journal_write,
# journal_read and journal_files; `journal search` is timed whole (bench/journal.py).
import typer

from lp_coach.cli.journal_files import export, import_
from lp_coach.cli.journal_read import list_, search, show, stats
from lp_coach.cli.journal_write import add, delete, edit, prompt, star

HELP = """A reflection journal tagged by principle.

Write one line, pipe text in, or (on a terminal) open $EDITOR on today's prompt. Tag an
entry with --principle or with #principle-id in its text; dates take words such as
'yesterday' or 'last monday'. Search is full-text (any case, any accents), and jrnl's
JSON export imports as it is.

Example:  lp-coach journal add "Held my tongue #earn-trust"
"""

app = typer.Typer(help=HELP, no_args_is_help=True, rich_markup_mode=None, add_completion=False)

app.command()(add)
app.command()(edit)
app.command()(delete)
app.command()(star)
app.command()(prompt)
app.command("list")(list_)
app.command()(search)
app.command()(show)
app.command()(stats)
app.command()(export)
app.command("import")(import_)
