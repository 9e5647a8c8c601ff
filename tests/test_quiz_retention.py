"""The retention target: `quiz --retention R` schedules by it, remembers it, and `progress`
says how many reviews a day it costs."""

from __future__ import annotations

import json
from contextlib import closing
from datetime import UTC, datetime, timedelta

import pytest
from conftest import Invoke
from fsrs import Card, State

from lp_coach.config import load_config
from lp_coach.paths import config_file
from lp_coach.quiz.progress import reviews_a_day
from lp_coach.quiz.schedule import interval_days, scheduler
from lp_coach.quiz.store import Stored
from lp_coach.store.db import connect

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def stored(stability: float) -> Stored:
    card = Card(card_id=1, state=State.Review, stability=stability, difficulty=5.0, due=NOW)
    card.last_review = NOW - timedelta(days=1)
    return Stored(f"c{stability}", "frugality", "name", card, NOW, "")


def test_stability_is_the_interval_at_ninety_percent() -> None:
    # FSRS's stability is by definition the days until recall falls to 90 %
    assert interval_days(scheduler(retention=0.9), 20.0) == pytest.approx(20.0)
    assert interval_days(scheduler(retention=0.85), 20.0) > 20.0
    assert interval_days(scheduler(retention=0.95), 20.0) < 20.0
    assert interval_days(scheduler(retention=0.9), 0.2) == 1.0  # at least a day


def test_reviews_a_day_rise_with_the_target() -> None:
    cards = [stored(10.0), stored(40.0), stored(0.5)]
    at_90 = reviews_a_day(cards, scheduler(retention=0.9))
    assert at_90 == pytest.approx(1 / 10 + 1 / 40 + 1)
    costs = [reviews_a_day(cards, scheduler(retention=r)) for r in (0.8, 0.85, 0.9, 0.95)]
    assert costs == sorted(costs) and costs[0] < costs[-1]


def test_the_target_is_remembered_and_progress_says_its_cost(cli: Invoke) -> None:
    assert load_config().retention is None
    result = cli(
        "quiz", "--retention", "0.85", "-p", "frugality", "--kind", "name", input="Frugality\n"
    )
    assert result.exit_code == 0, result.output
    assert "retention = 0.85" in config_file().read_text()
    assert load_config().retention == 0.85
    report = cli("progress")
    # known at once (Easy): back in some 12 days at 85 %, so about a twelfth of a review a day
    assert "At 85% retention: about 0.1 reviews a day, plus 10 new cards." in report.stdout
    data = json.loads(cli("progress", "--json").stdout)
    assert data["retention"] == 0.85 and data["reviews_a_day"] == pytest.approx(10.1, abs=0.1)
    cli("quiz", "--retention", "0.95", "--count", "1", input="")
    assert load_config().retention == 0.95


@pytest.mark.parametrize(("retention", "days"), [("0.7", (20, 150)), ("0.97", (1, 5))])
def test_the_schedule_follows_the_target(
    cli: Invoke, retention: str, days: tuple[int, int]
) -> None:
    """A new card known at once (Easy: FSRS gives it a stability of about 8 days) comes
    back far later at 70 % than at 97 %."""
    result = cli(
        "quiz", "--retention", retention, "-p", "frugality", "--kind", "name", input="Frugality\n"
    )
    assert result.exit_code == 0, result.output
    with closing(connect()) as conn:
        [row] = conn.execute("SELECT state, due FROM quiz_cards").fetchall()
    card = Card.from_dict(json.loads(row["state"]))
    assert card.last_review is not None
    gap = (card.due - card.last_review).days
    assert days[0] <= gap <= days[1], gap


@pytest.mark.parametrize("value", ["0.5", "1", "0.995", "abc"])
def test_a_target_out_of_range_is_refused(cli: Invoke, value: str) -> None:
    result = cli("quiz", "--retention", value, input="")
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert not config_file().exists()


def test_a_bad_target_in_config_is_one_clear_error(cli: Invoke) -> None:
    config_file().parent.mkdir(parents=True, exist_ok=True)
    config_file().write_text("retention = 2\n")
    result = cli("progress")
    assert result.exit_code != 0
    assert "'retention' must be a number from 0.7 to 0.99" in result.output
