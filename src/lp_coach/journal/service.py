"""What the `journal` commands that read ask of the core: one call each (writes: write_service).

`journal search` imports this module on every run: the records are NamedTuples and every
other import waits inside the function that needs it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TextIO

from lp_coach import clock

if TYPE_CHECKING:
    from lp_coach.content.model import Library
    from lp_coach.journal.entries import Entry
    from lp_coach.journal.export import Exported
    from lp_coach.journal.listing import Filter
    from lp_coach.journal.prompts import Prompt
    from lp_coach.journal.search import Results
    from lp_coach.journal.stats import Heatmap, Stats

Packs = Sequence[Path]
"""Principle directories laid over the built-in pack (the --principles option)."""


class Wanted(NamedTuple):
    """Which entries a listing or an export asks for, as typed."""

    principles: Sequence[str] = ()
    """By id, title or prefix."""
    since: str | None = None
    until: str | None = None
    starred: bool = False
    last: int | None = None
    """Only the latest `last`."""


class Listed(NamedTuple):
    """Entries as a stream, and whether a filter narrowed them."""

    entries: Iterator[Entry]
    narrowed: bool


class Found(NamedTuple):
    """Search results and, when nothing matched, words in the journal close to the query."""

    results: Results
    suggestions: list[str]
    prefix: str = ""
    """When nothing matched: the query with its last word as a prefix, if that finds some."""


class Counted(NamedTuple):
    """The journal in numbers; with `detail`, its calendar and the principles' titles."""

    stats: Stats
    heat: Heatmap | None = None
    titles: dict[str, str] = {}


def show(entry_id: int) -> Entry:
    """Entry `entry_id`, or NotFound."""
    from contextlib import closing

    from lp_coach.journal import store
    from lp_coach.store.db import connect

    with closing(connect()) as conn:
        return store.get(conn, entry_id)


def todays_prompt(principles: Sequence[str] = (), packs: Packs = ()) -> Prompt:
    """Today's prompt: a principle a day in turn, or the first of `principles`."""
    return prompt_for_day(LazyLibrary(packs)(), principles, clock.today())


def list_entries(wanted: Wanted = Wanted(), packs: Packs = ()) -> Listed:
    """The entries asked for, oldest first, read one at a time (the filter is checked at once)."""
    from lp_coach.journal.listing import Filter

    which = entry_filter(wanted, packs)
    return Listed(_stream(which), which != Filter())


def search(
    query: str,
    principles: Sequence[str] = (),
    limit: int = 20,
    count: bool = True,
    packs: Packs = (),
) -> Found:
    """The best `limit` matches for `query` (0: all), with the total when `count`."""
    from contextlib import closing

    from lp_coach.journal.search import search as find
    from lp_coach.journal.search import suggestions
    from lp_coach.store.db import connect

    which = entry_filter(Wanted(principles), packs)
    with closing(connect()) as conn:
        results = find(conn, query, limit=max(limit, 0), which=which, count=count)
        if results.hits:
            return Found(results, [])
        close = suggestions(conn, query)
        words = query.split()
        if close or "*" in query or not words or not words[-1].isalnum():
            return Found(results, close)
        wider = " ".join([*words[:-1], f"{words[-1]}*"])
        more = find(conn, wider, limit=1, which=which, count=False).hits
    return Found(results, close, wider if more else "")


def stats(detail: bool = True, packs: Packs = ()) -> Counted:
    """Streaks and counts; with `detail`, a calendar of the last year and principle titles."""
    from contextlib import closing

    from lp_coach.journal.stats import heatmap, journal_stats
    from lp_coach.store.db import connect

    with closing(connect()) as conn:
        counted = journal_stats(conn)
    if not detail:
        return Counted(counted)
    titles = LazyLibrary(packs)().titles()
    return Counted(counted, heatmap(counted.by_day, clock.today()), titles)


def export(
    fmt: str,
    out: str | Path | None,
    stdout: TextIO,
    wanted: Wanted = Wanted(),
    packs: Packs = (),
) -> Exported:
    """Export the entries asked for as `fmt` to `out` (None: `stdout`; as typed, a trailing
    slash says a folder), streaming."""
    from contextlib import closing

    from lp_coach.journal.export import export as write
    from lp_coach.store.db import connect

    which = entry_filter(wanted, packs)
    titles = LazyLibrary(packs)().titles() if fmt == "html" else {}
    with closing(connect()) as conn:
        return write(conn, fmt, out, stdout, titles=titles, which=which)


def entry_filter(wanted: Wanted, packs: Packs = ()) -> Filter:
    """The filter `wanted` asks for: principles found by id, title or prefix, dates read."""
    from lp_coach.journal.listing import Filter

    ids: tuple[str, ...] = ()
    if wanted.principles:
        ids = LazyLibrary(packs)().resolve(wanted.principles)
    first = final = None
    if wanted.since or wanted.until:
        from lp_coach.dates import parse_day

        since, until = wanted.since, wanted.until
        first = parse_day(since, option="--since") if since else None
        final = parse_day(until, option="--until") if until else None
    return Filter(ids, first, final, wanted.starred, wanted.last)


class LazyLibrary:
    """The packs' library, opened the first time it is asked for (most writes never need it)."""

    def __init__(self, packs: Packs) -> None:
        self.packs = packs
        self.opened: Library | None = None

    def __call__(self) -> Library:
        if self.opened is None:
            from lp_coach.content.library import open_library

            self.opened = open_library(self.packs)
        return self.opened


def _stream(which: Filter) -> Iterator[Entry]:
    from contextlib import closing

    from lp_coach.journal.listing import entries
    from lp_coach.store.db import connect

    with closing(connect()) as conn:
        yield from entries(conn, which)


def prompt_for_day(library: Library, principles: Sequence[str], day: date) -> Prompt:
    """The prompt for `day`: of the first of `principles` when given, else the day's own; one
    that assumes faith is skipped when the config says secular."""
    from lp_coach.config import secular_default
    from lp_coach.content.lookup import find_principle
    from lp_coach.journal.prompts import prompt_for

    if secular_default(False):
        from lp_coach.content.audience import SECULAR, library_for

        library = library_for(library, SECULAR)
    chosen = find_principle(library, principles[0]) if principles else None
    return prompt_for(library, day, chosen)
