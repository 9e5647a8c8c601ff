"""How the study screen looks: a calm Rich layout of one step, readable across a room."""

from __future__ import annotations

from collections.abc import Callable

from rich.align import Align
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.layout import Layout
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from lp_coach.cli.faces.big_clock import big_clock
from lp_coach.cli.faces.study_keys import Keys, LineInput
from lp_coach.cli.faces.study_said import SILENT, Said, Window
from lp_coach.study.readout import readout
from lp_coach.study.records import SessionEntry
from lp_coach.study.speakers import SPOKEN
from lp_coach.study.steps import WARM_UP
from lp_coach.study.view import View


def clock(seconds_left: float) -> Text:
    """The countdown: 'mm:ss left', or a calm yellow "time's up" once it runs out."""
    if seconds_left <= 0:
        return Text("time's up — + to extend", style="bold yellow")
    whole = int(seconds_left + 0.999)
    return Text(f"{whole // 60:02d}:{whole % 60:02d} left", style="bold")


MEASURE = 110
"""The widest the step's text runs: longer lines are hard to follow across a room."""


def clock_scale(width: int, height: int) -> int | None:
    """How big the countdown is drawn for this screen (None: as text in the status line)."""
    if width >= 200 and height >= 60:
        return 2
    if width >= 100 and height >= 30:
        return 1
    return 0 if width >= 50 else None


