"""What a command in a group works with: the group, and the library its pack gives."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

from lp_coach.content.model import Library
from lp_coach.groups.store import Group, current


def group_library(group: Group, extra: Sequence[Path] = ()) -> Library:
    """The configured packs, then the group's pack, then `extra` (--principles) over them."""
    from lp_coach.content.library import open_library

    return open_library([*([group.pack] if group.pack else []), *extra])


def open_group(
    conn: sqlite3.Connection, name: str | None, extra: Sequence[Path] = ()
) -> tuple[Group, Library]:
    """The group named `name` (or the current one) and its library."""
    group = current(conn, name)
    return group, group_library(group, extra)
