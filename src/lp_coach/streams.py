"""Small facts about text streams that the plain faces share."""

from __future__ import annotations

from typing import TextIO


def is_terminal(stream: TextIO) -> bool:
    """Whether `stream` is a terminal (False for pipes, files, StringIO and closed streams)."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
