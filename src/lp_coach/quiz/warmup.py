"""The group's warm-up: the quiz cards the people present are closest to forgetting, put as
multiple choice, and each named answer kept as that person's review.

Every person has their own review state per card (quiz/owners.py). A card's recall for the
group is the mean of each present person's FSRS retrievability (quiz/mastery.py's formula;
a card someone never reviewed counts 0, as new); the warm-up takes the cards of principles
already studied whose recall is lowest, one per statement, spread over the principles.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from lp_coach.quiz.cards import QuizCard, sibling
from lp_coach.quiz.grades import Grade
from lp_coach.quiz.mastery import load_recalls
from lp_coach.quiz.owners import owner
from lp_coach.quiz.questions import OPTIONS, Option, QuizQuestion, make_question

KINDS = ("name", "scenario", "cloze")
"""The cards a warm-up asks: all can be answered from choices on a phone."""
FEWEST, MOST = 3, 5


@dataclass(frozen=True)
class Candidate:
    """A card and how well the people present would recall it now."""

    card: QuizCard
    recalls: tuple[float, ...]
    """Each present person's chance of recall, in the order of the people (0: never seen)."""

    @property
    def recall(self) -> float:
        """The group's: the mean over the people present."""
        return sum(self.recalls) / len(self.recalls) if self.recalls else 0.0


def recalls_of(
    conn: sqlite3.Connection, people: Sequence[str], me: str | None, now: datetime
) -> list[dict[str, float]]:
    """Each person's recall of each card they reviewed, at `now`, in the order of `people`."""
    return [load_recalls(conn, now, owner(person, me)) for person in people]


def pick(
    cards: Sequence[QuizCard],
    studied: Sequence[str],
    recalls: Sequence[Mapping[str, float]],
    count: int | None = None,
) -> list[Candidate]:
    """The warm-up's cards: of the `studied` principles' cards, those the people (their
    `recalls`, one mapping each) are likeliest to have forgotten, one per statement.

    Lowest group recall first, then lowest single recall; among cards the group recalls
    alike (everyone new, say), the principles take turns, the one studied longest ago first.
    `count` defaults to one card per principle studied, from FEWEST to MOST. Empty when
    nothing has been studied.
    """
    order = {pid: n for n, pid in enumerate(dict.fromkeys(studied))}
    if not order:
        return []
    wanted = count if count is not None else min(MOST, max(FEWEST, len(order)))
    candidates = [
        Candidate(card, tuple(r.get(card.id, 0.0) for r in recalls))
        for card in cards
        if card.principle_id in order and card.kind in KINDS
    ]

    def weakness(c: Candidate) -> tuple[float, float]:
        return (round(c.recall, 3), round(min(c.recalls, default=0.0), 3))

    candidates.sort(key=lambda c: (*weakness(c), KINDS.index(c.card.kind), c.card.id))
    turn: dict[str, int] = {}
    ranked = []
    for candidate in candidates:  # each card's turn within its principle, among its equals
        key = f"{candidate.card.principle_id}:{weakness(candidate)}"
        turn[key] = turn.get(key, -1) + 1
        ranked.append((*weakness(candidate), turn[key], order[candidate.card.principle_id]))
    taken: list[Candidate] = []
    statements: set[str] = set()
    for *_, candidate in sorted(
        zip(ranked, range(len(candidates)), candidates, strict=True), key=lambda r: r[:2]
    ):
        if len(taken) >= wanted:
            break
        if sibling(candidate.card) not in statements:
            taken.append(candidate)
            statements.add(sibling(candidate.card))
    return taken


def warm_up_question(
    card: QuizCard,
    titles: dict[str, str],
    phrases: Sequence[QuizCard],
    rng: random.Random,
    number: int,
    total: int,
) -> QuizQuestion:
    """`card` as multiple choice: a principle to name, or (a blank) the missing words from
    choices, the others taken from the blanks of other statements (`phrases`)."""
    if card.kind != "cloze":
        return make_question(card, titles, rng, number, total)
    others = sorted({c.back for c in phrases if sibling(c) != sibling(card) and c.back})
    wrong = rng.sample(others, min(OPTIONS - 1, len(others)))
    texts = [card.back, *wrong]
    rng.shuffle(texts)
    options = tuple(Option(f"words-{n}", text) for n, text in enumerate(texts, start=1))
    return QuizQuestion(card, number, total, options, texts.index(card.back))


def instruction(question: QuizQuestion) -> str:
    """What a warm-up question asks (a blank is chosen, not typed)."""
    if question.card.kind == "cloze":
        return "Which words fill the blank?"
    return question.instruction


def record_answer(
    conn: sqlite3.Connection,
    card: QuizCard,
    person: str,
    me: str | None,
    right: bool,
    seconds: float,
    now: datetime,
) -> Grade:
    """Keep a named warm-up answer as `person`'s review of `card`, as their own quiz would
    (wrong Again, right Good, right and fast Easy); the grade given."""
    from lp_coach.quiz import store
    from lp_coach.quiz.schedule import choice_grade, new_card, review, scheduler

    who = owner(person, me)
    grade = choice_grade(card.kind, right, seconds)
    stored = store.load_states(conn, who).get(card.id)
    before = stored.card if stored is not None else new_card(card.id, now)
    duration = max(0, round(seconds * 1000))
    after = review(scheduler(), before, grade, now, duration)
    store.save_review(conn, card, int(grade), now, duration, after, who)
    return grade
