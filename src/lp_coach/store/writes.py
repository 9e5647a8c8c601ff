"""Writing to the store: one transaction at a time (the day's backup first), and the time
as stored."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from lp_coach import clock


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One atomic write: everything inside commits together or not at all."""
    from lp_coach.store.backups import daily

    daily(conn)  # the first write of the day backs the store up first
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def now() -> str:
    """The current time as stored: ISO 8601, local time with its offset, to the second."""
    return clock.stamp(clock.now())
