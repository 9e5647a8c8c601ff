"""Where phones' messages land: checked, saved in the session store at once, the screen woken."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lp_coach.room.limits import MAX_PARTICIPANTS, MAX_TEXT, MESSAGE_ID, RateLimit, Refused, checked
from lp_coach.room.seats import SOURCE, Seats
from lp_coach.store import engine
from lp_coach.store.db import connect
from lp_coach.store.writes import forget, wait_for_lock
from lp_coach.study import new_entries
from lp_coach.study import store as session_store
from lp_coach.study.records import ANONYMOUS, GROUP, LEADER
from lp_coach.study.steps import WARM_UP, WARM_UP_ANSWER, Step

LEADER_PAGE = "leader"
"""The source of a private note saved from the leader page."""
VISIBILITIES = (GROUP, ANONYMOUS, LEADER)
WAIT_FOR_STORE = 20.0
"""Seconds a phone's message waits for another command's write lock before the phone is told
to send it again (its outbox does)."""
TOO_LATE = (
    "The session has ended and its notes are being written: this came too late to be in them."
)


class Inbox(Seats):
    """The room's side of the session store (who is in it: `Seats`); safe to call from the
    server's threads."""

    def __init__(
        self,
        db_path: Path,
        session_id: int,
        steps: list[Step],
        cap: int = MAX_PARTICIPANTS,
        say_limit: RateLimit | None = None,
        join_limit: RateLimit | None = None,
        address_say_limit: RateLimit | None = None,
        reached: int = 0,
        position: Callable[[], int] | None = None,
    ) -> None:
        """`reached`: the furthest step shown so far; `position`: where the session is now (the
        room reads it when a phone answers)."""
        conn = connect(db_path, shared=True)
        wait_for_lock(conn, WAIT_FOR_STORE)
        join_limit = join_limit or RateLimit(burst=4, per_second=0.1)
        super().__init__(conn, session_id, cap, join_limit)
        self.say_limit = say_limit or RateLimit(burst=10, per_second=2)
        self.address_say_limit = address_say_limit or RateLimit(burst=20, per_second=4)
        """Per device address: ids are free to mint, addresses are not."""
        self.titles = {s.key: s.segment.title for s in steps}
        self.positions = {s.key: n for n, s in enumerate(steps)}
        self.answer_steps = {s.key for s in steps if s.collects == "answer"}
        self.targets = {s.collects: s.key for s in steps if s.collects in ("action", "prayer")}
        self.reached = reached
        """The furthest step the session has shown: answers for later ones are refused."""
        self.position = position
        self.warm_up_steps = {s.key: s for s in steps if s.collects == WARM_UP}
        self.wake_read, self.wake_write = os.pipe()
        os.set_blocking(self.wake_read, False)
        os.set_blocking(self.wake_write, False)

    @property
    def prayer(self) -> bool:
        return "prayer" in self.targets

    def reach(self, position: int) -> None:
        """The session shows step `position`: answers for it (and earlier ones) are taken."""
        with self.lock:
            self.reached = max(self.reached, position)

    def close_doors(self) -> None:
        """Take nothing more (the notes are about to be written); what is being saved is."""
        with self.lock:
            self.closed = True

    def say(
        self,
        client: str,
        kind: str,
        text: str,
        visibility: str,
        step: str,
        *,
        address: str = "?",
        message: str = "",
    ) -> dict[str, Any]:
        """Save one answer, action step or prayer request; return it as the phone shows it.

        `step`: the step it was written on (a late answer keeps it); `message`: the phone's
        id for it, so that sent twice it is stored once.
        """
        who = self._participant(client)
        if not self.say_limit.allow(client) or not self.address_say_limit.allow(address):
            raise Refused(429, "That was a lot at once: wait a few seconds and send it again.")
        if kind not in ("answer", "action", "prayer"):
            raise Refused(400, "Choose an answer, an action step or a prayer request.")
        if message and not MESSAGE_ID.fullmatch(message):
            raise Refused(400, "That did not come from the room's page; please reload it.")
        if kind != "answer":
            target = self.targets.get(kind)
            if target is None:
                raise Refused(400, "This session has no prayer requests.")
        elif step in self.answer_steps:
            target = step
        else:
            raise Refused(400, "That question is not open for answers.")
        if visibility not in VISIBILITIES:
            raise Refused(400, "Choose who may see it.")
        if visibility == LEADER and kind != "prayer":
            raise Refused(400, "Only a prayer request can be for the leader only.")
        if who.name is None and visibility == GROUP:
            visibility = ANONYMOUS
        said = checked(_label(kind), text, MAX_TEXT)
        source = SOURCE + client
        try:
            with self.lock:
                if self.closed:
                    raise Refused(409, TOO_LATE)
                if self.position is not None:
                    self.reached = max(self.reached, self.position())
                if kind == "answer" and self.positions[target] > self.reached:
                    raise Refused(400, "That question is not open yet.")
                if message:
                    known = new_entries.entry_by_message(
                        self.conn, self.session_id, source, message
                    )
                    if known is not None:  # sent again: its first answer was lost on the way
                        return self._shown(
                            known.id, known.step, known.kind, known.text, known.visibility
                        )
                entry_id = session_store.add_entry(
                    self.conn,
                    self.session_id,
                    target,
                    kind,
                    who.name,
                    said,
                    None,
                    visibility=visibility,
                    source=source,
                    message_id=message or None,
                )
        except engine.Error:
            raise Refused(503, "It could not be saved just now; please send it again.") from None
        self.wake()
        return self._shown(entry_id, target, kind, said, visibility)

    def choose(self, client: str, step: str, choice: int, seconds: float) -> dict[str, Any]:
        """Save one phone's answer to a warm-up card (its first; the same again is told it is
        in); how many have answered the card."""
        who = self._participant(client)
        if not self.say_limit.allow(client):
            raise Refused(429, "That was a lot at once: wait a few seconds and send it again.")
        if step not in self.warm_up_steps:
            raise Refused(400, "That card is not open for answers.")
        if not 0 <= choice < 10:
            raise Refused(400, "Choose one of the answers.")
        seconds = max(0.0, min(float(seconds), 3600.0))
        source = SOURCE + client
        try:
            with self.lock:
                here = [
                    e
                    for e in session_store.step_entries(self.conn, self.session_id, step)
                    if e.kind in (WARM_UP, WARM_UP_ANSWER)
                ]
                if any(e.kind == WARM_UP for e in here):
                    raise Refused(409, "The answer is out already: look at the screen.")
                mine = next(
                    (e for e in here if e.kind == WARM_UP_ANSWER and e.source == source), None
                )
                if mine is None:
                    session_store.add_entry(
                        self.conn,
                        self.session_id,
                        step,
                        WARM_UP_ANSWER,
                        who.name,
                        json.dumps({"choice": choice, "seconds": round(seconds, 2)}),
                        None,
                        visibility=GROUP if who.name is not None else ANONYMOUS,
                        source=source,
                    )
                    answered = 1 + sum(1 for e in here if e.kind == WARM_UP_ANSWER)
                else:
                    answered = sum(1 for e in here if e.kind == WARM_UP_ANSWER)
        except engine.Error:
            raise Refused(503, "It could not be saved just now; please send it again.") from None
        self.wake()
        counted = choice if mine is None else int(json.loads(mine.text)["choice"])
        return {"step": step, "answered": answered, "again": mine is not None, "choice": counted}

    def note(self, step: str, text: str) -> dict[str, Any]:
        """Save a private note from the leader page on `step` (for the leader's copy only)."""
        if step not in self.titles:
            raise Refused(400, "That step is not in this session; reload the page.")
        said = checked("Your note", text, MAX_TEXT)
        try:
            with self.lock:
                entry_id = session_store.add_entry(
                    self.conn,
                    self.session_id,
                    step,
                    "note",
                    None,
                    said,
                    None,
                    visibility=LEADER,
                    source=LEADER_PAGE,
                )
        except engine.Error:
            raise Refused(503, "It could not be saved just now; please save it again.") from None
        self.wake()
        return self._shown(entry_id, step, "note", said, LEADER)

    def chosen(self, client: str) -> dict[str, int]:
        """This phone's answer to each warm-up card, by step (its first, the one counted)."""
        with self.lock:
            sent = session_store.entries_from(self.conn, self.session_id, SOURCE + client)
        picked: dict[str, int] = {}
        for entry in sent:
            if entry.kind == WARM_UP_ANSWER and entry.step not in picked:
                try:
                    picked[entry.step] = int(json.loads(entry.text)["choice"])
                except (ValueError, KeyError, TypeError):
                    continue
        return picked

    def mine(self, client: str) -> list[dict[str, Any]]:
        """What this phone has sent in this session, oldest first (its warm-up answers are
        counted, not listed)."""
        self._participant(client)
        with self.lock:
            sent = session_store.entries_from(self.conn, self.session_id, SOURCE + client)
        return [
            self._shown(e.id, e.step, e.kind, e.text, e.visibility)
            for e in sent
            if e.kind != WARM_UP_ANSWER
        ]

    def wake(self) -> None:
        """Tell the shared screen that something came in."""
        try:
            os.write(self.wake_write, b".")
        except (BlockingIOError, OSError):
            pass  # the pipe is full (the screen will look anyway) or closed

    def drain(self) -> None:
        """Empty the wake-up pipe (the screen does this before it looks)."""
        try:
            while os.read(self.wake_read, 4096):
                pass
        except (BlockingIOError, OSError):
            pass

    def close(self) -> None:
        with self.lock:  # a message on its way now is told to send again (the outbox does)
            forget(self.conn)
            self.conn.close()
        for fd in (self.wake_read, self.wake_write):
            try:
                os.close(fd)
            except OSError:
                pass

    def _shown(self, entry_id: int, step: str, kind: str, text: str, vis: str) -> dict[str, Any]:
        title = self.titles.get(step, step)
        return {"id": entry_id, "title": title, "kind": kind, "text": text, "visibility": vis}


def _label(kind: str) -> str:
    return {"action": "Your action step", "prayer": "Your prayer request"}.get(kind, "Your answer")
