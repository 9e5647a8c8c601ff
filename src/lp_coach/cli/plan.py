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
marks its principle done.

Example:  lp-coach plan start --on 2026-01-05 --every 2weeks
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

    from lp_coach.content.library import open_library
    from lp_coach.store.db import connect
    from lp_coach.study.plan import NO_DATES, load_plan, plan_rows

    library = open_library(SETTINGS.principles)
    with closing(connect()) as conn:
        plan = load_plan(conn, library)
        rows = plan_rows(conn, library, plan)
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
        output.console().print(_plan_table(plan, rows))
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
            metavar="week|2weeks",
            help="How often the group meets (also: weekly, fortnight, fortnightly).",
        ),
    ] = "week",
) -> None:
    """Start the series, or start it again: every principle in order from DATE.

    Replaces the plan there was; sessions finished before DATE do not count in it.

    Example:  lp-coach plan start --on 2026-01-05 --every week
    """
    from contextlib import closing

    from lp_coach.content.library import open_library
    from lp_coach.dates import parse_day
    from lp_coach.store.db import connect
    from lp_coach.study.plan import cadence_name, start_plan

    first = parse_day(on, option="--on", ahead=True)
    library = open_library(SETTINGS.principles)
    with closing(connect()) as conn:
        plan = start_plan(conn, library, first, every)
    count = len(plan.principles)
    last = plan.date_of(max(count - 1, 0))
    print(
        f"plan: {count} principles, every {cadence_name(plan.every_days)}, "
        f"from {first:%a} {first} to {last:%a} {last}"
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
) -> None:
    """Write the meetings as an iCalendar file to import into a calendar.

    Without --at, each meeting is an all-day event that leaves the day free. With it,
    times are local: each calendar shows them at that hour in its own time zone.

    Example:  lp-coach plan export --ics study.ics --at 19:00 --minutes 90
    """
    from contextlib import closing

    from lp_coach.content.library import open_library
    from lp_coach.dates import parse_clock
    from lp_coach.errors import UsageError
    from lp_coach.store.db import connect
    from lp_coach.study.plan import export_summary, ics_text, load_plan, plan_rows

    if minutes is not None and at is None:
        raise UsageError("--minutes needs --at: without a time the meetings are all-day events")
    clock = parse_clock(at) if at is not None else None
    library = open_library(SETTINGS.principles)
    with closing(connect()) as conn:
        plan = load_plan(conn, library)
        rows = plan_rows(conn, library, plan)
    text = ics_text(plan, rows, library, clock, 60 if minutes is None else minutes)
    if str(ics) == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.buffer.flush()
        return
    _write(ics, text)
    print(f"wrote {ics} ({export_summary(len(rows), clock, 60 if minutes is None else minutes)})")


def _write(path: Path, text: str) -> None:
    from lp_coach.atomic import atomic_write

    atomic_write(path, text, mode=0o644)  # StoreError, naming the path, when it cannot


def _plan_table(plan: "Plan", rows: "list[PlanRow]") -> "Table":
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from lp_coach.study.plan import NO_DATES, cadence_name

    if plan.saved:
        start = plan.start
        title = f"Every {cadence_name(plan.every_days)} from {start:%a} {start.day} {start:%b %Y}"
    else:
        title = f"Every {cadence_name(plan.every_days)}, in this order"
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
