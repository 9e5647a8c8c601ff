"""The terminal face of `lp-coach practice`: questions in panels and a ticking countdown.

On a terminal the countdown lives on the bottom row, kept out of the way of what is typed
by a scroll region (as apt draws its progress bar); a thread redraws it every second. The
time is a prompt, not a cut-off: when it runs out the line says so and typing goes on.
"""

from __future__ import annotations

import shutil
import sys
import threading
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from lp_coach.practice.choose import PracticeQuestion
from lp_coach.practice.plain import (
    SPEAK_HINT,
    TYPE_HINT,
    clock,
    rate_items,
    read_answer,
    reminder_lines,
)
from lp_coach.practice.rubric import CHECKS, Check
from lp_coach.practice.session import Answer
from lp_coach.stories.model import Story

if TYPE_CHECKING:
    from rich.console import Console


def status(left: float) -> str:
    """The countdown line."""
    if left > 0:
        return f" ⏱  {clock(left)} left · Enter on an empty line when you are done"
    return f" ⏱  time is up ({clock(left)}) · finish your sentence, then Enter on an empty line"


class Countdown:
    """A status line on the terminal's bottom row, redrawn every second until stopped."""

    def __init__(self, seconds: int, out: TextIO) -> None:
        self.seconds = seconds
        self.out = out
        self.started = time.monotonic()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._tick, daemon=True)
        self.rows = shutil.get_terminal_size((80, 24)).lines

    def __enter__(self) -> Countdown:
        # Keep the bottom row for the clock: scroll everything else above it.
        self.out.write(f"\n\0337\033[0;{self.rows - 1}r\0338\033[1A")
        self._draw()
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()
        self.out.write(f"\0337\033[0;{self.rows}r\033[{self.rows};0f\033[0K\0338")
        self.out.flush()

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def _tick(self) -> None:
        while not self._stop.wait(1 - (self.elapsed() % 1)):
            self._draw()

    def _draw(self) -> None:
        left = self.seconds - self.elapsed()
        line = status(left)
        width = shutil.get_terminal_size((80, 24)).columns
        self.out.write(f"\0337\033[{self.rows};0f\033[7m{line[: width - 1]}\033[0m\033[0K\0338")
        self.out.flush()


class TerminalFace:
    """Questions in panels, a countdown ticking on the bottom row, feedback in colour."""

    def __init__(self, console: Console, spoken: bool = False) -> None:
        self.console = console
        self.spoken = spoken

    def ask(
        self, question: PracticeQuestion, number: int, total: int, seconds: int
    ) -> Answer | None:
        from rich.panel import Panel
        from rich.text import Text

        self.console.print()
        title = f"Question {number} of {total} · {question.principle.title}"
        self.console.print(Panel(Text(question.text), title=title, title_align="left"))
        self.console.print(Text(SPEAK_HINT if self.spoken else TYPE_HINT, style="dim"))
        with Countdown(seconds, sys.stdout) as countdown:
            lines = read_answer(_input, single=self.spoken)
            taken = countdown.elapsed()
        return None if lines is None else Answer("\n".join(lines), taken)

    def rate(self, items: Sequence[str]) -> list[bool] | None:
        self.console.print("[bold]Rate your answer[/] [dim](y or n)[/]")
        return rate_items(items, _input, self.console.print)

    def feedback(
        self, question: PracticeQuestion, checks: Sequence[Check], stories: Sequence[Story]
    ) -> None:
        from rich.panel import Panel
        from rich.table import Table
        from rich.text import Text

        body = Table.grid(padding=(0, 1))
        body.add_column(no_wrap=True)
        body.add_column()
        for check in checks:
            mark, style = ("✓", "green") if check.passed else ("✗", "red")
            item = Text(CHECKS.get(check.name, check.name), style=f"bold {style}")
            item.append(f"\n{check.reason}", style="dim" if check.passed else "")
            body.add_row(Text(mark, style=f"bold {style}"), item)
        score = sum(c.passed for c in checks)
        self.console.print(
            Panel(
                body,
                title=f"Rubric: {score} of {len(checks)}",
                title_align="left",
                border_style="green" if score == len(checks) else "yellow",
            )
        )
        for line in reminder_lines(question, stories):
            self.console.print(Text(line, style="cyan" if stories else "dim"))


def _input(prompt: str = "") -> str:
    return input(prompt)
