"""What `study --room` asks of the room: open it for a session (the study service runs it)."""

from __future__ import annotations

from dataclasses import replace

from lp_coach.paths import db_path
from lp_coach.room.live import Room
from lp_coach.room.server import DEFAULT_PORT, lan_address
from lp_coach.study import store as session_store
from lp_coach.study.engine import Session

ANY_ADDRESS = ("0.0.0.0", "::", "")


def open_room(session: Session, host: str | None, port: int | None) -> Room:
    """Start `session`'s room where it was before (a resumed room, so the QR codes scanned
    still work), else on the LAN address and port 8765, unless `host` and `port` say; and
    remember where."""
    before = session.record.options
    host = host if host is not None else before.room_host or None
    # --room-port 0 asks for any free port; not given, the port the room had, else 8765
    port = port if port is not None else before.room_port or DEFAULT_PORT
    bind = lan_address() if host is None else host
    shown = lan_address() if bind in ANY_ADDRESS else bind
    room = Room.open(session, db_path(), bind, port, shown)
    assert room.server is not None
    options = replace(session.record.options, room_host=host or "", room_port=room.server.port)
    session.record.options = options
    session_store.save_options(session.conn, session.record.id, options)
    return room
