"""A session's entries read as they come, for the live room: those after an id, how many, the
last one's id, and one by the message id a phone sent it with (the session store's columns)."""

from __future__ import annotations

import sqlite3

from lp_coach.study.records import SessionEntry
from lp_coach.study.store import ENTRIES


def entries_after(conn: sqlite3.Connection, session_id: int, after: int) -> list[SessionEntry]:
    """What was said in a session after the entry `after` (an id), in order."""
    rows = conn.execute(
        f"{ENTRIES} WHERE session_id = ? AND id > ? ORDER BY id", (session_id, after)
    )
    return [SessionEntry(**dict(row)) for row in rows]


def entry_count(conn: sqlite3.Connection, session_id: int) -> int:
    """How many entries a session holds."""
    row = conn.execute("SELECT count(*) FROM session_entries WHERE session_id = ?", (session_id,))
    return int(row.fetchone()[0])


def last_entry_id(conn: sqlite3.Connection, session_id: int) -> int:
    """The id of a session's last entry, 0 when it has none."""
    row = conn.execute(
        "SELECT COALESCE(MAX(id), 0) FROM session_entries WHERE session_id = ?", (session_id,)
    )
    return int(row.fetchone()[0])


def entry_by_message(
    conn: sqlite3.Connection, session_id: int, source: str, message: str
) -> SessionEntry | None:
    """The entry `source` sent as its message `message` (a phone's answer sent again), or None."""
    row = conn.execute(
        f"{ENTRIES} WHERE session_id = ? AND source = ? AND message_id = ?",
        (session_id, source, message),
    ).fetchone()
    return None if row is None else SessionEntry(**dict(row))
