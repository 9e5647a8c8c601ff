"""The FSRS scheduler as lp-coach uses it: its settings, grading, and grades as fsrs ratings."""

from __future__ import annotations

import zlib
from datetime import datetime, timedelta

from fsrs import Card, Rating, Scheduler

from lp_coach.quiz.cards import Kind
from lp_coach.quiz.grades import Grade

LEARNING_STEPS = (timedelta(minutes=10),)
"""One short step: a new card answered Good or Easy goes straight to days-long intervals,
while a miss comes back in ten minutes (and once more at the end of the quiz)."""

FAST_SECONDS: dict[Kind, float] = {"name": 8.0, "scenario": 15.0}
"""A right multiple-choice answer given faster than this is rated Easy instead of Good.
Scenarios are longer to read, so they have longer."""

RATINGS = {
    Grade.AGAIN: Rating.Again,
    Grade.HARD: Rating.Hard,
    Grade.GOOD: Rating.Good,
    Grade.EASY: Rating.Easy,
}
"""Each grade as the scheduler's rating."""


RETENTION = 0.9
"""The chance of recalling a card when it comes due, unless the learner sets another
(`quiz --retention`): FSRS's desired retention."""


def scheduler(fuzz: bool = True, retention: float = RETENTION) -> Scheduler:
    """The scheduler every quiz uses (fuzz spreads cards learned together over nearby days),
    bringing each card back when its chance of recall falls to `retention`."""
    return Scheduler(
        desired_retention=retention,
        learning_steps=LEARNING_STEPS,
        relearning_steps=LEARNING_STEPS,
        enable_fuzzing=fuzz,
    )


def interval_days(scheduler: Scheduler, stability: float) -> float:
    """Days from a review until recall falls to the scheduler's target, for a card of
    `stability` (FSRS's interval formula, unrounded, at least a day)."""
    factor: float = scheduler._FACTOR  # noqa: SLF001 -- the formula's own constants
    decay: float = scheduler._DECAY  # noqa: SLF001
    target: float = scheduler.desired_retention
    days = stability / factor * (target ** (1 / decay) - 1)
    return float(max(1.0, min(days, scheduler.maximum_interval)))


def choice_grade(kind: Kind, right: bool, seconds: float) -> Grade:
    """A multiple-choice answer as a grade: wrong Again, right Good, right and fast Easy."""
    if not right:
        return Grade.AGAIN
    return Grade.EASY if seconds < FAST_SECONDS.get(kind, 8.0) else Grade.GOOD


def review(scheduler: Scheduler, card: Card, grade: Grade, now: datetime, duration_ms: int) -> Card:
    """The card's state after a review graded `grade` at `now`."""
    after, _log = scheduler.review_card(card, RATINGS[grade], now, duration_ms)
    return after


def new_card(card_id: str, now: datetime) -> Card:
    """A scheduler card never reviewed, due now.

    The scheduler wants an integer id; ours is text, so a checksum of it stands in.
    """
    return Card(card_id=zlib.crc32(card_id.encode("utf-8")), due=now)
