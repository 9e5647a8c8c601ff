"""What `study --room` asks of the room: open it for a session (the study service runs it)."""

from __future__ import annotations

from lp_coach.paths import db_path
from lp_coach.room.live import Room
from lp_coach.room.server import DEFAULT_PORT, lan_address
from lp_coach.study.engine import Session

ANY_ADDRESS = ("0.0.0.0", "::", "")


def open_room(session: Session, host: str | None, port: int | None) -> Room:
    """Start `session`'s room on `host` (the LAN address unless told) and `port` (8765)."""
    bind = lan_address() if host is None else host
    shown = lan_address() if bind in ANY_ADDRESS else bind
    return Room.open(session, db_path(), bind, DEFAULT_PORT if port is None else port, shown)
