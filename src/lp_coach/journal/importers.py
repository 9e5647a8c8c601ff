"""Read entries to import: jrnl's JSON export, our own JSON export, our Markdown export."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from lp_coach.errors import NotFound, UsageError
from lp_coach.journal.entries import NewEntry, join_text
from lp_coach.journal.fields import (
    day_field,
    entry_from_fields,
    entry_text,
    starred_field,
    text_field,
    time_field,
)
from lp_coach.journal.markdown import parse
from lp_coach.journal.tags import jrnl_tags

FORMATS = ("jrnl", "json", "md")
MARKER_BYTES = b"<!-- lp-coach entry "
MAX_BYTES = 256 * 2**20
"""The most one file may hold: ten times a long life's journal, and a bound on memory."""


def detect_format(path: Path) -> str:
    """The format of `path` by its name and, for JSON, its shape: jrnl has "tags"."""
    if path.is_dir() or path.suffix.casefold() in (".md", ".markdown"):
        return "md"
    try:
        with path.open("rb") as handle:
            head = handle.read(4096).lstrip()
    except OSError as exc:
        raise NotFound(f"{path}: {exc.strerror or exc}") from None
    if head.startswith(b"["):
        return "json"
    if head.startswith(b"{"):
        return "jrnl" if b'"tags"' in head or b'"title"' in head else "json"
    if head.startswith(b"#") or MARKER_BYTES in head:
        return "md"
    raise UsageError(f"{path}: cannot tell its format; give --format jrnl, json or md")


def read_entries(path: Path, fmt: str, ids: Sequence[str]) -> Iterator[NewEntry]:
    """The entries in `path` (a file, or for md a directory of files), checked."""
    if fmt not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if fmt == "md":
        files = sorted(path.rglob("*.md")) if path.is_dir() else [path]
        for file in files:
            yield from parse(_read(file), str(file))
        return
    try:
        data = json.loads(_read(path))
    except ValueError as exc:
        raise UsageError(f"{path}: not JSON: {exc}") from None
    except RecursionError:
        raise UsageError(f"{path}: not an export: its JSON is nested too deeply") from None
    if fmt == "jrnl":
        yield from from_jrnl(data, ids, str(path))
    else:
        yield from from_json(data, str(path))


def from_jrnl(data: Any, ids: Sequence[str], name: str) -> Iterator[NewEntry]:
    """jrnl's `--format json`: title, body, date, time, tags, starred; `@principle` tags.

    Each entry of `data` is let go as it is read (a long journal is held once, not twice).
    """
    items = data.get("entries") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise UsageError(f'{name}: not a jrnl export (no "entries" list)')
    known = frozenset(ids)
    where = _Where(name)  # one for the file: a message is made only for an entry refused
    for number, item in enumerate(items, start=1):
        where.number = number
        items[number - 1] = None  # read once: the entry made from it reuses its memory
        if not isinstance(item, dict):
            raise UsageError(f"{where}: not an object")
        title, body = text_field(item, "title", where), text_field(item, "body", where)
        tags = item.get("tags") or []
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            raise UsageError(f"{where}: 'tags' must be a list of strings")
        # NewEntry built here, not from a dict by entry_from_fields: the same checks, in the
        # same order, at a quarter of the cost for the 100,000 entries of a long journal
        yield NewEntry(
            day_field(item.get("date"), where),
            entry_text(join_text(title.strip(), body.strip()), where),
            time_field(item.get("time"), where),
            tuple(jrnl_tags(tags, known)),
            starred_field(item.get("starred", False), where),
            "jrnl",
        )


class _Where:
    """Which entry of which file, as an error names it ("FILE: entry 12")."""

    def __init__(self, name: str) -> None:
        self.name, self.number = name, 0

    def __str__(self) -> str:
        return f"{self.name}: entry {self.number}"


def from_json(data: Any, name: str) -> Iterator[NewEntry]:
    """Our own `journal export --format json`: a list of entries (or {"entries": [...]})."""
    items = data.get("entries") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise UsageError(f"{name}: expected a list of entries")
    for number, item in enumerate(items, start=1):
        items[number - 1] = None  # read once, as in from_jrnl
        yield entry_from_fields(item, f"{name}: entry {number}", source="json")


def _read(path: Path) -> str:
    """The text of `path`: at most MAX_BYTES of UTF-8, or UsageError (NotFound) saying why."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)  # bounded: /dev/zero never ends
        if len(data) > MAX_BYTES:
            raise UsageError(
                f"{path}: too large to import (more than {MAX_BYTES // 2**20} MB); "
                "split it into smaller files"
            )
        return data.decode("utf-8-sig")
    except FileNotFoundError:
        raise NotFound(f"{path}: no such file") from None
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror or exc}") from None
