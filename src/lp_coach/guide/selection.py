"""Which principles a guide covers: named ones, every one, or the study plan with its dates."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from lp_coach.content.lookup import find_principle
from lp_coach.content.model import Library, Principle
from lp_coach.errors import NotFound, UsageError

if TYPE_CHECKING:
    from lp_coach.groups.store import Group
    from lp_coach.study.plan import Plan


@dataclass(frozen=True)
class Pick:
    """A principle the guide covers, with its meeting date when the plan gives one."""

    principle: Principle
    date: date | None = None
    number: int | None = None
    """The meeting's number in the plan."""


@dataclass(frozen=True)
class Selection:
    """The principles of one guide, and what to call it."""

    picks: tuple[Pick, ...]
    name: str
    """The start of the default file name: a principle id, 'all-principles', 'study-plan'."""
    booklet: bool
    """A cover, a table of contents and one chapter per principle."""
    subtitle: str | None = None
    undated: bool = False
    """From a plan nobody has started: meetings in order, but no dates to print."""


def choose(
    library: Library,
    typed: Sequence[str],
    *,
    every: bool = False,
    plan: bool = False,
    conn: sqlite3.Connection | None = None,
    group: Group | None = None,
) -> Selection:
    """The selection a command line asked for; plan-based ones read `conn`.

    Nothing named and neither --all nor --plan: the plan's next meeting, as `lp-coach study`.
    """
    if sum((bool(typed), every, plan)) > 1:
        raise UsageError("give principles, --all or --plan, not more than one of them")
    if every:
        return every_principle(library)
    if typed:
        return by_names(library, typed)
    if conn is None or group is None:
        raise UsageError("the study plan needs the database")
    return from_plan(conn, library, group) if plan else next_meeting(conn, library, group)


def by_names(library: Library, typed: Sequence[str]) -> Selection:
    """The principles typed, in the order typed (once each); more than one makes a booklet."""
    found = list(dict.fromkeys(find_principle(library, t) for t in typed))
    if len(found) == 1:
        return Selection((Pick(found[0]),), found[0].id, booklet=False)
    return Selection(
        tuple(Pick(p) for p in found), "booklet", booklet=True, subtitle=_meetings(len(found))
    )


def every_principle(library: Library) -> Selection:
    """Every principle in series order, as one booklet."""
    if not library.principles:
        raise NotFound("there are no principles (see `lp-coach principles list`)")
    picks = tuple(Pick(p) for p in library.principles)
    return Selection(picks, "all-principles", booklet=True, subtitle=_meetings(len(picks)))


def from_plan(conn: sqlite3.Connection, library: Library, group: Group) -> Selection:
    """The group's plan's meetings in order, each with its date, as one booklet.

    A plan nobody has started (`lp-coach plan start`) has no real dates, so none are printed.
    """
    plan, picks, _ = _plan_picks(conn, library, group)
    subtitle = f"{_meetings(len(picks))}, every {plan.describe()}"
    first, last = picks[0].date, picks[-1].date
    if first is not None and last is not None:
        subtitle += f", {_day(first)} to {_day(last)}"
    undated = first is None
    return Selection(picks, "study-plan", booklet=True, subtitle=subtitle, undated=undated)


def next_meeting(conn: sqlite3.Connection, library: Library, group: Group) -> Selection:
    """The plan's next meeting (once all are done, the first), dated if the plan is started."""
    _, picks, next_number = _plan_picks(conn, library, group)
    pick = next((p for p in picks if p.number == next_number), picks[0])
    return Selection((pick,), pick.principle.id, booklet=False, undated=pick.date is None)


def _plan_picks(
    conn: sqlite3.Connection, library: Library, group: Group
) -> tuple[Plan, tuple[Pick, ...], int]:
    """The plan, its meetings (dated as plan_rows dates them), and the next one's number."""
    from lp_coach.study.plan import load_plan, plan_rows

    plan = load_plan(conn, library, group)
    rows = plan_rows(conn, library, plan)
    picks = []
    for row in rows:
        principle = library.get(row.principle_id)
        if principle is not None:
            picks.append(Pick(principle, row.date, row.number))
    if not picks:
        raise NotFound("the study plan has no principles (see `lp-coach plan`)")
    next_number = next((r.number for r in rows if r.next), picks[0].number or 1)
    return plan, tuple(picks), next_number


def _meetings(count: int) -> str:
    return f"{count} meeting{'s' if count != 1 else ''}"


def _day(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"
