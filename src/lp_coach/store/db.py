"""Open the SQLite database: created on first use, WAL, migrated, readable by its owner alone."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from lp_coach.errors import StoreError
from lp_coach.paths import data_dir, ensure_private_dir
from lp_coach.store.migrations import migrate

DB_NAME = "lp-coach.db"


def db_path() -> Path:
    """Where the database lives."""
    return data_dir() / DB_NAME


def connect(path: Path | None = None, *, shared: bool = False) -> sqlite3.Connection:
    """Open (creating and migrating if needed) the database, or raise StoreError.

    `shared`: the connection may be used from other threads (the caller serialises use).
    """
    path = path or db_path()
    try:
        ensure_private_dir(path.parent)
        if not path.exists():
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        conn = sqlite3.connect(path, timeout=10, isolation_level=None, check_same_thread=not shared)
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(f"{path}: cannot open the database: {exc}") from None
    conn.row_factory = sqlite3.Row
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA synchronous=NORMAL")
        migrate(conn)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"{path}: {exc} (is it an lp-coach database?)") from None
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One atomic write: everything inside commits together or not at all."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def now() -> str:
    """The current time as stored: ISO 8601, local time with its offset, to the second."""
    return datetime.now(UTC).astimezone().isoformat(timespec="seconds")
