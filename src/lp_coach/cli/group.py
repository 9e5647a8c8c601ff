"""`lp-coach group`: the groups of this data directory, each with its people, pack and plan."""

# No `from __future__ import annotations`: Typer evaluates these annotations at start-up.
import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from lp_coach.cli import output
from lp_coach.cli.options import JsonOption
from lp_coach.cli.settings import SETTINGS

if TYPE_CHECKING:
    from lp_coach.groups.service import GroupListing

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
    from lp_coach.groups.service import create_group

    group = create_group(name, people, pack)
    print(f"made {group.name} (now the current group); plan it with: lp-coach plan start")


@app.command("list")
def list_(as_json: JsonOption = False) -> None:
    """Every group, with its people, pack and sessions; * marks the current one.

    Example:  lp-coach group list --json
    """
    from lp_coach.groups.service import list_groups

    listed = list_groups()
    if as_json:
        output.print_json([_as_json(item) for item in listed])
        return
    output.print_table(
        [
            [
                "*" if item.current else "",
                item.group.name,
                ", ".join(item.group.people) or "-",
                str(item.group.pack) if item.group.pack else "-",
                str(item.sessions),
            ]
            for item in listed
        ],
        ["", "GROUP", "PEOPLE", "PACK", "SESSIONS"],
    )


@app.command()
def use(name: NameArgument) -> None:
    """Make NAME the current group: study, plan, guide and sessions work in it.

    Example:  lp-coach group use "Book club"
    """
    from lp_coach.groups.service import use_group

    print(f"now in {use_group(name).name}")


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
    from lp_coach.groups.service import show_group

    shown = show_group(name, SETTINGS.principles)
    group, plan, rows = shown.listed.group, shown.plan, shown.rows
    following = next((r for r in rows if r.next), None)
    skipped = sorted(d.isoformat() for d in plan.skip)
    if as_json:
        facts = _as_json(shown.listed)
        facts["plan"] = {
            "started": plan.start.isoformat() if plan.saved else None,
            "every": plan.cadence.stored(),
            "skip": skipped,
            "meetings": len(rows),
            "done": sum(r.done for r in rows),
            "next": following.principle_id if following else None,
            "next_date": following.date.isoformat() if following and following.date else None,
        }
        output.print_json(facts)
        return
    print(f"{group.name}{' (current)' if shown.listed.current else ''}")
    print(f"  people:   {', '.join(group.people) or '-'}")
    print(f"  pack:     {group.pack or 'the configured principles'}")
    print(f"  sessions: {shown.listed.sessions}")
    if plan.saved:
        left_out = f", skipping {', '.join(skipped)}" if skipped else ""
        print(f"  plan:     every {plan.describe()} from {plan.start}{left_out}")
    else:
        print(f"  plan:     not started (lp-coach plan start --in {json.dumps(group.name)})")
    if following is not None:
        when = f" on {following.date:%a} {following.date}" if following.date else ""
        print(f"  next:     {following.number}. {following.title}{when}")


@app.command()
def rename(name: NameArgument, new_name: Annotated[str, typer.Argument(metavar="NEW")]) -> None:
    """Give a group a new name; its plan and sessions stay with it.

    Example:  lp-coach group rename my-group "Tuesday group"
    """
    from lp_coach.groups.service import change_group

    print(f"renamed to {change_group(name, new_name=new_name).name}")


@app.command("set")
def set_(
    name: NameArgument,
    people: PeopleOption = None,
    pack: PackOption = None,
    no_pack: Annotated[
        bool, typer.Option("--no-pack", help="Study the configured principles again.")
    ] = False,
    secular: Annotated[
        bool | None,
        typer.Option(
            "--secular/--not-secular",
            help="The group's sessions and guides leave out scripture, prayer and anything "
            "that assumes faith (or include them again).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Change a group's people, pack, or whether it is secular.

    Example:  lp-coach group set "Book club" --people "Ann,Ben,Dee"
    """
    from lp_coach.groups.service import change_group

    group = change_group(name, people=people, pack=pack, no_pack=no_pack, secular=secular)
    secular_now = " (secular)" if (group.settings or {}).get("secular") else ""
    print(
        f"{group.name}: {', '.join(group.people) or 'no people named'}; "
        f"pack {group.pack or 'the configured principles'}{secular_now}"
    )


@app.command()
def delete(name: NameArgument) -> None:
    """Remove a group that has held no session (one made by mistake); its plan goes too.

    Example:  lp-coach group delete "Book clu"
    """
    from lp_coach.groups.service import delete_group

    print(f"deleted {delete_group(name).name}")


def _as_json(item: "GroupListing") -> dict[str, object]:
    return {
        "name": item.group.name,
        "current": item.current,
        "people": list(item.group.people),
        "pack": str(item.group.pack) if item.group.pack else None,
        "sessions": item.sessions,
    }
