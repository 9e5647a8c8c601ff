"""A session's second chances: a finished one opened again to add what was forgotten, and one
that could not start forgotten at once."""

from __future__ import annotations

import sqlite3

from lp_coach.content.model import Library
from lp_coach.errors import NotFound, UsageError
from lp_coach.study import store
from lp_coach.study.engine import Session
from lp_coach.study.records import SessionStatus


def discard(conn: sqlite3.Connection, session: Session) -> None:
    """Forget a session just started that could not go ahead (its room could not open):
    nothing was said in it, and it must not be left behind as unfinished."""
    if not any(e.kind != "attendance" for e in store.entries(conn, session.record.id)):
        store.delete(conn, session.record.id)


def reopen(
    conn: sqlite3.Connection,
    library: Library,
    session_id: int | None,
    group_id: int | None = None,
) -> Session:
    """A finished session (the latest of the group `group_id`, or `session_id`) made
    unfinished again at its last step, to add what was forgotten; its notes are written
    again when it finishes."""
    if session_id is None:
        record = store.latest(conn, SessionStatus.FINISHED, group_id)
        if record is None:
            raise NotFound("no finished session to reopen (see `lp-coach sessions list`)")
    else:
        record = store.load(conn, session_id)
        if record.status != SessionStatus.FINISHED:
            raise UsageError(
                f"session {session_id} is not finished; continue it with "
                f"`lp-coach study --resume --session {session_id}`"
            )
    session = Session(conn, record, library)
    session.state.position = len(session.steps) - 1
    session.state.turn = 0
    store.reopen(conn, record.id, session.state)
    session.record = store.load(conn, record.id)
    session.state = session.record.state
    return session
