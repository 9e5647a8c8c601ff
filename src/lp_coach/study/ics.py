"""The study plan as an iCalendar (RFC 5545) file, to import into a calendar."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta

from lp_coach import __version__
from lp_coach.content.model import Library
from lp_coach.errors import UsageError
from lp_coach.study.plan import NO_DATES, Plan, PlanRow, cadence_name

MAX_EVENT_MINUTES = 24 * 60


def ics_text(
    plan: Plan,
    rows: Iterable[PlanRow],
    library: Library,
    at: time | None,
    minutes: int = 60,
    *,
    stamp: datetime | None = None,
) -> str:
    """The meetings as an iCalendar (RFC 5545) file: all-day, or at `at` for `minutes`.

    All-day events mark the day and leave it free (TRANSP:TRANSPARENT), as a birthday
    does; timed ones are busy. Times are floating: each calendar shows them at that
    hour in its own time zone, where the group meets. A meeting's UID is its principle
    and date, the same in every export, so that a calendar can tell a meeting it
    already has from a new one. A plan nobody has started has no dates: UsageError.
    """
    if at is not None and not 1 <= minutes <= MAX_EVENT_MINUTES:
        raise UsageError(f"--minutes must be between 1 and {MAX_EVENT_MINUTES}, not {minutes}")
    if not plan.saved:
        raise UsageError(NO_DATES)
    dtstamp = (stamp or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    name = library.packs[0].name if library.packs else "Leadership principles"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//lp-coach//lp-coach {__version__}//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(name)}",
        f"X-WR-CALDESC:{_escape(f'Study plan: every {cadence_name(plan.every_days)}')}",
    ]
    for row in rows:
        if row.date is None:
            raise UsageError(NO_DATES)
        principle = library.get(row.principle_id)
        lines += [
            "BEGIN:VEVENT",
            f"UID:{row.principle_id}-{row.date.isoformat()}@lp-coach",
            f"DTSTAMP:{dtstamp}",
            *_when(row.date, at, minutes),
            f"SUMMARY:{_escape(f'{row.number}. {row.title}')}",
        ]
        if principle is not None:
            lines.append(f"DESCRIPTION:{_escape(principle.statement)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def export_summary(count: int, at: time | None, minutes: int) -> str:
    """What a calendar export holds, in words: '16 all-day meetings (...)' or '... at 19:00'."""
    plural = "meeting" if count == 1 else "meetings"
    if at is None:
        return f"{count} all-day {plural}; --at HH:MM gives them a time"
    return f"{count} {plural} at {at:%H:%M}, {minutes} minutes each, local time"


def _when(day: date, at: time | None, minutes: int) -> list[str]:
    if at is None:
        end = day + timedelta(days=1)  # DTEND is exclusive: the next day
        return [
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{end:%Y%m%d}",
            "TRANSP:TRANSPARENT",
        ]
    begin = datetime.combine(day, at)
    end_time = begin + timedelta(minutes=minutes)
    return [
        f"DTSTART:{begin:%Y%m%dT%H%M%S}",
        f"DTEND:{end_time:%Y%m%dT%H%M%S}",
        "TRANSP:OPAQUE",
    ]


def _escape(text: str) -> str:
    """A TEXT value: backslash, semicolon, comma and newlines escaped; other controls dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    text = text.replace("\n", "\\n")
    return "".join(c for c in text if c == "\t" or (ord(c) >= 0x20 and c != "\x7f"))


def _fold(line: str, limit: int = 75) -> str:
    """Fold at `limit` octets (continuations start with a space), never inside a character."""
    parts: list[str] = []
    current: list[str] = []
    size = 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append("".join(current))
            current, size = [" "], 1
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n".join(parts)
