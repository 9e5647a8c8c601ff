"""The session store: study sessions and everything said in them, saved as it is said."""

from __future__ import annotations

import sqlite3
from typing import Any

from lp_coach.errors import NotFound, StoreError
from lp_coach.safetext import printable, repaired
from lp_coach.store.db import now, transaction
from lp_coach.study.records import (
    GROUP,
    Options,
    SessionEntry,
    SessionRecord,
    SessionStatus,
    State,
    unknown_keys,
)


def create(conn: sqlite3.Connection, options: Options, group_id: int = 1) -> SessionRecord:
    """Start a new session in the group `group_id` and return it."""
    state = State()
    with transaction(conn):
        cursor = conn.execute(
            "INSERT INTO sessions (principle_id, status, started, options, state, group_id) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (
                options.principle_id,
                SessionStatus.IN_PROGRESS.value,
                now(),
                options.to_json(),
                state.to_json(),
                group_id,
            ),
        )
    assert cursor.lastrowid is not None
    return load(conn, cursor.lastrowid)


def load(conn: sqlite3.Connection, session_id: int) -> SessionRecord:
    """The session with this id, or NotFound."""
    row = conn.execute("SELECT * FROM sessions WHERE id = ?", (session_id,)).fetchone()
    if row is None:
        raise NotFound(f"no session {session_id} (see `lp-coach sessions list`)")
    return _record(row)


def latest(
    conn: sqlite3.Connection, status: SessionStatus | None = None, group_id: int | None = None
) -> SessionRecord | None:
    """The most recently started session (with this status, in this group), or None."""
    stored = status.value if status is not None else None
    row = conn.execute(
        "SELECT * FROM sessions WHERE (? IS NULL OR status = ?) AND (? IS NULL OR group_id = ?) "
        "ORDER BY id DESC LIMIT 1",
        (stored, stored, group_id, group_id),
    ).fetchone()
    return _record(row) if row is not None else None


def all_sessions(
    conn: sqlite3.Connection, group_id: int | None = None, unreadable: list[str] | None = None
) -> list[SessionRecord]:
    """Every session (of the group `group_id`), oldest first; one that cannot be read is
    left out, and what is wrong with it added to `unreadable` (raised, when that is None)."""
    rows = conn.execute(
        "SELECT * FROM sessions WHERE ? IS NULL OR group_id = ? ORDER BY id", (group_id, group_id)
    )
    found = []
    for row in rows:
        try:
            found.append(_record(row))
        except UnreadableSession as exc:
            if unreadable is None:
                raise
            unreadable.append(str(exc))
    return found


def save_state(conn: sqlite3.Connection, session_id: int, state: State) -> None:
    """Record where the session stands (one transaction)."""
    with transaction(conn):
        conn.execute("UPDATE sessions SET state = ? WHERE id = ?", (state.to_json(), session_id))


def add_entry(
    conn: sqlite3.Connection,
    session_id: int,
    step: str,
    kind: str,
    person: str | None,
    text: str,
    state: State | None,
    *,
    visibility: str = GROUP,
    source: str | None = None,
    message_id: str | None = None,
) -> int:
    """Save what was said and where the session now stands, together; return the entry's id.

    `state` None leaves the state alone (an entry from a phone does not move the session).
    `message_id`: the id a phone gave the message (one message is stored once).
    The text is stored decoded and without control sequences: screens and notes show it.
    """
    text = printable(repaired(text))
    with transaction(conn):
        cursor = conn.execute(
            "INSERT INTO session_entries "
            "(session_id, step, kind, person, text, created, visibility, source, message_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (session_id, step, kind, person, text, now(), visibility, source, message_id),
        )
        if state is not None:
            conn.execute(
                "UPDATE sessions SET state = ? WHERE id = ?", (state.to_json(), session_id)
            )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def save_options(conn: sqlite3.Connection, session_id: int, options: Options) -> None:
    """Record how the session is run now (the leader notes, a room opened on --resume)."""
    with transaction(conn):
        conn.execute(
            "UPDATE sessions SET options = ? WHERE id = ?", (options.to_json(), session_id)
        )


def set_attendance(
    conn: sqlite3.Connection, session_id: int, step: str, names: list[str], state: State
) -> None:
    """Record who is present (replacing an earlier roll call) and the new state, together."""
    with transaction(conn):
        conn.execute(
            "DELETE FROM session_entries WHERE session_id = ? AND kind = 'attendance'",
            (session_id,),
        )
        conn.executemany(
            "INSERT INTO session_entries (session_id, step, kind, person, text, created) "
            "VALUES (?, ?, 'attendance', ?, 'present', ?)",
            [(session_id, step, name, now()) for name in names],
        )
        conn.execute("UPDATE sessions SET state = ? WHERE id = ?", (state.to_json(), session_id))


def add_attendee(conn: sqlite3.Connection, session_id: int, name: str, state: State) -> None:
    """Record one more person present (who joined by phone) and the new state, together."""
    with transaction(conn):
        conn.execute(
            "INSERT INTO session_entries (session_id, step, kind, person, text, created) "
            "VALUES (?, 'attendance', 'attendance', ?, 'present', ?)",
            (session_id, name, now()),
        )
        conn.execute("UPDATE sessions SET state = ? WHERE id = ?", (state.to_json(), session_id))


