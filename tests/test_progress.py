"""`lp-coach progress`: mastery per principle, the reviews heatmap and the due forecast."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, date, datetime, timedelta

import pytest
from conftest import Invoke
from fsrs import Rating

from lp_coach.cli.faces.progress import bar, heatmap_lines, plain_lines, shade
from lp_coach.clock import FrozenClock
from lp_coach.content.library import open_library
from lp_coach.quiz.cards import build_cards
from lp_coach.quiz.progress import HEATMAP_WEEKS, progress
from lp_coach.quiz.schedule import new_card, scheduler
from lp_coach.quiz.store import save_review
from lp_coach.store.db import connect

NOW = datetime(2026, 3, 4, 12, 0, tzinfo=UTC)  # a Wednesday


@pytest.fixture
def conn() -> Iterator[sqlite3.Connection]:
    with closing(connect()) as connection:
        yield connection


def review_all(conn: sqlite3.Connection, principle_id: str, when: datetime, rating: Rating) -> int:
    """Review every card of one principle at `when`; return how many."""
    sched = scheduler(fuzz=False)
    cards = [c for c in build_cards(open_library()) if c.principle_id == principle_id]
    for card in cards:
        state, _ = sched.review_card(new_card(card.id, when), rating, when)
        save_review(conn, card, int(rating), when, 2000, state)
    return len(cards)


def test_json_with_no_reviews(cli: Invoke) -> None:
    result = cli("progress", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["total_reviews"] == 0
    assert len(data["principles"]) == 16
    assert data["principles"][0] == {
        "id": "customer-obsession",
        "title": "Customer Obsession",
        "reviews": 0,
        "mastery": 0.0,
        "cards": 11,
        "seen": 0,
    }
    assert [d["due"] for d in data["forecast"]] == [0] * 7 and data["days"] == []


def test_json_after_quizzing(cli: Invoke, conn: sqlite3.Connection) -> None:
    yesterday = datetime.now(UTC) - timedelta(days=1)
    count = review_all(conn, "frugality", yesterday, Rating.Easy)
    cli("quiz", "-p", "dive-deep", "--kind", "name", input="dive deep\n")
    data = json.loads(cli("progress", "--json").stdout)
    assert data["total_reviews"] == count + 1
    by_id = {p["id"]: p for p in data["principles"]}
    assert by_id["frugality"]["reviews"] == by_id["frugality"]["seen"] == count
    assert 0.9 < by_id["frugality"]["mastery"] <= 1
    assert by_id["dive-deep"]["reviews"] == 1
    assert 0 < by_id["dive-deep"]["mastery"] < 0.2  # one card of many
    assert by_id["ownership"]["mastery"] == 0
    assert sum(d["reviews"] for d in data["days"]) == count + 1


def test_reviews_of_cards_since_removed_still_count(cli: Invoke, conn: sqlite3.Connection) -> None:
    conn.execute(
        "INSERT INTO quiz_reviews (card_id, principle_id, rating, reviewed, cram) "
        "VALUES ('frugality:scenario:99', 'frugality', 3, '2026-01-05T08:00:00Z', 0)"
    )
    data = json.loads(cli("progress", "--json").stdout)
    assert data["total_reviews"] == 1
    assert next(p for p in data["principles"] if p["id"] == "frugality")["reviews"] == 1


def test_plain_report(cli: Invoke, conn: sqlite3.Connection) -> None:
    review_all(conn, "frugality", datetime.now(UTC), Rating.Again)
    result = cli("progress")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("Mastery: the chance you recall each card now")
    assert "  Frugality " in out and "100%  12 reviews" in out
    assert f"Reviews per day, last {HEATMAP_WEEKS} weeks (12 in all)" in out
    assert "Due in the next 7 days" in out and "  Today " in out
    assert "No quiz answers yet" not in out


def test_plain_report_before_any_quiz(cli: Invoke) -> None:
    out = cli("progress").stdout
    assert "  Customer Obsession " in out and "0%  0 reviews" in out
    assert out.endswith("No quiz answers yet. Start with: lp-coach quiz\n")


def test_mastery_fades_and_the_forecast_counts_due_days(conn: sqlite3.Connection) -> None:
    library = open_library()
    clock = FrozenClock(NOW)
    count = review_all(conn, "ownership", NOW, Rating.Good)
    fresh = progress(conn, library, scheduler(), clock.now(), UTC)
    later = progress(conn, library, scheduler(), NOW + timedelta(days=30), UTC)
    own = next(p for p in fresh.principles if p.id == "ownership")
    faded = next(p for p in later.principles if p.id == "ownership")
    assert own.mastery == 1.0 and own.seen == own.reviews == count
    assert 0 < faded.mastery < own.mastery
    assert fresh.days == {NOW.date(): count}
    assert sum(n for _, n in fresh.forecast) == count  # Good: due in a few days, all this week
    assert fresh.forecast[0] == (NOW.date(), 0)
    assert sum(n for _, n in later.forecast) == count and later.forecast[0][1] == count


def test_days_are_local_days(conn: sqlite3.Connection) -> None:
    from datetime import timezone

    late = datetime(2026, 3, 3, 23, 30, tzinfo=UTC)
    review_all(conn, "think-big", late, Rating.Good)
    east = timezone(timedelta(hours=2))
    report = progress(conn, open_library(), scheduler(), NOW, east)
    assert list(report.days) == [date(2026, 3, 4)]


@pytest.mark.parametrize(
    ("count", "most", "level"), [(0, 9, 0), (1, 8, 1), (2, 8, 1), (3, 8, 2), (8, 8, 4), (1, 1, 4)]
)
def test_shade(count: int, most: int, level: int) -> None:
    assert shade(count, most) == level


def test_bar() -> None:
    assert bar(0.0) == "░" * 20 and bar(1.0) == "█" * 20 and bar(0.5, 4) == "██░░"


def test_heatmap_grid(conn: sqlite3.Connection) -> None:
    review_all(conn, "earn-trust", NOW, Rating.Good)
    report = progress(conn, open_library(), scheduler(), NOW, UTC)
    lines = heatmap_lines(report)
    assert len(lines) == 9  # months, 7 weekdays, legend
    wednesday = lines[3]
    assert wednesday.startswith("Wed ") and wednesday.endswith("█")
    assert len(wednesday.split()) == HEATMAP_WEEKS + 1
    assert len(lines[4].split()) == HEATMAP_WEEKS - 1  # Thursday is still to come: blank
    assert "Mar" in lines[0]
    assert plain_lines(report)[0].startswith("Mastery")


def test_a_summer_review_after_midnight_stays_on_its_day_in_winter(
    conn: sqlite3.Connection,
) -> None:
    """The calendar used today's offset for every day: read in November (UTC-5), a review
    at 00:30 New York summer time (UTC-4) on 10 July moved to 9 July."""
    from zoneinfo import ZoneInfo

    summer = datetime(2026, 7, 10, 4, 30, tzinfo=UTC)  # 00:30 EDT
    review_all(conn, "think-big", summer, Rating.Good)
    winter = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
    report = progress(conn, open_library(), scheduler(), winter, ZoneInfo("America/New_York"))
    assert list(report.days) == [date(2026, 7, 10)]
