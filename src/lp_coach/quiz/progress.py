"""How well each principle is known: mastery from FSRS retrievability, activity, what is due."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from fsrs import Scheduler

from lp_coach.content.model import Library
from lp_coach.quiz import store
from lp_coach.quiz.cards import build_cards
from lp_coach.quiz.schedule import interval_days
from lp_coach.quiz.select import NEW_PER_DAY
from lp_coach.quiz.store import Stored

HEATMAP_WEEKS = 20
FORECAST_DAYS = 7


@dataclass(frozen=True)
class PrincipleProgress:
    """One principle's standing."""

    id: str
    title: str
    cards: int
    seen: int
    reviews: int
    mastery: float
    """The mean chance of recalling each of its cards now (unseen cards count 0)."""


@dataclass(frozen=True)
class Progress:
    """Everything `lp-coach progress` shows."""

    principles: list[PrincipleProgress]
    total_reviews: int
    days: dict[date, int]
    """Reviews per local day over the last HEATMAP_WEEKS weeks (days without any left out)."""
    today: date
    forecast: list[tuple[date, int]]
    """Cards due on each of the next FORECAST_DAYS days; today's count includes overdue ones."""
    retention: float = 0.9
    """The retention target the schedule keeps (FSRS's desired retention)."""
    reviews_a_day: float = 0.0
    """What keeping that target costs: reviews a day of the cards seen, in the long run."""
    new_a_day: int = 0
    """New cards a day on top, while there are cards not seen yet."""

    def to_json(self) -> dict[str, Any]:
        return {
            "total_reviews": self.total_reviews,
            "principles": [
                {
                    "id": p.id,
                    "title": p.title,
                    "reviews": p.reviews,
                    "mastery": round(p.mastery, 3),
                    "cards": p.cards,
                    "seen": p.seen,
                }
                for p in self.principles
            ],
            "retention": self.retention,
            "reviews_a_day": round(self.reviews_a_day + self.new_a_day, 1),
            "forecast": [{"date": d.isoformat(), "due": n} for d, n in self.forecast],
            "days": [{"date": d.isoformat(), "reviews": n} for d, n in sorted(self.days.items())],
        }


def progress(
    conn: sqlite3.Connection, library: Library, scheduler: Scheduler, now: datetime, zone: tzinfo
) -> Progress:
    """The learner's progress at `now`, with days counted in `zone`."""
    states = store.load_states(conn)
    cards = build_cards(library)
    counts = _by_principle(store.review_counts(conn), {c.id: c.principle_id for c in cards})
    by_principle: dict[str, list[float]] = {p.id: [] for p in library.principles}
    for card in cards:
        stored = states.get(card.id)
        recall = scheduler.get_card_retrievability(stored.card, now) if stored else None
        by_principle[card.principle_id].append(-1.0 if recall is None else recall)
    principles = [
        PrincipleProgress(
            p.id,
            p.title,
            len(by_principle[p.id]),
            sum(1 for r in by_principle[p.id] if r >= 0),
            counts.get(p.id, 0),
            _mean(by_principle[p.id]),
        )
        for p in library.principles
    ]
    today = now.astimezone(zone).date()
    first_day = today - timedelta(days=today.weekday() + 7 * (HEATMAP_WEEKS - 1))
    return Progress(
        principles=principles,
        total_reviews=sum(counts.values()),
        days=store.reviews_per_day(conn, first_day, today, zone),
        today=today,
        forecast=_forecast(states.values(), today, zone),
        retention=scheduler.desired_retention,
        reviews_a_day=reviews_a_day(states.values(), scheduler),
        new_a_day=min(NEW_PER_DAY, sum(1 for c in cards if c.id not in states)),
    )


def reviews_a_day(stored: Iterable[Stored], scheduler: Scheduler) -> float:
    """How many reviews a day the cards seen cost at the scheduler's retention target: each
    card comes back once per interval (FSRS's formula at its present stability), so it costs
    one over that many days; a card still being learned, about one a day."""
    return sum(1 / interval_days(scheduler, s.card.stability or 0.0) for s in stored)


def _by_principle(per_card: dict[str, int], principle_of: dict[str, str]) -> dict[str, int]:
    """Review counts summed by principle.

    A card no longer in the content counts for the principle its id starts with.
    """
    totals: dict[str, int] = {}
    for card_id, count in per_card.items():
        principle = principle_of.get(card_id) or card_id.split(":", 1)[0]
        totals[principle] = totals.get(principle, 0) + count
    return totals


def _forecast(stored: Iterable[Stored], today: date, zone: tzinfo) -> list[tuple[date, int]]:
    counts = [0] * FORECAST_DAYS
    for item in stored:
        day = (item.due.astimezone(zone).date() - today).days
        if day < FORECAST_DAYS:
            counts[max(day, 0)] += 1
    return [(today + timedelta(days=i), n) for i, n in enumerate(counts)]


def _mean(recalls: list[float]) -> float:
    return sum(max(r, 0.0) for r in recalls) / len(recalls) if recalls else 0.0
