"""Open the SQLite database: created on first use, WAL, migrated, readable by its owner alone."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from shlex import quote

from lp_coach.errors import StoreError, describe_os_error
from lp_coach.paths import DB_NAME, db_path, ensure_private_dir
from lp_coach.store import engine
from lp_coach.store.migrations import migrate, pending
from lp_coach.store.writes import now, transaction

__all__ = ["DB_NAME", "connect", "db_path", "describe_db_error", "now", "transaction"]

FULL_BELOW = 256 * 1024
"""Free bytes under which a database that cannot be written is put down to a full disk."""


def connect(path: Path | None = None, *, shared: bool = False) -> sqlite3.Connection:
    """Open (creating and migrating if needed) the database, or raise StoreError.

    An encrypted store is opened with its key (store/keys.py); a store from a newer
    lp-coach is refused before anything in it is touched; a store about to be migrated is
    backed up first. `shared`: the connection may be used from other threads (the caller
    serialises use).
    """
    path = path or db_path()
    ensure_private_dir(path.parent)
    try:
        if not path.exists():
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    except OSError as exc:
        raise StoreError(describe_os_error(exc, "create", path)) from None
    try:
        if engine.is_encrypted(path):
            from lp_coach.store.keys import unlock

            conn: sqlite3.Connection = unlock(path, shared=shared)
        else:
            conn = engine.open_file(path, None, shared=shared)
    except engine.Error as exc:
        raise StoreError(describe_db_error(exc, path)) from None
    try:
        _prepare(conn, path)
    except engine.Error as exc:
        conn.close()
        raise StoreError(describe_db_error(exc, path)) from None
    except BaseException:
        conn.close()
        raise
    return conn


def _prepare(conn: sqlite3.Connection, path: Path) -> None:
    """Settings, the version check, migrations (after a backup), sealed entries taken in."""
    from lp_coach.store import versions

    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA synchronous=NORMAL")
    versions.refuse_newer(conn, path)
    if pending(conn):
        from lp_coach.store import backups

        backups.take(conn, path, reason="migration")
    migrate(conn)
    versions.record(conn)
    if engine.key_of(conn) is not None:
        from lp_coach.store.sealing import take_in

        take_in(conn)


def describe_db_error(exc: Exception, path: Path | None = None) -> str:
    """A database error in plain words, naming the file, with what the user can do."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    path = path or db_path()
    where = f"the database {path}"
    if name.startswith(("SQLITE_FULL", "SQLITE_IOERR")) and _nearly_full(path.parent):
        name = "SQLITE_FULL"  # SQLite says "disk I/O error" when it cannot grow its index file
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        from lp_coach.store.recovery import newest_good

        good = newest_good(path)
        if good is None:
            return (
                f"{where} is damaged: {exc} (no backup of it was found: move it aside "
                "and lp-coach starts a new one)"
            )
        return (
            f"{where} is damaged: {exc} (the newest good backup is {good.path.name}, "
            f"taken {good.taken:%Y-%m-%d %H:%M}; restore it with: "
            f"lp-coach data restore {quote(str(good.path))})"
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


def _nearly_full(folder: Path) -> bool:
    """True when the disk holding `folder` has no room left to speak of."""
    import shutil

    try:
        return shutil.disk_usage(folder).free < FULL_BELOW
    except OSError:
        return False
