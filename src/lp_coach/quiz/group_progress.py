"""A group's quiz mastery: each principle's, for the group and for each person in it.

Each person's mastery of a principle is the mean chance of recalling each of its cards now,
from their own review state (quiz/owners.py: the user's own under their name); the group's
is the mean over its people, someone never quizzed counting 0.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from lp_coach.content.model import Library
from lp_coach.quiz.cards import build_cards
from lp_coach.quiz.mastery import mastery_by_principle
from lp_coach.quiz.owners import owner


@dataclass(frozen=True)
class GroupMastery:
    """One principle's mastery, for the group and per person (in the group's order)."""

    id: str
    title: str
    group: float
    people: tuple[float, ...]


@dataclass(frozen=True)
class GroupProgress:
    """What `lp-coach progress --group` shows."""

    people: tuple[str, ...]
    principles: list[GroupMastery]

    def to_json(self) -> dict[str, Any]:
        return {
            "group": list(self.people),
            "principles": [
                {
                    "id": p.id,
                    "title": p.title,
                    "mastery": round(p.group, 3),
                    "people": {
                        name: round(m, 3) for name, m in zip(self.people, p.people, strict=True)
                    },
                }
                for p in self.principles
            ],
        }


def group_progress(
    conn: sqlite3.Connection,
    library: Library,
    people: Sequence[str],
    me: str | None,
    now: datetime,
) -> GroupProgress:
    """Each principle's mastery at `now` for `people` and for each of them."""
    cards = build_cards(library)
    each = [mastery_by_principle(conn, library, now, cards, owner(p, me)) for p in people]
    rows = []
    for principle in library.principles:
        mine = tuple(m.get(principle.id, 0.0) for m in each)
        group = sum(mine) / len(mine) if mine else 0.0
        rows.append(GroupMastery(principle.id, principle.title, group, mine))
    return GroupProgress(tuple(people), rows)


def last_group(conn: sqlite3.Connection) -> tuple[str, ...]:
    """The people of the last group session (its roll call, else its group), or ()."""
    from lp_coach.study import store as session_store

    for record in reversed(session_store.all_sessions(conn)):
        if record.options.group:
            return tuple(record.state.attendees or record.options.group)
    return ()
