"""What the `plan` commands ask of the core: a group's plan as it stands, a new series, a
calendar."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import NamedTuple

from lp_coach.errors import UsageError
from lp_coach.study.plan import NO_DATES, Plan, PlanRow

DEFAULT_MINUTES = 60
"""How long a meeting lasts in the calendar unless --minutes says."""


class Shown(NamedTuple):
    """The plan and its meetings, with its cadence in words."""

    plan: Plan
    rows: list[PlanRow]
    cadence: str
    """'week', '2 weeks' or 'month on the second Tuesday'."""
    group: str | None = None
    """The group's name when there are several (with one, nothing needs to name it)."""

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
    group: str | None = None
    """The group's name when there are several."""
    skipped: int = 0
    """How many dates are left out."""


class Calendar(NamedTuple):
    """The plan as iCalendar text, and where it went (None: it is for standard output)."""

    text: str
    path: Path | None
    summary: str
    """What the file holds, in words: '16 meetings, at 19:00 for 60 minutes'."""


def show_plan(packs: Sequence[Path] = (), in_group: str | None = None) -> Shown:
    """The group's plan: each meeting's date and principle, what is done and what is next."""
    from lp_coach.groups.context import open_group
    from lp_coach.groups.store import several
    from lp_coach.store.db import connect
    from lp_coach.study.plan import load_plan, plan_rows

    with closing(connect()) as conn:
        group, library = open_group(conn, in_group, packs)
        plan = load_plan(conn, library, group)
        rows = plan_rows(conn, library, plan)
        name = group.name if several(conn) else None
    return Shown(plan, rows, plan.describe(), name)


def start_series(
    on: str,
    every: str,
    packs: Sequence[Path] = (),
    in_group: str | None = None,
    skip: Sequence[str] = (),
) -> Started:
    """Start the group's series (again) on the day `on` names, meeting `every` (week, N
    weeks, monthly), leaving out the days `skip` names."""
    from lp_coach.dates import parse_day
    from lp_coach.groups.context import open_group
    from lp_coach.groups.store import several
    from lp_coach.store.db import connect
    from lp_coach.study.plan import start_plan

    first = parse_day(on, option="--on", ahead=True)
    skipped = [parse_day(d, option="--skip", ahead=True) for d in skip]
    with closing(connect()) as conn:
        group, library = open_group(conn, in_group, packs)
        plan = start_plan(conn, library, group, first, every, skipped)
        name = group.name if several(conn) else None
    return _started(plan, name)


def skip_meetings(
    days: Sequence[str], undo: bool, packs: Sequence[Path] = (), in_group: str | None = None
) -> Started:
    """Leave out (or bring back) meeting dates of the group's started plan."""
    from lp_coach.dates import parse_day
    from lp_coach.groups.context import open_group
    from lp_coach.groups.store import several
    from lp_coach.store.db import connect
    from lp_coach.study.plan import skip_dates

    wanted = [parse_day(d, option="DATE", ahead=True) for d in days]
    with closing(connect()) as conn:
        group, library = open_group(conn, in_group, packs)
        plan = skip_dates(conn, library, group, wanted, undo=undo)
        name = group.name if several(conn) else None
    return _started(plan, name)


def _started(plan: Plan, name: str | None) -> Started:
    dates = plan.dates()
    first = dates[0] if dates else plan.start
    last = dates[-1] if dates else plan.start
    return Started(len(plan.principles), plan.describe(), first, last, name, len(plan.skip))


def export_calendar(
    ics: Path,
    at: str | None = None,
    minutes: int | None = None,
    packs: Sequence[Path] = (),
    *,
    tz: str | None = None,
    in_group: str | None = None,
) -> Calendar:
    """The group's meetings as iCalendar, written to `ics` ('-': left for standard output);
    `at` a time of day (in the zone `tz`, default this computer's) makes timed events of
    `minutes`, else all-day ones."""
    from lp_coach.dates import parse_clock
    from lp_coach.groups.context import open_group
    from lp_coach.groups.store import several
    from lp_coach.store.db import connect
    from lp_coach.study.ics import export_summary, ics_text, time_zone
    from lp_coach.study.plan import load_plan, plan_rows

    if minutes is not None and at is None:
        raise UsageError("--minutes needs --at: without a time the meetings are all-day events")
    if tz is not None and at is None:
        raise UsageError("--tz needs --at: without a time the meetings are all-day events")
    clock = parse_clock(at) if at is not None else None
    zone = time_zone(tz)
    length = DEFAULT_MINUTES if minutes is None else minutes
    with closing(connect()) as conn:
        group, library = open_group(conn, in_group, packs)
        plan = load_plan(conn, library, group)
        rows = plan_rows(conn, library, plan)
        name = library.packs[0].name if library.packs else "Leadership principles"
        if several(conn):
            name = f"{group.name}: {name}"
    text = ics_text(plan, rows, library, clock, length, name=name, zone=zone)
    summary = export_summary(len(rows), clock, length, zone)
    if str(ics) == "-":
        return Calendar(text, None, summary)
    from lp_coach.atomic import atomic_write

    atomic_write(ics, text, mode=0o644)  # StoreError, naming the path, when it cannot
    return Calendar(text, ics, summary)
