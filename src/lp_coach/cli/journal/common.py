"""What the `lp-coach journal` commands share: the entry id, the library, the entry filter."""

# No `from __future__ import annotations` in Typer modules: Typer would have to eval
# every annotation string on each start-up. Heavy imports stay inside the functions.
from typing import TYPE_CHECKING, Annotated

import typer

from lp_coach.cli.settings import SETTINGS

if TYPE_CHECKING:
    from lp_coach.content.model import Library
    from lp_coach.journal.listing import Filter

EntryId = Annotated[int, typer.Argument(metavar="ID", help="The entry's number.")]


def load_library() -> "Library":
    """The principles of the built-in pack and the user's packs."""
    from lp_coach.content.library import open_library

    return open_library(SETTINGS.principles)


def entry_filter(
    principles: list[str] | None,
    since: str | None,
    until: str | None,
    starred: bool,
    last: int | None,
) -> "Filter":
    """The entries the filter options ask for (principles checked, dates read)."""
    from lp_coach.journal.listing import Filter

    ids: tuple[str, ...] = ()
    if principles:
        from lp_coach.content.lookup import find_principle

        library = load_library()
        ids = tuple(find_principle(library, typed).id for typed in principles)
    first = final = None
    if since or until:
        from lp_coach.journal.dates import parse_day

        first = parse_day(since, option="--since") if since else None
        final = parse_day(until, option="--until") if until else None
    return Filter(principles=ids, since=first, until=final, starred=starred, last=last)
