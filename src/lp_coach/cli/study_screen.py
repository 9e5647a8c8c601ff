"""The full-screen face of a study session: a calm Rich layout for a TV, driven by single keys.

Three parts, the first two pure: `Keys` turns key names into replies (with a one-line editor
for answers and notes), `StudyScreen` draws a view, and `ScreenFace` joins them to a real
terminal (cbreak mode, the alternate screen, a countdown redrawn every second).
"""

from __future__ import annotations

import os
import select
import signal
import sys
import time
import unicodedata
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from types import FrameType
from typing import Any, Protocol

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.layout import Layout
from rich.live import Live
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from lp_coach.study.engine import Action, Reply, View

# --- keys -------------------------------------------------------------------------------

ESCAPES = {
    "[A": "up", "[B": "down", "[C": "right", "[D": "left",
    "OA": "up", "OB": "down", "OC": "right", "OD": "left",
    "[5~": "pageup", "[6~": "pagedown",
}  # fmt: skip
CONTROLS = {"\r": "enter", "\n": "enter", "\x7f": "backspace", "\x08": "backspace"}
CONTROLS |= {"\x15": "ctrl-u", "\x17": "ctrl-w"}
COMMANDS: dict[str, Action] = {
    "enter": "next", "n": "next", "right": "next",
    "b": "back", "left": "back", "s": "skip", "+": "extend", "=": "extend", "q": "quit",
}  # fmt: skip
PAGE = 8


