"""Schema migrations: ordered functions, each applied once and recorded by name."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: list[tuple[str, Migration]] = []


def migration(fn: Migration) -> Migration:
    """Register `fn` as the next migration (order of definition is order of application)."""
    MIGRATIONS.append((fn.__name__, fn))
    return fn


def run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run `;`-separated statements inside the current transaction (executescript would commit)."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            conn.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError(f"incomplete SQL statement: {statement.strip()[:60]}")


@migration
def m001_study_sessions(conn: sqlite3.Connection) -> None:
    run_script(
        conn,
        """
        CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            principle_id TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('in_progress', 'finished')),
            started TEXT NOT NULL,
            finished TEXT,
            options TEXT NOT NULL,       -- JSON: how the session was asked for
            state TEXT NOT NULL,         -- JSON: where it stands (step, turn, timers)
            notes_path TEXT
        );
        CREATE TABLE session_entries (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            step TEXT NOT NULL,          -- the agenda step it was said in, e.g. 'discussion-2'
            kind TEXT NOT NULL,          -- answer, note, action, prayer, attendance
            person TEXT,                 -- who said it; NULL when solo or unattributed
            text TEXT NOT NULL,
            created TEXT NOT NULL
        );
        CREATE INDEX session_entries_by_session ON session_entries(session_id, id);
        CREATE TABLE plan (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            start TEXT NOT NULL,         -- ISO date of the first meeting
            every_days INTEGER NOT NULL, -- 7 or 14
            principles TEXT NOT NULL     -- JSON list of principle ids, in order
        );
        """,
    )


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
                "INSERT INTO migrations (name, applied) VALUES (?, datetime('now'))", (name,)
            )
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
