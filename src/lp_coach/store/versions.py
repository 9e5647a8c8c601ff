"""The schema version a store was written with, and refusing a store from a newer lp-coach.

The schema version is the number of migrations applied (SQLite's user_version); the lp-coach
version that last wrote it is kept in `store_meta`. A store with migrations this lp-coach does
not know is refused before anything in it is touched.
"""

from __future__ import annotations

import sqlite3

from lp_coach import __version__
from lp_coach.errors import StoreError
from lp_coach.store.migrations import MIGRATIONS


class NewerStore(StoreError):
    """The store was written by a newer lp-coach than this one."""


def schema_version() -> int:
    """The schema this lp-coach writes: how many migrations it knows."""
    return len(MIGRATIONS)


def refuse_newer(conn: sqlite3.Connection, where: object) -> None:
    """Raise NewerStore when the store at `where` holds a schema this lp-coach does not know."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    unknown = _unknown_migrations(conn)
    if version <= schema_version() and not unknown:
        return
    writer = _meta(conn, "written_by") or "a newer version"
    raise NewerStore(
        f"the store {where} was written by lp-coach {writer} (schema {max(version, 1)}); "
        f"this is lp-coach {__version__} (schema {schema_version()}): "
        "upgrade lp-coach to use it (pip install -U lp-coach)"
    )


def record(conn: sqlite3.Connection) -> None:
    """Note this lp-coach's schema and version in the store, when they are not there yet."""
    if conn.execute("PRAGMA user_version").fetchone()[0] != schema_version():
        conn.execute(f"PRAGMA user_version = {schema_version()}")
    if _has_meta(conn) and _meta(conn, "written_by") != __version__:
        conn.execute(
            "INSERT INTO store_meta (name, value) VALUES ('written_by', ?) "
            "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            (__version__,),
        )


def _unknown_migrations(conn: sqlite3.Connection) -> list[str]:
    if not conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'"
    ).fetchone():
        return []
    known = {name for name, _ in MIGRATIONS}
    return [row[0] for row in conn.execute("SELECT name FROM migrations") if row[0] not in known]


def _has_meta(conn: sqlite3.Connection) -> bool:
    return bool(
        conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'store_meta'"
        ).fetchone()
    )


def _meta(conn: sqlite3.Connection, name: str) -> str | None:
    if not _has_meta(conn):
        return None
    row = conn.execute("SELECT value FROM store_meta WHERE name = ?", (name,)).fetchone()
    return None if row is None else str(row[0])
