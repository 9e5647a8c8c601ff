"""Writing to the store: one transaction at a time (the day's backup first), and the time
as stored."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager

from lp_coach import clock

_PATIENT: dict[int, tuple[sqlite3.Connection, float]] = {}
"""Connections that wait for another command's write lock, and for how long (seconds)."""
PATIENT_BUSY_MS = 50
"""How long each attempt of a patient connection waits inside SQLite (short, so that Ctrl-C and
another command's pause between batches are seen)."""


def wait_for_lock(conn: sqlite3.Connection, seconds: float) -> None:
    """Let `conn` wait up to `seconds` for a write lock held by another command, instead of
    failing with "database is locked" after the usual timeout (a live session, the room)."""
    conn.execute(f"PRAGMA busy_timeout = {PATIENT_BUSY_MS}")
    _PATIENT[id(conn)] = (conn, seconds)


def forget(conn: sqlite3.Connection) -> None:
    """Stop treating `conn` as patient (before it is closed)."""
    _PATIENT.pop(id(conn), None)


def _begin(conn: sqlite3.Connection) -> None:
    """BEGIN IMMEDIATE, tried again while another command holds the lock (when `conn` may wait).

    Nothing has been written when BEGIN fails, so trying again can never write twice.
    """
    patient = _PATIENT.get(id(conn))
    seconds = patient[1] if patient is not None and patient[0] is conn else 0.0
    deadline = time.monotonic() + seconds
    while True:
        try:
            conn.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as exc:
            name = getattr(exc, "sqlite_errorname", "") or ""
            if not name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
                raise
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.01)


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One atomic write: everything inside commits together or not at all."""
    from lp_coach.store.backups import daily

    daily(conn)  # the first write of the day backs the store up first
    _begin(conn)
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def now() -> str:
    """The current time as stored (clock.stamp): ISO 8601 in UTC to the second, with a Z."""
    return clock.stamp(clock.now())
