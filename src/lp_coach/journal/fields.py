"""The fields of an entry read from a file (JSON or a Markdown marker), checked and built."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from lp_coach.clock import restamp
from lp_coach.errors import UsageError
from lp_coach.journal.entries import NewEntry, join_text, normalize

_TIME = re.compile(r"([01]\d|2[0-3]):[0-5]\d")
_TIMES = frozenset(f"{hour:02}:{minute:02}" for hour in range(24) for minute in range(60))
"""Every HH:MM _TIME matches in ASCII digits: a set lookup, not a match, for most times."""


def entry_from_fields(item: Any, where: str, *, source: str, keep_source: bool = True) -> NewEntry:
    """Check one imported entry's fields and build it; errors name `where`."""
    if not isinstance(item, dict):
        raise UsageError(f"{where}: not an object")
    day = day_field(item.get("date"), where)
    time = time_field(item.get("time"), where)
    if "text" in item:
        text = entry_text(text_field(item, "text", where), where)
    else:
        title, body = text_field(item, "title", where), text_field(item, "body", where)
        text = entry_text(join_text(title, body), where)
    principles = item.get("principles") or []
    if not isinstance(principles, list) or not all(isinstance(p, str) for p in principles):
        raise UsageError(f"{where}: 'principles' must be a list of principle ids")
    starred = starred_field(item.get("starred", False), where)
    optional = {k: _moment(item, k, where) for k in ("created", "updated")}
    optional["fingerprint"] = _optional(item, "fingerprint", where)
    return NewEntry(
        day=day,
        time=time,
        text=text,
        principles=tuple(dict.fromkeys(p.strip() for p in principles if p.strip())),
        starred=starred,
        source=_optional(item, "source", where) if keep_source and "source" in item else source,
        **optional,
    )


def day_field(value: Any, where: object) -> date:
    """The day of an entry's 'date' (YYYY-MM-DD)."""
    try:
        return date.fromisoformat(value) if isinstance(value, str) else date.fromisoformat("")
    except ValueError:
        shape = isinstance(value, str) and len(value) == 10 and value[4] == value[7] == "-"
        wrong = "is no day of the calendar" if shape else "must be YYYY-MM-DD, not"
        raise UsageError(f"{where}: 'date' {wrong} {value!r}") from None


def time_field(value: Any, where: object) -> str | None:
    """An entry's 'time': HH:MM, or None when not given."""
    if value is None:
        return None
    if not isinstance(value, str) or (value not in _TIMES and not _TIME.fullmatch(value)):
        raise UsageError(f"{where}: 'time' must be HH:MM, not {value!r}")
    return value


def entry_text(text: str, where: object) -> str:
    """An entry's text as it is stored (normalized), which must not be empty."""
    text = normalize(text)
    if not text:
        raise UsageError(f"{where}: the entry has no text")
    return text


def starred_field(value: Any, where: object) -> bool:
    """An entry's 'starred': true or false."""
    if not isinstance(value, bool):
        raise UsageError(f"{where}: 'starred' must be true or false")
    return value


def text_field(item: dict[str, Any], key: str, where: object) -> str:
    value = item.get(key, "")
    if not isinstance(value, str):
        raise UsageError(f"{where}: {key!r} must be text")
    return value


def _moment(item: dict[str, Any], key: str, where: str) -> str | None:
    """A time the file gives (`created`, `updated`), in the stored format (clock.stamp)."""
    value = _optional(item, key, where)
    try:
        return None if value is None else restamp(value)
    except ValueError:
        raise UsageError(
            f"{where}: {key!r} must be an ISO 8601 time (e.g. 2026-01-05T09:30:00Z), not {value!r}"
        ) from None


def _optional(item: dict[str, Any], key: str, where: str) -> str | None:
    value = item.get(key)
    if value is not None and not isinstance(value, str):
        raise UsageError(f"{where}: {key!r} must be text or null")
    return value
