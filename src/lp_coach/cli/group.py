"""`lp-coach group`: the groups of this data directory, each with its people, pack and plan."""

# No `from __future__ import annotations`: Typer evaluates these annotations at start-up.
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from lp_coach.cli import output
from lp_coach.cli.options import JsonOption
from lp_coach.cli.settings import SETTINGS

if TYPE_CHECKING:
    from contextlib import closing
    from sqlite3 import Connection

    from lp_coach.groups.store import Group

HELP = """Your groups: each with its people, pack, plan and sessions.

One data directory holds any number of groups: a Tuesday group, a team at work, you
alone. `study`, `plan`, `guide` and `sessions` work in the current group, or in the
one named with --in GROUP. Until you make another, everything is in the first group.

Example:  lp-coach group create "Book club" --people "Ann,Ben" --pack ~/acme-values
"""

app = typer.Typer(help=HELP, rich_markup_mode=None, no_args_is_help=True, add_completion=False)

NameArgument = Annotated[str, typer.Argument(metavar="NAME", help="The group's name.")]
PeopleOption = Annotated[
    str | None,
    typer.Option("--people", metavar="NAMES", help='Who is in it: --people "Ann,Ben,Cal".'),
]
PackOption = Annotated[
    Path | None,
    typer.Option(
        "--pack",
        metavar="DIR",
        help="A principles directory the group studies (standalone, or over the built-in).",
    ),
]


@app.command()
def create(name: NameArgument, people: PeopleOption = None, pack: PackOption = None) -> None:
    """Make a new group (it becomes the current one).

    Example:  lp-coach group create "Tuesday group" --people "Ann,Ben,Cal"
    """
    from lp_coach.groups import store

    with _db() as conn:
        group = store.create(conn, name, _names(people), pack)
        store.use(conn, group.name)
    print(f"made {group.name} (now the current group); plan it with: lp-coach plan start")


@app.command("list")
def list_(as_json: JsonOption = False) -> None:
    """Every group, with its people, pack and sessions; * marks the current one.

    Example:  lp-coach group list --json
    """
    from lp_coach.groups import store

    with _db() as conn:
        here = store.current(conn).id
        groups = [(g, store.count_sessions(conn, g)) for g in store.all_groups(conn)]
    if as_json:
        output.print_json([_as_json(g, n, g.id == here) for g, n in groups])
        return
    output.print_table(
        [
            [
                "*" if g.id == here else "",
                g.name,
                ", ".join(g.people) or "-",
                str(g.pack) if g.pack else "-",
                str(n),
            ]
            for g, n in groups
        ],
        ["", "GROUP", "PEOPLE", "PACK", "SESSIONS"],
    )


@app.command()
def use(name: NameArgument) -> None:
    """Make NAME the current group: study, plan, guide and sessions work in it.

    Example:  lp-coach group use "Book club"
    """
    from lp_coach.groups import store

    with _db() as conn:
        group = store.use(conn, name)
    print(f"now in {group.name}")


@app.command()
def show(
    name: Annotated[
        str | None, typer.Argument(metavar="[NAME]", help="The group (default: the current one).")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """A group's people, pack, plan and sessions.

    Example:  lp-coach group show "Book club"
    """
    from lp_coach.groups import store
    from lp_coach.groups.context import group_library
    from lp_coach.study.plan import load_plan, plan_rows

    with _db() as conn:
        group = store.current(conn, name)
        here = store.current(conn).id == group.id
        sessions = store.count_sessions(conn, group)
        library = group_library(group, SETTINGS.principles)
        plan = load_plan(conn, library, group)
        rows = plan_rows(conn, library, plan)
    following = next((r for r in rows if r.next), None)
    facts = _as_json(group, sessions, here)
    facts["plan"] = {
        "started": plan.start.isoformat() if plan.saved else None,
        "every": plan.cadence.stored(),
        "skip": sorted(d.isoformat() for d in plan.skip),
        "meetings": len(rows),
        "done": sum(r.done for r in rows),
        "next": following.principle_id if following else None,
        "next_date": following.date.isoformat() if following and following.date else None,
    }
    if as_json:
        output.print_json(facts)
        return
    print(f"{group.name}{' (current)' if here else ''}")
    print(f"  people:   {', '.join(group.people) or '-'}")
    print(f"  pack:     {group.pack or 'the configured principles'}")
    print(f"  sessions: {sessions}")
    if plan.saved:
        print(f"  plan:     every {plan.describe()} from {plan.start}", end="")
        skipped = ", ".join(sorted(d.isoformat() for d in plan.skip))
        print(f", skipping {skipped}" if plan.skip else "")
    else:
        print("  plan:     not started (lp-coach plan start --in NAME)")
    if following is not None:
        when = f" on {following.date:%a} {following.date}" if following.date else ""
        print(f"  next:     {following.number}. {following.title}{when}")


@app.command()
def rename(name: NameArgument, new_name: Annotated[str, typer.Argument(metavar="NEW")]) -> None:
    """Give a group a new name; its plan and sessions stay with it.

    Example:  lp-coach group rename my-group "Tuesday group"
    """
    from lp_coach.groups import store

    with _db() as conn:
        group = store.update(conn, store.find(conn, name), name=new_name)
    print(f"renamed to {group.name}")


@app.command("set")
def set_(
    name: NameArgument,
    people: PeopleOption = None,
    pack: PackOption = None,
    no_pack: Annotated[
        bool, typer.Option("--no-pack", help="Study the configured principles again.")
    ] = False,
) -> None:
    """Change a group's people or pack.

    Example:  lp-coach group set "Book club" --people "Ann,Ben,Dee"
    """
    from lp_coach.errors import UsageError
    from lp_coach.groups import store

    if pack is not None and no_pack:
        raise UsageError("give --pack or --no-pack, not both")
    with _db() as conn:
        group = store.find(conn, name)
        group = store.update(
            conn,
            group,
            people=_names(people) if people is not None else None,
            pack=pack,
            no_pack=no_pack,
        )
    print(
        f"{group.name}: {', '.join(group.people) or 'no people named'}; "
        f"pack {group.pack or 'the configured principles'}"
    )


def _names(text: str | None) -> tuple[str, ...]:
    from lp_coach.study.service import parse_group

    return parse_group(text) if text is not None else ()


def _as_json(group: "Group", sessions: int, here: bool) -> dict[str, object]:
    return {
        "name": group.name,
        "current": here,
        "people": list(group.people),
        "pack": str(group.pack) if group.pack else None,
        "sessions": sessions,
    }


def _db() -> "closing[Connection]":
    from contextlib import closing

    from lp_coach.store.db import connect

    return closing(connect())
