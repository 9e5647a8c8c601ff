"""`study --room`: open a session's live room for the phones, and its face on the screen."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lp_coach.room.live import Room
    from lp_coach.study.engine import Face, Session

ANY_ADDRESS = ("0.0.0.0", "::", "")


def open_room(session: Session, host: str | None, port: int | None) -> Room:
    """Start the room and say where it is: where it was before (a resumed room, so the QR
    codes scanned still work), else the LAN address and port 8765, unless told."""
    from dataclasses import replace

    from lp_coach.room.live import Room
    from lp_coach.room.server import DEFAULT_PORT, lan_address
    from lp_coach.store.db import db_path
    from lp_coach.study import sessions

    before = session.record.options
    host = host if host is not None else before.room_host or None
    port = port if port is not None else before.room_port or DEFAULT_PORT
    bind = lan_address() if host is None else host
    shown = lan_address() if bind in ANY_ADDRESS else bind
    room = Room.open(session, db_path(), bind, port, shown)
    assert room.server is not None
    options = replace(session.record.options, room_host=host or "", room_port=room.server.port)
    session.record.options = options
    sessions.save_options(session.conn, session.record.id, options)
    print(f"Room open for phones on the same network: {room.url}", file=sys.stderr)
    return room


def room_face(face: Face, room: Room) -> Face:
    """`face`, keeping the room's phones on the step it shows."""
    from lp_coach.room.face import RoomFace

    return RoomFace(face, room)
