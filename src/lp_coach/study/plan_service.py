"""What the `plan` commands ask of the core: the plan as it stands, a new series, a calendar."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import NamedTuple

from lp_coach.errors import UsageError
from lp_coach.study.plan import NO_DATES, Plan, PlanRow, cadence_name

DEFAULT_MINUTES = 60
"""How long a meeting lasts in the calendar unless --minutes says."""


class Shown(NamedTuple):
    """The plan and its meetings, with its cadence in words."""

    plan: Plan
    rows: list[PlanRow]
    cadence: str
    """'week' or '2 weeks'."""

    @property
    def warning(self) -> str | None:
        """What to say of a plan nobody has started (its meetings have no dates)."""
        return None if self.plan.saved else NO_DATES


class Started(NamedTuple):
    """A new series: how many meetings, how often, from the first to the last."""

    meetings: int
    cadence: str
    first: date
    last: date


class Calendar(NamedTuple):
    """The plan as iCalendar text, and where it went (None: it is for standard output)."""

    text: str
    path: Path | None
    summary: str
    """What the file holds, in words: '16 meetings, at 19:00 for 60 minutes'."""


def show_plan(packs: Sequence[Path] = ()) -> Shown:
    """The plan: each meeting's date and principle, what is done and what is next."""
    from lp_coach.content.library import open_library
    from lp_coach.store.db import connect
    from lp_coach.study.plan import load_plan, plan_rows

    library = open_library(packs)
    with closing(connect()) as conn:
        plan = load_plan(conn, library)
        rows = plan_rows(conn, library, plan)
    return Shown(plan, rows, cadence_name(plan.every_days))


def start_series(on: str, every: str, packs: Sequence[Path] = ()) -> Started:
    """Start the series (again) on the day `on` names, meeting `every` week or 2weeks."""
    from lp_coach.content.library import open_library
    from lp_coach.dates import parse_day
    from lp_coach.store.db import connect
    from lp_coach.study.plan import start_plan

    first = parse_day(on, option="--on", ahead=True)
    library = open_library(packs)
    with closing(connect()) as conn:
        plan = start_plan(conn, library, first, every)
    count = len(plan.principles)
    return Started(count, cadence_name(plan.every_days), first, plan.date_of(max(count - 1, 0)))


def export_calendar(
    ics: Path, at: str | None = None, minutes: int | None = None, packs: Sequence[Path] = ()
) -> Calendar:
    """The meetings as iCalendar, written to `ics` ('-': left for standard output); `at`
    a time of day makes timed events of `minutes`, else all-day ones."""
    from lp_coach.content.library import open_library
    from lp_coach.dates import parse_clock
    from lp_coach.store.db import connect
    from lp_coach.study.ics import export_summary, ics_text
    from lp_coach.study.plan import load_plan, plan_rows

    if minutes is not None and at is None:
        raise UsageError("--minutes needs --at: without a time the meetings are all-day events")
    clock = parse_clock(at) if at is not None else None
    length = DEFAULT_MINUTES if minutes is None else minutes
    library = open_library(packs)
    with closing(connect()) as conn:
        plan = load_plan(conn, library)
        rows = plan_rows(conn, library, plan)
    text = ics_text(plan, rows, library, clock, length)
    summary = export_summary(len(rows), clock, length)
    if str(ics) == "-":
        return Calendar(text, None, summary)
    from lp_coach.atomic import atomic_write

    atomic_write(ics, text, mode=0o644)  # StoreError, naming the path, when it cannot
    return Calendar(text, ics, summary)
