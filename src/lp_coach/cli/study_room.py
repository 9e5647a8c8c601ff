"""`study --room`: open a session's live room for the phones, and its face on the screen."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lp_coach.room.live import Room
    from lp_coach.study.engine import Face, Session

ANY_ADDRESS = ("0.0.0.0", "::", "")


def open_room(session: Session, host: str | None, port: int | None) -> Room:
    """Start the room (the LAN address and port 8765 unless told) and say where it is."""
    from lp_coach.room.live import Room
    from lp_coach.room.server import DEFAULT_PORT, lan_address
    from lp_coach.store.db import db_path

    bind = lan_address() if host is None else host
    shown = lan_address() if bind in ANY_ADDRESS else bind
    room = Room.open(session, db_path(), bind, DEFAULT_PORT if port is None else port, shown)
    print(f"Room open for phones on the same network: {room.url}", file=sys.stderr)
    return room


def room_face(face: Face, room: Room) -> Face:
    """`face`, keeping the room's phones on the step it shows."""
    from lp_coach.room.face import RoomFace

    return RoomFace(face, room)


BEFORE_WELCOME = ("attendance", "welcome")
"""Steps at which a session starting (or resumed) shows the leader's link first."""


def show_leader_link(face: Face, session: Session) -> None:
    """Before the welcome (while the laptop is not on the TV yet), the leader page's QR code
    on the full screen; never in plain or piped output."""
    from lp_coach.room.face import RoomFace

    inner = face.inner if isinstance(face, RoomFace) else face
    show = getattr(inner, "show_leader_link", None)
    if show is not None and not session.done and session.step.key in BEFORE_WELCOME:
        show()
