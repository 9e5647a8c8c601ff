"""Digits drawn in block characters, big enough to read a countdown from across a room."""

from __future__ import annotations

from rich.text import Text

GLYPHS = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", "###", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", "..#", "..#", "..#"),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
    ":": (".", "#", ".", "#", "."),
}
HALVES = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}


def pixels(text: str) -> list[list[bool]]:
    """The five rows of dots that spell `text` (one blank column between characters)."""
    rows: list[list[bool]] = [[] for _ in range(5)]
    for n, char in enumerate(text):
        for row, dots in zip(rows, GLYPHS[char], strict=True):
            row += ([False] if n else []) + [dot == "#" for dot in dots]
    return rows


def big_digits(text: str, scale: int) -> list[str]:
    """`text` (digits and ':') as lines of block characters.

    Scale 0 packs two rows of dots into each line with half blocks (3 lines high);
    scale n draws each dot n lines high and 2n columns wide (5n lines high).
    """
    rows = pixels(text)
    if scale == 0:
        rows.append([False] * len(rows[0]))
        return [
            "".join(HALVES[top, bottom] for top, bottom in zip(upper, lower, strict=True))
            for upper, lower in zip(rows[::2], rows[1::2], strict=True)
        ]
    lines = ["".join(("█" if dot else " ") * 2 * scale for dot in row) for row in rows]
    return [line for line in lines for _ in range(scale)]


def big_clock(seconds_left: float, scale: int, style: str = "bold") -> Text:
    """The countdown as big digits, mm:ss (00:00 once time is up)."""
    whole = max(0, int(seconds_left + 0.999))
    digits = f"{whole // 60:02d}:{whole % 60:02d}"
    return Text("\n".join(big_digits(digits, scale)), style=style, justify="left", no_wrap=True)
