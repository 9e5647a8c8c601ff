"""Start a quiz: what the `quiz` command asks of the core."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from fsrs import Scheduler

from lp_coach.content.model import Library
from lp_coach.errors import UsageError
from lp_coach.quiz import select, store
from lp_coach.quiz.cards import KINDS, Kind, QuizCard, build_cards
from lp_coach.quiz.clock import Clock, local_zone, start_of_day
from lp_coach.quiz.engine import Quiz
from lp_coach.quiz.schedule import scheduler as default_scheduler


@dataclass(frozen=True)
class Request:
    """How a quiz was asked for."""

    principles: tuple[str, ...] = ()
    """Principle ids to keep (none: all)."""
    kinds: tuple[Kind, ...] = ()
    """Card kinds to keep (none: all)."""
    count: int = select.DEFAULT_COUNT
    cram: bool = False
    seed: int | None = None
    new_per_day: int = select.NEW_PER_DAY


def parse_kinds(names: Sequence[str]) -> tuple[Kind, ...]:
    """--kind values as kinds, or UsageError naming the one that is not a kind."""
    kinds: list[Kind] = []
    for name in names:
        kind = next((k for k in KINDS if k == name.strip().casefold()), None)
        if kind is None:
            raise UsageError(f"--kind {name!r}: not a card kind (choose from {', '.join(KINDS)})")
        kinds.append(kind)
    return tuple(dict.fromkeys(kinds))


def deck(library: Library, request: Request) -> list[QuizCard]:
    """The cards `request` is about."""
    cards = build_cards(library)
    if request.principles:
        cards = [c for c in cards if c.principle_id in request.principles]
    if request.kinds:
        cards = [c for c in cards if c.kind in request.kinds]
    return cards


def start_quiz(
    conn: sqlite3.Connection,
    library: Library,
    request: Request,
    clock: Clock,
    scheduler: Scheduler | None = None,
) -> Quiz:
    """Choose the cards and set up the quiz (nothing is written until the first answer)."""
    if request.count < 1:
        raise UsageError("--count must be at least 1")
    cards = deck(library, request)
    if not cards:
        raise UsageError("no quiz cards match --principle and --kind")
    scheduler = scheduler or default_scheduler()
    rng = random.Random(request.seed)
    now = clock.now()
    states = store.load_states(conn)
    if request.cram:
        chosen = select.practice(cards, states, now, request.count, rng, scheduler)
    else:
        seen_today = store.introduced_since(conn, start_of_day(now, local_zone()))
        chosen = select.scheduled(
            cards,
            states,
            now,
            request.count,
            max(0, request.new_per_day - seen_today),
            {p.id: index for index, p in enumerate(library.principles)},
            rng,
        )
    titles = {p.id: p.title for p in library.principles}
    return Quiz(conn, chosen, titles, states, clock, scheduler, rng, cram=request.cram)
