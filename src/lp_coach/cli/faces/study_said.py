"""The study screen's boxes that scroll: a window on a long text, and the box of what was said."""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from lp_coach.study.records import SessionEntry
from lp_coach.study.visibility import FOR_LEADER


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


ROWS_KEPT = 2000
"""Entry heights remembered between redraws (a phone's message measures only itself)."""
_rows: dict[tuple[SessionEntry, int, int], int] = {}


class Said:
    """The box of what was said: as many of the newest entries as fit, whole."""

    def __init__(
        self,
        entries: tuple[SessionEntry, ...],
        rows: Callable[[RenderableType], int],
        width: int = 0,
    ):
        """`width`: the box's inner width, when `rows` measures at it (heights are kept)."""
        self.entries = entries
        self.names = max((len(said_row(e)[0]) for e in entries), default=0)
        self.each = [self._height(e, rows, width) for e in entries] or [1]
        self.shown = len(entries)

    def _height(
        self, entry: SessionEntry, rows: Callable[[RenderableType], int], width: int
    ) -> int:
        key = (entry, self.names, width)
        height = _rows.get(key) if width else None
        if height is None:
            height = rows(said_grid((entry,), self.names))
            if width:
                if len(_rows) >= ROWS_KEPT:
                    _rows.clear()
                _rows[key] = height
        return height

    def rows(self, newest: int) -> int:
        """The height of the box showing the `newest` entries (and a line for the rest)."""
        if not self.entries:
            return 3  # "nothing yet"
        earlier = 1 if newest < len(self.entries) else 0
        return sum(self.each[len(self.each) - newest :]) + earlier + 2

    def fit(self, height: int) -> int:
        """Show as many entries as fit in `height` rows (at least the newest); the box's height."""
        self.shown = 1
        while self.shown < len(self.entries) and self.rows(self.shown + 1) <= height:
            self.shown += 1
        return min(height, self.rows(self.shown)) if self.entries else min(height, 3)

    def render(self) -> RenderableType:
        if not self.entries:
            return Text("Nothing yet. Press a to type what is said.", style="dim")
        earlier = len(self.entries) - self.shown
        grid = said_grid(self.entries[earlier:], self.names)
        if not earlier:
            return grid
        return Group(Text(f"… {earlier} said before (all are in the notes)", style="dim"), grid)


def said_grid(entries: tuple[SessionEntry, ...], names: int) -> Table:
    """Who said what, one row each; what they said hangs under itself when it wraps."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, width=names)
    grid.add_column()
    for entry in entries:
        grid.add_row(*said_row(entry))
    return grid


SILENT = "silent_round"
"""The kind of the Said box's line counting a silent round's answers."""


def said_row(entry: SessionEntry) -> tuple[Text, Text]:
    """Who said it (or 'Note:'), and what."""
    if entry.kind == "note":
        return Text("Note:", style="dim"), Text(entry.text, style="italic")
    if entry.kind == FOR_LEADER:  # a line of its own, under nobody's name
        return Text("•", style="dim"), Text(entry.text, style="dim italic")
    if entry.kind == SILENT:
        return Text("•", style="bold"), Text(entry.text, style="bold")
    return Text(f"{entry.person}:" if entry.person else "", style="bold"), Text(entry.text)
