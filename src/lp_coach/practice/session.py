"""A practice run: ask each question, take the answer, judge it, remind, record; over a face."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import NamedTuple, Protocol

from lp_coach.practice import store
from lp_coach.practice.choose import PracticeQuestion
from lp_coach.practice.rubric import CHECKS, Check, assess, self_rated
from lp_coach.stories import store as story_store
from lp_coach.stories.model import Story


class Answer(NamedTuple):
    """What the user gave: typed words (empty when spoken aloud), and how long it took."""

    text: str
    seconds: float


class PracticeFace(Protocol):
    """How a practice meets the user: a terminal with a countdown, or plain lines."""

    def ask(
        self, question: PracticeQuestion, number: int, total: int, seconds: int
    ) -> Answer | None:
        """Show the question and take the answer (None: the user stopped)."""
        ...

    def rate(self, items: Sequence[str]) -> list[bool] | None:
        """After a spoken answer: yes or no for each rubric item (None: stopped)."""
        ...

    def feedback(
        self, question: PracticeQuestion, checks: Sequence[Check], stories: Sequence[Story]
    ) -> None:
        """The rubric's verdicts, then the user's own stories for that principle."""
        ...


class Practised(NamedTuple):
    """What a practice run recorded."""

    attempts: list[int]
    scores: list[tuple[int, int]]
    """(passed, of) for each attempt."""


def run(
    conn: sqlite3.Connection,
    questions: Sequence[PracticeQuestion],
    face: PracticeFace,
    *,
    minutes: float,
    spoken: bool = False,
) -> Practised:
    """Ask `questions` in turn; each attempt is recorded as soon as its feedback is shown."""
    limit = round(minutes * 60)
    outcome = Practised([], [])
    for number, question in enumerate(questions, start=1):
        answer = face.ask(question, number, len(questions), limit)
        if answer is None:
            break
        if not spoken and not answer.text.strip():
            continue  # nothing typed: the question is skipped, and nothing recorded
        if spoken:
            rated = face.rate(list(CHECKS.values()))
            if rated is None:
                break
            checks = self_rated(rated)
        else:
            checks = assess(answer.text, question.principle)
        reminders = list(story_store.stories(conn, (question.principle.id,)))
        attempt = store.record(
            conn,
            question.principle.id,
            question.text,
            store.SPOKEN if spoken else store.TYPED,
            "" if spoken else answer.text,
            checks,
            seconds=round(answer.seconds),
            limit_seconds=limit,
        )
        face.feedback(question, checks, reminders)
        outcome.attempts.append(attempt)
        outcome.scores.append((sum(c.passed for c in checks), len(checks)))
    return outcome
