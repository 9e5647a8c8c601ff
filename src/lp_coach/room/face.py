"""A face that keeps the room in step: phones follow each view, the screen never shows secrets."""

from __future__ import annotations

from lp_coach.room.live import Room
from lp_coach.study.view import Reply, StudyFace, View


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
