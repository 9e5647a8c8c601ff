"""Styled lines written straight to a terminal, byte for byte as Rich draws them, for the
screen every bare `lp-coach` opens on (today): importing Rich is a fifth of its start-up.

Only the ordinary case is drawn here: a terminal Rich would colour as usual (no NO_COLOR,
FORCE_COLOR or TTY_* setting, TERM not dumb or unknown, not Windows), at least MIN_WIDTH
columns, and text of printable one-cell characters on one line. Anything else is Rich's to
draw (`plain_enough` says which); tests/test_today_ansi.py holds the two to the same bytes.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable

Part = tuple[str, str]
"""A piece of a line and its style: Rich's style words ("bold cyan"), or "" for none."""

CODES = {"bold": 1, "dim": 2, "italic": 3, "underline": 4}
COLOURS = {"black": 30, "red": 31, "green": 32, "yellow": 33, "blue": 34, "magenta": 35}
COLOURS |= {"cyan": 36, "white": 37}
RICH_SETTINGS = ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE")
MIN_WIDTH = 50
_WORD = re.compile(r"\s*\S+\s*")


def usable() -> bool:
    """Whether this terminal is one Rich draws on in the ordinary way."""
    if sys.platform == "win32" or any(name in os.environ for name in RICH_SETTINGS):
        return False
    if os.environ.get("TERM", "").strip().lower() in ("dumb", "unknown"):
        return False
    return width() >= MIN_WIDTH


def width() -> int:
    """The terminal's width as Rich finds it: the first standard stream that is a terminal,
    then COLUMNS when it is a number; 80 when nothing says."""
    columns = 0
    for descriptor in (0, 1, 2):
        try:
            columns = os.get_terminal_size(descriptor).columns
        except (AttributeError, ValueError, OSError):
            continue
        break
    setting = os.environ.get("COLUMNS")
    if setting is not None and setting.isdigit():
        columns = int(setting)
    return columns or 80


def plain_enough(texts: Iterable[str], styles: Iterable[str] = ()) -> bool:
    """Whether every character is one Rich gives one cell and draws as it is, and every
    style one this module writes as Rich does (any other is Rich's to draw)."""
    known = CODES.keys() | COLOURS.keys()
    return all(_one_cell(text) for text in texts) and all(
        word in known for style in styles for word in style.split()
    )


def _one_cell(text: str) -> bool:
    if text.isascii():
        return text.isprintable()
    # Latin letters with accents, and the punctuation of 2000-2027 (dashes, curly quotes,
    # bullets, ellipsis), one cell each; zero-width and wide characters are Rich's.
    return all(
        (c.isascii() and c.isprintable()) or 0xA0 <= ord(c) < 0x300 or 0x2010 <= ord(c) <= 0x2027
        for c in text
    )


def sgr(*styles: str) -> str:
    """The escape code of the styles laid one over another (a later colour wins)."""
    attributes: set[int] = set()
    colour: int | None = None
    for style in styles:
        for word in style.split():
            if word in CODES:
                attributes.add(CODES[word])
            else:
                colour = COLOURS[word]
    codes = sorted(attributes) + ([colour] if colour is not None else [])
    return ";".join(map(str, codes))


def styled(text: str, *styles: str) -> str:
    """`text` in `styles`, as Rich writes one segment."""
    codes = sgr(*styles)
    return f"\x1b[{codes}m{text}\x1b[0m" if codes and text else text


def line(parts: list[Part], base: str = "") -> str:
    """One line: each styled part a segment of its own, and the unstyled parts running on
    with what is before them (Rich splits a line where a style span starts or ends)."""
    out: list[str] = []
    run = ""
    for text, style in parts:
        if not text:
            continue  # Rich keeps no span for empty text
        if style:
            out.append(styled(run, base))
            out.append(styled(text, base, style))
            run = ""
        else:
            run += text
    out.append(styled(run, base))
    return "".join(out)


def wrap(parts: list[Part], width: int) -> list[list[Part]]:
    """`parts` word-wrapped to `width` cells as Rich's Text.wrap folds them (a word longer
    than a line folded; a line keeps the spaces after its last word up to the width)."""
    plain = "".join(text for text, _ in parts)
    breaks = _divide(plain, width)
    lines: list[list[Part]] = []
    for start, end in zip([0, *breaks], [*breaks, len(plain)], strict=True):
        text = plain[start:end]
        if len(text) > width:  # spaces past the width go, then anything still over
            spaces = len(text) - len(text.rstrip())
            text = text[: len(text) - min(spaces, len(text) - width)][:width]
        lines.append(_slice(parts, start, start + len(text)))
    return lines


def _divide(text: str, width: int) -> list[int]:
    """Where Rich's divide_line breaks `text` (one-cell characters) to fit `width`."""
    breaks: list[int] = []
    offset = 0
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group(0)
        length = len(word.rstrip())
        if width - offset >= length:
            offset += len(word)
        elif length > width:
            pieces = [word[i : i + width] for i in range(0, len(word), width)]
            for number, piece in enumerate(pieces):
                if start:
                    breaks.append(start)
                if number == len(pieces) - 1:
                    offset = len(piece)
                else:
                    start += len(piece)
        elif offset and start:
            breaks.append(start)
            offset = len(word)
    return breaks


def _slice(parts: list[Part], start: int, end: int) -> list[Part]:
    """The parts of the text from `start` to `end`, styles kept."""
    out: list[Part] = []
    at = 0
    for text, style in parts:
        lo, hi = max(start, at), min(end, at + len(text))
        if lo < hi:
            out.append((text[lo - at : hi - at], style))
        at += len(text)
    return out
