"""The few lines a quiz ends with: the score, what to review, when the next cards are due."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from lp_coach.clock import start_of_day
from lp_coach.content.model import title_list
from lp_coach.quiz import store
from lp_coach.quiz.engine import Quiz
from lp_coach.quiz.grades import Grade
from lp_coach.quiz.select import CardSelection


@dataclass(frozen=True)
class Summary:
    """How a quiz went, in numbers."""

    asked: int
    right: int
    """First tries not rated Again."""
    planned: int
    missed: tuple[str, ...]
    """Principle ids missed on the first try, in the order missed."""
    cram: bool
    stopped: bool
    next_due: datetime | None
    due_now: int
    """Cards due already (for instance ones left out by --principle, --kind or --count)."""
    due_tomorrow: int
    """Cards due by the end of tomorrow (local), after this quiz."""


def summarize(quiz: Quiz, now: datetime, zone: tzinfo) -> Summary:
    """The summary of `quiz` as it stands at `now`."""
    firsts = quiz.first_tries
    missed = [r.question.card.principle_id for r in firsts if r.grade == Grade.AGAIN]
    tomorrow_ends = start_of_day(now, zone) + timedelta(days=2)
    return Summary(
        asked=len(firsts),
        right=sum(1 for r in firsts if r.grade != Grade.AGAIN),
        planned=len(quiz.selection.cards),
        missed=tuple(dict.fromkeys(missed)),
        cram=quiz.cram,
        stopped=quiz.stopped,
        next_due=store.next_due(quiz.conn, now),
        due_now=store.due_count(quiz.conn, now),
        due_tomorrow=store.due_count(quiz.conn, tomorrow_ends),
    )


def summary_lines(
    summary: Summary, titles: dict[str, str], now: datetime, zone: tzinfo
) -> list[str]:
    """The summary as short lines of text."""
    s = summary
    if s.asked == 0:
        lines = ["No answers this time; nothing changed."]
    else:
        percent = round(100 * s.right / s.asked)
        lines = [f"Score: {s.right} of {s.asked} ({percent}%). {_cheer(percent)}"]
    if s.stopped and s.asked < s.planned:
        left = s.planned - s.asked
        lines.append(f"Stopped with {left} question{_s(left)} to go; every answer given is saved.")
    if s.missed:
        lines.append(f"To review: {title_list(titles.get(p, p) for p in s.missed)}.")
        lines.append(f"  Read one again with: lp-coach principles show {s.missed[0]}")
    if s.cram:
        lines.append("Practice only: the schedule is unchanged.")
    lines.append(due_line(s.next_due, s.due_now, s.due_tomorrow, now, zone))
    return lines


def due_line(
    next_due: datetime | None, due_now: int, due_tomorrow: int, now: datetime, zone: tzinfo
) -> str:
    """When the next cards come due, in words."""
    if due_now:
        return f"Due now: {due_now} more card{_s(due_now)}; lp-coach quiz asks them."
    if next_due is None:
        return "Next due: nothing scheduled yet."
    tail = f"; {due_tomorrow} card{_s(due_tomorrow)} by the end of tomorrow" if due_tomorrow else ""
    return f"Next due: {when(next_due, now, zone)}{tail}."


def back_in(delta: timedelta) -> str:
    """How long until a card comes back: 'in 10 minutes', 'in 5 hours', 'in 3 days'."""
    minutes = max(1, round(delta.total_seconds() / 60))
    if minutes < 90:
        return f"in {minutes} minute{_s(minutes)}"
    hours = round(minutes / 60)
    if hours < 20:
        return f"in {hours} hour{_s(hours)}"
    days = round(hours / 24)
    if days < 60:
        return f"in {days} day{_s(days)}"
    months = round(days / 30)
    return f"in {months} month{_s(months)}"


def when(moment: datetime, now: datetime, zone: tzinfo) -> str:
    """`moment` relative to `now`: 'now', 'in 10 minutes', 'tomorrow at 09:30', 'on Fri 9 Jan'."""
    delta = moment - now
    if delta <= timedelta(minutes=1):
        return "now"
    if delta < timedelta(hours=1):
        minutes = round(delta.total_seconds() / 60)
        return f"in {minutes} minute{_s(minutes)}"
    local, today = moment.astimezone(zone), now.astimezone(zone).date()
    days = (local.date() - today).days
    if days == 0:
        return f"today at {local:%H:%M}"
    if days == 1:
        return f"tomorrow at {local:%H:%M}"
    if days < 7:
        return f"on {local:%A} at {local:%H:%M}"
    return f"on {local:%a} {local.day} {local:%b}"


def _cheer(percent: int) -> str:
    if percent == 100:
        return "Perfect."
    if percent >= 80:
        return "Strong work."
    if percent >= 50:
        return "Good progress; the misses come back soon, while they are fresh."
    return "Every miss is scheduled to come back soon; that is how it sticks."


def _s(count: int) -> str:
    return "" if count == 1 else "s"


def idle_lines(conn: sqlite3.Connection, now: datetime, zone: tzinfo, narrowed: bool) -> list[str]:
    """What to say when nothing is due and today's new cards are all seen.

    `narrowed`: the quiz was limited by --principle or --kind (other cards may be due).
    """
    tomorrow_ends = start_of_day(now, zone) + timedelta(days=2)
    due_now = store.due_count(conn, now)
    if narrowed:
        head = "Nothing is due among these cards, and today's new cards are done."
    else:
        head = "Nothing is due, and today's new cards are done. Well kept up!"
    next_due = store.next_due(conn, now)
    return [
        head,
        due_line(next_due, due_now, store.due_count(conn, tomorrow_ends), now, zone),
        "Practise anyway, without touching the schedule: lp-coach quiz --cram",
    ]


def intro_line(selection: CardSelection, cram: bool) -> str:
    """What the quiz holds, said before the first question."""
    total = len(selection.cards)
    if cram:
        head = f"Practice: {total} question{_s(total)}; the schedule stays as it is."
    else:
        parts = [f"{n} {what}" for n, what in ((selection.due, "due"), (selection.new, "new")) if n]
        head = f"{total} question{_s(total)}: {', '.join(parts)}."
        if selection.waiting:
            head += f" ({selection.waiting} more due after these.)"
    return f"{head} Type /quit to stop; each answer is saved as you give it."
