"""Dates at the start of a journal entry ('yesterday: held my tongue'), read with lp_coach.dates."""

from __future__ import annotations

from datetime import date

from lp_coach.dates import When, parse_when
from lp_coach.errors import UsageError


def leading_date(text: str, *, today: date | None = None) -> tuple[When, str] | None:
    """jrnl's habit: 'yesterday: text' -> (yesterday, 'text'); None when there is no such date."""
    head, colon, rest = text.partition(":")
    while colon and rest[:2].isdigit() and len(head) <= 40:  # the colon of a time: 18:30
        more_head, colon, rest = rest.partition(":")
        head = f"{head}:{more_head}"
    if not colon or not rest.strip() or len(head) > 40 or "\n" in head:
        return None
    try:
        return parse_when(head, today=today), rest.strip()
    except UsageError:
        return None
