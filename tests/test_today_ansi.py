"""The today screen drawn without Rich (cli/faces/ansi.py) is the screen Rich draws, byte for
byte: the lines, their wrapping and folding, their styles; and anything out of the ordinary
is left to Rich."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import date

from conftest import drawn_on_a_terminal
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from lp_coach.cli.faces import ansi
from lp_coach.cli.faces.today import LABEL

WORDS = st.text(alphabet="abcdefgh ’—é.", max_size=40) | st.sampled_from(
    ["", " ", "a" * 70, "word  ", "  lead", "x" * 25 + " " + "y" * 90]
)
STYLES = st.sampled_from(["", "bold", "dim", "italic", "cyan", "bold cyan", "green", "yellow"])
PARTS = st.lists(st.tuples(WORDS, STYLES), max_size=6)


def rich_rows(label: str, parts: list[ansi.Part], width: int) -> str:
    """What the today face's Rich drawing writes for one row."""
    console = Console(
        file=io.StringIO(),
        force_terminal=True,
        width=width,
        color_system="256",
        highlight=False,
        no_color=False,
    )
    value = Text()
    for piece, style in parts:
        value.append(piece, style=style)
    for number, row in enumerate(value.wrap(console, width - LABEL, overflow="fold")):
        console.print(Text(f"{label if number == 0 else '':<{LABEL}}", style="bold") + row)
    written = console.file.getvalue()
    assert isinstance(written, str)
    return written


def our_rows(label: str, parts: list[ansi.Part], width: int) -> str:
    rows = ansi.wrap(parts, width - LABEL)
    heads = [f"{label if number == 0 else '':<{LABEL}}" for number in range(len(rows))]
    return "".join(
        ansi.line([(head, ""), *row], base="bold") + "\n"
        for head, row in zip(heads, rows, strict=True)
    )


@given(parts=PARTS, width=st.integers(ansi.MIN_WIDTH, 130), label=st.sampled_from(["", "Quiz"]))
def test_a_row_is_what_rich_writes(parts: list[ansi.Part], width: int, label: str) -> None:
    assert our_rows(label, parts, width) == rich_rows(label, parts, width)


def test_wide_and_zero_width_characters_are_left_to_rich() -> None:
    assert ansi.plain_enough(["Don’t — café · “quoted” …"])
    for text in ("日本", "e\u0301", "zero\u200bwidth", "tab\there", "bell\x07", "😀"):
        assert not ansi.plain_enough([text])


def drawn_today(env: dict[str, str]) -> bytes:
    """What `lp-coach today` draws on a real pseudo-terminal."""
    return drawn_on_a_terminal(["today"], env)


def test_the_today_screen_is_the_one_rich_draws() -> None:
    env = dict(os.environ, TERM="xterm-256color")
    env.pop("NO_COLOR", None)
    subprocess.run(
        [sys.executable, "-m", "lp_coach", "today", "--json"],
        env=env,
        check=True,
        capture_output=True,
    )
    for columns in ("100", "64"):
        ours = drawn_today(dict(env, COLUMNS=columns))
        # TTY_INTERACTIVE leaves the screen to Rich and changes nothing Rich prints
        by_rich = drawn_today(dict(env, COLUMNS=columns, TTY_INTERACTIVE="1"))
        assert b"\x1b[1mToday\x1b[0m" in ours and f"{date.today():%Y}".encode() in ours
        assert ours == by_rich


def test_a_style_this_module_does_not_write_is_left_to_rich() -> None:
    assert ansi.plain_enough(["text"], ["bold cyan", "dim", ""])
    assert not ansi.plain_enough(["text"], ["bright_red"])
    assert not ansi.plain_enough(["text"], ["bold #ff0000"])
