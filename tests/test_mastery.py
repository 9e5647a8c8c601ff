"""Mastery without the scheduler: the same numbers as fsrs and as `lp-coach progress`."""

from __future__ import annotations

import json
import random
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Card, State

from lp_coach.content.library import open_library
from lp_coach.errors import StoreError
from lp_coach.quiz import mastery, store
from lp_coach.quiz.cards import build_cards
from lp_coach.quiz.grades import Grade
from lp_coach.quiz.progress import progress
from lp_coach.quiz.schedule import new_card, review, scheduler
from lp_coach.store.db import connect

START = datetime(2026, 1, 5, 8, 30, tzinfo=UTC)


def test_the_constants_are_the_schedulers() -> None:
    fsrs = scheduler()
    assert (mastery.DECAY, mastery.FACTOR) == (fsrs._DECAY, fsrs._FACTOR)


def test_retrievability_is_fsrs_own_on_many_cards() -> None:
    fsrs = scheduler()
    draw = random.Random(12)
    for n in range(3000):
        last = START + timedelta(seconds=draw.randrange(0, 400 * 86400))
        stability = draw.choice([None, 0.001, draw.uniform(0.001, 3), draw.uniform(1, 36500)])
        card = Card(
            card_id=n,
            state=State(draw.randint(1, 3)),
            stability=stability,
            difficulty=draw.uniform(1, 10),
            due=last + timedelta(days=draw.randint(0, 40)),
            last_review=None if n % 17 == 0 else last,
        )
        now = last + timedelta(seconds=draw.randrange(-86400, 800 * 86400))
        expected = fsrs.get_card_retrievability(card, now)
        assert mastery.retrievability(json.loads(card.to_json()), now) == expected, card


def review_history(seed: int) -> None:
    """Cards reviewed over weeks, each graded at random, the way the quiz stores them."""
    library = open_library()
    fsrs = scheduler()
    draw = random.Random(seed)
    cards = build_cards(library)
    with closing(connect()) as conn:
        for card in draw.sample(cards, len(cards) // 2):
            when = START + timedelta(hours=draw.randrange(0, 24 * 30))
            state = new_card(card.id, when)
            for _ in range(draw.randint(1, 6)):
                grade = draw.choice(list(Grade))
                state = review(fsrs, state, grade, when, 5000)
                store.save_review(conn, card, int(grade), when, 5000, state)
                when = max(when, state.due) + timedelta(hours=draw.randrange(0, 24 * 9))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_mastery_is_progress_own(isolated_home: Path, seed: int) -> None:
    review_history(seed)
    library = open_library()
    with closing(connect()) as conn:
        for days in (0, 1, 10, 45, 400):
            now = START + timedelta(days=days, hours=7)
            report = progress(conn, library, scheduler(), now, UTC)
            expected = {p.id: p.mastery for p in report.principles}
            assert mastery.mastery_by_principle(conn, library, now) == expected
    assert 0 < min(v for v in expected.values() if v) < max(expected.values()) < 1


def test_no_card_seen_is_no_mastery(isolated_home: Path) -> None:
    library = open_library()
    with closing(connect()) as conn:
        found = mastery.mastery_by_principle(conn, library, START)
    assert found == dict.fromkeys(library.ids(), 0.0)


@pytest.mark.parametrize(
    "broken",
    [
        "not json",
        "[1, 2]",
        '{"card_id": 1}',
        "state=7",
        "stability=oops",
        "difficulty=oops",
        "due=someday",
        "last_review=someday",
        "row_due=someday",
    ],
)
def test_an_unreadable_row_fails_as_load_states_fails(isolated_home: Path, broken: str) -> None:
    review_history(4)
    with closing(connect()) as conn:
        card_id, state_text = conn.execute("SELECT id, state FROM quiz_cards LIMIT 1").fetchone()
        due = None
        if "=" in broken:
            key, value = broken.split("=")
            if key == "row_due":
                due = value
            else:
                state = json.loads(state_text)
                state[key] = int(value) if value.isdigit() else value
                state_text = json.dumps(state)
        else:
            state_text = broken
        conn.execute("UPDATE quiz_cards SET state = ? WHERE id = ?", (state_text, card_id))
        if due is not None:
            conn.execute("UPDATE quiz_cards SET due = ? WHERE id = ?", (due, card_id))
        conn.commit()
        with pytest.raises(StoreError) as expected:
            store.load_states(conn)
        with pytest.raises(StoreError) as found:
            mastery.load_recalls(conn, START)
    assert str(found.value) == str(expected.value)
