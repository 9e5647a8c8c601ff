"""Quiz cards' scheduling state and every review, in the SQLite store.

A card gets a row when it is first reviewed; until then it is new. A review is logged
and its card's new state saved in one transaction, the moment it is given. Every row has an
owner (`person`): ME, the user, unless a group member's warm-up answer wrote it (quiz/owners.py).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, NamedTuple

from lp_coach.clock import day_start, parse_stamp, stamp
from lp_coach.clock import now as clock_now
from lp_coach.errors import StoreError
from lp_coach.quiz.cards import QuizCard
from lp_coach.store.db import transaction

ME = ""
"""The owner of the user's own review state (quiz/owners.py says who else may own some)."""

if TYPE_CHECKING:
    from fsrs import Card  # imported where states are read: `today` counts cards without it


class Stored(NamedTuple):
    """A card's row: its scheduler state and when it is due."""

    id: str
    principle_id: str
    kind: str
    card: Card
    due: datetime
    created: str


def load_states(conn: sqlite3.Connection, person: str = ME) -> dict[str, Stored]:
    """Every live card `person` has reviewed, by id (a few hundred rows at most)."""
    from fsrs import Card

    rows = conn.execute(
        "SELECT id, principle_id, kind, state, due, created FROM quiz_cards "
        "WHERE retired IS NULL AND person = ?",
        (person,),
    )
    states: dict[str, Stored] = {}
    for row in rows:
        try:
            card = Card.from_dict(json.loads(row["state"]))
            due = parse_stamp(row["due"])
        except (ValueError, KeyError, TypeError) as exc:
            message = f"quiz card {row['id']!r}: its stored state is unreadable ({exc})"
            raise StoreError(message) from None
        states[row["id"]] = Stored(
            row["id"], row["principle_id"], row["kind"], card, due, row["created"]
        )
    return states


def seen_ids(conn: sqlite3.Connection, person: str = ME) -> set[str]:
    """The ids of every card `person` has seen at least once."""
    return {row[0] for row in conn.execute("SELECT id FROM quiz_cards WHERE person = ?", (person,))}


def retire(conn: sqlite3.Connection, cards: Iterable[QuizCard], sources: Iterable[str]) -> int:
    """Retire the stored cards of `sources` (principle ids) that `cards` no longer has, and
    bring back any that returned; how many changed. Reviews are never deleted: a retired card
    keeps its row and history, and is neither shown nor counted as due."""
    live = {c.id for c in cards}
    retiring: list[str] = []
    returning: list[str] = []
    for source in set(sources):
        # ids are '<source>:<kind>:<key>' and ';' follows ':', so this is one index range
        rows = conn.execute(
            "SELECT id, retired FROM quiz_cards WHERE id > ? AND id < ?",
            (f"{source}:", f"{source};"),
        )
        for row in rows:
            if row["id"] not in live and row["retired"] is None:
                retiring.append(row["id"])
            elif row["id"] in live and row["retired"] is not None:
                returning.append(row["id"])
    if retiring or returning:
        with transaction(conn):
            now = stamp(clock_now())
            conn.executemany(
                "UPDATE quiz_cards SET retired = ? WHERE id = ?", [(now, i) for i in retiring]
            )
            conn.executemany(
                "UPDATE quiz_cards SET retired = NULL WHERE id = ?", [(i,) for i in returning]
            )
    return len(retiring) + len(returning)


def introduced_since(conn: sqlite3.Connection, since: datetime, person: str = ME) -> int:
    """How many cards `person` saw for the first time at or after `since`."""
    row = conn.execute(
        "SELECT count(*) FROM quiz_cards WHERE person = ? AND created >= ?", (person, stamp(since))
    )
    return int(row.fetchone()[0])


def reviewed_since(conn: sqlite3.Connection, since: datetime, person: str = ME) -> set[str]:
    """The ids of the cards `person` reviewed (or practised) at or after `since`."""
    rows = conn.execute(
        "SELECT DISTINCT card_id FROM quiz_reviews WHERE person = ? AND reviewed >= ?",
        (person, stamp(since)),
    )
    return {row[0] for row in rows}


def save_review(
    conn: sqlite3.Connection,
    card: QuizCard,
    rating: int,
    when: datetime,
    duration_ms: int | None,
    state: Card | None,
    person: str = ME,
) -> None:
    """Log one review of `person`'s and, unless it was practice (`state` None), the card's
    new state."""
    with transaction(conn):
        if state is not None:
            conn.execute(
                "INSERT INTO quiz_cards (person, id, principle_id, kind, state, due, created) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(person, id) DO UPDATE SET "
                "principle_id = excluded.principle_id, kind = excluded.kind, "
                "state = excluded.state, due = excluded.due",
                (
                    person,
                    card.id,
                    card.principle_id,
                    card.kind,
                    state.to_json(),
                    stamp(state.due),
                    stamp(when),
                ),
            )
        conn.execute(
            "INSERT INTO quiz_reviews "
            "(person, card_id, principle_id, rating, reviewed, duration_ms, cram) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                person,
                card.id,
                card.principle_id,
                rating,
                stamp(when),
                duration_ms,
                int(state is None),
            ),
        )


def next_due(conn: sqlite3.Connection, after: datetime, person: str = ME) -> datetime | None:
    """When `person`'s first card due after `after` comes due, or None."""
    row = conn.execute(
        "SELECT min(due) FROM quiz_cards WHERE person = ? AND due > ? AND retired IS NULL",
        (person, stamp(after)),
    ).fetchone()
    return parse_stamp(row[0]) if row[0] else None


def due_count(conn: sqlite3.Connection, until: datetime, person: str = ME) -> int:
    """How many of `person`'s cards are due by `until` (overdue ones included)."""
    row = conn.execute(
        "SELECT count(*) FROM quiz_cards WHERE person = ? AND due <= ? AND retired IS NULL",
        (person, stamp(until)),
    )
    return int(row.fetchone()[0])


def review_counts(conn: sqlite3.Connection, person: str = ME) -> dict[str, int]:
    """How many reviews `person` gave each card, practice included.

    By card, because that reads the (person, card_id) index alone: several times faster
    than grouping by principle once there are many thousands of reviews.
    """
    rows = conn.execute(
        "SELECT card_id, count(*) FROM quiz_reviews WHERE person = ? GROUP BY card_id", (person,)
    )
    return {row[0]: int(row[1]) for row in rows}


def reviews_per_day(
    conn: sqlite3.Connection, first: date, last: date, zone: tzinfo, person: str = ME
) -> dict[date, int]:
    """`person`'s reviews on each day from `first` to `last` (the days that had some), a
    day running from one local midnight in `zone` to the next, with that day's offset: a
    review just after midnight in summer is on its summer day, read in winter too."""
    count = (last - first).days + 1
    days = [first + timedelta(days=n) for n in range(count)]
    bounds = [stamp(day_start(day, zone)) for day in [*days, last + timedelta(1)]]
    ranges = [(day.isoformat(), bounds[n], bounds[n + 1]) for n, day in enumerate(days)]
    if not ranges:
        return {}
    rows = conn.execute(
        f"WITH days(day, start, stop) AS (VALUES {', '.join(['(?, ?, ?)'] * len(ranges))}) "
        "SELECT day, count(*) FROM days JOIN quiz_reviews r "
        "ON r.reviewed >= days.start AND r.reviewed < days.stop AND r.person = ? GROUP BY day",
        [*(value for r in ranges for value in r), person],
    )
    return {date.fromisoformat(row[0]): int(row[1]) for row in rows}
