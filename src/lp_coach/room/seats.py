"""Who is in the room: the phones' seats, the names they joined with, who may take one."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass

from lp_coach.room import codes
from lp_coach.room.limits import MAX_NAME, NameTaken, RateLimit, Refused, checked
from lp_coach.study import store as session_store
from lp_coach.study.speakers import not_a_name
from lp_coach.study.visibility import PHONE

SOURCE = PHONE
"""The source of what a phone sends: `room:` and the phone's id (visibility.PHONE)."""


@dataclass(frozen=True)
class Participant:
    """One phone in the room; `name` None for someone who joined anonymously."""

    client: str
    name: str | None


class Seats:
    """The phones in a session's room (the inbox is one): joining, rejoining, their names."""

    def __init__(
        self, conn: sqlite3.Connection, session_id: int, cap: int, join_limit: RateLimit
    ) -> None:
        self.session_id = session_id
        self.cap = cap
        self.join_limit = join_limit
        """New seats per device address: one device cannot take the room's seats."""
        self.closed = False
        """True once the notes are being written: nothing more is taken."""
        self.lock = threading.Lock()
        self.conn = conn
        self.participants = self._rejoin()

    def wake(self) -> None:
        """Tell whoever watches the room that someone joined (the inbox wakes its screen)."""

    def join(
        self, name: str, anonymous: bool, client: str, address: str, confirm: bool = False
    ) -> Participant:
        """Let a phone in (again, when it brings its old id); Refused when it may not.

        A name is the roster's when it matches one ignoring case ("ann" joins as Ann); a name
        another phone holds is NameTaken unless the phone `confirm`s it. New seats are
        limited per device address (ids are free to make up; addresses are not).
        """
        person = None if anonymous else checked("Your name", name, MAX_NAME)
        why = not_a_name(person) if person is not None else None
        if why is not None:  # the roll call's rule: "Ann: fine" is no name
            raise Refused(400, why)
        with self.lock:
            if self.closed:
                raise Refused(409, "The session has ended.")
            if person is not None:
                person = self._as_on_roster(person)
            if client not in self.participants:
                if not self.join_limit.allow(address):
                    raise Refused(
                        429, "Too many people joined from here at once; try again in a minute."
                    )
                if len(self.participants) >= self.cap:
                    raise Refused(409, f"The room is full ({self.cap} people).")
                if not codes.CLIENT_ID.fullmatch(client):
                    client = codes.new_client()
            held = person is not None and any(
                c != client and p.name is not None and p.name.casefold() == person.casefold()
                for c, p in self.participants.items()
            )
            if held and not confirm and person is not None:
                raise NameTaken(person)
            joined = self.participants[client] = Participant(client, person)
        self.wake()
        return joined

    def phones(self) -> list[str]:
        """The names of the phones in the room (anonymous ones aside)."""
        with self.lock:
            return [p.name for p in self.participants.values() if p.name]

    def names(self) -> list[str]:
        """The names phones joined with, in the order they joined (anonymous ones left out)."""
        with self.lock:
            named = [p.name for p in self.participants.values() if p.name is not None]
        return list(dict.fromkeys(named))

    def count(self) -> int:
        with self.lock:
            return len(self.participants)

    def _as_on_roster(self, name: str) -> str:
        """`name` as the session's roster (or a phone before) spells it, ignoring case."""
        record = session_store.load(self.conn, self.session_id)
        known = [*(record.state.attendees or record.options.group)]
        known += [p.name for p in self.participants.values() if p.name is not None]
        folded = name.casefold()
        return next((k for k in known if k.casefold() == folded), name)

    def _participant(self, client: str) -> Participant:
        with self.lock:
            who = self.participants.get(client)
        if who is None:
            raise Refused(410, "This phone is not in the room yet: please join again.")
        return who

    def _rejoin(self) -> dict[str, Participant]:
        """The phones that already sent something in this session (a resumed room)."""
        found: dict[str, Participant] = {}
        for entry in session_store.entries_from(self.conn, self.session_id, SOURCE, prefix=True):
            client = (entry.source or SOURCE)[len(SOURCE) :]
            if client not in found or found[client].name is None:
                found[client] = Participant(client, entry.person)
        return found