class StudyScreen:
    """One view laid out for a room: the step at the top, what was said beneath it growing
    into the free space, and the countdown in big digits beside the keys."""

    def __init__(self, view: View, seconds_left: float, keys: Keys) -> None:
        self.view = view
        self.seconds_left = seconds_left
        self.keys = keys
        self.body = Window(Text(""))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        height = options.height or console.height
        pad = 1 if width >= 100 and height >= 30 else 0
        side = max(2 + 2 * pad, (width - MEASURE) // 2)
        inner = width - 2 * side
        text = content(self.view, roomy=pad > 0)
        self.body = Window(text, self.keys.scroll)

        def lines(renderable: RenderableType, across: int = width) -> int:
            return len(console.render_lines(renderable, options.update(width=across, height=None)))

        scale = clock_scale(width, height)
        footer = self.footer(False, width, scale)
        room = height - 2 - lines(footer)
        body_size = lines(text, inner) + pad
        said = self.said(lambda r: lines(r, inner - 2), inner - 2)  # inside the box's border
        said_size = 0
        if said is not None:
            full = said.rows(len(said.entries))
            said_size = full
            if body_size + full > room:  # share the room; what was just said stays in sight
                said_size = max(said.rows(1), room - body_size, min(full, room // 3))
                said_size = max(0, min(said_size, full, room - 3))
        if body_size + said_size > room:
            footer = self.footer(True, width, scale)
            room = height - 2 - lines(footer)
            said_size = min(said_size, max(0, room - 3))
        parts = [Layout(self.header(), size=2)]
        body = Padding(self.body, (pad, side, 0, side))
        fits = body_size + said_size <= room
        parts.append(Layout(body, size=body_size) if fits else Layout(body, ratio=1))
        if said is not None and said_size:
            said_size = said.fit(said_size)
            said_box = Panel(Window(said.render(), tail=True), title="Said", title_align="left")
            parts.append(Layout(Padding(said_box, (0, side - 1)), size=said_size))
        if body_size + said_size < room:  # a layout of no rows still takes one
            parts.append(Layout(Text(" "), ratio=1))
        parts.append(Layout(footer, size=lines(footer)))
        layout = Layout()
        layout.split_column(*parts)
        yield layout

    def header(self) -> RenderableType:
        v = self.view
        place = Text(f"step {v.index + 1} of {v.total} ", style="dim")
        title = Text.assemble(
            (f" {v.principle.title}", "bold"), ("  ·  ", "dim"), (v.step.segment.title, "bold cyan")
        )
        grid = Table.grid(expand=True)
        grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        grid.add_column(justify="right", no_wrap=True)
        grid.add_row(title, place)
        return Group(grid, Rule(style="dim"))

    def said(self, rows: Callable[[RenderableType], int], width: int = 0) -> Said | None:
        """What was said on this step (None on steps where nothing is)."""
        v = self.view
        if not v.said and v.step.collects in (None, "attendance", WARM_UP):
            return None  # (a warm-up card shows its count and its answer itself)
        if v.silent:
            of = max(len(v.people), v.room_size, v.silent_answered)
            count = f"A silent round: {v.silent_answered} of {of} have answered · H reveals them"
            return Said(
                (*v.said, SessionEntry(0, v.step.key, SILENT, None, count, "")), rows, width
            )
        return Said(v.said, rows, width)

    def footer(self, scrolls: bool, width: int, scale: int | None) -> RenderableType:
        """The status, the keys (or the line being typed) and the countdown beside them."""
        v, keys = self.view, self.keys
        big = None
        clock_width = 0
        if scale is not None:
            up = self.seconds_left <= 0
            digits = big_clock(self.seconds_left, scale, "bold yellow" if up else "bold")
            caption = (
                Text("time's up — + to extend", style="bold yellow")
                if up
                else Text(f"left of {v.minutes} min", style="dim")
            )
            big = Group(digits, Align.right(caption))
            clock_width = max(caption.cell_len, *map(len, digits.plain.splitlines()))
        margin = max(0, (width - MEASURE - clock_width - 8) // 2) if big is not None else 0
        left = width - 2 * margin - clock_width - (3 if big is not None else 0)
        pieces: list[Text] = []
        if big is None:
            pieces.append(clock(self.seconds_left))
        turn = turn_label(v)
        if turn:
            pieces.append(Text(f" {turn} ", style="bold reverse"))
        if v.next_title and v.next_title != v.step.segment.title:
            pieces.append(Text(f"next: {v.next_title}", style="dim"))
        status = flow(pieces, left - 1, gap=3)
        line: RenderableType
        if keys.input is not None:
            typed = Text.assemble((keys.input.label, "bold"), shown_typing(keys.input))
            typed.append(" ", style="reverse")
            said = Text(keys.message, style="yellow") if keys.message else None  # a refusal
            line = Group(typed, said or Text("Enter save · Esc cancel", style="dim"))
        elif keys.message:
            line = Text(keys.message, style="yellow")
        else:
            line = key_help(v, scrolls, left - 1)
        text = Padding(Group(status, line) if pieces else line, (0, 0, 0, 1))
        if big is None:
            return Group(Rule(style="dim"), text)
        grid = Table.grid(expand=True, padding=(0, 1))
        grid.add_column(ratio=1)
        grid.add_column(justify="right", no_wrap=True, width=clock_width)
        grid.add_row(Group(text), big)
        margin = max(0, (width - MEASURE - clock_width - 8) // 2)  # near the text on a wide screen
        return Group(Rule(style="dim"), Padding(grid, (0, margin)))


def shown_typing(line: LineInput) -> str:
    """What the shared screen shows of a line being typed: a private note only as dots."""
    return "•" * len(line.text) if line.private else line.text


def flow(pieces: list[Text], width: int, gap: int = 2) -> Text:
    """Pieces on one line, wrapping between pieces (never inside one that fits a line)."""
    lines = [Text()]
    for piece in pieces:
        if lines[-1].cell_len and lines[-1].cell_len + gap + piece.cell_len > width:
            lines.append(Text())
        if lines[-1].cell_len:
            lines[-1].append(" " * gap)
        lines[-1].append_text(piece)
    return Text("\n").join(lines)


def turn_label(view: View) -> str:
    """Whose turn it is, in words, or '' when nobody's in particular."""
    person, collects = view.person, view.step.collects
    if not person:
        return ""
    if collects == "action":
        return f"{person}'s action step"
    if collects == "prayer":
        return f"{person}'s prayer request"
    return f"{person}'s turn to speak"


def key_help(view: View, scrolls: bool, width: int) -> Text:
    """The keys that do something on this view."""
    step = view.step
    enter = "next"
    if step.collects == "attendance":
        enter = "all here"
    elif step.per_person and view.person and view.person != view.people[-1]:
        enter = "pass"
    elif view.index + 1 == view.total:
        enter = "finish"
    what = {"attendance": "names", "action": "action step", "prayer": "prayer", "warm_up": "hands"}
    pairs = [("Enter", enter), ("b", "back"), ("s", "skip")]
    if step.collects is not None:
        pairs.append(("a", what.get(step.collects, "answer")))
    if view.warm_up is not None and view.warm_up.tally is None:
        pairs.append(("H", "reveal"))
    pairs.append(("o", "note"))
    if view.more_follow_ups:
        pairs.append(("f", "follow-up"))
    if view.people and step.collects in SPOKEN:
        pairs.append((f"1-{len(view.people)}" if len(view.people) > 1 else "1", "who"))
        if not step.per_person:
            pairs.append(("p", "pass"))
    if view.previous_prayers:
        pairs.append(("m", "answered"))
    pairs.append(("O", "private note"))
    if step.collects == "answer" and not view.revealed:
        pairs.append(("H", "reveal" if view.silent else "silent round"))
    pairs += [("+", "extend"), ("q", "quit")]
    if scrolls:
        pairs.append(("↑↓", "scroll"))
    gap = 3 if sum(len(k) + len(label) + 6 for k, label in pairs) < width else 2
    pieces = [Text.assemble((f" {key} ", "reverse"), f" {label}") for key, label in pairs]
    return flow(pieces, width, gap)


STYLES = {"key": "bold", "dim": "dim", "ref": "bold cyan", "body": "", "option": "bold cyan"}


def content(view: View, roomy: bool = False) -> RenderableType:
    """The step's text (as the core reads it out), styled for reading across a room.

    On a roomy screen the question of a question step stands out in a frame of its own.
    """
    parts: list[RenderableType] = []
    follow_ups_shown = False
    asks = view.step.segment.question is not None or view.step.segment.tension is not None
    for line in readout(view):
        if line.role == "key" and asks and roomy:
            framed = Text(line.text, style="bold")
            parts.append(Panel(framed, padding=(1, 2), border_style="cyan"))
        elif line.role == "bullet":
            parts.append(bullet(line.text, "bold" if view.step.segment.example else ""))
        elif line.role == "lesson":
            parts.append(Text.assemble(("Lesson: ", "bold"), line.text))
        elif line.role == "leader":
            parts.append(Text.assemble(("Leader notes: ", "bold magenta"), (line.text, "italic")))
        else:
            parts.append(Text(line.text, style=STYLES.get(line.role, "")))
        if view.step.segment.question is not None and not follow_ups_shown:
            follow_ups_shown = True  # right after the question: the room reads these
            for follow_up in view.follow_ups:
                parts.append(Text.assemble(("Follow-up: ", "cyan"), (follow_up, "bold")))
            if view.more_follow_ups:
                parts.append(Text("(f for a follow-up question)", style="dim"))
    if view.step.key == "attendance":
        parts.append(Text("Enter if everyone is here; a to type the names of who is.", "dim"))
    spaced: list[RenderableType] = []
    for part in parts:
        spaced += [part, Text("")]
    return Group(*spaced[:-1])


def bullet(text: str, style: str = "") -> Table:
    """A bulleted line whose continuation lines hang under its first word."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    grid.add_row("•", Text(text, style=style))
    return grid
