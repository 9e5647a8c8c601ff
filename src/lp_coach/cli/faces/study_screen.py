"""The full-screen face of a study session: a calm Rich layout for a TV, driven by single keys.

`study_keys.Keys` turns key names into replies (with a one-line editor
for answers and notes), `study_layout.StudyScreen` draws a view, `terminal_keys` reads keys from
a terminal, and `ScreenFace` joins them to a real terminal (cbreak mode, the alternate screen, a
countdown redrawn every second).
"""

from __future__ import annotations

import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable
from dataclasses import replace
from types import FrameType
from typing import TYPE_CHECKING

from rich.console import Console, RenderableType
from rich.live import Live

from lp_coach.cli.faces.study_keys import Keys
from lp_coach.cli.faces.study_layout import StudyScreen, clock
from lp_coach.cli.faces.terminal_keys import (
    HANG_UPS,
    HangUp,
    KeyReader,
    SignalHandler,
    TerminalKeys,
    as_ctrl_c,
)
from lp_coach.study.engine import MOVES
from lp_coach.study.plain import PRIVATE
from lp_coach.study.view import Reply, View, ends

Pressed = tuple[int, int | None]
"""The step a key was pressed on, and its turn when that matters (see `Reply.at`)."""
SAME_MOMENT = 0.4
"""Seconds after the leader page moved the session within which a key read here counts as
pressed on the step before (Enter and a tap together move one step, not two)."""
LEADER_WARNING = (
    "L again shows the leader's link and QR code on this screen: only with the TV off or "
    "turned away. Any other key: not now."
)
CANCELLED = "Cancelled: nothing was kept (Ctrl-C again stops the session, saved)."

if TYPE_CHECKING:
    from lp_coach.room.live import Room

ROOM_REDRAW_GAP = 0.05
"""Seconds at least between two redraws for phones' messages: a hundred phones sending at once
are drawn a few at a time, not one redraw each (a key is never kept waiting)."""


