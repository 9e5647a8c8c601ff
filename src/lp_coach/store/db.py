"""Open the SQLite database: created on first use, WAL, migrated, readable by its owner alone."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from lp_coach import clock
from lp_coach.errors import StoreError, describe_db_error, describe_os_error
from lp_coach.paths import db_path, ensure_private_dir
from lp_coach.store.migrations import migrate


def connect(path: Path | None = None, *, shared: bool = False) -> sqlite3.Connection:
    """Open (creating and migrating if needed) the database, or raise StoreError.

    `shared`: the connection may be used from other threads (the caller serialises use).
    """
    path = path or db_path()
    ensure_private_dir(path.parent)
    try:
        if not path.exists():
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    except OSError as exc:
        raise StoreError(describe_os_error(exc, "create", path)) from None
    try:
        conn = sqlite3.connect(path, timeout=10, isolation_level=None, check_same_thread=not shared)
    except sqlite3.Error as exc:
        raise StoreError(describe_db_error(exc, path)) from None
    conn.row_factory = sqlite3.Row
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA synchronous=NORMAL")
        migrate(conn)
    except sqlite3.Error as exc:
        conn.close()
        reader = _reader(path, exc, shared)
        if reader is not None:
            return reader
        raise StoreError(describe_db_error(exc, path)) from None
    return conn


def _reader(path: Path, exc: sqlite3.Error, shared: bool) -> sqlite3.Connection | None:
    """A read-only connection when the database could not be opened for writing only
    because its folder is read-only or its disk full, and it needs no migration: reading
    commands still work, and a write fails then with its own message. Else None."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    if not name.startswith(("SQLITE_CANTOPEN", "SQLITE_READONLY", "SQLITE_IOERR", "SQLITE_FULL")):
        return None
    from urllib.parse import quote

    from lp_coach.store.migrations import MIGRATIONS

    base = f"file:{quote(str(path.absolute()))}?mode=ro"
    # immutable: the -shm file a WAL database is read through cannot be made here
    for uri in (base, base + "&immutable=1"):
        try:
            conn = sqlite3.connect(uri, uri=True, timeout=10, check_same_thread=not shared)
        except sqlite3.Error:
            continue
        try:
            done = {row[0] for row in conn.execute("SELECT name FROM migrations")}
        except sqlite3.Error:
            conn.close()
            continue
        if not {n for n, _ in MIGRATIONS} <= done:
            conn.close()
            return None
        conn.isolation_level = None
        conn.row_factory = sqlite3.Row
        return conn
    return None


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
    _begin(conn)
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def now() -> str:
    """The current time as stored: ISO 8601, local time with its offset, to the second."""
    return clock.stamp(clock.now())
