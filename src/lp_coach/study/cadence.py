"""How often a group meets (every N weeks, or monthly on a weekday) and the dates that gives."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from typing import NamedTuple

from lp_coach.errors import UsageError

WORDS = {"week": 1, "weekly": 1, "2weeks": 2, "fortnight": 2, "fortnightly": 2}
"""Named cadences in weeks. "biweekly" is left out: it means twice a week to some."""
MONTHLY = ("month", "monthly")
MAX_WEEKS = 12
ORDINALS = ("first", "second", "third", "fourth", "last")
ACCEPTED = "week, 2weeks, N weeks (up to 12) or monthly"


class Cadence(NamedTuple):
    """Every `weeks` weeks, or (weeks == 0) monthly on the start date's weekday of the month."""

    weeks: int

    @property
    def monthly(self) -> bool:
        return self.weeks == 0

    def stored(self) -> str:
        """How the cadence is kept in the store and in JSON: '1w', '2w', 'monthly'."""
        return "monthly" if self.monthly else f"{self.weeks}w"

    def describe(self, start: date | None = None) -> str:
        """In a sentence after 'every': 'week', '2 weeks', 'month on the second Tuesday'."""
        if not self.monthly:
            return "week" if self.weeks == 1 else f"{self.weeks} weeks"
        if start is None:
            return "month"
        return f"month on the {ORDINALS[_nth(start) - 1]} {start:%A}"

    def dates(self, start: date, skip: frozenset[date] = frozenset()) -> Iterator[date]:
        """The meeting dates from `start` on, leaving out `skip` (the next slot takes over)."""
        index = 0
        while True:
            if self.monthly:
                day = _nth_weekday_of(start, index)
            else:
                day = start + timedelta(weeks=self.weeks * index)
            index += 1
            if day not in skip:
                yield day


def parse_cadence(text: str) -> Cadence:
    """A cadence as typed after --every, or UsageError naming what is accepted."""
    word = " ".join(text.split()).casefold()
    if word in WORDS:
        return Cadence(WORDS[word])
    if word in MONTHLY:
        return Cadence(0)
    match = re.fullmatch(r"(\d+) ?w(?:eeks?)?", word)
    if match and 1 <= int(match.group(1)) <= MAX_WEEKS:
        return Cadence(int(match.group(1)))
    raise UsageError(f"--every must be {ACCEPTED}, not {text!r}")


def stored_cadence(value: str) -> Cadence | None:
    """The cadence kept in the store ('1w', 'monthly'), or None when it cannot be read."""
    if value == "monthly":
        return Cadence(0)
    match = re.fullmatch(r"(\d+)w", value)
    return Cadence(int(match.group(1))) if match and int(match.group(1)) >= 1 else None


def _nth(day: date) -> int:
    """Which of its weekday in the month `day` is: 1 to 4, or 5 for the last one."""
    return (day.day - 1) // 7 + 1


def _nth_weekday_of(start: date, months: int) -> date:
    """The same weekday of the month as `start` (say the 2nd Tuesday), `months` later."""
    year, month = divmod(start.month - 1 + months, 12)
    year, month = start.year + year, month + 1
    first = date(year, month, 1)
    offset = (start.weekday() - first.weekday()) % 7
    candidates = [first + timedelta(days=offset + 7 * k) for k in range(5)]
    candidates = [d for d in candidates if d.month == month]
    nth = _nth(start)
    return candidates[-1] if nth == 5 else candidates[nth - 1]
