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

    from lp_coach.study.plan_service import Shown, Started

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
    from lp_coach.study.plan_service import show_plan

    shown = show_plan(SETTINGS.principles, SETTINGS.group)
    rows = shown.rows
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
        output.console().print(_plan_table(shown))
    else:
        if shown.warning:
            print(f"lp-coach: {shown.warning}", file=sys.stderr)
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
    from lp_coach.study.plan_service import start_series

    _say(start_series(on, every, SETTINGS.principles, SETTINGS.group, skip or ()))


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
    from lp_coach.study.plan_service import skip_meetings

    _say(skip_meetings(dates, undo, SETTINGS.principles, SETTINGS.group))


def _say(series: "Started") -> None:
    first, last = series.first, series.last
    skipped = series.skipped
    left_out = f", skipping {skipped} date{'s' if skipped != 1 else ''}" if skipped else ""
    print(
        f"plan{f' for {series.group}' if series.group else ''}: {series.meetings} principles, "
        f"every {series.cadence}, from {first:%a} {first} to {last:%a} {last}{left_out}"
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
    from lp_coach.study.plan_service import export_calendar

    calendar = export_calendar(
        ics, at, minutes, SETTINGS.principles, tz=tz, in_group=SETTINGS.group
    )
    if calendar.path is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(calendar.text.encode("utf-8"))
        sys.stdout.buffer.flush()
        return
    print(f"wrote {calendar.path} ({calendar.summary})")


def _plan_table(shown: "Shown") -> "Table":
    from rich import box
    from rich.table import Table
    from rich.text import Text

    plan, rows, warning = shown.plan, shown.rows, shown.warning
    if plan.saved:
        start = plan.start
        title = f"Every {shown.cadence} from {start:%a} {start.day} {start:%b %Y}"
        if plan.skip:
            title += f" (skipping {', '.join(f'{d:%-d %b}' for d in sorted(plan.skip))})"
    else:
        title = f"Every {shown.cadence}, in this order"
    if shown.group is not None:
        title = f"{shown.group}: {title[0].lower()}{title[1:]}"
    table = Table(
        box=box.SIMPLE_HEAD,
        header_style="bold",
        pad_edge=False,
        title=title,
        title_justify="left",
        caption=None if warning is None else f"{warning[:1].upper()}{warning[1:]}.",
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
