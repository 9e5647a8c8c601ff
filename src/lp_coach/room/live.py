"""A session's live room: the server, the inbox and the board, and what the shared screen asks."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from lp_coach.room.codes import ensure_code
from lp_coach.room.inbox import Inbox
from lp_coach.room.stage import ENDED, PAUSED, Board, stage_of
from lp_coach.study import sessions, visibility
from lp_coach.study.engine import Session
from lp_coach.study.from_phones import add_person, heard
from lp_coach.study.sessions import SessionEntry
from lp_coach.study.view import View

if TYPE_CHECKING:
    from lp_coach.room.server import RoomServer

SCREEN_TAIL = 40
"""The most entries of one step the shared screen is given: its Said box shows the latest few
lines, and thirty phones can send hundreds (drawing them all would slow every redraw)."""


class Room:
    """Open with `Room.open(...)`; `stop()` when the session ends, however it ends."""

    def __init__(self, session: Session, inbox: Inbox, board: Board, url: str) -> None:
        self.session = session
        self.inbox = inbox
        self.board = board
        self.url = url
        self.server: RoomServer | None = None
        self._qr: list[list[bool]] = []
        self._said: dict[str, tuple[deque[SessionEntry], list[SessionEntry]]] = {}
        """Each step's newest SCREEN_TAIL entries the screen shows, and those it does not."""
        self.read_up_to = 0
        """The last entry read into `_said`: a phone's message reads only what is new."""
        self.heard = _last_entry(session)
        """The last entry the session has taken in (phones' entries after it are news)."""

    @classmethod
    def open(
        cls, session: Session, db_path: Path, host: str, port: int, public_host: str | None = None
    ) -> Room:
        """Start the room of `session` on `host:port` (its code made and saved if new)."""
        from lp_coach.room.app import build_app
        from lp_coach.room.guard import Guard
        from lp_coach.room.page import room_page
        from lp_coach.room.server import RoomServer

        code = ensure_code(session.conn, session.record)
        inbox = Inbox(
            db_path,
            session.record.id,
            session.steps,
            reached=session.state.position,
            position=lambda: session.state.position,
        )
        board = Board()
        page = room_page(code, session.principle.title, session.people())
        app = Guard(build_app(code, inbox, board, page), (host, public_host or host))
        server = RoomServer(app, host, port)
        shown = public_host or host
        if ":" in shown:
            shown = f"[{shown}]"
        room = cls(session, inbox, board, f"http://{shown}:{server.port}/{code}")
        try:
            server.start()
        except BaseException:
            inbox.close()
            raise
        room.server = server
        return room

    @property
    def joined(self) -> int:
        """How many phones are in the room."""
        return self.inbox.count()

    def qr(self) -> list[list[bool]]:
        """The QR code of the URL (made once)."""
        if not self._qr:
            from lp_coach.room.qr import qr_rows

            self._qr = qr_rows(self.url)
        return self._qr

    def fileno(self) -> int:
        """Readable when something came in from a phone (for the screen's select)."""
        return self.inbox.wake_read

    def drain(self) -> None:
        self.inbox.drain()

    def publish(self, view: View) -> None:
        """Phones now follow this step (and may answer it)."""
        self.inbox.reach(view.index)
        self.board.publish(stage_of(view, self.inbox.prayer))

    def screen_view(self, view: View) -> View:
        """`view` with only the latest entries (the engine's view is already as the screen may
        show it: see `visibility`)."""
        return replace(view, said=view.said[-SCREEN_TAIL:])

    def sync(self) -> bool:
        """Take in what phones did since last time: the turn passes when the person whose turn
        it is answered from their phone, and someone who joined by phone only is present.
        True when the session moved (its view must be asked again)."""
        session = self.session
        moved = False
        for name in self.inbox.names():
            moved = add_person(session, name) or moved
        for entry in self._news():
            if entry.id > self.heard and (entry.source or "").startswith("room:"):
                moved = heard(session, entry) or moved
            self.heard = max(self.heard, entry.id)
        return moved

    def _news(self) -> list[SessionEntry]:
        """The entries not read before (each is read once), kept by step for the screen: the
        work per message stays the same however long the session has run."""
        rows = self.session.conn.execute(
            "SELECT id, step, kind, person, text, created, visibility, source "
            "FROM session_entries WHERE session_id = ? AND id > ? ORDER BY id",
            (self.session.record.id, self.read_up_to),
        )
        news = [SessionEntry(**dict(row)) for row in rows]
        for entry in news:
            self.read_up_to = entry.id
            shown, hidden = self._said.setdefault(entry.step, (deque(maxlen=SCREEN_TAIL), []))
            if visibility.shown(entry, visibility.SCREEN) is not None:
                shown.append(entry)
            else:
                hidden.append(entry)  # leader-only and follow-ups: the rule may count them
        return news

    def refresh(self, view: View) -> View:
        """`view` with what has been said on its step up to now (after a phone sent something),
        as the shared screen may show it (and whose turn it is, if a phone passed it).

        `visibility` decides, asked about the step's newest SCREEN_TAIL entries it shows (with
        those it does not, which are few), so the output is as if it were asked about all.
        """
        if self.sync() and not self.session.done:
            fresh = self.session.view()
            view = replace(view, person=fresh.person, people=fresh.people)
        if view.step.collects == "attendance":  # a roll call rewrites its rows: read them all
            entries = sessions.entries(self.session.conn, self.session.record.id)
            said = visibility.on_step(entries, view.step.key, visibility.SCREEN)
            return self.screen_view(replace(view, said=tuple(said)))
        kept = self._said.get(view.step.key)
        here = [*kept[0], *kept[1]] if kept else []
        said = visibility.on_step(here, view.step.key, visibility.SCREEN)
        return self.screen_view(replace(view, said=tuple(said)))

    def closing(self, write_up: Callable[[Session], str]) -> Callable[[Session], str]:
        """`write_up`, once the room has stopped taking messages (so that every message a
        phone was told is saved is in the notes)."""

        def write(session: Session) -> str:
            self.inbox.close_doors()
            self.board.publish(ENDED)
            return write_up(session)

        return write

    def stop(self, paused: bool = False) -> None:
        """Tell phones the session is over (or `paused`, to be resumed: they wait for it),
        stop serving (safe to call twice)."""
        self.board.publish(PAUSED if paused else ENDED)
        server, self.server = self.server, None
        if server is not None:
            server.stop()
            self.inbox.close()


def _last_entry(session: Session) -> int:
    row = session.conn.execute(
        "SELECT COALESCE(MAX(id), 0) FROM session_entries WHERE session_id = ?",
        (session.record.id,),
    ).fetchone()
    return int(row[0])