ENTRIES = "SELECT id, step, kind, person, text, created, visibility, source FROM session_entries"


def entries(conn: sqlite3.Connection, session_id: int) -> list[SessionEntry]:
    """Everything said in a session, in the order it was said."""
    rows = conn.execute(f"{ENTRIES} WHERE session_id = ? ORDER BY id", (session_id,))
    return [SessionEntry(**dict(row)) for row in rows]


def entries_from(
    conn: sqlite3.Connection, session_id: int, source: str, *, prefix: bool = False
) -> list[SessionEntry]:
    """What came from `source` (with `prefix`, from any source starting with it) in a
    session, in the order it was said."""
    length = len(source) if prefix else -1  # substr(x, 1, -1) is '': the whole source then
    rows = conn.execute(
        f"{ENTRIES} WHERE session_id = ? AND (source = ? OR substr(source, 1, ?) = ?) ORDER BY id",
        (session_id, source, length, source),
    )
    return [SessionEntry(**dict(row)) for row in rows]


def count_for_group(conn: sqlite3.Connection, group_id: int) -> int:
    """How many sessions a group has held or started."""
    row = conn.execute("SELECT count(*) FROM sessions WHERE group_id = ?", (group_id,))
    return int(row.fetchone()[0])


def step_entries(conn: sqlite3.Connection, session_id: int, step: str) -> list[SessionEntry]:
    """What was said on the step `step` of a session, in order."""
    rows = conn.execute(
        f"{ENTRIES} WHERE session_id = ? AND step = ? ORDER BY id", (session_id, step)
    )
    return [SessionEntry(**dict(row)) for row in rows]


def finish(
    conn: sqlite3.Connection, session_id: int, state: State, notes_path: str | None = None
) -> None:
    """Mark the session finished (with where its notes were written, once they are; a
    reopened session keeps where they were, to write them again in place)."""
    with transaction(conn):
        conn.execute(
            "UPDATE sessions SET status = ?, finished = ?, state = ?, "
            "notes_path = COALESCE(?, notes_path) WHERE id = ?",
            (SessionStatus.FINISHED.value, now(), state.to_json(), notes_path, session_id),
        )


def reopen(conn: sqlite3.Connection, session_id: int, state: State) -> None:
    """Make a finished session unfinished again, at `state` (its notes path is kept)."""
    with transaction(conn):
        conn.execute(
            "UPDATE sessions SET status = ?, finished = NULL, state = ? WHERE id = ?",
            (SessionStatus.IN_PROGRESS.value, state.to_json(), session_id),
        )


def delete(conn: sqlite3.Connection, session_id: int) -> None:
    """Remove a session and everything said in it (one that never really started)."""
    with transaction(conn):
        conn.execute("DELETE FROM session_entries WHERE session_id = ?", (session_id,))
        conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,))


def set_notes_path(conn: sqlite3.Connection, session_id: int, notes_path: str) -> None:
    """Record where a finished session's notes were written."""
    with transaction(conn):
        conn.execute("UPDATE sessions SET notes_path = ? WHERE id = ?", (notes_path, session_id))


class UnreadableSession(StoreError):
    """A session row whose options or state cannot be read (damaged JSON, wrong types)."""


def first_finished(conn: sqlite3.Connection, group_id: int) -> str | None:
    """When the group's first finished session started (as stored), or None."""
    row = conn.execute(
        "SELECT min(started) FROM sessions WHERE status = ? AND group_id = ?",
        (SessionStatus.FINISHED.value, group_id),
    ).fetchone()
    return None if row is None else row[0]


def finished_principles(conn: sqlite3.Connection, group_id: int, since: str) -> set[str]:
    """The principles of the group's finished sessions started at `since` (stored) or later."""
    rows = conn.execute(
        "SELECT DISTINCT principle_id FROM sessions "
        "WHERE status = ? AND started >= ? AND group_id = ?",
        (SessionStatus.FINISHED.value, since, group_id),
    )
    return {row[0] for row in rows}


def _record(row: sqlite3.Row) -> SessionRecord:
    parsed: dict[str, Any] = {}
    unknown: list[str] = []
    for column, kind in (("options", Options), ("state", State)):
        try:
            parsed[column] = kind.from_json(row[column])
            unknown += unknown_keys(kind, row[column])
        except (ValueError, TypeError, AttributeError) as exc:
            raise UnreadableSession(
                f"session {row['id']} cannot be read: its {column} "
                f"{'are' if column == 'options' else 'is'} damaged ({exc}); "
                "it is left as it is"
            ) from None
    return SessionRecord(
        id=row["id"],
        options=parsed["options"],
        state=parsed["state"],
        status=SessionStatus(row["status"]),
        started=row["started"],
        finished=row["finished"],
        notes_path=row["notes_path"],
        group_id=row["group_id"],
        unknown=tuple(unknown),
    )