class ScreenFace:
    """Runs a session full-screen; call `close()` when the session ends, however it ends."""

    def __init__(
        self,
        console: Console | None = None,
        keys: KeyReader | None = None,
        now: Callable[[], float] = time.monotonic,
        room: Room | None = None,
    ) -> None:
        self.console = console or Console(highlight=False)
        self.room = room
        """A live room: its phones' messages wake the screen (the key 'room')."""
        if room is not None:
            room.desk.steerable = True  # the leader page's commands come in between the keys
        self.keys = keys
        self.now = now
        self.live: Live | None = None
        self.started: dict[tuple[int, str], float] = {}
        self.pending: deque[tuple[str | Reply, Pressed]] = deque()
        """Keys (with the step they were pressed on) and the leader page's commands, in the
        order they came."""
        self.deferred: list[tuple[str | Reply, Pressed]] = []
        """The leader page's commands that came while a line was being typed here."""
        self.warned = False
        """`L` was pressed once: the next `L` shows the leader's link."""
        self.moved: tuple[float, Pressed] | None = None
        """When the leader page last moved the session, and the step (and turn) it moved it
        from."""
        self.place: tuple[int, int] = (-1, -1)
        self.scroll = 0
        self.last_left: tuple[tuple[int, str], float] | None = None
        self.notice = ""
        """A word about the last reply, shown once on the next screen."""
        self.on_stop: list[SignalHandler] = []
        """Ctrl-Z's handler before ours, while we hold the terminal."""
        self.drawn_at = 0.0
        """When the screen was last drawn (time.monotonic)."""
        self.on_hang_up: dict[int, SignalHandler] = {}
        """SIGTERM's and SIGHUP's handlers before ours, while we hold the terminal."""

    def show(self, view: View) -> Reply:
        try:
            reply = self._show(view)
        except BaseException:
            self.close()  # the terminal comes back before anyone prints "saved"
            raise
        if ends(view, reply):
            self.close()  # before the command prints where the notes are
        return reply

    def close(self) -> None:
        """Leave the full screen and give the terminal back as it was (safe to call twice)."""
        while self.on_stop:
            signal.signal(signal.SIGTSTP, self.on_stop.pop() or signal.SIG_DFL)
        for signum, before in self.on_hang_up.items():
            signal.signal(signum, before or signal.SIG_DFL)
        self.on_hang_up.clear()
        if self.live is not None:
            live, self.live = self.live, None
            try:
                live.stop()
            except OSError:
                pass  # the terminal has gone (a hang-up): nothing to give back
        if self.keys is not None:
            self.keys.close()

    def _show(self, view: View) -> Reply:
        step = (view.session_id, view.step.key)
        start = self.started.setdefault(step, self.now())
        place = (view.session_id, view.index)
        keys = Keys(view, self.scroll if place == self.place else 0)
        keys.message, self.notice = self.notice, ""
        self.place = place
        drawn: object = None
        while True:
            try:
                reply, drawn = self._tick(keys, step, start, drawn)
            except KeyboardInterrupt as stop:
                if keys.input is None or isinstance(stop, HangUp):
                    raise  # Ctrl-C with nothing typed, or a hang-up: the session stops, saved
                keys.input, keys.message, drawn = None, CANCELLED, None  # as Esc does
                continue
            if reply is not None:
                return reply

    def _tick(
        self, keys: Keys, step: tuple[int, str], start: float, drawn: object
    ) -> tuple[Reply | None, object]:
        """Take one pending key (or a phone's news, or a leader page's command), else redraw if
        need be and wait for keys; the reply when there is one, and what is on screen now."""
        live = self._open()
        view = keys.view
        if keys.input is None and self.deferred:
            self.pending.extendleft(reversed(self.deferred))
            self.deferred.clear()
        if self.pending:
            key, pressed = self.pending.popleft()
            if isinstance(key, Reply):  # from the leader page
                if keys.input is not None:  # the laptop is typing: it goes first
                    self.deferred.append((key, pressed))
                    return None, drawn
                if key.action in MOVES:
                    self.moved = (self.now(), (view.index, view.turn))
                return key, drawn
            if key == "room" and self.room is not None:
                self.room.drain()
                keys.view = self.room.refresh(view)
                commands = self.room.commands()
                self.pending.extendleft(reversed([(r, (r.at or 0, r.turn)) for r in commands]))
                return None, drawn
            if key == "L" and self.room is not None and keys.input is None:
                self._leader_key(keys)
                return None, None
            self.warned = False
            reply = keys.press(key)
            if reply is not None:
                self.scroll = keys.scroll
                self.notice = PRIVATE if reply.private else ""
                reply = replace(reply, at=pressed[0], turn=pressed[1])
            return reply, drawn
        left = view.minutes * 60 - (self.now() - start)
        self._ring(step, left)
        screen = StudyScreen(view, left, keys)
        typed = (keys.input.label, keys.input.text) if keys.input else None
        room = (view.said, self.room.joined) if self.room is not None else None
        state = (live, clock(left).plain, typed, keys.message, keys.scroll, self.console.size)
        shown = (*state[:4], keys.scroll, state[5])
        soon = self.drawn_at + ROOM_REDRAW_GAP - time.monotonic()
        wait = 0.5
        if isinstance(drawn, tuple) and drawn[0] == shown and drawn[1] != room and soon > 0:
            wait = soon  # only phones' news to draw, and it was drawn a moment ago: gather more
        elif (state, room) != drawn:
            live.update(self._frame(screen, view), refresh=True)
            self.drawn_at = time.monotonic()
            keys.scroll = min(keys.scroll, screen.body.hidden)  # as far as there is text
            drawn = ((*state[:4], keys.scroll, state[5]), room)
        assert self.keys is not None
        tick = left % 1 + 0.02 if left > 0 else 0.5
        read = self.keys.read(min(0.5, tick, wait))
        self.pending.extend((k, self._pressed_on(view, "room" in read)) for k in read)
        return None, drawn

    def _pressed_on(self, view: View, woken: bool) -> Pressed:
        """The step a key just read was pressed on: the one shown (whatever the turn; its turn
        too when the room woke the screen in the same moment, as a tap on the leader page
        does), unless the leader page moved the session a moment ago (nobody reacts that fast:
        it was pressed on the step and turn before)."""
        if self.moved is not None and self.now() - self.moved[0] < SAME_MOMENT:
            return self.moved[1]
        return view.index, view.turn if woken else None

    def _leader_key(self, keys: Keys) -> None:
        """`L` warns that the leader's link would show on this screen; `L` again shows it."""
        if not self.warned:
            self.warned = True
            keys.message = LEADER_WARNING
            return
        self.warned = False
        keys.message = ""
        self.show_leader_link(first=False)

    def show_leader_link(self, first: bool = True) -> None:
        """The leader page's QR code and link, full screen, until a key is pressed (a screen
        for the leader alone: before the group sees the TV, or on `L` `L`)."""
        if self.room is None or not self.room.leader_url:
            return
        from lp_coach.cli.faces.room_panel import LeaderLink

        live = self._open()
        live.update(LeaderLink(self.room, first), refresh=True)
        assert self.keys is not None
        while True:
            pressed = self.keys.read(0.5)
            if "room" in pressed and self.room is not None:
                self.pending.append(("room", (-1, None)))  # looked at once the link is gone
            if [k for k in pressed if k != "room"]:
                return

    def _frame(self, screen: StudyScreen, view: View) -> RenderableType:
        if self.room is None:
            return screen
        from lp_coach.cli.faces.room_panel import RoomFrame

        return RoomFrame(screen, view, self.room)

    def _open(self) -> Live:
        if self.live is None:
            if self.keys is None:
                wake = self.room.fileno() if self.room is not None else None
                self.keys = TerminalKeys(sys.stdin.fileno(), wake)
            self.keys.start()
            self.live = Live(
                console=self.console,
                screen=True,
                auto_refresh=False,
                redirect_stdout=False,
                redirect_stderr=False,
            )
            self.live.start()
            if isinstance(self.keys, TerminalKeys):
                self.on_stop.append(signal.signal(signal.SIGTSTP, self._suspend))
                for signum in HANG_UPS:
                    self.on_hang_up.setdefault(signum, signal.signal(signum, as_ctrl_c))
        return self.live

    def _suspend(self, signum: int, frame: FrameType | None) -> None:
        """Ctrl-Z: give the terminal back while stopped, and take it again on `fg`."""
        self.close()
        os.kill(os.getpid(), signal.SIGTSTP)  # stops here, with the default handler back
        self._open()

    def _ring(self, step: tuple[int, str], left: float) -> None:
        """One bell when a step's time runs out while it is on screen."""
        if self.last_left and self.last_left[0] == step and self.last_left[1] > 0 >= left:
            self.console.bell()
        self.last_left = (step, left)
