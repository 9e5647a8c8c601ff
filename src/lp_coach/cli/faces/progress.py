"""Draw `lp-coach progress`: mastery bars, a calendar heatmap of reviews, the due forecast.

The same characters serve a pipe and a terminal (where Rich adds colour), so the chart
still reads under NO_COLOR.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from lp_coach.quiz.progress import HEATMAP_WEEKS, Progress

if TYPE_CHECKING:
    from rich.console import RenderableType

    from lp_coach.quiz.group_progress import GroupProgress

BAR = 20
SHADES = "·░▒▓█"
WEEKDAYS = ("Mon", "", "Wed", "", "Fri", "", "Sun")


def bar(fraction: float, width: int = BAR) -> str:
    """A bar of `width` cells, `fraction` of them full."""
    full = round(max(0.0, min(1.0, fraction)) * width)
    return "█" * full + "░" * (width - full)


def mastery_rows(progress: Progress) -> list[tuple[str, str, str, str]]:
    """(title, bar, percent, reviews) for each principle."""
    return [
        (
            p.title,
            bar(p.mastery),
            f"{round(100 * p.mastery)}%",
            f"{p.reviews} review{_s(p.reviews)}",
        )
        for p in progress.principles
    ]


def shade(count: int, most: int) -> int:
    """0 for no reviews, else 1-4 by quarter of the busiest day (which gets 4)."""
    if count <= 0 or most <= 0:
        return 0
    return min(4, -(-4 * count // most))


def heatmap_lines(progress: Progress) -> list[str]:
    """Weeks as columns, weekdays as rows, month names above; future days left blank."""
    today = progress.today
    first = today - timedelta(days=today.weekday() + 7 * (HEATMAP_WEEKS - 1))
    most = max(progress.days.values(), default=0)
    months = [" "] * (2 * HEATMAP_WEEKS + 2)
    last_month = 0
    for week in range(HEATMAP_WEEKS):
        monday = first + timedelta(weeks=week)
        # a month is named above the week of its 1st (this week: up to today) or, in the
        # first column, above the week already in it
        shown = monday if week == 0 else min(monday + timedelta(days=6), today)
        if shown.month != last_month:
            label = f"{shown:%b}"
            at = 2 * week
            if all(c == " " for c in months[max(0, at - 1) : at + len(label)]):
                months[at : at + len(label)] = list(label)
            last_month = shown.month
    lines = ["    " + "".join(months).rstrip()]
    for weekday in range(7):
        cells = []
        for week in range(HEATMAP_WEEKS):
            day = first + timedelta(days=7 * week + weekday)
            cells.append(" " if day > today else SHADES[shade(progress.days.get(day, 0), most)])
        lines.append(f"{WEEKDAYS[weekday]:<4}" + " ".join(cells).rstrip())
    lines.append(f"    less {' '.join(SHADES)} more")
    return lines


def forecast_lines(progress: Progress) -> list[str]:
    """One line per day: the date, a bar, the number of cards due."""
    most = max((n for _, n in progress.forecast), default=0)
    lines = []
    for day, count in progress.forecast:
        width = round(BAR * count / most) if most else 0
        name = "Today" if day == progress.today else f"{day:%a}"
        lines.append(f"  {name:<5} {day:%d %b}  {'█' * width}{' ' if width else ''}{count}")
    return lines


def cost_line(progress: Progress) -> str:
    """What the retention target costs: reviews a day in the long run, new cards on top."""
    target = f"At {round(100 * progress.retention)}% retention"
    cost = progress.reviews_a_day
    seen = f"{cost:.1f}" if cost < 10 else f"{cost:.0f}"
    reviews = f"about {seen} review{'' if seen in ('1', '1.0') else 's'} a day"
    new = progress.new_a_day
    if new:
        return f"{target}: {reviews}, plus {new} new card{_s(new)}."
    return f"{target}: {reviews}."


def plain_lines(progress: Progress) -> list[str]:
    """The whole report as plain text."""
    rows = mastery_rows(progress)
    width = max(len(r[0]) for r in rows) if rows else 0
    out = ["Mastery: the chance you recall each card now (cards not seen yet count 0)"]
    out += [f"  {t:<{width}}  {b}  {pct:>4}  {n}" for t, b, pct, n in rows]
    out += ["", f"Reviews per day, last {HEATMAP_WEEKS} weeks ({progress.total_reviews} in all)"]
    out += ["  " + line for line in heatmap_lines(progress)]
    out += ["", "Due in the next 7 days (today includes any overdue)"]
    out += forecast_lines(progress)
    out += ["", cost_line(progress) + " Change it: lp-coach quiz --retention R (0.7 to 0.99)"]
    if progress.total_reviews == 0:
        out += ["", "No quiz answers yet. Start with: lp-coach quiz"]
    return out


def rich_view(progress: Progress) -> list[RenderableType]:
    """The report as Rich renderables: the same charts, coloured."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(
        box=box.SIMPLE_HEAD,
        title="Mastery: the chance you recall each card now",
        title_justify="left",
        caption="Cards not seen yet count 0.",
        caption_justify="left",
        pad_edge=False,
    )
    table.add_column("Principle")
    table.add_column("", no_wrap=True)
    table.add_column("", justify="right")
    table.add_column("Reviews", justify="right")
    for p, (title, cells, pct, _) in zip(progress.principles, mastery_rows(progress), strict=True):
        colour = "green" if p.mastery >= 0.7 else "yellow" if p.mastery >= 0.4 else "red"
        table.add_row(Text(title), Text(cells, style=colour), pct, str(p.reviews))
    heat = Text()
    heat.append(f"Reviews per day, last {HEATMAP_WEEKS} weeks ", style="bold")
    heat.append(f"({progress.total_reviews} in all)\n\n")
    colours = {"·": "grey35", "░": "green4", "▒": "green3", "▓": "green1", "█": "bold green1"}
    for number, line in enumerate(heatmap_lines(progress)):
        if number:
            heat.append("\n")
        for char in line:
            heat.append(char, style=colours.get(char, ""))
    due = Text("Due in the next 7 days ", style="bold")
    due.append("(today includes any overdue)\n\n")
    due.append("\n".join(forecast_lines(progress)), style="cyan")
    due.append(f"\n\n{cost_line(progress)}")
    due.append(" Change it: lp-coach quiz --retention R (0.7 to 0.99)", style="dim")
    parts: list[RenderableType] = [table, heat, due]
    if progress.total_reviews == 0:
        parts.append(Text("No quiz answers yet. Start with: lp-coach quiz", style="dim"))
    return parts


def _s(count: int) -> str:
    return "" if count == 1 else "s"


def personal(report: Progress | GroupProgress) -> Progress | None:
    """`report` when it is the user's own, None when it is a group's (`progress --group`)."""
    return report if isinstance(report, Progress) else None


def of_group(report: Progress | GroupProgress) -> GroupProgress | None:
    """`report` when it is a group's, else None."""
    return None if isinstance(report, Progress) else report


def group_lines(report: GroupProgress) -> list[str]:
    """A group's mastery as plain text: a bar for the group, a percentage per person."""
    width = max((len(p.title) for p in report.principles), default=0)
    names = [name[:8] for name in report.people]
    head = f"  {'':<{width}}  {'group':<{BAR + 5}}" + "".join(f"  {n:>8}" for n in names)
    out = [
        f"Mastery for {', '.join(report.people)}: the chance each recalls a card now "
        "(cards not seen yet count 0)",
        head.rstrip(),
    ]
    for p in report.principles:
        cells = "".join(f"  {f'{round(100 * m)}%':>8}" for m in p.people)
        pct = f"{round(100 * p.group)}%"
        out.append(f"  {p.title:<{width}}  {bar(p.group)} {pct:>4}{cells}")
    return out
