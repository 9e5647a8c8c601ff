"""Each principle's quiz mastery, read from the stored card states without the scheduler.

`lp-coach progress` asks fsrs for each card's retrievability; `today` only needs the means,
and importing fsrs is a good part of its start-up. FSRS-6 retrievability is one formula of
the card's stability and the days since its last review, with the scheduler's decay: it is
computed here the same way, float for float (tests/test_mastery.py holds it to fsrs).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from lp_coach.content.model import Library
from lp_coach.errors import StoreError

if TYPE_CHECKING:
    from lp_coach.quiz.cards import QuizCard

DECAY = -0.1542
"""The scheduler's decay: minus the last of fsrs' default parameters (FSRS_DEFAULT_DECAY)."""
FACTOR = 0.9 ** (1 / DECAY) - 1
"""Chosen by FSRS so that retrievability is 0.9 when the days elapsed equal the stability."""
STATES = (1, 2, 3)
"""fsrs' card states (learning, review, relearning): another value is an unreadable row."""


def mastery_by_principle(
    conn: sqlite3.Connection,
    library: Library,
    now: datetime,
    cards: Sequence[QuizCard] | None = None,
    person: str = "",
) -> dict[str, float]:
    """Each principle's mastery at `now`: the mean chance of recalling each of its cards
    (unseen cards count 0), as `quiz.progress.progress` measures it.

    `cards` are the library's (`build_cards`), when the caller has built them already;
    `person` whose review state it is ('' the user's own, quiz/owners.py).
    """
    if cards is None:
        from lp_coach.quiz.cards import build_cards

        cards = build_cards(library)
    recalls = load_recalls(conn, now, person)
    by_principle: dict[str, list[float]] = {p.id: [] for p in library.principles}
    for card in cards:
        by_principle[card.principle_id].append(recalls.get(card.id, 0.0))
    return {pid: sum(r) / len(r) if r else 0.0 for pid, r in by_principle.items()}


def load_recalls(conn: sqlite3.Connection, now: datetime, person: str = "") -> dict[str, float]:
    """Each card `person` reviewed, its retrievability at `now`, by id ('' the user's own).

    A row that `quiz.store.load_states` could not read fails here with its message.
    """
    from lp_coach.clock import parse_stamp

    recalls: dict[str, float] = {}
    rows = conn.execute(
        "SELECT id, state, due FROM quiz_cards WHERE retired IS NULL AND person = ?", (person,)
    )
    for row in rows:
        try:
            recall = retrievability(json.loads(row["state"]), now)
            parse_stamp(row["due"])
        except (ValueError, KeyError, TypeError) as exc:
            message = f"quiz card {row['id']!r}: its stored state is unreadable ({exc})"
            raise StoreError(message) from None
        recalls[row["id"]] = recall
    return recalls


def retrievability(state: Any, now: datetime) -> float:
    """fsrs' `Scheduler.get_card_retrievability` of the card stored as `state` (its to_dict),
    raising what fsrs' `Card.from_dict` raises on the same state, in the same order."""
    int(state["card_id"])
    kind = int(state["state"])
    if kind not in STATES:
        raise ValueError(f"{kind!r} is not a valid State")
    state["step"]
    stability = float(state["stability"]) if state["stability"] else None
    if state["difficulty"]:
        float(state["difficulty"])
    datetime.fromisoformat(state["due"])
    last = datetime.fromisoformat(state["last_review"]) if state["last_review"] else None
    if last is None or stability is None:
        return 0.0
    elapsed_days = max(0, (now - last).days)
    return float((1 + FACTOR * elapsed_days / stability) ** DECAY)
