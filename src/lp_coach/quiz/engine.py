"""The quiz engine: one question at a time over any face (Rich prompts or plain lines).

A face shows a `QuizQuestion` and returns a `Response`; the engine rates the answer, saves the
review at once (so nothing answered is ever lost), and tells the face how it went. Cards
missed come back once more at the end.
"""

from __future__ import annotations

import random
import sqlite3
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Protocol

from lp_coach.clock import Clock, stamp
from lp_coach.quiz import store
from lp_coach.quiz.cards import QuizCard
from lp_coach.quiz.compare import same_text
from lp_coach.quiz.grades import Grade
from lp_coach.quiz.questions import QuizQuestion, make_question
from lp_coach.quiz.schedule import choice_grade, new_card, review
from lp_coach.quiz.select import CardSelection
from lp_coach.quiz.store import Stored

if TYPE_CHECKING:
    from fsrs import Scheduler


@dataclass(frozen=True)
class Response:
    """What the learner answered: an option's index, or typed text ('' for "show me")."""

    choice: int | None = None
    text: str = ""


@dataclass(frozen=True)
class Result:
    """How an answer went, once it is saved."""

    question: QuizQuestion
    grade: Grade
    right: bool
    """A right option, or typed text matching the official text leniently."""
    seconds: float
    response: Response
    next_due: timedelta | None = None
    """How long until the card comes back (None in practice, which changes no schedule)."""


class QuizFace(Protocol):
    """A way of putting questions to the learner."""

    def ask(self, question: QuizQuestion) -> Response | None:
        """Show the question and return the answer, or None to stop (quit or end of input)."""
        ...

    def grade(self, question: QuizQuestion, typed: str, matched: bool) -> Grade | None:
        """Show the official answer next to `typed`; return the learner's own grade or None."""
        ...

    def reveal(self, result: Result) -> None:
        """Show how an answer went: right or wrong, any explanation, when the card is back."""
        ...


@dataclass
class Quiz:
    """A quiz in progress over the store."""

    conn: sqlite3.Connection
    selection: CardSelection
    titles: dict[str, str]
    states: dict[str, Stored]
    clock: Clock
    scheduler: Scheduler
    rng: random.Random
    cram: bool = False
    results: list[Result] = field(default_factory=list)
    stopped: bool = False
    """True when the learner stopped before the last question."""

    @property
    def first_tries(self) -> list[Result]:
        return [r for r in self.results if not r.question.repeat]

    def record(self, card: QuizCard, grade: Grade, seconds: float) -> timedelta | None:
        """Save one review and, outside practice, the card's state; return when it is back."""
        now = self.clock.now()
        duration = max(0, round(seconds * 1000))
        if self.cram:
            store.save_review(self.conn, card, int(grade), now, duration, None)
            return None
        stored = self.states.get(card.id)
        before = stored.card if stored is not None else new_card(card.id, now)
        after = review(self.scheduler, before, grade, now, duration)
        store.save_review(self.conn, card, int(grade), now, duration, after)
        created = stored.created if stored is not None else stamp(now)
        self.states[card.id] = Stored(
            card.id, card.principle_id, card.kind, after, after.due, created
        )
        return after.due - now


def run(quiz: Quiz, face: QuizFace) -> Quiz:
    """Ask every selected card, then each one missed once more; stop when the face does."""
    cards = quiz.selection.cards
    for number, card in enumerate(cards, start=1):
        question = make_question(card, quiz.titles, quiz.rng, number, len(cards))
        if not _put(quiz, face, question):
            quiz.stopped = True
            return quiz
    missed = [r.question.card for r in quiz.results if r.grade == Grade.AGAIN]
    for number, card in enumerate(missed, start=1):
        question = make_question(card, quiz.titles, quiz.rng, number, len(missed), repeat=True)
        if not _put(quiz, face, question):
            return quiz  # the main questions are all done: not "stopped early"
    return quiz


def _put(quiz: Quiz, face: QuizFace, question: QuizQuestion) -> bool:
    """Ask one question and save its answer; False when the learner stops."""
    clock = quiz.clock
    shown = clock.now()
    response = face.ask(question)
    if response is None:
        return False
    seconds = (clock.now() - shown).total_seconds()
    card = question.card
    if question.answer is not None:
        right = response.choice == question.answer
        grade = choice_grade(card.kind, right, seconds)
    else:
        right = bool(response.text.strip()) and same_text(response.text, card.back)
        graded = face.grade(question, response.text, right)
        if graded is None:
            return False
        grade = graded
    back = quiz.record(card, grade, seconds)
    result = Result(question, grade, right, seconds, response, back)
    quiz.results.append(result)
    face.reveal(result)
    return True
