"""The group's study plan: which principle each meeting takes, on what date, and what is done."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from lp_coach import __version__
from lp_coach.content.model import Library, Principle
from lp_coach.errors import NotFound, StoreError, UsageError
from lp_coach.store.db import transaction

CADENCES = {"week": 7, "weekly": 7, "2weeks": 14, "fortnight": 14, "fortnightly": 14}
"""What `--every` accepts, in days. "biweekly" is left out: it means twice a week to some."""

MAX_EVENT_MINUTES = 24 * 60

NO_DATES = "the plan has no dates yet; `lp-coach plan start --on DATE` sets them"
"""What every command says of a plan nobody has started: its meetings have an order only."""


@dataclass(frozen=True)
class Plan:
    """A series of meetings: one principle each, every `every_days` from `start`."""

    start: date
    every_days: int
    principles: tuple[str, ...]
    saved: bool
    """False for the default plan, which nobody has started yet."""

    def date_of(self, index: int) -> date:
        """The date of meeting `index` (0-based)."""
        return self.start + timedelta(days=self.every_days * index)


@dataclass(frozen=True)
class PlanRow:
    """One meeting of the plan, and whether the group has had it."""

    number: int
    date: date | None
    """None until the plan is started: a default plan has an order, not dates."""
    principle_id: str
    title: str
    done: bool
    next: bool


def cadence_days(every: str) -> int:
    """Days between meetings for an `--every` value, or UsageError naming the choices."""
    days = CADENCES.get(every.strip().casefold())
    if days is None:
        raise UsageError(f"--every must be week or 2weeks, not {every!r}")
    return days


def cadence_name(every_days: int) -> str:
    """How a cadence reads in a sentence: 'week', '2 weeks', '10 days'."""
    if every_days % 7 == 0:
        weeks = every_days // 7
        return "week" if weeks == 1 else f"{weeks} weeks"
    return "day" if every_days == 1 else f"{every_days} days"


def load_plan(conn: sqlite3.Connection, library: Library, *, today: date | None = None) -> Plan:
    """The stored plan fitted to the library, or the default one.

    Ids the library no longer has are dropped and principles added since are appended.
    The default takes every principle in order, weekly, and has no dates (see plan_rows).
    It counts sessions from the day of the first finished one, so that it advances
    without being saved.
    """
    row = conn.execute("SELECT start, every_days, principles FROM plan WHERE id = 1").fetchone()
    if row is None:
        first = conn.execute(
            "SELECT min(substr(started, 1, 10)) FROM sessions WHERE status = 'finished'"
        ).fetchone()[0]
        start = _stored_date(first) if first else None
        return Plan(start or today or date.today(), 7, tuple(library.ids()), saved=False)
    start = _stored_date(row["start"])
    try:
        ids = json.loads(row["principles"])
    except ValueError:
        ids = None
    every = row["every_days"]
    if start is None or not isinstance(every, int) or every < 1 or not _strings(ids):
        raise StoreError("the stored study plan cannot be read; `lp-coach plan start` replaces it")
    return Plan(start, every, _fit(ids, library.ids()), saved=True)


def start_plan(conn: sqlite3.Connection, library: Library, on: date, every: str) -> Plan:
    """Start (or restart) the series on `on`: every principle in order, every week or two."""
    plan = Plan(on, cadence_days(every), tuple(library.ids()), saved=True)
    with transaction(conn):
        conn.execute(
            "INSERT INTO plan (id, start, every_days, principles) VALUES (1, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET start = excluded.start, "
            "every_days = excluded.every_days, principles = excluded.principles",
            (plan.start.isoformat(), plan.every_days, json.dumps(list(plan.principles))),
        )
    return plan


def plan_rows(conn: sqlite3.Connection, library: Library, plan: Plan) -> list[PlanRow]:
    """The meetings of `plan`; done means finished in a session started on or after its start.

    The one place that dates a meeting: only a started (saved) plan has dates.
    """
    done = {
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT principle_id FROM sessions "
            "WHERE status = 'finished' AND substr(started, 1, 10) >= ?",
            (plan.start.isoformat(),),
        )
    }
    rows: list[PlanRow] = []
    found_next = False
    for index, principle_id in enumerate(plan.principles):
        principle = library.get(principle_id)
        is_done = principle_id in done
        is_next = not is_done and not found_next
        found_next = found_next or is_next
        title = principle.title if principle else principle_id
        day = plan.date_of(index) if plan.saved else None
        rows.append(PlanRow(index + 1, day, principle_id, title, is_done, is_next))
    return rows


def next_principle(conn: sqlite3.Connection, library: Library) -> Principle:
    """The plan's next principle; once every one is done, the first one again."""
    plan = load_plan(conn, library)
    rows = plan_rows(conn, library, plan)
    row = next((r for r in rows if r.next), rows[0] if rows else None)
    principle = library.get(row.principle_id) if row else None
    if principle is None:
        raise NotFound("the study plan has no principles (see `lp-coach principles list`)")
    return principle


