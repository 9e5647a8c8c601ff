"""Journal statistics: streaks, entries per principle, and a year's calendar of writing."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from typing import NamedTuple

from lp_coach import clock

HEATMAP_WEEKS = 53
LEVELS = 4
"""Calendar cells are 0 (nothing written) to LEVELS (LEVELS entries or more that day)."""


class Stats(NamedTuple):
    """What the journal holds, counted."""

    entries: int
    days: int
    current_streak: int
    longest_streak: int
    longest_streak_end: date | None
    per_principle: dict[str, int]
    untagged: int
    by_day: dict[date, int]


class Heatmap(NamedTuple):
    """A calendar of the last year: 7 rows (Monday first) of one cell per week.

    A cell is a level from 0 to LEVELS, or None for days after today.
    """

    weeks: list[date]
    """The Monday of each column."""
    rows: list[list[int | None]]
    months: list[tuple[int, str]]
    """(column, 'Jan') where a month begins."""


def journal_stats(conn: sqlite3.Connection, today: date | None = None) -> Stats:
    """Count the journal: entries, days written, streaks, entries per principle."""
    today = today or clock.today()
    by_day = {
        date.fromisoformat(row[0]): row[1]
        for row in conn.execute("SELECT day, count(*) FROM journal_entries GROUP BY day")
    }
    per_principle = {
        row[0]: row[1]
        for row in conn.execute(
            "SELECT principle_id, count(*) FROM journal_tags GROUP BY principle_id"
        )
    }
    untagged = conn.execute(
        "SELECT count(*) FROM journal_entries WHERE id NOT IN (SELECT entry_id FROM journal_tags)"
    ).fetchone()[0]
    longest, longest_end = longest_streak(by_day)
    return Stats(
        entries=sum(by_day.values()),
        days=len(by_day),
        current_streak=current_streak(by_day, today),
        longest_streak=longest,
        longest_streak_end=longest_end,
        per_principle=per_principle,
        untagged=untagged,
        by_day=by_day,
    )


def days_since(conn: sqlite3.Connection, first: date) -> set[date]:
    """The days from `first` on that have at least one entry."""
    rows = conn.execute(
        "SELECT DISTINCT day FROM journal_entries WHERE day >= ?", (first.isoformat(),)
    )
    return {date.fromisoformat(row[0]) for row in rows}


def current_streak(days: dict[date, int] | set[date], today: date) -> int:
    """Days in a row written up to today, or up to yesterday while today is still open."""
    day = today if today in days else today - timedelta(days=1)
    streak = 0
    while day in days:
        streak += 1
        day -= timedelta(days=1)
    return streak


def longest_streak(days: dict[date, int] | set[date]) -> tuple[int, date | None]:
    """The most days written in a row, and the day that run ended."""
    best, best_end, run, previous = 0, None, 0, None
    for day in sorted(days):
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        if run > best:
            best, best_end = run, day
        previous = day
    return best, best_end


def heatmap(by_day: dict[date, int], today: date, weeks: int = HEATMAP_WEEKS) -> Heatmap:
    """The last `weeks` weeks up to today's, each day's entries as a level."""
    first = today - timedelta(days=today.weekday()) - timedelta(weeks=weeks - 1)
    mondays = [first + timedelta(weeks=w) for w in range(weeks)]
    rows: list[list[int | None]] = []
    for weekday in range(7):
        row: list[int | None] = []
        for monday in mondays:
            day = monday + timedelta(days=weekday)
            row.append(None if day > today else min(by_day.get(day, 0), LEVELS))
        rows.append(row)
    months: list[tuple[int, str]] = []
    for column, monday in enumerate(mondays):
        sunday = monday + timedelta(days=6)
        if column == 0 or sunday.month != (sunday - timedelta(weeks=1)).month:
            months.append((column, f"{sunday:%b}"))
    if len(months) > 1 and months[1][0] < 4:
        del months[0]  # too little of the first month shows to name it
    return Heatmap(mondays, rows, months)
