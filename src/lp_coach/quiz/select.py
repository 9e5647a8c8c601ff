"""Which cards a quiz asks: due ones first, then new ones up to a daily limit; or practice."""

from __future__ import annotations

import random
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from lp_coach.quiz.cards import QuizCard, new_order, sibling
from lp_coach.quiz.store import Stored

if TYPE_CHECKING:
    from fsrs import Scheduler  # only annotated here: `today` reads NEW_PER_DAY without fsrs

NEW_PER_DAY = 10
"""New cards introduced per (local) day, as in Anki's deck options."""
DEFAULT_COUNT = 20


class CardSelection(NamedTuple):
    """The cards of one quiz, in the order they are asked."""

    cards: list[QuizCard]
    due: int
    """How many of them are reviews the scheduler asked for."""
    new: int
    """How many are seen for the first time."""
    waiting: int
    """Due cards left out by --count."""


def scheduled(
    cards: Sequence[QuizCard],
    states: Mapping[str, Stored],
    now: datetime,
    count: int,
    new_allowed: int,
    order: Mapping[str, int],
    rng: random.Random,
    shown_today: Collection[str] = (),
) -> CardSelection:
    """Due cards (most overdue first), then new ones (kinds and principles in turn); each
    group in `rng`'s order.

    Siblings are buried, as in Anki: a card whose sibling (`cards.sibling`: the cards that
    show one statement) was shown today (`shown_today`, card ids) or is taken already waits
    for another day, so one card never gives away the answer of the next.
    """
    used = {sibling(c) for c in cards if c.id in shown_today}
    due = sorted(
        (c for c in cards if c.id in states and states[c.id].due <= now),
        key=lambda c: (states[c.id].due, c.id),
    )
    taken_due = _apart(due, used, count)
    fresh = new_order((c for c in cards if c.id not in states), order)
    taken_new = _apart(fresh, used, max(0, min(new_allowed, count - len(taken_due))))
    rng.shuffle(taken_due)
    rng.shuffle(taken_new)
    return CardSelection(
        [*taken_due, *taken_new], len(taken_due), len(taken_new), len(due) - len(taken_due)
    )


def _apart(cards: Iterable[QuizCard], used: set[str], limit: int) -> list[QuizCard]:
    """Up to `limit` of `cards`, in order, no two siblings, none a sibling of `used` (which
    grows by those taken)."""
    taken: list[QuizCard] = []
    for card in cards:
        if len(taken) >= limit:
            break
        if sibling(card) not in used:
            used.add(sibling(card))
            taken.append(card)
    return taken


def practice(
    cards: Sequence[QuizCard],
    states: Mapping[str, Stored],
    now: datetime,
    count: int,
    rng: random.Random,
    scheduler: Scheduler,
) -> CardSelection:
    """Cards to practise outside the schedule: seen ones, least well remembered first."""

    def weakness(card: QuizCard) -> tuple[int, float, float]:
        stored = states.get(card.id)
        if stored is None:
            return (1, 0.0, rng.random())
        recall = scheduler.get_card_retrievability(stored.card, now)
        return (0, recall, rng.random())

    chosen = sorted(cards, key=weakness)[:count]
    rng.shuffle(chosen)
    return CardSelection(chosen, 0, sum(1 for c in chosen if c.id not in states), 0)
