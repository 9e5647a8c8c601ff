"""Carried forward: last meeting's action steps and prayer requests at the check-in, and the
prayer requests the leader marks answered."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from lp_coach.study import store, visibility
from lp_coach.study.records import SessionEntry, SessionStatus, State

ANSWERED = "answered"
"""The kind of entry that marks one of last time's prayer requests answered."""
MARKS = "answered:"
"""The start of its source, followed by the id of the request it marks."""


@dataclass(frozen=True)
class Carried:
    """What the check-in brings back from the same group's last finished meeting."""

    actions: tuple[SessionEntry, ...] = ()
    prayers: tuple[SessionEntry, ...] = ()
    """The prayer requests the group may see (anonymous ones with no name), numbered from 1."""
    answered: frozenset[int] = frozenset()
    """The ids of those marked answered in this session."""
    for_leader: tuple[SessionEntry, ...] = ()
    """Last time's prayer requests for the leader only: never shown, only in the leader's copy."""


def carried(conn: sqlite3.Connection, session_id: int) -> Carried:
    """What session `session_id`'s check-in brings back (as the visibility rule allows)."""
    earlier = previous_entries(conn, session_id)
    recalled = visibility.visible(earlier, visibility.CHECK_IN)
    return Carried(
        actions=tuple(e for e in recalled if e.kind == "action"),
        prayers=tuple(e for e in recalled if e.kind == "prayer"),
        answered=answered(store.entries(conn, session_id)),
        for_leader=tuple(e for e in visibility.for_leader_only(earlier) if e.kind == "prayer"),
    )


def answered(entries: list[SessionEntry]) -> frozenset[int]:
    """The ids of the prayer requests these entries mark answered."""
    return frozenset(
        int(e.source[len(MARKS) :])
        for e in entries
        if e.kind == ANSWERED and e.source and e.source.startswith(MARKS)
    )


def mark_answered(
    conn: sqlite3.Connection, session_id: int, step: str, number: int, state: State
) -> bool:
    """Mark last time's prayer request `number` (from 1, as the check-in lists them) answered,
    on the step `step`; False when there is no such request or it is marked already."""
    now = carried(conn, session_id)
    if not 1 <= number <= len(now.prayers) or now.prayers[number - 1].id in now.answered:
        return False
    request = now.prayers[number - 1]
    store.add_entry(
        conn,
        session_id,
        step,
        ANSWERED,
        request.person,
        request.text,
        state,
        visibility=request.visibility,
        source=f"{MARKS}{request.id}",
    )
    return True


def previous_entries(conn: sqlite3.Connection, session_id: int) -> list[SessionEntry]:
    """Everything said at the same group's last finished session (what the check-in may show
    of it is `visibility`'s to say).

    The same group is a session of the same group (see groups/store.py) with the same
    people, in any order or case; a solo session only recalls solo sessions.
    """
    this = store.load(conn, session_id)
    earlier = [
        r
        for r in store.all_sessions(conn, this.group_id, unreadable=[])  # a damaged one: none
        if r.status == SessionStatus.FINISHED and r.id < session_id and r.group_id == this.group_id
    ]
    for record in reversed(earlier):
        if same_people(record.options.group, this.options.group):
            return store.entries(conn, record.id)
    return []


def same_people(one: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """Whether two groups are the same people (order and case aside)."""
    return {n.casefold() for n in one} == {n.casefold() for n in other}
