"""How the study screen looks: a calm Rich layout of one step, readable across a room."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.layout import Layout
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from lp_coach.cli.faces.study_keys import Keys
from lp_coach.study.engine import View
from lp_coach.study.readout import readout


def clock(seconds_left: float) -> Text:
    """The countdown: 'mm:ss left', or a calm yellow "time's up" once it runs out."""
    if seconds_left <= 0:
        return Text("time's up — + to extend", style="bold yellow")
    whole = int(seconds_left + 0.999)
    return Text(f"{whole // 60:02d}:{whole % 60:02d} left", style="bold")


class Window:
    """As many lines of `content` as fit, from line `offset`; '…' where lines are cut."""

    def __init__(self, content: RenderableType, offset: int = 0, tail: bool = False) -> None:
        self.content = content
        self.offset = offset
        self.tail = tail
        self.hidden = 0
        """How many lines did not fit, after the last render."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        height = options.height or console.height
        lines = console.render_lines(self.content, options.update(height=None), pad=False)
        while lines and not "".join(s.text for s in lines[-1]).strip():
            lines.pop()
        self.hidden = max(0, len(lines) - height)
        start = self.hidden if self.tail else min(self.offset, self.hidden)
        shown = lines[start : start + height]
        if start and shown:
            shown[0] = [Segment(f"… {start + 1} more lines above", console.get_style("dim"))]
        if start + height < len(lines) and shown:
            more = f"… {len(lines) - start - height + 1} more lines (↓ to scroll)"
            shown[-1] = [Segment(more, console.get_style("dim"))]
        for line in shown:
            yield from line
            yield Segment.line()


class StudyScreen:
    """One view laid out for a room: header, the step, what was said, the timer and keys."""

    def __init__(self, view: View, seconds_left: float, keys: Keys) -> None:
        self.view = view
        self.seconds_left = seconds_left
        self.keys = keys
        self.body = Window(Text(""))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        height = options.height or console.height
        pad = 1 if width >= 100 and height >= 30 else 0
        side = max(2 + 2 * pad, (width - 110) // 2)
        text = content(self.view)
        self.body = Window(text, self.keys.scroll)

        def lines(renderable: RenderableType, inner: int = width) -> int:
            return len(console.render_lines(renderable, options.update(width=inner, height=None)))

        footer = self.footer(False, width)
        footer_size = lines(footer)
        said = self.said()
        said_size = 0
        if said is not None:
            room = max(3, (height - 2 - footer_size) // 3)
            said_size = min(lines(said, width - 2 * side) + 2, room)
        if lines(text, width - 2 * side) > height - 2 - footer_size - said_size - 2 * pad:
            footer = self.footer(True, width)
            footer_size = lines(footer)
        parts = [Layout(self.header(), size=2)]
        parts.append(Layout(Padding(self.body, (pad, side)), ratio=1))
        if said is not None:
            said_box = Panel(Window(said, tail=True), title="Said", title_align="left")
            parts.append(Layout(Padding(said_box, (0, side - 1)), size=said_size))
        parts.append(Layout(footer, size=footer_size))
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

    def said(self) -> RenderableType | None:
        v = self.view
        if not v.said and v.step.collects in (None, "attendance"):
            return None
        if not v.said:
            return Text("Nothing yet. Press a to type what is said.", style="dim")
        lines = []
        for entry in v.said:
            if entry.kind == "note":
                lines.append(Text.assemble(("Note: ", "dim"), (entry.text, "italic")))
            else:
                who = f"{entry.person}: " if entry.person else ""
                lines.append(Text.assemble((who, "bold"), entry.text))
        return Group(*lines)

    def footer(self, scrolls: bool, width: int) -> RenderableType:
        v, keys = self.view, self.keys
        status = Text(" ")
        status.append_text(clock(self.seconds_left))
        turn = turn_label(v)
        if turn:
            status.append("   ")
            status.append(f" {turn} ", style="bold reverse")
        if v.next_title and v.next_title != v.step.segment.title:
            status.append(f"   next: {v.next_title}", style="dim")
        if keys.input is not None:
            line = Text.assemble(" ", (keys.input.label, "bold"), keys.input.text)
            line.append(" ", style="reverse")
            line.append("   Enter save · Esc cancel", style="dim")
        elif keys.message:
            line = Text(f" {keys.message}", style="yellow")
        else:
            line = key_help(v, scrolls, width)
        return Group(Rule(style="dim"), status, line)


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
    what = {"attendance": "names", "action": "action step", "prayer": "prayer"}
    pairs = [("Enter", enter), ("b", "back"), ("s", "skip")]
    if step.collects is not None:
        pairs.append(("a", what.get(step.collects, "answer")))
    pairs.append(("o", "note"))
    if view.more_follow_ups:
        pairs.append(("f", "follow-up"))
    pairs += [("+", "extend"), ("q", "quit")]
    if scrolls:
        pairs.append(("↑↓", "scroll"))
    gap = 2 if sum(len(k) + len(label) + 5 for k, label in pairs) < width else 1
    lines = [Text(" ")]
    for key, label in pairs:
        if lines[-1].cell_len + len(key) + len(label) + 3 > width:  # wrap between keys only
            lines.append(Text(" "))
        lines[-1].append(f" {key} ", style="reverse")
        lines[-1].append(f" {label}" + " " * gap)
    for line in lines:
        line.rstrip()
    return Text("\n").join(lines)


STYLES = {"key": "bold", "dim": "dim", "ref": "bold cyan", "body": ""}


def content(view: View) -> RenderableType:
    """The step's text (as the core reads it out), styled for reading across a room."""
    parts: list[RenderableType] = []
    follow_ups_shown = False
    for line in readout(view):
        if line.role == "bullet":
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
