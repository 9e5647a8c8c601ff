"""What phones change in a running session: a turn passed by its owner's answer, and someone
who joined by phone only counted as present."""

from __future__ import annotations

from lp_coach.study import store, turns
from lp_coach.study.engine import Session
from lp_coach.study.records import GROUP, SessionEntry


def heard(session: Session, entry: SessionEntry) -> bool:
    """A phone's `entry` came in: when it is from the person whose turn it is, on this step,
    the turn passes as it does for a typed answer. True when the turn moved."""
    if session.done or entry.visibility != GROUP:
        return False  # an anonymous or leader-only word never says who sent it by the turn
    step = session.step
    if entry.step != step.key or entry.kind != step.collects:
        return False
    turn = session.person()
    if turn is None or entry.person is None or entry.person.casefold() != turn.casefold():
        return False
    state = session.state
    people = session.people()
    on_from = turns.turn_of(session.steps, state, people, turn) + 1
    state.turn = state.turn + 1 if step.per_person else on_from
    store.save_state(session.conn, session.record.id, state)
    return True


def add_person(session: Session, name: str) -> bool:
    """Someone who joined by phone only: add them to those present, once the roll call is
    taken (they are added just after it). True when they were not there yet."""
    people = session.people()
    if not session.record.options.group or any(p.casefold() == name.casefold() for p in people):
        return False
    keys = [s.key for s in session.steps]
    if "attendance" in keys and session.state.position <= keys.index("attendance"):
        return False
    session.state.attendees = [*people, name]
    store.add_attendee(session.conn, session.record.id, name, session.state)
    return True
