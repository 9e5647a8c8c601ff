"""The Markdown form of entries: readable headings, and a marker that lets them come back in."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from lp_coach.clock import shown
from lp_coach.dates import long_date
from lp_coach.errors import UsageError
from lp_coach.journal.entries import Entry, NewEntry, normalize
from lp_coach.journal.fields import entry_from_fields

MARKER = "<!-- lp-coach entry "
_MARKER_LINE = re.compile(r"<!-- lp-coach entry (\{.*\}) -->")
_ESCAPED = re.compile(r"\\*<!-- lp-coach entry ")


def heading(entry: Entry) -> str:
    """'Tue 6 Jan 2026, 07:12 ★ · earn-trust, ownership'."""
    day = date.fromisoformat(entry.day)
    text = f"{day:%a} {day.day} {day:%b %Y}"
    if entry.time:
        text += f", {entry.time}"
    if entry.starred:
        text += " ★"
    if entry.principles:
        text += " · " + ", ".join(entry.principles)
    return text


def long_when(entry: Entry) -> str:
    """'Tuesday 6 January 2026, 07:12'."""
    when = long_date(date.fromisoformat(entry.day))
    return f"{when}, {entry.time}" if entry.time else when


def marker(entry: Entry) -> str:
    """The comment line that carries what the heading cannot: exact date, tags, identity."""
    meta = {
        "id": entry.id,
        "date": entry.day,
        "time": entry.time,
        "principles": list(entry.principles),
        "starred": entry.starred,
        "created": shown(entry.created),
        "updated": shown(entry.updated),
        "source": entry.source,
        "fingerprint": entry.fingerprint,
    }
    return MARKER + json.dumps(meta, ensure_ascii=False).replace(">", "\\u003e") + " -->"


def escape(text: str) -> str:
    """The text with any line that looks like a marker escaped by one more backslash."""
    return "\n".join("\\" + ln if _ESCAPED.match(ln) else ln for ln in text.split("\n"))


def unescape(text: str) -> str:
    """The inverse of escape."""
    return "\n".join(
        ln[1:] if ln.startswith("\\") and _ESCAPED.match(ln) else ln for ln in text.split("\n")
    )


def parse(text: str, name: str) -> Iterator[NewEntry]:
    """The entries of a Markdown export: each marker, and the text under it.

    Each entry's text runs from its marker to the heading line just before the next marker.
    """
    lines = text.split("\n")
    markers = [i for i, line in enumerate(lines) if _MARKER_LINE.fullmatch(line)]
    for number, start in enumerate(markers):
        end = markers[number + 1] - 1 if number + 1 < len(markers) else len(lines)
        meta = _meta(lines[start], name, start + 1)
        words = normalize(unescape("\n".join(lines[start + 1 : end])))
        yield _entry(meta, words, name, start + 1)


def _meta(line: str, name: str, line_number: int) -> dict[str, Any]:
    match = _MARKER_LINE.fullmatch(line)
    assert match is not None
    try:
        meta = json.loads(match.group(1))
    except ValueError as exc:
        raise UsageError(f"{name}:{line_number}: the entry marker cannot be read: {exc}") from None
    if not isinstance(meta, dict):
        raise UsageError(f"{name}:{line_number}: the entry marker is not an object")
    return meta


def _entry(meta: dict[str, Any], words: str, name: str, line_number: int) -> NewEntry:
    return entry_from_fields({**meta, "text": words}, f"{name}:{line_number}", source="md")
