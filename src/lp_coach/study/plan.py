"""A group's study plan: which principle each meeting takes, on what date, and what is done."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import date
from itertools import islice
from typing import NamedTuple

from lp_coach import clock
from lp_coach.content.model import Library, Principle
from lp_coach.errors import NotFound, StoreError, UsageError
from lp_coach.groups.store import Group
from lp_coach.store.db import transaction
from lp_coach.study import store as session_store
from lp_coach.study.cadence import Cadence, parse_cadence, stored_cadence

NO_DATES = "the plan has no dates yet; `lp-coach plan start --on DATE` sets them"
"""What every command says of a plan nobody has started: its meetings have an order only."""


class Plan(NamedTuple):
    """A group's series of meetings: one principle each, on the dates its cadence gives."""

    group_id: int
    start: date
    cadence: Cadence
    principles: tuple[str, ...]
    saved: bool
    """False for the default plan, which nobody has started yet."""
    skip: frozenset[date] = frozenset()
    """Dates with no meeting (Christmas week): the meeting moves to the next one."""

    def dates(self, count: int | None = None) -> list[date]:
        """The dates of the first `count` meetings (default: one per principle)."""
        wanted = len(self.principles) if count is None else count
        return list(islice(self.cadence.dates(self.start, self.skip), wanted))

    def date_of(self, index: int) -> date:
        """The date of meeting `index` (0-based)."""
        return self.dates(index + 1)[index]

    def describe(self) -> str:
        """The cadence in words after 'every': 'week', 'month on the first Monday'."""
        return self.cadence.describe(self.start if self.saved else None)


class PlanRow(NamedTuple):
    """One meeting of the plan, and whether the group has had it."""

    number: int
    date: date | None
    """None until the plan is started: a default plan has an order, not dates."""
    principle_id: str
    title: str
    done: bool
    next: bool


def load_plan(
    conn: sqlite3.Connection, library: Library, group: Group, *, today: date | None = None
) -> Plan:
    """The group's stored plan fitted to the library, or the default one.

    Ids the library no longer has are dropped and principles added since are appended.
    The default takes every principle in order, weekly, and has no dates (see plan_rows).
    It counts sessions from the day of the group's first finished one, so that it
    advances without being saved.
    """
    row = conn.execute(
        "SELECT start, cadence, skip, principles FROM group_plans WHERE group_id = ?",
        (group.id,),
    ).fetchone()
    if row is None:
        first = session_store.first_finished(conn, group.id)
        start = _first_day(first) if first else None
        return Plan(
            group.id, start or today or clock.today(), Cadence(1), tuple(library.ids()), False
        )
    start = _stored_date(row["start"])
    cadence = stored_cadence(str(row["cadence"]))
    try:
        ids = json.loads(row["principles"])
        skip = frozenset(date.fromisoformat(d) for d in json.loads(row["skip"]))
    except (ValueError, TypeError):
        ids = None
        skip = frozenset()
    if start is None or cadence is None or not _strings(ids):
        raise StoreError("the stored study plan cannot be read; `lp-coach plan start` replaces it")
    return Plan(group.id, start, cadence, _fit(ids, library.ids()), True, skip)


def start_plan(
    conn: sqlite3.Connection,
    library: Library,
    group: Group,
    on: date,
    every: str,
    skip: Iterable[date] = (),
) -> Plan:
    """Start (or restart) the group's series on `on`: every principle in order, at `every`."""
    plan = Plan(group.id, on, parse_cadence(every), tuple(library.ids()), True, frozenset(skip))
    _save(conn, plan)
    return plan


def skip_dates(
    conn: sqlite3.Connection, library: Library, group: Group, days: Iterable[date], *, undo: bool
) -> Plan:
    """Leave out (or with `undo`, bring back) meeting dates of the group's started plan."""
    plan = load_plan(conn, library, group)
    if not plan.saved:
        raise UsageError(NO_DATES)
    days = set(days)
    skip = plan.skip - days if undo else plan.skip | days
    plan = Plan(plan.group_id, plan.start, plan.cadence, plan.principles, True, frozenset(skip))
    _save(conn, plan)
    return plan


def _save(conn: sqlite3.Connection, plan: Plan) -> None:
    with transaction(conn):
        conn.execute(
            "INSERT INTO group_plans (group_id, start, cadence, skip, principles) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (group_id) DO UPDATE SET "
            "start = excluded.start, cadence = excluded.cadence, skip = excluded.skip, "
            "principles = excluded.principles",
            (
                plan.group_id,
                plan.start.isoformat(),
                plan.cadence.stored(),
                json.dumps(sorted(d.isoformat() for d in plan.skip)),
                json.dumps(list(plan.principles)),
            ),
        )


def plan_rows(conn: sqlite3.Connection, library: Library, plan: Plan) -> list[PlanRow]:
    """The meetings of `plan`; done means finished in one of the group's sessions started
    on or after its start.

    The one place that dates a meeting: only a started (saved) plan has dates.
    """
    since = clock.stamp(clock.day_start(plan.start))
    done = session_store.finished_principles(conn, plan.group_id, since)
    dates = plan.dates() if plan.saved else []
    rows: list[PlanRow] = []
    found_next = False
    for index, principle_id in enumerate(plan.principles):
        principle = library.get(principle_id)
        is_done = principle_id in done
        is_next = not is_done and not found_next
        found_next = found_next or is_next
        title = principle.title if principle else principle_id
        day = dates[index] if plan.saved else None
        rows.append(PlanRow(index + 1, day, principle_id, title, is_done, is_next))
    return rows


def next_principle(conn: sqlite3.Connection, library: Library, group: Group) -> Principle:
    """The group's next principle; once every one is done, the first one again."""
    plan = load_plan(conn, library, group)
    rows = plan_rows(conn, library, plan)
    row = next((r for r in rows if r.next), rows[0] if rows else None)
    principle = library.get(row.principle_id) if row else None
    if principle is None:
        raise NotFound("the study plan has no principles (see `lp-coach principles list`)")
    return principle


def _first_day(started: str) -> date | None:
    """The local day of a session's stored start."""
    try:
        return clock.local_day(started)
    except ValueError:
        return None


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
