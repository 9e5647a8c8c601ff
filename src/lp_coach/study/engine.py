"""The session engine: where a session stands and what each reply does to it.

A face shows a `View` and returns a `Reply`; the engine saves every reply before it moves,
so a session cut off at any point resumes exactly where it stopped (study/runner.py drives it).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from lp_coach.content.model import Library
from lp_coach.errors import UsageError
from lp_coach.study import store, turns, visibility
from lp_coach.study.agenda import Agenda, agenda_for
from lp_coach.study.carried import Carried, carried, mark_answered
from lp_coach.study.records import GROUP, LEADER, SessionEntry, SessionRecord
from lp_coach.study.speakers import not_a_name, roll_call, split_speaker
from lp_coach.study.steps import WARM_UP, Step, build_steps
from lp_coach.study.view import Reply, View
from lp_coach.study.warm_up import PhoneAnswer, WarmUpCard, phone_answers

LIVE_WAIT_SECONDS = 600.0
"""How long a live session waits for a write lock held by another command (a long import)
rather than stopping with "database is locked" and dropping what was just typed."""
EXTEND_MINUTES = 2
MOVES = ("next", "back", "skip", "follow_up", "extend", "silent", "reveal")
"""Actions that steer the session: carried out only on the step they were pressed on."""


class Session:
    """A study session in progress over the store."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        record: SessionRecord,
        library: Library,
        agenda: Agenda | None = None,
    ) -> None:
        """`agenda`: the one already built for `record` (else it is built here)."""
        options = record.options
        if agenda is None:
            principle = library.get(record.principle_id)
            if principle is None:
                raise UsageError(
                    f"session {record.id} studies {record.principle_id!r}, which is no longer "
                    "in your principles"
                )
            agenda = agenda_for(principle, options)
        from lp_coach.store.writes import wait_for_lock

        wait_for_lock(conn, LIVE_WAIT_SECONDS)
        self.conn = conn
        self.record = record
        self.library = library
        self.principle = agenda.principle
        self.agenda: Agenda = agenda
        self.steps = build_steps(self.agenda, group=bool(options.group))
        self.state = record.state
        self.state.position = min(self.state.position, len(self.steps))

    @property
    def done(self) -> bool:
        return self.state.position >= len(self.steps)

    @property
    def step(self) -> Step:
        return self.steps[self.state.position]

    def people(self) -> tuple[str, ...]:
        """Who is here: the roll call once taken, else the whole group (empty when solo)."""
        return tuple(self.state.attendees or self.record.options.group)

    def person(self) -> str | None:
        """Whose turn it is on the current step."""
        return turns.whose_turn(self.steps, self.state, self.people())

    def view(self) -> View:
        step = self.step
        revealed = self.state.follow_ups.get(step.key, 0)
        available = step.segment.question.follow_ups if step.segment.question else ()
        entries = store.entries(self.conn, self.record.id)
        silent = step.key in self.state.silent
        said = tuple(visibility.on_step(entries, step.key, visibility.SCREEN, silent=silent))
        recalled = Carried()
        if step.key == "welcome":
            recalled = carried(self.conn, self.record.id)
        following = self.steps[self.state.position + 1] if not self._last() else None
        card = self.warm_up_card(step, entries) if step.collects == WARM_UP else None
        return View(
            session_id=self.record.id,
            principle=self.principle,
            step=step,
            index=self.state.position,
            total=len(self.steps),
            minutes=step.minutes + self.state.extensions.get(step.key, 0),
            person=self.person(),
            people=self.people(),
            follow_ups=available[:revealed],
            more_follow_ups=revealed < len(available),
            leader=self.record.options.leader,
            said=said,
            previous_actions=recalled.actions,
            previous_prayers=recalled.prayers,
            answered=recalled.answered,
            next_title=following.segment.title if following else None,
            silent=silent,
            silent_answered=visibility.answered(entries, step.key) if silent else 0,
            revealed=step.key in self.state.revealed,
            turn=self.state.turn,
            warm_up=card,
        )

    def warm_up_card(
        self, step: Step, entries: list[SessionEntry] | None = None
    ) -> WarmUpCard | None:
        """The warm-up card of `step` (study/warm_up_step.py)."""
        from lp_coach.study import warm_up_step

        return warm_up_step.card(self, step, entries)

    def apply(self, reply: Reply) -> bool:
        """Carry out a reply, saving it first; False when the facilitator quits."""
        step = self.step
        state = self.state
        text = reply.text.strip()
        if reply.action == "quit":
            store.save_state(self.conn, self.record.id, state)
            return False
        if reply.action in MOVES and self._already_left(reply):
            return True  # pressed on a step (or a turn) the session has already left
        if reply.action == "answer" and text and step.collects == WARM_UP:
            from lp_coach.study.warm_up_step import count_hands

            count_hands(self, step, text)
        elif reply.action == "answer" and text:
            self._answer(step, text, reply.speaker)
        elif reply.action == "note" and text:
            seen_by = LEADER if reply.private else GROUP
            key = step.key
            store.add_entry(
                self.conn, self.record.id, key, "note", None, text, state, visibility=seen_by
            )
        elif reply.action == "follow_up":
            self._follow_up(step)
        elif reply.action == "answered" and text.isdigit():
            mark_answered(self.conn, self.record.id, step.key, int(text), state)
        elif reply.action == "pass":
            self._pass(step)
        elif reply.action == "reveal" and step.collects == WARM_UP:
            self.reveal(phone_answers(store.entries(self.conn, self.record.id), step.key))
        elif reply.action == "extend":
            state.extensions[step.key] = state.extensions.get(step.key, 0) + EXTEND_MINUTES
            store.save_state(self.conn, self.record.id, state)
        elif reply.action == "next":
            self._next(step)
        elif reply.action == "back":
            state.position = max(0, state.position - 1)
            state.turn = 0
            store.save_state(self.conn, self.record.id, state)
        elif reply.action == "skip":
            self._move_to(self._next_segment_start())
        elif reply.action in ("silent", "reveal"):
            self._silent_round(step, reveal=reply.action == "reveal")
        return True

    def _answer(self, step: Step, text: str, speaker: str | None) -> None:
        state = self.state
        if step.collects == "attendance":
            if not_a_name(text) is None:  # else the roll call is asked again (the faces say why)
                self._roll_call(step, list(roll_call(text)))
            return
        kind = step.collects or "note"
        people = self.people()
        turn = self.person()
        person = None
        if step.collects:
            if speaker not in people:
                speaker, text = split_speaker(people, text)
            person = speaker or turn
        if person is not None and step.per_person:
            state.turn += 1 if person == turn else 0  # someone else spoke: still turn's turn
        elif person is not None:
            state.turn = turns.turn_of(self.steps, state, people, person) + 1  # on from them
        store.add_entry(self.conn, self.record.id, step.key, kind, person, text, state)
        # The step stays after the last person: only the facilitator moves on (prayer is next)

    def reveal(self, answers: Sequence[PhoneAnswer]) -> WarmUpCard | None:
        """Reveal the current warm-up card with the phones' `answers` (study/warm_up_step.py)."""
        from lp_coach.study import warm_up_step

        return warm_up_step.reveal(self, answers)

    def _pass(self, step: Step) -> None:
        """The person whose turn it is passes; on a question the turn goes round."""
        if step.per_person or not self.people():
            self._next(step)
            return
        self.state.turn += 1
        store.save_state(self.conn, self.record.id, self.state)

    def _follow_up(self, step: Step) -> None:
        """Show the next follow-up question, and keep it in the notes where it was asked."""
        state = self.state
        available = step.segment.question.follow_ups if step.segment.question else ()
        shown = state.follow_ups.get(step.key, 0)
        if shown >= len(available):
            return
        state.follow_ups[step.key] = shown + 1
        store.add_entry(
            self.conn, self.record.id, step.key, "follow_up", None, available[shown], state
        )

    def _already_left(self, reply: Reply) -> bool:
        """Whether `reply` was pressed on a step, or a turn of a step taken in turns, that the
        session has moved on from since."""
        if reply.at is None:
            return False
        if reply.at != self.state.position:
            return True
        turned = self.step.per_person and reply.turn is not None
        return turned and reply.turn != self.state.turn

    def _silent_round(self, step: Step, reveal: bool) -> None:
        """Run this question as a silent round (answers counted, not shown), or reveal it."""
        state = self.state
        if step.collects != "answer":
            return
        if reveal and step.key in state.silent:
            state.silent.remove(step.key)
            state.revealed.append(step.key)
        elif not reveal and step.key not in state.silent + state.revealed:
            state.silent.append(step.key)
        store.save_state(self.conn, self.record.id, state)

    def _next(self, step: Step) -> None:
        state = self.state
        if step.collects == "attendance":
            self._roll_call(step, list(self.people()))
            return
        if step.per_person and self.people() and state.turn + 1 < len(self.people()):
            state.turn += 1
            store.save_state(self.conn, self.record.id, state)
            return
        self._move_to(state.position + 1)

    def _roll_call(self, step: Step, names: list[str]) -> None:
        self.state.attendees = names
        self.state.position += 1
        self.state.turn = 0
        store.set_attendance(self.conn, self.record.id, step.key, names, self.state)

    def _move_to(self, position: int) -> None:
        self.state.position = min(position, len(self.steps))
        self.state.turn = 0
        store.save_state(self.conn, self.record.id, self.state)

    def _next_segment_start(self) -> int:
        current = self.step.segment.key
        position = self.state.position
        while position < len(self.steps) and self.steps[position].segment.key == current:
            position += 1
        return position

    def _last(self) -> bool:
        return self.state.position + 1 >= len(self.steps)
