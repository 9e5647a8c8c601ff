"""The quiz engine and FSRS over the real store: a simulated month on a frozen clock."""

from __future__ import annotations

import json
import sqlite3
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from fsrs import Rating

from lp_coach.clock import FrozenClock, stamp
from lp_coach.content.library import open_library
from lp_coach.content.model import Library
from lp_coach.errors import UsageError
from lp_coach.quiz.cards import build_cards, sibling
from lp_coach.quiz.engine import Quiz, Response, Result, run
from lp_coach.quiz.grades import Grade
from lp_coach.quiz.questions import QuizQuestion, make_question
from lp_coach.quiz.schedule import RATINGS, choice_grade, scheduler
from lp_coach.quiz.service import QuizRequest, start_quiz
from lp_coach.quiz.store import load_states
from lp_coach.quiz.summary import back_in, when
from lp_coach.store.db import connect

START = datetime(2026, 1, 5, 7, 30, tzinfo=UTC)


@pytest.fixture
def conn() -> Iterator[sqlite3.Connection]:
    connection = connect()
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def library() -> Library:
    return open_library()


class Learner:
    """Answers every question, right unless the card is in `misses`, taking `seconds` each."""

    def __init__(
        self, clock: FrozenClock, misses: frozenset[str] = frozenset(), seconds: float = 5
    ):
        self.clock = clock
        self.misses = misses
        self.seconds = seconds
        self.asked: list[QuizQuestion] = []
        self.revealed: list[Result] = []
        self.stop_after: int | None = None

    def ask(self, question: QuizQuestion) -> Response | None:
        if self.stop_after is not None and len(self.asked) >= self.stop_after:
            return None
        self.asked.append(question)
        self.clock.advance(timedelta(seconds=self.seconds))
        wrong = question.card.id in self.misses
        if question.answer is None:
            return Response(text="no idea" if wrong else question.card.back)
        choice = (question.answer + 1) % len(question.options) if wrong else question.answer
        return Response(choice=choice)

    def grade(self, question: QuizQuestion, typed: str, matched: bool) -> Grade | None:
        return Grade.GOOD if matched else Grade.AGAIN

    def reveal(self, result: Result) -> None:
        self.revealed.append(result)


def quiz_day(
    conn: sqlite3.Connection, library: Library, learner: Learner, **options: object
) -> Quiz:
    request = QuizRequest(**{"count": 60, "seed": 1, **options})  # type: ignore[arg-type]
    quiz = start_quiz(conn, library, request, learner.clock, scheduler(fuzz=False))
    return run(quiz, learner)


