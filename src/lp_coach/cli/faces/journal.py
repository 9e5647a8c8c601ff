"""How journal entries, search hits and statistics look: Rich on a terminal, plain through pipes."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from lp_coach.journal.entries import Entry

if TYPE_CHECKING:
    from rich.console import Console

    from lp_coach.journal.search import Results
    from lp_coach.journal.stats import Heatmap, Stats

Part = tuple[str, str | None]
"""A piece of a line and its Rich style (None: unstyled)."""

GLYPHS = "·░▒▓█"
HEAT_STYLES = ("grey35", "green4", "green3", "green1", "bold bright_green")
BAR_WIDTH = 30
TITLE_WIDTH = 28
TEXT_INDENT = 6


class Printer:
    """Writes lines of styled parts: through Rich on a terminal, as plain text otherwise."""

    def __init__(self, terminal: bool) -> None:
        self.console: Console | None = None
        if terminal:
            from lp_coach.cli.output import console

            self.console = console()

    def line(self, *parts: Part, indent: int = 0) -> None:
        """One line; on a terminal a long one wraps, and its wrapped rows keep `indent`."""
        if self.console is None:
            sys.stdout.write(" " * indent + "".join(text for text, _ in parts) + "\n")
            return
        from rich.padding import Padding
        from rich.text import Text

        from lp_coach.safetext import printable

        text = Text()
        for piece, style in parts:
            text.append(printable(piece), style=style or "")  # a stored escape stays inert
        self.console.print(Padding(text, (0, 0, 0, indent)) if indent else text)


def header(entry: Entry) -> list[Part]:
    """'12  Tue 2026-01-06 07:12 ★  earn-trust'."""
    day = date.fromisoformat(entry.day)
    parts: list[Part] = [(f"{entry.id:>4}  ", "dim"), (f"{day:%a} {entry.day}", "bold")]
    if entry.time:
        parts.append((f" {entry.time}", "bold"))
    if entry.starred:
        parts.append((" ★", "yellow"))
    if entry.principles:
        parts.append(("  " + ", ".join(entry.principles), "cyan"))
    return parts


def entry_line(entry: Entry, done: str | None = None) -> str:
    """'Entry 12 · Tue 6 Jan 2026, 07:12 · earn-trust'; with `done`, 'Saved entry 12 · ...'."""
    from lp_coach.journal.markdown import heading

    said = f"{done} entry" if done else "Entry"
    return f"{said} {entry.id} · {heading(entry)}"


def print_entries(stream: Iterable[Entry], printer: Printer) -> int:
    """Each entry: its header, then its text indented; the number printed."""
    count = 0
    for entry in stream:
        if count:
            printer.line()
        printer.line(*header(entry))
        title, _, body = entry.text.partition("\n")
        printer.line((title, "bold"), indent=TEXT_INDENT)
        for line in body.split("\n") if body else ():
            printer.line((line, None), indent=TEXT_INDENT)
        count += 1
    return count


def print_hits(results: Results, printer: Printer) -> None:
    """Each hit: its header, then its snippet with the matched words marked."""
    for number, hit in enumerate(results.hits):
        if number:
            printer.line()
        printer.line(*header(hit.entry))
        printer.line(*snippet_parts(hit.snippet, printer), indent=TEXT_INDENT)


def snippet_parts(snippet: str, printer: Printer) -> list[Part]:
    """A search snippet as parts of a line: matches reversed on a terminal, *starred* else."""
    from lp_coach.fts import MARK_END, MARK_START

    parts: list[Part] = []
    flat = " ".join(snippet.split())
    for index, piece in enumerate(flat.replace(MARK_END, MARK_START).split(MARK_START)):
        matched = index % 2 == 1
        if printer.console is None and matched:
            piece = f"*{piece}*"
        parts.append((piece, "bold reverse" if matched else None))
    return parts


def print_stats(stats: Stats, heat: Heatmap, titles: dict[str, str], printer: Printer) -> None:
    """Totals, streaks, a bar per principle and the calendar of the last year."""
    days = "day" if stats.days == 1 else "days"
    printer.line(("Entries:        ", "bold"), (f"{stats.entries} on {stats.days} {days}", None))
    printer.line(("Current streak: ", "bold"), (_days(stats.current_streak), None))
    longest = _days(stats.longest_streak)
    if stats.longest_streak_end is not None:
        longest += f" (to {stats.longest_streak_end})"
    printer.line(("Longest streak: ", "bold"), (longest, None))
    printer.line()
    printer.line(("By principle", "bold"))
    counts = [(titles.get(pid, pid), stats.per_principle.get(pid, 0)) for pid in titles]
    counts += [(pid, n) for pid, n in stats.per_principle.items() if pid not in titles]
    counts.append(("(no principle)", stats.untagged))
    top = max((n for _, n in counts), default=0) or 1
    for name, number in counts:
        label = name if len(name) <= TITLE_WIDTH else name[: TITLE_WIDTH - 1] + "…"
        bar = "█" * max(round(number / top * BAR_WIDTH), 1) if number else ""
        printer.line(
            (f"  {label:<{TITLE_WIDTH}} {number:>5}", None), (f" {bar}" if bar else "", "green")
        )
    printer.line()
    printer.line(("The last year", "bold"))
    print_heatmap(heat, printer)


def print_heatmap(heat: Heatmap, printer: Printer) -> None:
    """Months across the top, Monday to Sunday down the side, a cell per day."""
    labels = [" "] * len(heat.weeks)
    for column, name in heat.months:
        if all(c == " " for c in labels[max(column - 1, 0) : column + len(name)]):
            labels[column : column + len(name)] = list(name)
    printer.line(("    " + "".join(labels[: len(heat.weeks)]).rstrip(), "dim"))
    for weekday, row in enumerate(heat.rows):
        name = ("Mon", "", "Wed", "", "Fri", "", "Sun")[weekday]
        parts: list[Part] = [(f"{name:<4}", "dim")]
        for level in row:
            if level is None:
                parts.append((" ", None))
            else:
                parts.append((GLYPHS[level], HEAT_STYLES[level]))
        printer.line(*parts)
    key: list[Part] = [
        (f"{glyph} ", style) for glyph, style in zip(GLYPHS, HEAT_STYLES, strict=True)
    ]
    printer.line(("    less ", "dim"), *key, ("more (entries a day: 0 1 2 3 4+)", "dim"))


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"
