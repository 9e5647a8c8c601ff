"""A session's links: the room's, for everyone, and the leader page's, for the leader alone."""

from __future__ import annotations

import sqlite3

from lp_coach.errors import NotFound
from lp_coach.study import sessions
from lp_coach.study.sessions import SessionRecord


def session_with_room(conn: sqlite3.Connection, session_id: int | None) -> SessionRecord:
    """The session `session_id`, or the latest one that opened a room; NotFound if none did."""
    if session_id is not None:
        return sessions.load(conn, session_id)
    found = [r for r in sessions.all_sessions(conn) if r.options.room_base]
    if not found:
        raise NotFound("no session has opened a room yet (start one with `lp-coach study --room`)")
    return found[-1]


def links(record: SessionRecord) -> dict[str, str]:
    """{"room": URL, "leader": URL} where the session's room was last served; NotFound when
    it never opened one."""
    options = record.options
    if not (options.room and options.leader_code and options.room_base):
        raise NotFound(
            f"session {record.id} has no room links yet; they are made when its room opens "
            f"(`lp-coach study --resume --session {record.id} --room`)"
        )
    return {
        "room": f"{options.room_base}/{options.room}",
        "leader": f"{options.room_base}/{options.leader_code}",
    }
