"""Which interview questions a practice asks: weighted to principles the story bank covers least."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from lp_coach.content.model import Library, Principle
from lp_coach.errors import UsageError

WEIGHTS = {0: 4.0, 1: 2.0}
"""A principle with no story is four times as likely as a covered one; with one, twice."""
COVERED_WEIGHT = 1.0


class PracticeQuestion(NamedTuple):
    """One behavioural question and the principle it is about."""

    principle: Principle
    text: str


def weight(stories: int) -> float:
    """How much more often a principle with `stories` stories is asked."""
    return WEIGHTS.get(stories, COVERED_WEIGHT)


def choose(
    library: Library,
    story_counts: Mapping[str, int],
    count: int,
    rng: random.Random,
    *,
    only: Sequence[str] = (),
    asked: Mapping[str, int] | None = None,
) -> list[PracticeQuestion]:
    """Up to `count` different questions, each drawn with its principle's weight.

    A question already asked `n` times weighs 1/(n+1) as much, so practice moves on.
    `only` keeps those principle ids.
    """
    if count < 1:
        raise UsageError("--count must be at least 1")
    asked = asked or {}
    pool = [
        (PracticeQuestion(p, q), weight(story_counts.get(p.id, 0)) / (1 + asked.get(q, 0)))
        for p in library.principles
        if not only or p.id in only
        for q in p.interview_questions
    ]
    if not pool:
        which = ", ".join(only) if only else "any principle"
        raise UsageError(f"no interview questions for {which} in the principle packs")
    chosen: list[PracticeQuestion] = []
    while pool and len(chosen) < count:
        index = rng.choices(range(len(pool)), weights=[w for _, w in pool])[0]
        chosen.append(pool.pop(index)[0])
    return chosen
