"""Dates and times as people type them: 2026-01-05, 'yesterday', 'last monday', '6 jan', 7pm.

The one parser for every option that takes a date (journal, plan) or a time of day.
"""

from __future__ import annotations

import re
from datetime import date, time, timedelta
from typing import NamedTuple

from lp_coach.clock import today as local_today
from lp_coach.errors import UsageError

WEEKDAYS = {
    "monday": 0, "mon": 0,
    "tuesday": 1, "tue": 1, "tues": 1,
    "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3,
    "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}  # fmt: skip
MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
UNITS = {"day": 1, "week": 7, "month": 0, "year": 0}
RELATIVE_DAYS = {"today": 0, "now": 0, "yesterday": -1, "tomorrow": 1}

EXAMPLES = "e.g. 2026-01-05, yesterday, last monday, 3 days ago, 6 jan, yesterday 18:30"
EXAMPLES_DAY = "e.g. 2026-01-05, today, yesterday, next monday, 6 jan"

_CLOCK = re.compile(r"(?:\s+at)?\s*(\d{1,2})(?::(\d{2}))?(?::\d{2})?\s*(am|pm)?$")
_ISO = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})")
_AGO = re.compile(r"(\d+|[a-z]+)\s+(day|week|month|year)s?\s+ago")


class When(NamedTuple):
    """A day, and the time of day (HH:MM) when one was given."""

    day: date
    time: str | None = None


def parse_when(
    text: str, *, option: str = "--date", today: date | None = None, ahead: bool = False
) -> When:
    """Read a date (and optional time) typed by a user, or raise UsageError naming `option`.

    A weekday or a month and day without a year is the latest one, today included (a
    journal writes about the past); with `ahead`, the next one, today included (a plan).
    """
    today = today or local_today()
    value = " ".join(text.strip().casefold().replace(",", " ").split())
    value = value.replace("t", " ", 1) if re.match(r"\d{4}-\d\d-\d\dt", value) else value
    when = _parse(value, today, ahead)
    if when is None:
        raise UsageError(f"{option}: cannot read {text!r} as a date ({EXAMPLES})")
    return when


def long_date(day: date) -> str:
    """'Tuesday 6 January 2026'."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def parse_day(
    text: str, *, option: str = "--since", today: date | None = None, ahead: bool = False
) -> date:
    """Like parse_when, for options that take a day only: a time given is refused."""
    when = parse_when(text, option=option, today=today, ahead=ahead)
    if when.time is not None:
        raise UsageError(f"{option} takes a day, not a time of day: {text!r} ({EXAMPLES_DAY})")
    return when.day


def parse_clock(text: str, *, option: str = "--at") -> time:
    """A time of day typed by a user: 19:00, 7pm, 7:30pm."""
    value = " ".join(text.strip().casefold().split())
    match = _CLOCK.fullmatch(value)
    clock = _clock(match) if match and (match.group(2) or match.group(3)) else None
    if clock is None:
        raise UsageError(f"{option}: cannot read {text!r} as a time of day (e.g. 19:00, 7pm)")
    hours, minutes = clock.split(":")
    return time(int(hours), int(minutes))


def _parse(value: str, today: date, ahead: bool) -> When | None:
    clock: str | None = None
    match = _CLOCK.search(value)
    if match and (match.group(2) or match.group(3)):
        clock = _clock(match)
        if clock is None:
            return None
        value = value[: match.start()].strip() or "today"
    day = _day(value, today, ahead)
    return None if day is None else When(day, clock)


def _clock(match: re.Match[str]) -> str | None:
    hours, minutes = int(match.group(1)), int(match.group(2) or 0)
    suffix = match.group(3)
    if suffix:
        if not 1 <= hours <= 12:
            return None
        hours = hours % 12 + (12 if suffix == "pm" else 0)
    if hours > 23 or minutes > 59:
        return None
    return f"{hours:02d}:{minutes:02d}"


def _day(value: str, today: date, ahead: bool) -> date | None:
    if value in RELATIVE_DAYS:
        return today + timedelta(days=RELATIVE_DAYS[value])
    if value == "day before yesterday":
        return today - timedelta(days=2)
    iso = _ISO.fullmatch(value)
    if iso:
        return _date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    words = value.split()
    if len(words) == 2 and words[0] in ("last", "this", "next") and words[1] in WEEKDAYS:
        which = "coming" if ahead and words[0] == "this" else words[0]
        return _weekday(WEEKDAYS[words[1]], which, today)
    if len(words) == 1 and words[0] in WEEKDAYS:
        return _weekday(WEEKDAYS[words[0]], "coming" if ahead else "this", today)
    if len(words) == 2 and words[0] == "last" and words[1] in UNITS:
        return _ago(1, words[1], today)
    ago = _AGO.fullmatch(value)
    if ago:
        amount = int(ago.group(1)) if ago.group(1).isdigit() else NUMBERS.get(ago.group(1))
        return None if amount is None else _ago(amount, ago.group(2), today)
    return _month_day(words, today, ahead)


def _weekday(weekday: int, which: str, today: date) -> date:
    back = (today.weekday() - weekday) % 7
    if which == "last":
        return today - timedelta(days=back or 7)
    if which == "next":
        return today + timedelta(days=(weekday - today.weekday()) % 7 or 7)
    if which == "coming":
        return today + timedelta(days=(weekday - today.weekday()) % 7)  # today included
    return today - timedelta(days=back)  # the latest one, today included


def _ago(amount: int, unit: str, today: date) -> date | None:
    if unit in ("day", "week"):
        try:
            return today - timedelta(days=amount * UNITS[unit])
        except OverflowError:
            return None
    months = today.year * 12 + today.month - 1 - amount * (12 if unit == "year" else 1)
    year, month = divmod(months, 12)
    for day in range(today.day, 0, -1):  # 31 March, 1 month ago -> 28 or 29 February
        found = _date(year, month + 1, day)
        if found is not None:
            return found
    return None


def _month_day(words: list[str], today: date, ahead: bool) -> date | None:
    """'6 jan', 'jan 6', 'january 6 2026', '6 january 2026' (no year: the latest, or next)."""
    if len(words) not in (2, 3):
        return None
    first, second = words[0], words[1]
    if first in MONTHS and second.isdigit():
        month, day = MONTHS[first], int(second)
    elif second in MONTHS and first.rstrip(".").isdigit():
        month, day = MONTHS[second], int(first.rstrip("."))
    else:
        return None
    if len(words) == 3:
        return _date(int(words[2]), month, day) if words[2].isdigit() else None
    found = _date(today.year, month, day)
    if ahead and found is not None and found < today:
        return _date(today.year + 1, month, day)
    if not ahead and found is not None and found > today:
        return _date(today.year - 1, month, day)
    return found


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
