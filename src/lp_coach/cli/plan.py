"""`lp-coach plan`: the group's series of meetings, when it starts, and a calendar of it."""

# No `from __future__ import annotations` in Typer modules: Typer would have to eval
# every annotation string on each start-up (measured: ~4 ms of a ~60 ms --help).
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from lp_coach.cli import output
from lp_coach.cli.options import JsonOption
from lp_coach.cli.settings import SETTINGS

if TYPE_CHECKING:
    from rich.table import Table

    from lp_coach.study.plan import Plan, PlanRow

HELP = """The group's study plan: one principle a meeting, dated, with done and next.

Without a subcommand, show the plan. By default it takes every principle in order,
one a week, with no dates until `plan start` gives them; a finished study session
marks its principle done. Each group has its own plan (--in GROUP).

Example:  lp-coach plan start --on 2026-01-05 --every 2weeks --skip 2026-12-22
"""

app = typer.Typer(
    help=HELP, rich_markup_mode=None, invoke_without_command=True, add_completion=False
)


@app.callback()
def show(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Show the plan: each meeting's date and principle, what is done and what is next.

    Example:  lp-coach plan --json
    """
    if ctx.invoked_subcommand is not None:
        return
    from contextlib import closing

    from lp_coach.groups.context import open_group
    from lp_coach.groups.store import several
    from lp_coach.store.db import connect
    from lp_coach.study.plan import NO_DATES, load_plan, plan_rows

    with closing(connect()) as conn:
        group, library = open_group(conn, SETTINGS.group, SETTINGS.principles)
        plan = load_plan(conn, library, group)
        rows = plan_rows(conn, library, plan)
        name = group.name if several(conn) else None
    if as_json:
        output.print_json(
            [
                {
                    "number": r.number,
                    "date": r.date.isoformat() if r.date else None,
                    "id": r.principle_id,
                    "title": r.title,
                    "done": r.done,
                    "next": r.next,
                }
                for r in rows
            ]
        )
    elif output.on_terminal():
        output.console().print(_plan_table(plan, rows, name))
    else:
        if not plan.saved:
            print(f"lp-coach: {NO_DATES}", file=sys.stderr)
        output.print_table(
            [
                [
                    str(r.number),
                    r.date.isoformat() if r.date else "-",
                    r.title,
                    "✓" if r.done else "",
                    "➜" if r.next else "",
                ]
                for r in rows
            ],
            ["#", "DATE", "PRINCIPLE", "DONE", "NEXT"],
        )


@app.command()
def start(
    on: Annotated[
        str,
        typer.Option(
            "--on",
            metavar="DATE",
            help="The first meeting: 2026-01-05, today, yesterday, next monday, 6 jan...",
        ),
    ] = "today",
    every: Annotated[
        str,
        typer.Option(
            "--every",
            metavar="week|2weeks|N weeks|monthly",
            help="How often the group meets: every week, every N weeks (up to 12), or "
            "monthly on the same weekday as DATE (the second Tuesday, say).",
        ),
    ] = "week",
    skip: Annotated[
        list[str] | None,
        typer.Option(
            "--skip",
            metavar="DATE",
            help="A date with no meeting; the next one takes its place (repeatable).",
        ),
    ] = None,
) -> None:
    """Start the series, or start it again: every principle in order from DATE.

    Replaces the plan there was; sessions finished before DATE do not count in it.

    Example:  lp-coach plan start --on 2026-01-05 --every week
    Example:  lp-coach plan start --on 2026-01-13 --every monthly --in "Book club"
    """
    from contextlib import closing

    from lp_coach.dates import parse_day
    from lp_coach.groups.context import open_group
    from lp_coach.groups.store import several
    from lp_coach.store.db import connect
    from lp_coach.study.plan import start_plan

    first = parse_day(on, option="--on", ahead=True)
    skipped = [parse_day(d, option="--skip", ahead=True) for d in skip or []]
    with closing(connect()) as conn:
        group, library = open_group(conn, SETTINGS.group, SETTINGS.principles)
        plan = start_plan(conn, library, group, first, every, skipped)
        name = group.name if several(conn) else None
    _say_dates(name, plan)


@app.command("skip")
def skip_(
    dates: Annotated[
        list[str], typer.Argument(metavar="DATE...", help="Meeting dates to leave out.")
    ],
    undo: Annotated[bool, typer.Option("--undo", help="Bring the dates back instead.")] = False,
) -> None:
    """Leave out meeting dates (Christmas week): each meeting from there moves one on.

    Example:  lp-coach plan skip 2026-12-22 2026-12-29
    """
    from contextlib import closing

    from lp_coach.dates import parse_day
    from lp_coach.groups.context import open_group
    from lp_coach.groups.store import several
    from lp_coach.store.db import connect
    from lp_coach.study.plan import skip_dates

    days = [parse_day(d, option="DATE", ahead=True) for d in dates]
    with closing(connect()) as conn:
        group, library = open_group(conn, SETTINGS.group, SETTINGS.principles)
        plan = skip_dates(conn, library, group, days, undo=undo)
        name = group.name if several(conn) else None
    _say_dates(name, plan)


def _say_dates(name: str | None, plan: "Plan") -> None:
    count = len(plan.principles)
    dates = plan.dates()
    first, last = dates[0], dates[-1] if dates else plan.start
    skipped = f", skipping {len(plan.skip)} date{'s' if len(plan.skip) != 1 else ''}"
    print(
        f"plan{f' for {name}' if name else ''}: {count} principles, every {plan.describe()}, "
        f"from {first:%a} {first} to {last:%a} {last}{skipped if plan.skip else ''}"
    )


@app.command()
def export(
    ics: Annotated[
        Path,
        typer.Option("--ics", metavar="FILE", help="The iCalendar file to write ('-': stdout)."),
    ],
    at: Annotated[
        str | None,
        typer.Option(
            "--at",
            metavar="HH:MM",
            help="Meeting time, e.g. 19:00 or 7pm (default: all-day events, left free).",
        ),
    ] = None,
    minutes: Annotated[
        int | None,
        typer.Option("--minutes", help="How long each meeting lasts, with --at (default: 60)."),
    ] = None,
    tz: Annotated[
        str | None,
        typer.Option(
            "--tz",
            metavar="ZONE",
            help="With --at: the time zone the group meets in, e.g. Europe/London "
            "(default: this computer's).",
        ),
    ] = None,
) -> None:
    """Write the meetings as an iCalendar file to import into a calendar.

    Without --at, each meeting is an all-day event that leaves the day free. With it,
    each meeting is at that time where the group meets (--tz, or this computer's zone),
    written in UTC so that every calendar shows it at the right hour.

    Example:  lp-coach plan export --ics study.ics --at 19:00 --minutes 90
    Example:  lp-coach plan export --ics club.ics --at 7pm --tz Europe/London --in "Book club"
    """
    from contextlib import closing

    from lp_coach.dates import parse_clock
    from lp_coach.errors import UsageError
    from lp_coach.groups.context import open_group
    from lp_coach.groups.store import several as store_several
    from lp_coach.store.db import connect
    from lp_coach.study.ics import export_summary, ics_text, time_zone
    from lp_coach.study.plan import load_plan, plan_rows

    if minutes is not None and at is None:
        raise UsageError("--minutes needs --at: without a time the meetings are all-day events")
    if tz is not None and at is None:
        raise UsageError("--tz needs --at: without a time the meetings are all-day events")
    clock = parse_clock(at) if at is not None else None
    zone = time_zone(tz)
    with closing(connect()) as conn:
        group, library = open_group(conn, SETTINGS.group, SETTINGS.principles)
        plan = load_plan(conn, library, group)
        rows = plan_rows(conn, library, plan)
        several = store_several(conn)
    name = library.packs[0].name if library.packs else "Leadership principles"
    if several:
        name = f"{group.name}: {name}"
    length = 60 if minutes is None else minutes
    text = ics_text(plan, rows, library, clock, length, name=name, zone=zone)
    if str(ics) == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.buffer.flush()
        return
    _write(ics, text)
    print(f"wrote {ics} ({export_summary(len(rows), clock, length, zone)})")


def _write(path: Path, text: str) -> None:
    from lp_coach.atomic import atomic_write

    atomic_write(path, text, mode=0o644)  # StoreError, naming the path, when it cannot


def _plan_table(plan: "Plan", rows: "list[PlanRow]", name: str | None) -> "Table":
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from lp_coach.study.plan import NO_DATES

    if plan.saved:
        start = plan.start
        title = f"Every {plan.describe()} from {start:%a} {start.day} {start:%b %Y}"
        if plan.skip:
            title += f" (skipping {', '.join(f'{d:%-d %b}' for d in sorted(plan.skip))})"
    else:
        title = f"Every {plan.describe()}, in this order"
    if name is not None:
        title = f"{name}: {title[0].lower()}{title[1:]}"
    table = Table(
        box=box.SIMPLE_HEAD,
        header_style="bold",
        pad_edge=False,
        title=title,
        title_justify="left",
        caption=None if plan.saved else f"{NO_DATES[:1].upper()}{NO_DATES[1:]}.",
        caption_justify="left",
    )
    table.add_column("#", justify="right")
    if plan.saved:
        table.add_column("Date", no_wrap=True)
    table.add_column("Principle")
    table.add_column("Done", justify="center")
    table.add_column("Next", justify="center")
    for r in rows:
        date = [f"{r.date:%a} {r.date}"] if r.date else []
        table.add_row(
            str(r.number),
            *date,
            Text(r.title),  # a title from a user's pack is not markup
            "[green]✓[/]" if r.done else "",
            "[bold cyan]➜[/]" if r.next else "",
            style="bold" if r.next else ("dim" if r.done else None),
        )
    return table