def ics_text(
    plan: Plan,
    rows: Iterable[PlanRow],
    library: Library,
    at: time | None,
    minutes: int = 60,
    *,
    stamp: datetime | None = None,
) -> str:
    """The meetings as an iCalendar (RFC 5545) file: all-day, or at `at` for `minutes`.

    All-day events mark the day and leave it free (TRANSP:TRANSPARENT), as a birthday
    does; timed ones are busy. Times are floating: each calendar shows them at that
    hour in its own time zone, where the group meets. A meeting's UID is its principle
    and date, the same in every export, so that a calendar can tell a meeting it
    already has from a new one. A plan nobody has started has no dates: UsageError.
    """
    if at is not None and not 1 <= minutes <= MAX_EVENT_MINUTES:
        raise UsageError(f"--minutes must be between 1 and {MAX_EVENT_MINUTES}, not {minutes}")
    if not plan.saved:
        raise UsageError(NO_DATES)
    dtstamp = (stamp or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    name = library.packs[0].name if library.packs else "Leadership principles"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//lp-coach//lp-coach {__version__}//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(name)}",
        f"X-WR-CALDESC:{_escape(f'Study plan: every {cadence_name(plan.every_days)}')}",
    ]
    for row in rows:
        if row.date is None:
            raise UsageError(NO_DATES)
        principle = library.get(row.principle_id)
        lines += [
            "BEGIN:VEVENT",
            f"UID:{row.principle_id}-{row.date.isoformat()}@lp-coach",
            f"DTSTAMP:{dtstamp}",
            *_when(row.date, at, minutes),
            f"SUMMARY:{_escape(f'{row.number}. {row.title}')}",
        ]
        if principle is not None:
            lines.append(f"DESCRIPTION:{_escape(principle.statement)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def export_summary(count: int, at: time | None, minutes: int) -> str:
    """What a calendar export holds, in words: '16 all-day meetings (...)' or '... at 19:00'."""
    plural = "meeting" if count == 1 else "meetings"
    if at is None:
        return f"{count} all-day {plural}; --at HH:MM gives them a time"
    return f"{count} {plural} at {at:%H:%M}, {minutes} minutes each, local time"


def _when(day: date, at: time | None, minutes: int) -> list[str]:
    if at is None:
        end = day + timedelta(days=1)  # DTEND is exclusive: the next day
        return [
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{end:%Y%m%d}",
            "TRANSP:TRANSPARENT",
        ]
    begin = datetime.combine(day, at)
    end_time = begin + timedelta(minutes=minutes)
    return [
        f"DTSTART:{begin:%Y%m%dT%H%M%S}",
        f"DTEND:{end_time:%Y%m%dT%H%M%S}",
        "TRANSP:OPAQUE",
    ]


def _escape(text: str) -> str:
    """A TEXT value: backslash, semicolon, comma and newlines escaped; other controls dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    text = text.replace("\n", "\\n")
    return "".join(c for c in text if c == "\t" or (ord(c) >= 0x20 and c != "\x7f"))


def _fold(line: str, limit: int = 75) -> str:
    """Fold at `limit` octets (continuations start with a space), never inside a character."""
    parts: list[str] = []
    current: list[str] = []
    size = 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append("".join(current))
            current, size = [" "], 1
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n".join(parts)


def _stored_date(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _fit(ids: list[str], library_ids: list[str]) -> tuple[str, ...]:
    known = set(library_ids)
    kept = list(dict.fromkeys(i for i in ids if i in known))
    return (*kept, *(i for i in library_ids if i not in kept))
