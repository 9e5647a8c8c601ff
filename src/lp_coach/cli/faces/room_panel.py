"""The live room on the shared screen: a QR code to join on the first steps, the URL after."""

from __future__ import annotations

from typing import Protocol

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.layout import Layout
from rich.panel import Panel
from rich.text import Text

from lp_coach.study.view import View

WELCOME_STEPS = ("attendance", "welcome")


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
        if self.view.step.key in WELCOME_STEPS:
            rows = self.room.qr()
            side = max(len(rows[0]), len(self.room.url)) + 4
            if width - side >= 50 and height >= len(rows) // 2 + 9:
                layout.split_row(Layout(self.screen, ratio=1), Layout(self.panel(rows), size=side))
                yield layout
                return
        corner = Text(
            f"phones: {self.room.url} · {joined_label(self.room.joined)} ",
            style="dim",
            justify="right",
            no_wrap=True,
            overflow="ellipsis",
        )
        layout.split_column(Layout(self.screen, ratio=1), Layout(corner, size=1))
        yield layout

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
