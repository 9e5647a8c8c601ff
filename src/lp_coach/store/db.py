"""Open the SQLite database: created on first use, WAL, migrated, readable by its owner alone."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from shlex import quote
from typing import TypeVar

from lp_coach.errors import StoreError, describe_db_error, describe_os_error
from lp_coach.paths import db_path, ensure_private_dir
from lp_coach.store import engine
from lp_coach.store.schema import migrate, pending
from lp_coach.store.writes import now, transaction

__all__ = ["connect", "db_path", "delete_confirmed", "describe", "now", "transaction"]

Item = TypeVar("Item")


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
        raise StoreError(describe(exc, path)) from None
    try:
        _prepare(conn, path)
    except engine.Error as exc:
        conn.close()
        reader = None if engine.key_of(conn) else _reader(path, exc, shared)  # type: ignore[arg-type]
        if reader is not None:
            return reader
        raise StoreError(describe(exc, path)) from None
    except BaseException:
        conn.close()
        raise
    return conn


def _prepare(conn: sqlite3.Connection, path: Path) -> None:
    """Settings, the version check, migrations (after a backup), sealed entries taken in."""
    from lp_coach.store import versions

    versions.refuse_newer(conn, path)  # before anything, even the journal mode, is written
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA synchronous=NORMAL")
    if pending(conn):
        from lp_coach.store import backups

        backups.take(conn, path, reason="migration")
    migrate(conn)
    versions.record(conn)
    if engine.key_of(conn) is not None:
        from lp_coach.store.sealing import take_in

        take_in(conn)


def _reader(path: Path, exc: sqlite3.Error, shared: bool) -> sqlite3.Connection | None:
    """A read-only connection when the database could not be opened for writing only
    because its folder is read-only or its disk full, and it needs no migration: reading
    commands still work, and a write fails then with its own message. Else None."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    if not name.startswith(("SQLITE_CANTOPEN", "SQLITE_READONLY", "SQLITE_IOERR", "SQLITE_FULL")):
        return None
    from urllib.parse import quote

    from lp_coach.store import versions
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
        try:
            versions.refuse_newer(conn, path)
        except BaseException:
            conn.close()
            raise
        conn.isolation_level = None
        conn.row_factory = sqlite3.Row
        return conn
    return None


def describe(exc: Exception, path: Path | None = None) -> str:
    """A database error in plain words (errors.describe_db_error); a damaged store's names
    the newest good backup and the command that restores it."""
    path = path or db_path()
    name = getattr(exc, "sqlite_errorname", "") or ""
    if not name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return describe_db_error(exc, path)  # type: ignore[arg-type]
    from lp_coach.store.recovery import newest_good

    good = newest_good(path)
    if good is None:
        hint = "no backup of it was found: move it aside and lp-coach starts a new one"
    else:
        hint = (
            f"the newest good backup is {good.path.name}, taken {good.taken:%Y-%m-%d %H:%M}; "
            f"restore it with: lp-coach data restore {quote(str(good.path))}"
        )
    return describe_db_error(exc, path, hint=hint)  # type: ignore[arg-type]


def delete_confirmed(
    item_id: int,
    get: Callable[[sqlite3.Connection, int], Item],
    delete: Callable[[sqlite3.Connection, int], None],
    confirm: Callable[[Item], bool] | None = None,
) -> Item | None:
    """Delete the item `get` finds by `item_id` once `confirm` (shown the item) agrees: the
    item deleted, or None when it was kept (a journal entry, a story)."""
    with closing(connect()) as conn:
        item = get(conn, item_id)
        if confirm is not None and not confirm(item):
            return None
        delete(conn, item_id)
    return item
