"""The room code: a random secret in every URL of the room, kept with its session."""

from __future__ import annotations

import re
import secrets
import sqlite3
from dataclasses import replace

from lp_coach.study import store as session_store
from lp_coach.study.records import SessionRecord

CODE_BYTES = 9
"""72 random bits: 12 URL-safe characters."""
LEADER_BYTES = 16
"""128 random bits for the leader page: 22 URL-safe characters, unrelated to the room's code."""
CLIENT_BYTES = 12
CLIENT_ID = re.compile(r"[A-Za-z0-9_-]{16}")


def new_code() -> str:
    """A fresh room code."""
    return secrets.token_urlsafe(CODE_BYTES)


def new_client() -> str:
    """A fresh id for one phone."""
    return secrets.token_urlsafe(CLIENT_BYTES)


def matches(given: str, code: str) -> bool:
    """Whether `given` is the room's code (in constant time)."""
    return secrets.compare_digest(given.encode("utf-8", "replace"), code.encode())


def ensure_code(conn: sqlite3.Connection, record: SessionRecord) -> str:
    """The session's room code, made and saved with the session the first time."""
    if not record.options.room:
        record.options = replace(record.options, room=new_code())
        session_store.save_options(conn, record.id, record.options)
    return record.options.room


def ensure_leader_code(conn: sqlite3.Connection, record: SessionRecord) -> str:
    """The session's leader-page code, made and saved with the session the first time."""
    if not record.options.leader_code:
        code = secrets.token_urlsafe(LEADER_BYTES)
        record.options = replace(record.options, leader_code=code)
        session_store.save_options(conn, record.id, record.options)
    return record.options.leader_code


def remember_base(conn: sqlite3.Connection, record: SessionRecord, base: str) -> None:
    """Keep where the room is served now, so `sessions links` can say it."""
    if record.options.room_base != base:
        record.options = replace(record.options, room_base=base)
        session_store.save_options(conn, record.id, record.options)
