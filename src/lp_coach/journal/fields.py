"""The fields of an entry read from a file (JSON or a Markdown marker), checked and built."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from lp_coach.clock import restamp
from lp_coach.errors import UsageError
from lp_coach.journal.entries import NewEntry, join_text, normalize

_TIME = re.compile(r"([01]\d|2[0-3]):[0-5]\d")


def entry_from_fields(item: Any, where: str, *, source: str, keep_source: bool = True) -> NewEntry:
    """Check one imported entry's fields and build it; errors name `where`."""
    if not isinstance(item, dict):
        raise UsageError(f"{where}: not an object")
    day = _day(item.get("date"), where)
    time = item.get("time")
    if time is not None and (not isinstance(time, str) or not _TIME.fullmatch(time)):
        raise UsageError(f"{where}: 'time' must be HH:MM, not {time!r}")
    if "text" in item:
        text = normalize(text_field(item, "text", where))
    else:
        title, body = text_field(item, "title", where), text_field(item, "body", where)
        text = normalize(join_text(title, body))
    if not text:
        raise UsageError(f"{where}: the entry has no text")
    principles = item.get("principles") or []
    if not isinstance(principles, list) or not all(isinstance(p, str) for p in principles):
        raise UsageError(f"{where}: 'principles' must be a list of principle ids")
    starred = item.get("starred", False)
    if not isinstance(starred, bool):
        raise UsageError(f"{where}: 'starred' must be true or false")
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


def _day(value: Any, where: str) -> date:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else date.fromisoformat("")
    except ValueError:
        raise UsageError(f"{where}: 'date' must be YYYY-MM-DD, not {value!r}") from None


def text_field(item: dict[str, Any], key: str, where: str) -> str:
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
