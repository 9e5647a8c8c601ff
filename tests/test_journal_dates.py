"""Dates as people type them: ISO dates, words, weekdays, 'N days ago', month names, times."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lp_coach.dates import When, parse_when
from lp_coach.errors import UsageError
from lp_coach.journal.dates import leading_date

TODAY = date(2026, 1, 7)  # a Wednesday


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2026-01-05", When(date(2026, 1, 5))),
        ("2025/12/31", When(date(2025, 12, 31))),
        ("today", When(TODAY)),
        ("Today", When(TODAY)),
        ("  yesterday ", When(date(2026, 1, 6))),
        ("tomorrow", When(date(2026, 1, 8))),
        ("day before yesterday", When(date(2026, 1, 5))),
        ("monday", When(date(2026, 1, 5))),
        ("wednesday", When(TODAY)),  # a bare weekday is the latest one, today included
        ("last wednesday", When(date(2025, 12, 31))),
        ("last monday", When(date(2026, 1, 5))),
        ("last Sun", When(date(2026, 1, 4))),
        ("this friday", When(date(2026, 1, 2))),
        ("next monday", When(date(2026, 1, 12))),
        ("3 days ago", When(date(2026, 1, 4))),
        ("a day ago", When(date(2026, 1, 6))),
        ("two weeks ago", When(date(2025, 12, 24))),
        ("1 week ago", When(date(2025, 12, 31))),
        ("last week", When(date(2025, 12, 31))),
        ("1 month ago", When(date(2025, 12, 7))),
        ("2 years ago", When(date(2024, 1, 7))),
        ("6 jan", When(date(2026, 1, 6))),
        ("jan 6", When(date(2026, 1, 6))),
        ("Dec 25", When(date(2025, 12, 25))),  # no year: the latest one
        ("25 December 2024", When(date(2024, 12, 25))),
        ("March 3, 2025", When(date(2025, 3, 3))),
        ("yesterday 18:30", When(date(2026, 1, 6), "18:30")),
        ("yesterday at 6pm", When(date(2026, 1, 6), "18:00")),
        ("last monday 7:05am", When(date(2026, 1, 5), "07:05")),
        ("12am", When(TODAY, "00:00")),
        ("2026-01-05 21:15", When(date(2026, 1, 5), "21:15")),
        ("2026-01-05T21:15:00", When(date(2026, 1, 5), "21:15")),
        ("07:45", When(TODAY, "07:45")),
    ],
)
def test_dates_people_type(typed: str, expected: When) -> None:
    assert parse_when(typed, today=TODAY) == expected


@pytest.mark.parametrize(
    "typed",
    ["", "someday", "2026-02-30", "2026-13-01", "31 feb", "25:00", "yesterday 13pm",
     "last", "fortnight ago", "99999999999 days ago", "monday week"],
)  # fmt: skip
def test_what_is_not_a_date_names_the_option(typed: str) -> None:
    with pytest.raises(UsageError, match=r"^--date: cannot read .* as a date \(e\.g\."):
        parse_when(typed, today=TODAY)


def test_month_end_arithmetic_clamps() -> None:
    assert parse_when("1 month ago", today=date(2026, 3, 31)) == When(date(2026, 2, 28))
    assert parse_when("1 year ago", today=date(2024, 2, 29)) == When(date(2023, 2, 28))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yesterday: Called Ben", (When(date(2026, 1, 6)), "Called Ben")),
        ("last monday 18:30: Ran long", (When(date(2026, 1, 5), "18:30"), "Ran long")),
        ("2026-01-01: New year", (When(date(2026, 1, 1)), "New year")),
        ("Note: not a date", None),
        ("Meeting at 10:30 went well", None),
        ("yesterday:", None),
        ("no colon at all", None),
    ],
)
def test_jrnl_style_leading_dates(text: str, expected: tuple[When, str] | None) -> None:
    assert leading_date(text, today=TODAY) == expected


@given(st.text(max_size=40))
def test_no_text_crashes_the_parser(text: str) -> None:
    try:
        parse_when(text, today=TODAY)
    except UsageError:
        pass


@given(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
def test_every_iso_date_reads_back(day: date) -> None:
    assert parse_when(day.isoformat(), today=TODAY) == When(day)
