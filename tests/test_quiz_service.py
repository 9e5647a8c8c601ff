"""quiz.service without the CLI: a whole quiz over the real store, ended every way it can end."""

from __future__ import annotations

import sqlite3
import zipfile
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from lp_coach.clock import FrozenClock
from lp_coach.errors import NotFound, UsageError
from lp_coach.quiz.engine import Response, Result
from lp_coach.quiz.grades import Grade
from lp_coach.quiz.questions import QuizQuestion
from lp_coach.quiz.service import QuizRequest, export_anki, run_quiz
from lp_coach.store.db import connect

START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


class Scripted:
    """Answers each question right after 20 seconds; raises Ctrl-C at question `interrupt`."""

    def __init__(self, clock: FrozenClock, interrupt: int | None = None) -> None:
        self.clock = clock
        self.interrupt = interrupt
        self.asked: list[QuizQuestion] = []
        self.said: list[tuple[list[str], str | None]] = []

    def ask(self, question: QuizQuestion) -> Response | None:
        if self.interrupt is not None and len(self.asked) + 1 == self.interrupt:
            raise KeyboardInterrupt
        self.asked.append(question)
        self.clock.advance(timedelta(seconds=20))
        if question.answer is None:
            return Response(text=question.card.back)
        return Response(choice=question.answer)

    def grade(self, question: QuizQuestion, typed: str, matched: bool) -> Grade | None:
        return Grade.GOOD if matched else Grade.AGAIN

    def reveal(self, result: Result) -> None:
        pass

    def say(self, lines: list[str], title: str | None = None) -> None:
        self.said.append((lines, title))


def reviews() -> list[sqlite3.Row]:
    with closing(connect()) as conn:
        return conn.execute("SELECT card_id, rating FROM quiz_reviews ORDER BY id").fetchall()


def test_a_quiz_by_title_runs_saves_and_sums_up() -> None:
    clock = FrozenClock(START)
    face = Scripted(clock)
    ran = run_quiz(QuizRequest(("Frugality",), ("name",), count=3, seed=1), face, clock=clock)
    assert ran.title == "Quiz done" and not ran.interrupted
    assert ran.quiz is not None and len(face.asked) == 1  # frugality has one name card
    [(opening, title)] = face.said  # the opening line only: the summary is the caller's
    assert title is None and opening[0].startswith("1 question: 1 new.")
    assert ran.lines[0].startswith("Score: 1 of 1 (100%).")
    assert [(r["card_id"], r["rating"]) for r in reviews()] == [
        ("frugality:name:statement", int(Grade.GOOD))
    ]


def test_ctrl_c_keeps_the_answers_given_and_still_sums_up() -> None:
    clock = FrozenClock(START)
    face = Scripted(clock, interrupt=3)
    ran = run_quiz(QuizRequest(kinds=("name",), count=5, seed=2), face, clock=clock)
    assert ran.interrupted and ran.quiz is not None and ran.quiz.stopped
    assert len(reviews()) == 2
    assert ran.lines[0].startswith("Score: 2 of 2")
    assert "Stopped with 3 questions to go; every answer given is saved." in ran.lines


def test_nothing_due_says_so_without_asking() -> None:
    clock = FrozenClock(START)
    run_quiz(QuizRequest(("frugality",), ("name",), seed=1), Scripted(clock), clock=clock)
    again = Scripted(clock)
    ran = run_quiz(QuizRequest(("frugality",), ("name",), seed=1), again, clock=clock)
    assert ran.title == "Nothing due" and ran.quiz is None
    assert again.asked == [] and again.said == []
    assert ran.lines[0] == "Nothing is due among these cards, and today's new cards are done."


@pytest.mark.parametrize(
    ("request_", "error", "message"),
    [
        (QuizRequest(kinds=("essay",)), UsageError, "--kind 'essay': not a card kind"),
        (QuizRequest(("zzz",)), NotFound, "no principle 'zzz'"),
        (QuizRequest(count=0), UsageError, "--count must be at least 1"),
    ],
)
def test_a_bad_request_fails_before_anything_is_asked(
    request_: QuizRequest, error: type[Exception], message: str
) -> None:
    face = Scripted(FrozenClock(START))
    with pytest.raises(error, match=message):
        run_quiz(request_, face)
    assert face.asked == [] and face.said == []


def test_export_anki_writes_every_card_of_the_packs(tmp_path: Path) -> None:
    path = tmp_path / "deck.apkg"
    count = export_anki(path, clock=FrozenClock(START))
    assert count > 16 * 2
    assert zipfile.is_zipfile(path)
