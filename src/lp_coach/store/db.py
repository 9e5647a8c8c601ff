"""Open the SQLite database: created on first use, WAL, migrated, readable by its owner alone."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from lp_coach.errors import StoreError, describe_os_error
from lp_coach.paths import data_dir, ensure_private_dir
from lp_coach.store.migrations import migrate

DB_NAME = "lp-coach.db"
FULL_BELOW = 256 * 1024
"""Free bytes under which a database that cannot be written is put down to a full disk."""


def db_path() -> Path:
    """Where the database lives."""
    return data_dir() / DB_NAME


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
        raise StoreError(describe_db_error(exc, path)) from None
    return conn


def describe_db_error(exc: sqlite3.Error, path: Path | None = None) -> str:
    """A database error in plain words, naming the file, with what the user can do."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    path = path or db_path()
    where = f"the database {path}"
    if name.startswith(("SQLITE_FULL", "SQLITE_IOERR")) and _nearly_full(path.parent):
        name = "SQLITE_FULL"  # SQLite says "disk I/O error" when it cannot grow its index file
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return (
            f"{where} is damaged: {exc} (restore it from a backup, or move it aside "
            "and lp-coach starts a new one)"
        )
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return f"{where} is locked: {exc} (another lp-coach is using it; try again when it is done)"
    if name.startswith("SQLITE_READONLY"):
        return f"{where} is read-only: {exc} (make it and its folder writable, then try again)"
    if name.startswith("SQLITE_FULL"):
        return f"disk full writing {where} (free some space and try again)"
    if name.startswith("SQLITE_CANTOPEN"):
        return f"{where} cannot be opened: {exc} (check that its folder exists and is yours)"
    if name.startswith("SQLITE_IOERR"):
        return f"{where} cannot be read or written: {exc} (is the disk full or gone?)"
    return f"{where}: {exc}"


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


def _nearly_full(folder: Path) -> bool:
    """True when the disk holding `folder` has no room left to speak of."""
    import shutil

    try:
        return shutil.disk_usage(folder).free < FULL_BELOW
    except OSError:
        return False


def now() -> str:
    """The current time as stored: ISO 8601, local time with its offset, to the second."""
    return datetime.now(UTC).astimezone().isoformat(timespec="seconds")
