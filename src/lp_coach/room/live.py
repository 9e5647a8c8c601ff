"""A session's live room: the server, the inbox, the board, and the face that keeps it in step."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from lp_coach.room.codes import ensure_code, ensure_leader_code, remember_base
from lp_coach.room.desk import LeaderDesk, step_for_leader
from lp_coach.room.inbox import Inbox
from lp_coach.room.phone_view import ENDED, PAUSED, Board, step_for_phones
from lp_coach.study import new_entries, visibility
from lp_coach.study import store as session_store
from lp_coach.study.engine import Session
from lp_coach.study.from_phones import add_person, heard
from lp_coach.study.records import SessionEntry
from lp_coach.study.view import Reply, StudyFace, View

if TYPE_CHECKING:
    from lp_coach.room.server import RoomServer

SCREEN_TAIL = 40
"""The most entries of one step the shared screen is given: its Said box shows the latest few
lines, and thirty phones can send hundreds (drawing them all would slow every redraw)."""


class Room:
    """Open with `Room.open(...)`; `stop()` when the session ends, however it ends."""

    def __init__(
        self,
        session: Session,
        inbox: Inbox,
        board: Board,
        url: str,
        desk: LeaderDesk | None = None,
        leader_url: str = "",
    ) -> None:
        self.session = session
        self.inbox = inbox
        self.board = board
        self.url = url
        self.desk = desk or LeaderDesk("")
        self.leader_url = leader_url
        """The leader page's URL: for the leader's eyes only (never on the shared screen
        during the session, nor printed unless asked for)."""
        self.server: RoomServer | None = None
        self._qr: list[list[bool]] = []
        self._entries: list[SessionEntry] = []
        """The session's entries read so far, oldest first."""
        self._said: dict[str, tuple[deque[SessionEntry], list[SessionEntry]]] = {}
        """Of each step: its newest SCREEN_TAIL entries the screen shows, and those it does not
        (which are few: the rule may count them)."""
        self.read_up_to = 0
        """The last entry read: a phone's message reads only what is new."""
        self.heard = _last_entry(session)
        """The last entry the session has taken in (phones' entries after it are news)."""

    @classmethod
    def open(
        cls, session: Session, db_path: Path, host: str, port: int, public_host: str | None = None
    ) -> Room:
        """Start the room of `session` on `host:port` (its code made and saved if new)."""
        from lp_coach.room.app import build_app  # starlette, uvicorn, jinja2: only with --room
        from lp_coach.room.guard import Guard
        from lp_coach.room.leader_app import leader_app, leader_page
        from lp_coach.room.page import room_page
        from lp_coach.room.server import RoomServer

        code = ensure_code(session.conn, session.record)
        secret = ensure_leader_code(session.conn, session.record)
        inbox = Inbox(
            db_path,
            session.record.id,
            session.steps,
            reached=session.state.position,
            position=lambda: session.state.position,
        )
        board = Board()
        desk = LeaderDesk(secret)
        page = room_page(code, session.principle.title, session.people())
        leader = (secret, leader_app(desk, inbox, leader_page(secret, session.principle.title)))
        app = Guard(build_app(code, inbox, board, page, leader), (host, public_host or host))
        server = RoomServer(app, host, port)
        shown = public_host or host
        if ":" in shown:
            shown = f"[{shown}]"
        base = f"http://{shown}:{server.port}"
        room = cls(session, inbox, board, f"{base}/{code}", desk, f"{base}/{secret}")
        try:
            server.start()
            remember_base(session.conn, session.record, base)
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

    def leader_qr(self) -> list[list[bool]]:
        """The QR code of the leader page's URL (for the leader's setup screen only)."""
        from lp_coach.room.qr import qr_rows

        return qr_rows(self.leader_url)

    def fileno(self) -> int:
        """Readable when something came in from a phone (for the screen's select)."""
        return self.inbox.wake_read

    def drain(self) -> None:
        self.inbox.drain()

    def publish(self, view: View) -> None:
        """Phones and the leader page now follow this step (and phones may answer it)."""
        self.inbox.reach(view.index)
        self._publish(view, self._all())

    def screen_view(self, view: View) -> View:
        """`view` as the shared screen shows it: only the latest entries (the engine's view is
        already as the screen may show it: see `visibility`), and no leader notes once the
        leader page has opened."""
        leader = view.leader and not self.desk.connected
        said = view.said[-SCREEN_TAIL:]
        return replace(view, said=said, leader=leader, room_size=self.inbox.count())

    def sync(self) -> bool:
        """Take in what phones did since last time: the turn passes when the person whose turn
        it is answered from their phone, and someone who joined by phone only is present.
        True when the session moved (its view must be asked again)."""
        session = self.session
        moved = False
        for name in self.inbox.names():
            moved = add_person(session, name) or moved
        for entry in self._news():
            if entry.id > self.heard and (entry.source or "").startswith(visibility.PHONE):
                moved = heard(session, entry) or moved
            self.heard = max(self.heard, entry.id)
        return moved

    def _news(self) -> list[SessionEntry]:
        """The entries not read before, each read once (and kept in `_entries`): the store's
        work per message stays the same however long the session has run."""
        conn, number = self.session.conn, self.session.record.id
        news = new_entries.entries_after(conn, number, self.read_up_to)
        if news:
            self.read_up_to = news[-1].id
        self._entries.extend(news)
        self._keep(news)
        return news

    def _keep(self, entries: list[SessionEntry]) -> None:
        for entry in entries:
            shown, hidden = self._said.setdefault(entry.step, (deque(maxlen=SCREEN_TAIL), []))
            if visibility.shown(entry, visibility.SCREEN) is not None:
                shown.append(entry)
            else:
                hidden.append(entry)

    def _all(self) -> list[SessionEntry]:
        """Every entry of the session, as `session_store.entries` gives them, read incrementally
        (all again only when some went, as a new roll call replaces the old)."""
        self._news()
        conn, number = self.session.conn, self.session.record.id
        if new_entries.entry_count(conn, number) != len(self._entries):
            self._entries = session_store.entries(conn, number)
            self.read_up_to = self._entries[-1].id if self._entries else 0
            self._said.clear()
            self._keep(self._entries)
        return self._entries

    def refresh(self, view: View) -> View:
        """`view` with what has been said on its step up to now (after a phone or the leader
        page sent something), as the shared screen may show it (and whose turn it is, if a
        phone passed it)."""
        if self.sync() and not self.session.done:
            fresh = self.session.view()
            view = replace(view, person=fresh.person, people=fresh.people)
        entries = self._all()
        silent = view.step.key in self.session.state.silent
        kept = self._said.get(view.step.key)
        here: list[SessionEntry] = entries  # a silent round hides answers: the rule sees all
        if not silent and kept is not None:  # else its newest shown ones are what it shows
            here = [*kept[0], *kept[1]]
        said = visibility.on_step(here, view.step.key, visibility.SCREEN, silent=silent)
        answered = visibility.answered(entries, view.step.key) if silent else 0
        view = replace(view, said=tuple(said), silent=silent, silent_answered=answered)
        if view.warm_up is not None and not self.session.done:
            counted = self.session.warm_up_card(view.step, entries)  # how many have answered
            view = replace(view, warm_up=counted)
        self._publish(view, entries)
        return self.screen_view(view)

    def commands(self) -> list[Reply]:
        """What the leader page asked for since the last look, oldest first."""
        return self.desk.take()

    def _publish(self, view: View, entries: list[SessionEntry]) -> None:
        joined = self.inbox.count()
        self.board.publish(step_for_phones(view, self.inbox.prayer, entries, joined))
        left = self.desk.seconds_left(view)  # the step's clock runs from when it was shown
        if self.desk.connected:  # (its opening wakes the screen, which publishes at once)
            phones = self.inbox.phones()
            stage = step_for_leader(self.session, view, entries, phones, joined, left)
            self.desk.board.publish(stage)

    def closing(self, write_up: Callable[[Session], str]) -> Callable[[Session], str]:
        """`write_up`, once the room has stopped taking messages (so that every message a
        phone was told is saved is in the notes)."""

        def write(session: Session) -> str:
            self.inbox.close_doors()
            self.board.publish(ENDED)
            return write_up(session)

        return write

    def wrap(self, face: StudyFace) -> StudyFace:
        """`face`, keeping the room in step with what it shows."""
        from lp_coach.room.face import RoomFace

        return RoomFace(face, self)

    def greet(self, face: StudyFace) -> None:
        """Before the welcome, the leader page's link on a screen of its own (when `face`,
        made by `wrap`, has one)."""
        from lp_coach.room.face import show_leader_link

        show_leader_link(face, self.session)

    def stop(self, paused: bool = False) -> None:
        """Tell phones and the leader page the session is over (or `paused`, to be resumed:
        they wait for it), stop serving (safe to call twice)."""
        self.board.publish(PAUSED if paused else ENDED)
        self.desk.board.publish(PAUSED if paused else ENDED)
        server, self.server = self.server, None
        if server is not None:
            server.stop()
            self.inbox.close()


def _last_entry(session: Session) -> int:
    return new_entries.last_entry_id(session.conn, session.record.id)
