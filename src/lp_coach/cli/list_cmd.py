"""The body of `lp-coach journal list`, without Typer (its bare form is read most)."""

# No `from __future__ import annotations` in CLI modules; heavy imports stay in the functions.
import sys
from collections.abc import Sequence


def list_entries(
    principles: Sequence[str] = (),
    since: str | None = None,
    until: str | None = None,
    starred: bool = False,
    number: int | None = None,
    as_json: bool = False,
) -> None:
    """The entries the options ask for, oldest first: JSON, or each with its header."""
    from lp_coach.cli.settings import SETTINGS
    from lp_coach.journal import service

    wanted = service.Wanted(principles, since, until, starred, number)
    listed = service.list_entries(wanted, SETTINGS.principles)
    if as_json:
        from lp_coach.journal.export import write_json

        write_json(listed.entries, sys.stdout, full=False)
        return
    from lp_coach.cli import output
    from lp_coach.cli.faces.journal import Printer, print_entries

    if not print_entries(listed.entries, Printer(output.on_terminal())):
        nothing = 'No entries yet. Write one: lp-coach journal add "..."'
        print("No entries match." if listed.narrowed else nothing, file=sys.stderr)
