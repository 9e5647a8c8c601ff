"""Text from a pack made safe for CommonMark: it reads as itself, never as markup or HTML."""

from __future__ import annotations

import re

_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])")
_BLANK_RUNS = re.compile(r"\n{3,}")


def md(text: object) -> str:
    """`text` on one line with CommonMark's punctuation escaped.

    Whitespace (newlines included) collapses to single spaces, so a value can sit in a
    list item or a block quote; `<` is escaped, so a pack cannot smuggle in raw HTML
    for a Markdown-to-HTML converter to pass through.
    """
    flat = " ".join(str(text).split())
    escaped = _INLINE.sub(r"\\\1", flat)
    return _LINE_START.sub(_escape_marker, escaped, count=1)


def tidy(markdown: str) -> str:
    """Trailing spaces gone, blank lines at most one in a row, one newline at the end."""
    lines = "\n".join(line.rstrip() for line in markdown.splitlines())
    return _BLANK_RUNS.sub("\n\n", lines).strip("\n") + "\n"


def _escape_marker(match: re.Match[str]) -> str:
    lead, marker = match.group(1), match.group(2)
    if marker[-1] in ".)":
        return f"{lead}{marker[:-1]}\\{marker[-1]}"
    return f"{lead}\\{marker}"
