"""The group's study plan: which principle each meeting takes, on what date, and what is done."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta

from lp_coach.content.model import Library, Principle
from lp_coach.errors import NotFound, StoreError, UsageError
from lp_coach.store.db import transaction

CADENCES = {"week": 7, "weekly": 7, "2weeks": 14, "fortnight": 14, "fortnightly": 14}
"""What `--every` accepts, in days. "biweekly" is left out: it means twice a week to some."""

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
