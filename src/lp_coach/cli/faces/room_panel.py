"""The live room on the shared screen: a QR code to join on the first steps, the URL after."""

from __future__ import annotations

from typing import Protocol

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.layout import Layout
from rich.panel import Panel
from rich.text import Text

from lp_coach.study.view import View

WELCOME_STEPS = ("attendance", "welcome")
MIN_SCREEN = 50
"""The narrowest the study screen may get beside the QR panel."""
MIN_TIGHT_SCREEN = 40
"""... and beside the compact QR panel, when the screen is small (80x24)."""


class RoomInfo(Protocol):
    """What the screen shows of a room."""

    url: str

    @property
    def joined(self) -> int: ...

    def qr(self) -> list[list[bool]]: ...


def qr_text(rows: list[list[bool]]) -> Text:
    """A QR code in half blocks, two rows of modules to a line, dark on light in any theme."""
    text = Text(no_wrap=True, overflow="crop")
    for top, bottom in zip(rows[::2], [*rows[1::2], [False] * len(rows[0])], strict=True):
        line = "".join(
            "█" if t and b else "▀" if t else "▄" if b else " "
            for t, b in zip(top, bottom, strict=True)
        )
        text.append(line, style="black on white")
        text.append("\n")
    text.rstrip()
    return text


def joined_label(count: int) -> str:
    return "nobody has joined yet" if count == 0 else f"{count} joined"


class RoomFrame:
    """The study screen with the room beside it (welcome) or in a line under it (after)."""

    def __init__(self, screen: RenderableType, view: View, room: RoomInfo) -> None:
        self.screen = screen
        self.view = view
        self.room = room

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        height = options.height or console.height
        layout = Layout()
        hint = ""
        if self.view.step.key in WELCOME_STEPS:
            rows = self.room.qr()
            side = max(len(rows[0]), len(self.room.url)) + 4
            need = (side + MIN_SCREEN, len(rows) // 2 + 9)
            if width >= need[0] and height >= need[1]:
                layout.split_row(Layout(self.screen, ratio=1), Layout(self.panel(rows), size=side))
                yield layout
                return
            narrow = len(rows[0]) + 4  # a compact panel: the URL folds under the code
            url_lines = -(-len(self.room.url) // (narrow - 4))
            tight = (narrow + MIN_TIGHT_SCREEN, (len(rows) + 1) // 2 + url_lines + 4)
            fits = width >= tight[0] and height >= tight[1]
            if fits and (self.view.step.key == WELCOME_STEPS[0] or self.room.joined == 0):
                panel = self.compact_panel(rows)  # at the roll call (once phones are in,
                layout.split_row(Layout(self.screen, ratio=1), Layout(panel, size=narrow))
                yield layout  # the check-in needs the width more: the URL is in the corner)
                return
            if not fits:
                hint = f"QR code: widen the window to {tight[0]}x{tight[1]} (or smaller text) "
        corner = Text(
            f"phones: {self.room.url} · {joined_label(self.room.joined)} " + (hint and "\n" + hint),
            style="dim",
            justify="right",
            no_wrap=True,
            overflow="ellipsis",
        )
        layout.split_column(Layout(self.screen, ratio=1), Layout(corner, size=2 if hint else 1))
        yield layout

    def compact_panel(self, rows: list[list[bool]]) -> Panel:
        """The QR code with no room to spare (80x24): one line above it, the URL under it."""
        body = Group(
            Text("Scan to join (same Wi-Fi):", style="bold", no_wrap=True, overflow="crop"),
            qr_text(rows),
            Text(self.room.url, style="bold cyan", overflow="fold"),
            Text(joined_label(self.room.joined), style="dim", no_wrap=True),
        )
        return Panel(body, title="Join", title_align="left", padding=(0, 1))

    def panel(self, rows: list[list[bool]]) -> Panel:
        body = Group(
            Text("Scan to join from your phone (same Wi-Fi), or type:", style="bold"),
            Text(""),
            qr_text(rows),
            Text(""),
            Text(self.room.url, style="bold cyan", overflow="fold"),
            Text(""),
            Text(joined_label(self.room.joined), style="dim"),
        )
        return Panel(body, title="Join the room", title_align="left", padding=(0, 1))


class LeaderInfo(Protocol):
    """What the leader's setup screen shows of a room."""

    leader_url: str

    def leader_qr(self) -> list[list[bool]]: ...


class LeaderLink:
    """The leader page's QR code and link, alone on the screen (for the leader's eyes only)."""

    def __init__(self, room: LeaderInfo, first: bool = True) -> None:
        self.room = room
        self.first = first
        """Before the session (else on `L` `L` during it)."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        body = Group(
            Text(
                "Scan with your own phone: leader notes, controls, private notes and the "
                "prayer requests for you. Keep this off the TV.",
            ),
            qr_text(self.room.leader_qr()),
            Text(self.room.leader_url, style="bold", overflow="fold"),
            Text(
                "Any key: go on (the room's code for everyone comes next). L L shows this "
                "again; `lp-coach sessions links` prints it."
                if self.first
                else "Any key: back to the session.",
                style="dim",
            ),
        )
        title = "Leader page · for the leader only"
        yield Panel(body, title=title, title_align="left", padding=(0, 1))
