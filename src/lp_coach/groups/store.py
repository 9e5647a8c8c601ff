"""The groups of a data directory, and which one a command works in."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any, NamedTuple

from lp_coach.errors import NotFound, UsageError
from lp_coach.store.db import now, transaction
from lp_coach.study import store as session_store

CURRENT = "current_group"
"""The preferences key of the group `group use` remembers."""
NAME_MAX = 60


# A NamedTuple, not a dataclass: `today` reads the groups, and is timed whole.
class Group(NamedTuple):
    """A group that meets: who is in it, the pack it studies, and its own settings."""

    id: int
    name: str
    people: tuple[str, ...] = ()
    pack: Path | None = None
    """A principles directory laid over (or, standalone, replacing) the configured packs."""
    settings: dict[str, Any] | None = None
    """The group's own settings (a slot for options such as a secular study); never shared."""

    def has(self, person: str) -> bool:
        """Whether `person` is one of the group's people (case aside)."""
        return person.casefold() in {p.casefold() for p in self.people}


def all_groups(conn: sqlite3.Connection) -> list[Group]:
    """Every group, in the order they were made."""
    return [_group(row) for row in conn.execute("SELECT * FROM groups ORDER BY id")]


def several(conn: sqlite3.Connection) -> bool:
    """Whether there is more than one group (with one, nothing needs to name it)."""
    return bool(conn.execute("SELECT count(*) > 1 FROM groups").fetchone()[0])


def find(conn: sqlite3.Connection, name: str) -> Group:
    """The group called `name` (case aside), or NotFound with the closest name."""
    row = conn.execute("SELECT * FROM groups WHERE name = ?", (name.strip(),)).fetchone()
    if row is not None:
        return _group(row)
    import difflib

    names = [g.name for g in all_groups(conn)]
    close = difflib.get_close_matches(name, names, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else f" (groups: {', '.join(names)})"
    raise NotFound(f"no group {name!r}{hint}")


def by_id(conn: sqlite3.Connection, group_id: int | None) -> Group:
    """The group with this id (a session's), or the first group."""
    row = conn.execute("SELECT * FROM groups WHERE id IS ?", (group_id,)).fetchone()
    return _group(row) if row is not None else current(conn)


def current(conn: sqlite3.Connection, name: str | None = None) -> Group:
    """The group named `name` (from --in), else the one `group use` chose, else the first."""
    if name is not None:
        return find(conn, name)
    row = conn.execute("SELECT value FROM preferences WHERE key = ?", (CURRENT,)).fetchone()
    if row is not None:
        chosen = conn.execute("SELECT * FROM groups WHERE id = ?", (int(row[0]),)).fetchone()
        if chosen is not None:
            return _group(chosen)
    first = conn.execute("SELECT * FROM groups ORDER BY id LIMIT 1").fetchone()
    if first is None:
        raise NotFound("there is no group: make one with `lp-coach group create NAME`")
    return _group(first)


def use(conn: sqlite3.Connection, name: str) -> Group:
    """Remember the group called `name` as the current one."""
    group = find(conn, name)
    with transaction(conn):
        conn.execute(
            "INSERT INTO preferences (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (CURRENT, str(group.id)),
        )
    return group


def create(
    conn: sqlite3.Connection,
    name: str,
    people: tuple[str, ...] = (),
    pack: Path | None = None,
) -> Group:
    """A new group; its name must be new."""
    name = _check_name(conn, name)
    with transaction(conn):
        conn.execute(
            "INSERT INTO groups (name, people, pack, created) VALUES (?, ?, ?, ?)",
            (name, json.dumps(list(people)), _pack_text(pack), now()),
        )
    return find(conn, name)


def update(
    conn: sqlite3.Connection,
    group: Group,
    *,
    name: str | None = None,
    people: tuple[str, ...] | None = None,
    pack: Path | None = None,
    no_pack: bool = False,
    settings: dict[str, Any] | None = None,
) -> Group:
    """Rename a group, or change its people, pack or settings (`settings` are merged into
    the group's own); what is not given stays."""
    new_name = group.name if name is None else _check_name(conn, name, group.id)
    new_people = group.people if people is None else people
    new_pack = None if no_pack else (pack or group.pack)
    new_settings = {**(group.settings or {}), **(settings or {})}
    with transaction(conn):
        conn.execute(
            "UPDATE groups SET name = ?, people = ?, pack = ?, settings = ? WHERE id = ?",
            (
                new_name,
                json.dumps(list(new_people)),
                _pack_text(new_pack),
                json.dumps(new_settings),
                group.id,
            ),
        )
    return find(conn, new_name)


def delete(conn: sqlite3.Connection, group: Group) -> None:
    """Remove a group that has held no session (its plan goes with it), never the last one."""
    held = count_sessions(conn, group)
    if held:
        raise UsageError(
            f"{group.name} has {held} session{'s' if held != 1 else ''}; a group with sessions "
            "is kept (rename it instead)"
        )
    if not several(conn):
        raise UsageError(f"{group.name} is the only group; rename it instead")
    with transaction(conn):
        conn.execute("DELETE FROM group_plans WHERE group_id = ?", (group.id,))
        conn.execute(
            "DELETE FROM preferences WHERE key = ? AND value = ?", (CURRENT, str(group.id))
        )
        conn.execute("DELETE FROM groups WHERE id = ?", (group.id,))


def count_sessions(conn: sqlite3.Connection, group: Group) -> int:
    """How many sessions the group has held or started (the session store counts them)."""
    return session_store.count_for_group(conn, group.id)


def _check_name(conn: sqlite3.Connection, name: str, own_id: int | None = None) -> str:
    name = " ".join(name.split())
    if not name or len(name) > NAME_MAX or name.startswith("-"):
        raise UsageError(f"a group's name is 1 to {NAME_MAX} characters, not {name!r}")
    row = conn.execute("SELECT id FROM groups WHERE name = ?", (name,)).fetchone()
    if row is not None and row[0] != own_id:
        raise UsageError(f"there is already a group called {name!r}")
    return name


def _pack_text(pack: Path | None) -> str | None:
    if pack is None:
        return None
    path = pack.expanduser().resolve()
    if not path.is_dir():
        raise UsageError(f"principles directory {pack} does not exist")
    return str(path)


def _group(row: sqlite3.Row) -> Group:
    try:
        settings = json.loads(row["settings"]) or {}
    except ValueError:
        settings = {}
    return Group(
        id=row["id"],
        name=row["name"],
        people=tuple(json.loads(row["people"] or "[]")),
        pack=Path(row["pack"]) if row["pack"] else None,
        settings=settings,
    )
