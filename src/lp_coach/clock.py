"""The time lp-coach runs at: the system clock for people, a frozen one for tests and benchmarks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo
from typing import Protocol


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


_in_use: list[Clock] = [SystemClock()]


def now() -> datetime:
    """The current time, aware, in UTC, from the clock in use (the system's unless told)."""
    return _in_use[0].now()


def use_clock(clock: Clock) -> Clock:
    """Make `clock` the one `now` reads (a test's or a benchmark's); the one it replaces."""
    before, _in_use[0] = _in_use[0], clock
    return before


def stamp(moment: datetime) -> str:
    """How the journal, stories and sessions store a time: ISO 8601 in local time with its
    offset, to the second (the quiz stores UTC with `iso`)."""
    return moment.astimezone().isoformat(timespec="seconds")


def iso(moment: datetime) -> str:
    """How times are stored: ISO 8601 in UTC to the second, e.g. 2026-01-05T09:30:00Z.

    One fixed width, so stored times compare correctly as text.
    """
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_iso(text: str) -> datetime:
    """A stored time back as an aware UTC datetime."""
    return datetime.fromisoformat(text).astimezone(UTC)


def local_zone() -> tzinfo:
    """The user's local time zone (days in summaries and charts are local days)."""
    zone = datetime.now().astimezone().tzinfo
    return zone if zone is not None else UTC


def start_of_day(moment: datetime, zone: tzinfo) -> datetime:
    """Local midnight at the start of `moment`'s day in `zone`, as UTC."""
    local = moment.astimezone(zone)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return midnight.astimezone(UTC)
