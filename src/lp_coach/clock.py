"""The time lp-coach runs at (the system's, or a frozen one), and the one way a time is stored.

Stored times -- every column of the store that holds a moment, sealed entries, the migrations
table -- are ISO 8601 in UTC, to the second, with a trailing Z: 2026-01-05T09:30:00Z (`stamp`
writes one, `parse_stamp` reads one back). One fixed width, so they sort and compare correctly
as text in SQL, and the scheduler (FSRS) gets UTC.

People see local time, as they always have: `shown` gives a stored time back as ISO 8601 in local
time with its offset (JSON output, exports), `local` a moment in the local zone, and the days
people speak of -- today, a session's day, a backup's day, what is due today -- are local days
(`today`, `local_day`). Days an entry or a plan is dated with are stored as the local day itself
(YYYY-MM-DD), not as a moment. File names people read (backups, drafts, a store kept aside) carry
local wall time (`local_now`).

Only this module reads the system's clock: everything else asks `now` (or `today`, `local_now`),
so a test or a benchmark can freeze time with `use_clock`. Durations use time.monotonic.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Protocol

FORMAT = "%Y-%m-%dT%H:%M:%SZ"
"""The stored format (strftime): UTC to the second, a trailing Z."""


class Clock(Protocol):
    """Where the quiz engine, the scheduler and the stores get "now" from."""

    def now(self) -> datetime:
        """The current time, timezone-aware, in UTC."""
        ...


class SystemClock:
    """The real time."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class FrozenClock:
    """A clock that stands still until it is moved (a simulated month takes no time).

    Used only by tests and benchmarks (`use_clock`), never by a command.
    """

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("FrozenClock needs a timezone-aware start")
        self.current = start.astimezone(UTC)

    def now(self) -> datetime:
        return self.current

    def advance(self, delta: timedelta) -> None:
        """Move the clock forward by `delta`."""
        self.current += delta


class SharedClock:
    """Whichever clock is in use (`use_clock`) at the moment it is asked."""

    def now(self) -> datetime:
        return now()


_in_use: list[Clock] = [SystemClock()]


def now() -> datetime:
    """The current time, aware, in UTC, from the clock in use (the system's unless told)."""
    return _in_use[0].now()


def use_clock(clock: Clock) -> Clock:
    """Make `clock` the one `now` reads (a test's or a benchmark's); the one it replaces."""
    before, _in_use[0] = _in_use[0], clock
    return before


def stamp(moment: datetime) -> str:
    """`moment` as stored: ISO 8601 in UTC to the second, e.g. 2026-01-05T09:30:00Z."""
    return moment.astimezone(UTC).strftime(FORMAT)


def parse_stamp(text: str) -> datetime:
    """A stored time (or any ISO 8601 date and time) as an aware UTC datetime; one without an
    offset is local time, as people write it. ValueError if it is not one."""
    moment = datetime.fromisoformat(text.strip())
    return moment.astimezone(UTC)  # a naive one is taken as local time by astimezone


def restamp(text: str) -> str:
    """A time from outside the store (an import, a sealed file) in the stored format.
    ValueError if it is not an ISO 8601 date and time."""
    return stamp(parse_stamp(text))


def local(moment: datetime) -> datetime:
    """`moment` in the local zone, with the offset in force on that day (summer or winter)."""
    return moment.astimezone()


def local_now() -> datetime:
    """The current time in the local zone (what people read: file names, "exported at")."""
    return local(now())


def today() -> date:
    """The local day it is now."""
    return local_now().date()


def local_day(text: str) -> date:
    """The local day of a stored time."""
    return local(parse_stamp(text)).date()


def shown(text: str) -> str:
    """A stored time as people are shown it in JSON and exports: ISO 8601 in local time with its
    offset, e.g. 2026-01-05T10:30:00+01:00 (text that is not a time is shown as it is)."""
    try:
        return local(parse_stamp(text)).isoformat(timespec="seconds")
    except ValueError:
        return text


def shown_minute(text: str) -> str:
    """A stored time as a table shows it: '2026-01-05 10:30', local."""
    try:
        return f"{local(parse_stamp(text)):%Y-%m-%d %H:%M}"
    except ValueError:
        return text[:16].replace("T", " ")


def local_zone() -> tzinfo:
    """The user's local time zone now (days in summaries and charts are local days)."""
    zone = local_now().tzinfo
    return zone if zone is not None else UTC


def start_of_day(moment: datetime, zone: tzinfo) -> datetime:
    """Local midnight at the start of `moment`'s day in `zone`, as UTC."""
    local_moment = moment.astimezone(zone)
    midnight = local_moment.replace(hour=0, minute=0, second=0, microsecond=0)
    return midnight.astimezone(UTC)


def day_start(day: date, zone: tzinfo | None = None) -> datetime:
    """Midnight at the start of `day` in `zone` (else local time), with that day's offset,
    aware, in UTC (to compare a stored time with a local day: everything stored at or after
    it is on `day` or later)."""
    midnight = datetime(day.year, day.month, day.day, tzinfo=zone)
    return midnight.astimezone(UTC)
