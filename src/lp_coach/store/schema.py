"""Bringing a store's schema up to date: apply the migrations it has not had, in order."""

from __future__ import annotations

import sqlite3

from lp_coach import clock
from lp_coach.store.migrations import MIGRATIONS


def migrate(conn: sqlite3.Connection) -> None:
    """Apply every migration not yet recorded, each in its own transaction."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied TEXT NOT NULL)"
    )
    done = {row[0] for row in conn.execute("SELECT name FROM migrations")}
    for name, fn in MIGRATIONS:
        if name in done:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            if conn.execute("SELECT 1 FROM migrations WHERE name = ?", (name,)).fetchone():
                conn.execute("ROLLBACK")  # another process got there first
                continue
            fn(conn)
            conn.execute(
                "INSERT INTO migrations (name, applied) VALUES (?, ?)",
                (name, clock.stamp(clock.now())),
            )
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")


def pending(conn: sqlite3.Connection) -> list[str]:
    """The migrations not yet applied to a store that has some (none for a new store)."""
    if not conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'"
    ).fetchone():
        return []
    done = {row[0] for row in conn.execute("SELECT name FROM migrations")}
    return [name for name, _ in MIGRATIONS if name not in done]