def reviews(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    return conn.execute("SELECT * FROM quiz_reviews ORDER BY id").fetchall()


def test_a_month_of_daily_quizzes(
    conn: sqlite3.Connection, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_sleep(seconds: float) -> None:
        raise AssertionError("the quiz must never sleep")

    monkeypatch.setattr(time, "sleep", no_sleep)
    clock = FrozenClock(START)
    # missed on day 1
    hard = frozenset({"ownership:name:statement", "customer-obsession:cloze:work-backwards"})
    learner = Learner(clock, misses=hard)
    per_day: list[tuple[int, int]] = []
    intervals: dict[str, list[timedelta]] = {}
    for _ in range(30):
        before = len(learner.asked)
        quiz = quiz_day(conn, library, learner)
        # siblings are buried: one card of a statement a day (a card missed is asked again)
        firsts = {q.card.id: q.card for q in learner.asked[before:]}
        assert len({sibling(c) for c in firsts.values()}) == len(firsts)
        selection = quiz.selection
        per_day.append((selection.due, selection.new))
        # due cards are asked before new ones
        due_ids = [c.id for c in selection.cards[: selection.due]]
        assert all(quiz.states[i].created < stamp(clock.now()) for i in due_ids)
        for card_id, stored in load_states(conn).items():
            if stored.card.last_review is not None and card_id not in hard:
                gap = stored.due - stored.card.last_review
                if not intervals.get(card_id) or intervals[card_id][-1] != gap:
                    intervals.setdefault(card_id, []).append(gap)
        clock.advance(timedelta(days=1))

    new_per_day = [new for _, new in per_day]
    assert new_per_day[:18] == [10] * 18 and sum(new_per_day) == 201
    # what is left waits behind the statements missed every day: their siblings
    left = {c.id for c in build_cards(library)} - set(load_states(conn))
    hard_siblings = {sibling(c) for c in build_cards(library) if c.id in hard}
    assert {sibling(c) for c in build_cards(library) if c.id in left} <= hard_siblings
    assert all(due > 0 for due, _ in per_day[1:])
    # a card known every time goes further out each time it is reviewed
    for card_id, gaps in intervals.items():
        assert gaps == sorted(gaps), card_id
        assert gaps[0] >= timedelta(days=1), card_id
    states = load_states(conn)
    assert len(states) == 201
    # the cards always missed stay close: due again within a day
    for card_id in hard:
        assert states[card_id].due - states[card_id].card.last_review <= timedelta(days=1)
    logged = reviews(conn)
    assert len(logged) == len(learner.asked)
    assert not any(r["cram"] for r in logged)
    missed = Counter(r["card_id"] for r in logged if r["rating"] == Grade.AGAIN)
    # twice on each day it is asked, which is most days: a more overdue sibling of the same
    # statement (buried with it) takes its place on some
    assert set(missed) == hard and all(n >= 2 * 10 for n in missed.values())


def test_misses_come_back_once_at_the_end(conn: sqlite3.Connection, library: Library) -> None:
    clock = FrozenClock(START)
    learner = Learner(clock, misses=frozenset({"ownership:name:statement"}))
    quiz = quiz_day(conn, library, learner, kinds=("name",), count=5)
    asked = [q.card.id for q in learner.asked]
    assert len(asked) == 6 and asked[-1] == "ownership:name:statement"
    assert learner.asked[-1].repeat and not any(q.repeat for q in learner.asked[:-1])
    assert [r.grade for r in quiz.first_tries].count(Grade.AGAIN) == 1
    state = load_states(conn)["ownership:name:statement"]
    assert state.due - clock.now() <= timedelta(minutes=10)


def test_fast_right_answers_are_easy(conn: sqlite3.Connection, library: Library) -> None:
    slow = Learner(FrozenClock(START), seconds=20)
    quiz_day(conn, library, slow, kinds=("name",), count=2)
    fast = Learner(FrozenClock(START + timedelta(hours=1)), seconds=3)
    quiz_day(conn, library, fast, kinds=("name",), count=2)
    assert [r["rating"] for r in reviews(conn)] == [3, 3, 4, 4]
    assert [r["duration_ms"] for r in reviews(conn)] == [20000, 20000, 3000, 3000]


@pytest.mark.parametrize(
    ("kind", "right", "seconds", "grade"),
    [
        ("name", False, 1, Grade.AGAIN),
        ("name", True, 7.9, Grade.EASY),
        ("name", True, 8, Grade.GOOD),
        ("scenario", True, 14, Grade.EASY),
        ("scenario", True, 16, Grade.GOOD),
    ],
)
def test_choice_grade(kind: str, right: bool, seconds: float, grade: Grade) -> None:
    assert choice_grade(kind, right, seconds) is grade  # type: ignore[arg-type]


def test_each_grade_is_the_fsrs_rating_of_the_same_number() -> None:
    """Reviews store the grade's number, and the scheduler reads it back as a rating."""
    assert {int(g): RATINGS[g] for g in Grade} == {int(r): r for r in Rating}
    assert [g.label for g in Grade] == [r.name for r in Rating]


def test_cram_practises_without_touching_the_schedule(
    conn: sqlite3.Connection, library: Library
) -> None:
    clock = FrozenClock(START)
    quiz_day(conn, library, Learner(clock), count=5)
    before = conn.execute("SELECT * FROM quiz_cards ORDER BY id").fetchall()
    clock.advance(timedelta(hours=2))
    learner = Learner(clock, misses=frozenset(r["id"] for r in before[:2]))
    quiz = quiz_day(conn, library, learner, cram=True, count=8)
    after = conn.execute("SELECT * FROM quiz_cards ORDER BY id").fetchall()
    assert [tuple(r) for r in after] == [tuple(r) for r in before]
    # the five cards seen are practised first (least well remembered first), then unseen ones
    assert {r["id"] for r in before} <= {c.id for c in quiz.selection.cards}
    crammed = [r for r in reviews(conn) if r["cram"]]
    assert len(crammed) == 8 + 2  # two misses asked again


def test_seed_makes_the_quiz_repeatable(conn: sqlite3.Connection, library: Library) -> None:
    def questions(seed: int) -> list[tuple[str, tuple[str, ...]]]:
        quiz = start_quiz(conn, library, QuizRequest(seed=seed), FrozenClock(START))
        cards = quiz.selection.cards
        asked = [make_question(c, quiz.titles, quiz.rng, n, 10) for n, c in enumerate(cards, 1)]
        return [(q.card.id, tuple(o.id for o in q.options)) for q in asked]

    assert questions(3) == questions(3)
    assert questions(3) != questions(4)


def test_the_first_new_cards_mix_kinds(conn: sqlite3.Connection, library: Library) -> None:
    """A fresh deck's first day is not ten 'name the principle' cards in a row."""

    def first_day(seed: int) -> list[str]:
        quiz = start_quiz(conn, library, QuizRequest(seed=seed), FrozenClock(START))
        assert (quiz.selection.due, quiz.selection.new) == (0, 10)
        return [c.id for c in quiz.selection.cards]

    cards = first_day(7)
    kinds = Counter(card_id.split(":")[1] for card_id in cards)
    assert len(kinds) >= 3 and max(kinds.values()) <= 4, kinds
    assert "customer-obsession:name:statement" in cards  # the series still starts at the start
    assert first_day(7) == cards  # --seed still repeats
    assert sorted(first_day(8)) == sorted(cards) and first_day(8) != cards


def test_stopping_keeps_what_was_answered(conn: sqlite3.Connection, library: Library) -> None:
    learner = Learner(FrozenClock(START))
    learner.stop_after = 3
    quiz = quiz_day(conn, library, learner, count=10)
    assert quiz.stopped and len(quiz.results) == 3
    assert len(reviews(conn)) == 3 and len(load_states(conn)) == 3


def test_filters_and_limits(conn: sqlite3.Connection, library: Library) -> None:
    learner = Learner(FrozenClock(START))
    quiz = quiz_day(conn, library, learner, principles=("frugality",), kinds=("cloze", "recall"))
    assert {c.principle_id for c in quiz.selection.cards} == {"frugality"}
    assert quiz.selection.new == 1  # four blanks and the recall show one statement: one a day
    more = quiz_day(conn, library, learner, count=60)
    assert more.selection.new == 9  # the rest of today's 10
    assert not any(
        c.id.startswith("frugality:") and c.kind != "scenario" for c in more.selection.cards
    )
    crammed = quiz_day(conn, library, learner, principles=("frugality",), cram=True)
    assert len({c.kind for c in crammed.selection.cards}) > 1  # asked for: all of them
    with pytest.raises(UsageError, match="--count"):
        start_quiz(conn, library, QuizRequest(count=0), learner.clock)


def test_state_is_the_schedulers_card_as_json(conn: sqlite3.Connection, library: Library) -> None:
    learner = Learner(FrozenClock(START))
    quiz_day(conn, library, learner, kinds=("recall",), count=1)
    row = conn.execute("SELECT * FROM quiz_cards").fetchone()
    state = json.loads(row["state"])
    assert set(state) == {
        "card_id",
        "state",
        "step",
        "stability",
        "difficulty",
        "due",
        "last_review",
    }
    assert row["due"].endswith("Z") and row["created"] == stamp(START + timedelta(seconds=5))
    assert row["id"] == "customer-obsession:recall:statement"


@pytest.mark.parametrize(
    ("delta", "words"),
    [
        (timedelta(seconds=20), "in 1 minute"),
        (timedelta(minutes=10), "in 10 minutes"),
        (timedelta(hours=5), "in 5 hours"),
        (timedelta(hours=23), "in 1 day"),
        (timedelta(days=6, hours=2), "in 6 days"),
        (timedelta(days=95), "in 3 months"),
    ],
)
def test_back_in(delta: timedelta, words: str) -> None:
    assert back_in(delta) == words


@pytest.mark.parametrize(
    ("later", "words"),
    [
        (timedelta(seconds=30), "now"),
        (timedelta(minutes=10), "in 10 minutes"),
        (timedelta(hours=3), "today at 10:30"),
        (timedelta(days=1), "tomorrow at 07:30"),
        (timedelta(days=3), "on Thursday at 07:30"),
        (timedelta(days=12), "on Sat 17 Jan"),
    ],
)
def test_when(later: timedelta, words: str) -> None:
    assert when(START + later, START, UTC) == words


def test_the_first_quiz_spreads_its_new_cards(conn: sqlite3.Connection, library: Library) -> None:
    quiz = start_quiz(conn, library, QuizRequest(seed=3), FrozenClock(START))
    cards = quiz.selection.cards
    assert quiz.selection.new == len(cards) == 10
    assert len({c.principle_id for c in cards}) >= 6
    assert len({sibling(c) for c in cards}) == 10  # no two cards show one statement
