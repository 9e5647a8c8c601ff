"""The one date parser: days ahead for a plan, times of day for a calendar."""

from __future__ import annotations

from datetime import date, time

import pytest

from lp_coach.dates import parse_clock, parse_day
from lp_coach.errors import UsageError

TODAY = date(2026, 1, 7)  # a Wednesday


@pytest.mark.parametrize(
    ("typed", "behind", "ahead"),
    [
        ("monday", date(2026, 1, 5), date(2026, 1, 12)),
        ("wednesday", TODAY, TODAY),
        ("this friday", date(2026, 1, 2), date(2026, 1, 9)),
        ("next monday", date(2026, 1, 12), date(2026, 1, 12)),
        ("last monday", date(2026, 1, 5), date(2026, 1, 5)),
        ("dec 25", date(2025, 12, 25), date(2026, 12, 25)),
        ("7 jan", TODAY, TODAY),
        ("yesterday", date(2026, 1, 6), date(2026, 1, 6)),
        ("2026-01-05", date(2026, 1, 5), date(2026, 1, 5)),
    ],
)
def test_a_day_behind_or_ahead(typed: str, behind: date, ahead: date) -> None:
    assert parse_day(typed, today=TODAY) == behind
    assert parse_day(typed, today=TODAY, ahead=True) == ahead


def test_a_day_option_refuses_a_time() -> None:
    with pytest.raises(UsageError, match="--on takes a day, not a time of day: 'monday 7pm'"):
        parse_day("monday 7pm", option="--on", today=TODAY)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("19:00", time(19)),
        ("7:05", time(7, 5)),
        ("00:00", time(0)),
        ("23:59", time(23, 59)),
        ("7pm", time(19)),
        ("7:30 PM", time(19, 30)),
        ("12am", time(0)),
        ("19:00:00", time(19)),
    ],
)
def test_parse_clock(typed: str, expected: time) -> None:
    assert parse_clock(typed) == expected


@pytest.mark.parametrize("typed", ["19", "19:0", "19:60", "24:00", "-1:00", "13pm", "", "seven"])
def test_parse_clock_rejects(typed: str) -> None:
    with pytest.raises(UsageError, match=r"--at: cannot read .* as a time of day \(e.g. 19:00"):
        parse_clock(typed)