def decode(text: str) -> list[str]:
    """Split what a terminal sent into keys: 'enter', 'esc', 'left', ... or one character."""
    keys: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\x1b" and text[i + 1 : i + 2] in ("[", "O"):
            end = i + 2
            while end < len(text) and not "@" <= text[end] <= "~":
                end += 1
            keys.append(ESCAPES.get(text[i + 1 : end + 1], "unknown"))
            i = end + 1
            continue
        if ch == "\r" and text[i + 1 : i + 2] == "\n":
            i += 1
        keys.append("esc" if ch == "\x1b" else CONTROLS.get(ch, ch))
        i += 1
    return keys


def typeable(key: str) -> bool:
    """A character that goes into typed text (any Unicode, not a control character)."""
    return len(key) == 1 and unicodedata.category(key) != "Cc"


@dataclass
class LineInput:
    """The one-line editor at the bottom of the screen."""

    action: Action
    label: str
    text: str = ""

    def press(self, key: str) -> str | None:
        """Edit with `key`; 'submit' or 'cancel' when the line is done with."""
        if key == "enter":
            return "submit" if self.text.strip() else "cancel"
        if key == "esc":
            return "cancel"
        if key == "backspace":
            while self.text and unicodedata.combining(self.text[-1]):
                self.text = self.text[:-1]
            self.text = self.text[:-1]
        elif key == "ctrl-u":
            self.text = ""
        elif key == "ctrl-w":
            self.text = self.text.rstrip()
            self.text = self.text[: self.text.rfind(" ") + 1]
        elif typeable(key):
            self.text += key
        return None


class Keys:
    """What the facilitator's keys mean on one view: no terminal, no clock."""

    def __init__(self, view: View, scroll: int = 0) -> None:
        self.view = view
        self.input: LineInput | None = None
        self.message = ""
        self.scroll = scroll

    def press(self, key: str) -> Reply | None:
        """Carry out one key; a reply when the engine has something to do."""
        if key == "eof":
            return Reply("quit")
        if self.input is not None:
            done = self.input.press(key)
            line, self.input = self.input, (None if done else self.input)
            return Reply(line.action, line.text.strip()) if done == "submit" else None
        self.message = ""
        if key in COMMANDS:
            return Reply(COMMANDS[key])
        if key == "f":
            if self.view.more_follow_ups:
                return Reply("follow_up")
            self.message = "No more follow-up questions here."
        elif key in ("a", "o"):
            self.input = open_input(self.view, note=key == "o")
        elif key in ("up", "down", "pageup", "pagedown"):
            step = {"up": -1, "down": 1, "pageup": -PAGE, "pagedown": PAGE}[key]
            self.scroll = max(0, self.scroll + step)
        elif typeable(key):
            self.message = hint(self.view)
        return None


def open_input(view: View, note: bool) -> LineInput:
    if note or view.step.collects is None:
        return LineInput("note", "Note: ")
    return LineInput("answer", answer_label(view))


def answer_label(view: View) -> str:
    """The prompt of the answer input: whose turn it is, and what is asked of them."""
    person, collects = view.person, view.step.collects
    if collects == "attendance":
        return "Who is here? "
    if collects == "action":
        return f"{person}, your action step: " if person else "Your action step: "
    if collects == "prayer":
        return f"{person}'s prayer request: " if person else "Prayer request: "
    if collects == "answer":
        return f"{person} says: " if person else "Your answer: "
    return "Note: "


def hint(view: View) -> str:
    """What to press to start typing (shown when a key that does nothing is pressed)."""
    person, collects = view.person, view.step.collects
    what = {
        "attendance": "who is here (Enter if everyone is)",
        "action": f"{person}'s action step" if person else "your action step",
        "prayer": f"{person}'s prayer request" if person else "a prayer request",
        "answer": f"what {person} says" if person else "your answer",
    }
    if collects in what:
        return f"Press a to type {what[collects]}, o for a note."
    return "Press o to type a note, Enter for the next step."


def replies(view: View, keys: Iterable[str]) -> Reply | None:
    """The reply that a sequence of keys makes on `view` (None if they make none)."""
    state = Keys(view)
    for key in keys:
        reply = state.press(key)
        if reply is not None:
            return reply
    return None


def ends(view: View, reply: Reply) -> bool:
    """Whether the engine will stop after this reply (it may not: then the screen reopens)."""
    if reply.action == "quit":
        return True
    last = view.index + 1 == view.total
    waiting = view.step.per_person and bool(view.people) and view.person != view.people[-1]
    return last and reply.action in ("next", "skip") and not waiting


# --- drawing ----------------------------------------------------------------------------


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


def content(view: View) -> RenderableType:
    """The step's text, chosen as the plain face chooses it, styled for reading aloud."""
    p, step = view.principle, view.step
    segment = step.segment
    parts: list[RenderableType] = []

    def add(text: str, style: str = "") -> None:
        parts.append(Text(text, style=style))

    def leader(notes: str | None) -> None:
        if view.leader and notes:
            parts.append(Text.assemble(("Leader notes: ", "bold magenta"), (notes, "italic")))

    if step.key == "attendance":
        add(f"Welcome! Today: {p.title}.", "bold")
        add("In the group: " + ", ".join(view.people))
        add("Enter if everyone is here; a to type the names of who is.", "dim")
    elif step.key == "welcome":
        add(f"Welcome! Today we study {p.order}. {p.title}.")
        if view.previous_actions:
            add("Last time, these action steps were chosen:")
            for e in view.previous_actions:
                parts.append(bullet(f"{e.person + ': ' if e.person else ''}{e.text}"))
            add("How did they go?", "bold")
        else:
            add("Check-in: how has your week been?", "bold")
    elif step.kind == "opening":
        add("Open in prayer." if "prayer" in segment.title.lower() else "Settle in.", "bold")
    elif step.kind == "principle":
        add("Read the principle aloud:")
        add(p.statement, "bold")
    elif step.passage is not None:
        add(f"{step.passage.ref} ({step.passage.translation})", "bold cyan")
        add(step.passage.text, "bold")
        leader(step.passage.note)
    elif segment.example is not None:
        example = segment.example
        add(example.story)
        parts.append(Text.assemble(("Lesson: ", "bold"), example.lesson))
        add(f"Source: {example.source}", "dim")
        for q in example.questions:
            parts.append(bullet(q, "bold"))
    elif segment.question is not None:
        add(segment.question.question, "bold")
        for follow_up in view.follow_ups:  # before the leader notes: the room reads these
            parts.append(Text.assemble(("Follow-up: ", "cyan"), (follow_up, "bold")))
        if view.more_follow_ups:
            add("(f for a follow-up question)", "dim")
        leader(segment.question.leader_notes)
    elif segment.tension is not None:
        add(segment.tension.question, "bold")
    elif step.kind == "actions":
        add("Each person names one thing they will do this week.", "bold")
    elif step.kind == "closing":
        add("Close in prayer." if step.collects == "prayer" else "Thank you for coming.", "bold")
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


# --- the terminal -----------------------------------------------------------------------


SignalHandler = Callable[[int, FrameType | None], Any] | int | signal.Handlers | None


class KeyReader(Protocol):
    """Where keys come from: a terminal, or a list in tests."""

    def start(self) -> None: ...

    def read(self, timeout: float) -> list[str]:
        """The keys pressed within `timeout` seconds (none if nothing was pressed)."""
        ...

    def close(self) -> None: ...


class TerminalKeys:
    """Keys from a terminal in cbreak mode: no echo, no line editing; Ctrl-C still interrupts."""

    def __init__(self, fd: int) -> None:
        import codecs

        self.fd = fd
        self.saved: list[Any] | None = None
        self.decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")

    def start(self) -> None:
        import termios
        import tty

        self.saved = termios.tcgetattr(self.fd)
        tty.setcbreak(self.fd)

    def read(self, timeout: float) -> list[str]:
        if not select.select([self.fd], [], [], timeout)[0]:
            return []
        data = os.read(self.fd, 1024)
        if not data:
            return ["eof"]
        while data.endswith(b"\x1b") and select.select([self.fd], [], [], 0.03)[0]:
            data += os.read(self.fd, 1024)  # the rest of an arrow key's escape sequence
        return decode(self.decoder.decode(data))

    def close(self) -> None:
        import termios

        if self.saved is not None:
            termios.tcsetattr(self.fd, termios.TCSADRAIN, self.saved)
            self.saved = None


class ScreenFace:
    """Runs a session full-screen; call `close()` when the session ends, however it ends."""

    def __init__(
        self,
        console: Console | None = None,
        keys: KeyReader | None = None,
        now: Callable[[], float] = time.monotonic,
    ) -> None:
        self.console = console or Console(highlight=False)
        self.keys = keys
        self.now = now
        self.live: Live | None = None
        self.started: dict[tuple[int, str], float] = {}
        self.pending: deque[str] = deque()
        self.place: tuple[int, int] = (-1, -1)
        self.scroll = 0
        self.last_left: tuple[tuple[int, str], float] | None = None
        self.on_stop: list[SignalHandler] = []
        """Ctrl-Z's handler before ours, while we hold the terminal."""

    def show(self, view: View) -> Reply:
        try:
            reply = self._show(view)
        except BaseException:
            self.close()  # the terminal comes back before anyone prints "saved"
            raise
        if ends(view, reply):
            self.close()  # before the command prints where the notes are
        return reply

    def close(self) -> None:
        """Leave the full screen and give the terminal back as it was (safe to call twice)."""
        while self.on_stop:
            signal.signal(signal.SIGTSTP, self.on_stop.pop() or signal.SIG_DFL)
        if self.live is not None:
            live, self.live = self.live, None
            live.stop()
        if self.keys is not None:
            self.keys.close()

    def _show(self, view: View) -> Reply:
        step = (view.session_id, view.step.key)
        start = self.started.setdefault(step, self.now())
        place = (view.session_id, view.index)
        keys = Keys(view, self.scroll if place == self.place else 0)
        self.place = place
        drawn: object = None
        while True:
            live = self._open()
            if self.pending:
                reply = keys.press(self.pending.popleft())
                if reply is not None:
                    self.scroll = keys.scroll
                    return reply
                continue
            left = view.minutes * 60 - (self.now() - start)
            self._ring(step, left)
            screen = StudyScreen(view, left, keys)
            typed = (keys.input.label, keys.input.text) if keys.input else None
            state = (live, clock(left).plain, typed, keys.message, keys.scroll, self.console.size)
            if state != drawn:
                live.update(screen, refresh=True)
                keys.scroll = min(keys.scroll, screen.body.hidden)  # as far as there is text
                drawn = (*state[:4], keys.scroll, state[5])
            assert self.keys is not None
            tick = left % 1 + 0.02 if left > 0 else 0.5
            self.pending.extend(self.keys.read(min(0.5, tick)))

    def _open(self) -> Live:
        if self.live is None:
            if self.keys is None:
                self.keys = TerminalKeys(sys.stdin.fileno())
            self.keys.start()
            self.live = Live(
                console=self.console,
                screen=True,
                auto_refresh=False,
                redirect_stdout=False,
                redirect_stderr=False,
            )
            self.live.start()
            if isinstance(self.keys, TerminalKeys):
                self.on_stop.append(signal.signal(signal.SIGTSTP, self._suspend))
        return self.live

    def _suspend(self, signum: int, frame: FrameType | None) -> None:
        """Ctrl-Z: give the terminal back while stopped, and take it again on `fg`."""
        self.close()
        os.kill(os.getpid(), signal.SIGTSTP)  # stops here, with the default handler back
        self._open()

    def _ring(self, step: tuple[int, str], left: float) -> None:
        """One bell when a step's time runs out while it is on screen."""
        if self.last_left and self.last_left[0] == step and self.last_left[1] > 0 >= left:
            self.console.bell()
        self.last_left = (step, left)
