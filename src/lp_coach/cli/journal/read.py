"""`lp-coach journal list`, `search`, `show` and `stats`: reading the journal."""

# No `from __future__ import annotations` in Typer modules: Typer would have to eval
# every annotation string on each start-up. Heavy imports stay inside the functions.
from typing import Annotated

import typer

from lp_coach.cli import list_cmd, search_cmd
from lp_coach.cli.options import (
    BestOption,
    EntryId,
    JsonOption,
    PrincipleOption,
    QueryArgument,
    SinceOption,
    UntilOption,
)
from lp_coach.cli.settings import SETTINGS


def list_(
    principles: PrincipleOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    number: Annotated[
        int | None, typer.Option("-n", metavar="N", help="Only the latest N entries.")
    ] = None,
    starred: Annotated[bool, typer.Option("--starred", help="Only starred entries.")] = False,
    as_json: JsonOption = False,
) -> None:
    """List entries, oldest first.

    Example:  lp-coach journal list -p earn-trust --since "last month" -n 10
    """
    list_cmd.list_entries(principles or (), since, until, starred, number, as_json)


def search(
    query: QueryArgument,
    principles: PrincipleOption = None,
    number: BestOption = search_cmd.BEST,
    as_json: JsonOption = False,
) -> None:
    """Search the journal: best matches first, the matched words highlighted.

    Case and accents do not matter ('cafe' finds 'Café').

    Example:  lp-coach journal search budget "held my tongue" meet*
    """
    code = search_cmd.search(query, principles or [], number, as_json)
    if code:
        raise typer.Exit(code)


def show(entry_id: EntryId, as_json: JsonOption = False) -> None:
    """Show one entry in full.

    Example:  lp-coach journal show 12
    """
    from lp_coach.cli import output
    from lp_coach.journal import service

    entry = service.show(entry_id)
    if as_json:
        output.print_json(entry.to_dict(full=True))
        return
    from lp_coach.cli.faces.journal import Printer, print_entries

    print_entries([entry], Printer(output.on_terminal()))


def stats(as_json: JsonOption = False) -> None:
    """Streaks, entries per principle as bars, and a calendar of the last year.

    Example:  lp-coach journal stats
    """
    from lp_coach.cli import output
    from lp_coach.journal import service

    counted, heat, titles = service.stats(detail=not as_json, packs=SETTINGS.principles)
    if as_json:
        output.print_json(
            {
                "entries": counted.entries,
                "days": counted.days,
                "current_streak": counted.current_streak,
                "longest_streak": counted.longest_streak,
                "principles": counted.per_principle,
                "untagged": counted.untagged,
            }
        )
        return
    from lp_coach.cli.faces.journal import Printer, print_stats

    assert heat is not None
    print_stats(counted, heat, titles, Printer(output.on_terminal()))
