"""A group's plan as an iCalendar (RFC 5545) file: all-day meetings, or timed ones in UTC."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from lp_coach import __version__, clock
from lp_coach.content.model import Library
from lp_coach.errors import UsageError
from lp_coach.study.plan import NO_DATES, Plan, PlanRow

MAX_EVENT_MINUTES = 24 * 60


def time_zone(name: str | None) -> tzinfo | None:
    """The IANA time zone `name` ('Europe/London'), None for this computer's; UsageError if
    there is no such zone."""
    if name is None:
        return None
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise UsageError(
            f"--tz: no time zone {name!r} (an IANA name such as Europe/London or America/Chicago)"
        ) from None


def ics_text(
    plan: Plan,
    rows: Iterable[PlanRow],
    library: Library,
    at: time | None,
    minutes: int = 60,
    *,
    name: str | None = None,
    zone: tzinfo | None = None,
    stamp: datetime | None = None,
) -> str:
    """The meetings as an iCalendar file: all-day, or at `at` for `minutes`.

    All-day events mark the day and leave it free (TRANSP:TRANSPARENT), as a birthday
    does; timed ones are busy. A time is the wall-clock time in `zone` (default: this
    computer's), written in UTC so that every calendar shows it at the right hour, on
    either side of a change to or from summer time. A meeting's UID is its principle and
    date, the same in every export, so that a calendar can tell a meeting it already has
    from a new one. A plan nobody has started has no dates: UsageError.
    """
    if at is not None and not 1 <= minutes <= MAX_EVENT_MINUTES:
        raise UsageError(f"--minutes must be between 1 and {MAX_EVENT_MINUTES}, not {minutes}")
    if not plan.saved:
        raise UsageError(NO_DATES)
    dtstamp = _utc(stamp or clock.now())
    calendar = name or (library.packs[0].name if library.packs else "Leadership principles")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//lp-coach//lp-coach {__version__}//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(calendar)}",
        f"X-WR-CALDESC:{_escape(f'Study plan: every {plan.describe()}')}",
    ]
    key = getattr(zone, "key", None)
    if at is not None and key:
        lines.append(f"X-WR-TIMEZONE:{_escape(key)}")
    for row in rows:
        if row.date is None:
            raise UsageError(NO_DATES)
        principle = library.get(row.principle_id)
        lines += [
            "BEGIN:VEVENT",
            f"UID:{row.principle_id}-{row.date.isoformat()}@lp-coach",
            f"DTSTAMP:{dtstamp}",
            *_when(row.date, at, minutes, zone),
            f"SUMMARY:{_escape(f'{row.number}. {row.title}')}",
        ]
        if principle is not None:
            lines.append(f"DESCRIPTION:{_escape(principle.statement)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def export_summary(count: int, at: time | None, minutes: int, zone: tzinfo | None) -> str:
    """What a calendar export holds, in words: '16 all-day meetings (...)' or '... at 19:00'."""
    plural = "meeting" if count == 1 else "meetings"
    if at is None:
        return f"{count} all-day {plural}; --at HH:MM gives them a time"
    where = getattr(zone, "key", None) or "this computer's time zone"
    return f"{count} {plural} at {at:%H:%M}, {minutes} minutes each, {where}"


def _when(day: date, at: time | None, minutes: int, zone: tzinfo | None) -> list[str]:
    if at is None:
        end = day + timedelta(days=1)  # DTEND is exclusive: the next day
        return [
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{end:%Y%m%d}",
            "TRANSP:TRANSPARENT",
        ]
    wall = datetime.combine(day, at)
    # No zone: the computer's own rules, for that date (astimezone of a naive time).
    begin = wall.replace(tzinfo=zone) if zone is not None else wall.astimezone()
    end_time = begin + timedelta(minutes=minutes)
    return [f"DTSTART:{_utc(begin)}", f"DTEND:{_utc(end_time)}", "TRANSP:OPAQUE"]


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


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
