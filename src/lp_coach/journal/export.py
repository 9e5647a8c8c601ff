"""Export the journal as JSON, Markdown (one file, or one per entry) or printable HTML.

Exports stream: entries are read, rendered and written one at a time, so the size of the
journal does not decide the memory an export needs.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO, cast

from lp_coach import atomic, clock
from lp_coach.errors import UsageError
from lp_coach.journal.entries import Entry
from lp_coach.journal.listing import Filter, entries
from lp_coach.journal.markdown import escape, heading, long_when, marker
from lp_coach.paths import ensure_private_dir

FORMATS = ("json", "md", "html")
TEMPLATES = {"md": "journal-export.md.j2", "html": "journal-export.html.j2"}


@dataclass(frozen=True)
class EntryView:
    """An entry as the export templates see it."""

    entry: Entry
    heading: str
    marker: str
    markdown: str
    when: str
    principles: list[tuple[str, str]]
    """(id, title) of each principle it is tagged with."""


@dataclass(frozen=True)
class Exported:
    """How many entries went where (None: standard output)."""

    count: int
    path: Path | None


def export(
    conn: sqlite3.Connection,
    fmt: str,
    out: Path | str | None,
    stdout: TextIO,
    *,
    titles: dict[str, str],
    which: Filter = Filter(),
    overrides: Sequence[Path] = (),
) -> Exported:
    """Write the entries `which` asks for in `fmt` to `out` (see target) or stdout."""
    if fmt not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    stream = entries(conn, which)
    if out is None:
        return Exported(_write(fmt, stream, stdout, titles, overrides), None)
    path, folder = target(fmt, out)
    if folder:
        return Exported(write_md_files(stream, path, titles, overrides), path)
    with atomic_output(path) as handle:
        count = _write(fmt, stream, handle, titles, overrides)
    return Exported(count, path)


def target(fmt: str, out: Path | str) -> tuple[Path, bool]:
    """Where an export to `out` (as typed) goes, and whether it is a folder of md files.

    A folder is one that exists, a path typed with a trailing slash, or a name with no
    extension that is not an existing file. md into a folder: one file per entry (a
    name not ending .md is a folder too); json and html: DIR/journal.json, journal.html.
    """
    typed = str(out)
    path = Path(typed)
    folder = (
        path.is_dir()
        or typed.endswith(("/", os.sep))
        or (not path.suffix and not path.is_file() and path.name not in ("", ".", ".."))
    )
    if fmt == "md":
        return path, folder or path.suffix.casefold() not in (".md", ".markdown")
    return (path / f"journal.{fmt}" if folder else path), False


def write_json(stream: Iterable[Entry], handle: TextIO, *, full: bool = True) -> int:
    """A JSON list with one entry per line; the count written."""
    count = 0
    handle.write("[")
    for entry in stream:
        handle.write(",\n  " if count else "\n  ")
        handle.write(json.dumps(entry.to_dict(full=full), ensure_ascii=False))
        count += 1
    handle.write("\n]\n" if count else "]\n")
    return count


def write_md_files(
    stream: Iterable[Entry], folder: Path, titles: dict[str, str], overrides: Sequence[Path] = ()
) -> int:
    """One Markdown file per entry in `folder`, named by day, id and first words."""
    ensure_private_dir(folder)  # and its missing parents: the owner's alone, whatever the umask
    count = 0
    for entry in stream:
        with atomic_output(folder / file_name(entry)) as handle:
            _write("md", [entry], handle, titles, overrides, single=True)
        count += 1
    return count


def file_name(entry: Entry) -> str:
    """'2026-01-06-12-held-my-tongue.md': stable, sortable, readable."""
    ascii_title = unicodedata.normalize("NFKD", entry.title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.casefold()).strip("-")
    if len(slug) > 40:
        slug = slug[:41].rsplit("-", 1)[0] if "-" in slug[:41] else slug[:40]
    return f"{entry.day}-{entry.id}-{slug or 'entry'}.md"


@contextmanager
def atomic_output(path: Path, mode: int = 0o600) -> Iterator[TextIO]:
    """A text file written as a stream but seen whole or not at all; failures as StoreError."""
    with atomic.atomic_output(path, mode=mode) as handle:
        yield cast(TextIO, handle)


def view(entry: Entry, titles: dict[str, str]) -> EntryView:
    """What the templates show of `entry`."""
    return EntryView(
        entry=entry,
        heading=heading(entry),
        marker=marker(entry),
        markdown=escape(entry.text),
        when=long_when(entry),
        principles=[(p, titles.get(p, p)) for p in entry.principles],
    )


def _write(
    fmt: str,
    stream: Iterable[Entry],
    handle: TextIO,
    titles: dict[str, str],
    overrides: Sequence[Path],
    *,
    single: bool = False,
) -> int:
    if fmt == "json":
        return write_json(stream, handle)
    counted = _Counter(stream)
    context: dict[str, Any] = {
        "entries": (view(e, titles) for e in counted),
        "single": single,
        "exported": f"{clock.local_now():%Y-%m-%d %H:%M}",
    }
    from lp_coach.render.templates import stream as render_stream  # jinja2: only when used

    for chunk in render_stream(TEMPLATES[fmt], overrides, **context):
        handle.write(chunk)
    return counted.count


class _Counter:
    """Counts the entries a template pulls through it."""

    def __init__(self, stream: Iterable[Entry]) -> None:
        self.stream = stream
        self.count = 0

    def __iter__(self) -> Iterator[Entry]:
        for entry in self.stream:
            self.count += 1
            yield entry
