"""A face that keeps the room in step: phones follow each view, the screen never shows secrets."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lp_coach.study.engine import Session
from lp_coach.study.view import Reply, StudyFace, View

if TYPE_CHECKING:  # the room makes this face (Room.wrap): types only, no cycle
    from lp_coach.room.live import Room

BEFORE_WELCOME = ("attendance", "welcome")
"""Steps at which a session starting (or resumed) shows the leader's link first."""


class RoomFace:
    """Wraps the face in front of the room: publishes each step, then shows it as the room may."""

    def __init__(self, inner: StudyFace, room: Room) -> None:
        self.inner = inner
        self.room = room

    def show(self, view: View) -> Reply:
        if self.room.sync():
            view = self.room.session.view()
        self.room.publish(view)
        return self.inner.show(self.room.screen_view(view))

    def close(self) -> None:
        self.inner.close()


def show_leader_link(face: StudyFace, session: Session) -> None:
    """Before the welcome (while the laptop is not on the TV yet), the leader page's QR code on
    a screen of its own, when the face has one (the full screen); never in plain output."""
    inner = face.inner if isinstance(face, RoomFace) else face
    show = getattr(inner, "show_leader_link", None)
    if show is not None and not session.done and session.step.key in BEFORE_WELCOME:
        show()
