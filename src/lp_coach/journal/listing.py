"""Entries in date order, filtered by principle, date range and star, read as a stream."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from typing import NamedTuple

from lp_coach.errors import UsageError
from lp_coach.journal.entries import ENTRY_COLUMNS, Entry, from_row

ORDER_BY = ("e.day", "coalesce(e.time, '')", "e.id")
ORDER = ", ".join(ORDER_BY)
NEWEST_FIRST = ", ".join(f"{column} DESC" for column in ORDER_BY)


class Filter(NamedTuple):
    """Which entries a listing or an export takes."""

    principles: tuple[str, ...] = ()
    """Entries tagged with any of these (none given: every entry)."""
    since: date | None = None
    until: date | None = None
    starred: bool = False
    last: int | None = None
    """Only the latest N entries (still shown oldest first)."""


def entries(conn: sqlite3.Connection, which: Filter = Filter()) -> Iterator[Entry]:
    """The entries `which` asks for, oldest first, one row at a time."""
    if which.since and which.until and which.since > which.until:
        raise UsageError(f"--since {which.since} is after --until {which.until}")
    if which.last is not None and which.last < 0:
        raise UsageError(f"-n must be 0 or more, not {which.last}")
    where, params = where_clause(which)
    sql = f"SELECT {ENTRY_COLUMNS} FROM journal_entries e {where}"
    if which.last:
        newest = sql + f" ORDER BY {NEWEST_FIRST} LIMIT ?"
        rows = conn.execute(newest, (*params, which.last)).fetchall()
        yield from (from_row(row) for row in reversed(rows))
        return
    for row in conn.execute(f"{sql} ORDER BY {ORDER}", params):
        yield from_row(row)


def where_clause(which: Filter) -> tuple[str, list[object]]:
    """A WHERE clause over `journal_entries e` for `which`, and its parameters."""
    clauses: list[str] = []
    params: list[object] = []
    if which.principles:
        marks = ", ".join("?" for _ in which.principles)
        clauses.append(
            f"e.id IN (SELECT entry_id FROM journal_tags WHERE principle_id IN ({marks}))"
        )
        params.extend(which.principles)
    if which.since:
        clauses.append("e.day >= ?")
        params.append(which.since.isoformat())
    if which.until:
        clauses.append("e.day <= ?")
        params.append(which.until.isoformat())
    if which.starred:
        clauses.append("e.starred = 1")
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), params
