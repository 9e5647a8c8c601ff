"""What the `group` commands ask of the core: make, list, choose, show and change groups."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import closing
from pathlib import Path
from typing import NamedTuple

from lp_coach.groups import store
from lp_coach.groups.store import Group
from lp_coach.study.plan import Plan, PlanRow


class GroupListing(NamedTuple):
    """A group as listed: how many sessions it has, and whether it is the current one."""

    group: Group
    sessions: int
    current: bool


class GroupShown(NamedTuple):
    """A group in full: its listing, its plan and its meetings."""

    listed: GroupListing
    plan: Plan
    rows: list[PlanRow]


def _names(text: str | None) -> tuple[str, ...] | None:
    from lp_coach.study.planning import parse_group

    return parse_group(text) if text is not None else None


def create_group(name: str, people: str | None = None, pack: Path | None = None) -> Group:
    """Make a group (people as typed: 'Ann, Ben'); it becomes the current one."""
    from lp_coach.store.db import connect

    with closing(connect()) as conn:
        group = store.create(conn, name, _names(people) or (), pack)
        return store.use(conn, group.name)


def list_groups() -> list[GroupListing]:
    """Every group, in the order they were made."""
    from lp_coach.store.db import connect

    with closing(connect()) as conn:
        here = store.current(conn).id
        return [
            GroupListing(g, store.count_sessions(conn, g), g.id == here)
            for g in store.all_groups(conn)
        ]


def use_group(name: str) -> Group:
    """Make the group called `name` the current one."""
    from lp_coach.store.db import connect

    with closing(connect()) as conn:
        return store.use(conn, name)


def show_group(name: str | None = None, packs: Sequence[Path] = ()) -> GroupShown:
    """The group called `name` (None: the current one), with its plan."""
    from lp_coach.groups.context import group_library
    from lp_coach.store.db import connect
    from lp_coach.study.plan import load_plan, plan_rows

    with closing(connect()) as conn:
        group = store.current(conn, name)
        here = store.current(conn).id == group.id
        library = group_library(group, packs)
        plan = load_plan(conn, library, group)
        listed = GroupListing(group, store.count_sessions(conn, group), here)
        return GroupShown(listed, plan, plan_rows(conn, library, plan))


def change_group(
    name: str,
    *,
    new_name: str | None = None,
    people: str | None = None,
    pack: Path | None = None,
    no_pack: bool = False,
    secular: bool | None = None,
) -> Group:
    """Rename a group, or change its people, pack or whether it is secular (no scripture,
    prayer or item that assumes faith in its sessions and guides); its plan and sessions
    stay with it."""
    from lp_coach.errors import UsageError
    from lp_coach.store.db import connect

    if pack is not None and no_pack:
        raise UsageError("give --pack or --no-pack, not both")
    with closing(connect()) as conn:
        group = store.find(conn, name)
        settings = None if secular is None else {"secular": secular}
        return store.update(
            conn,
            group,
            name=new_name,
            people=_names(people),
            pack=pack,
            no_pack=no_pack,
            settings=settings,
        )


def delete_group(name: str) -> Group:
    """Remove the group called `name` if it has held no session; the first group is current
    again if it was the current one."""
    from lp_coach.store.db import connect

    with closing(connect()) as conn:
        group = store.find(conn, name)
        store.delete(conn, group)
        return group
