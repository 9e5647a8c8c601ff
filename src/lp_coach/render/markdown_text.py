"""Text from people (phones, the keyboard) made safe to put in Markdown: read as typed, never
as markup or HTML."""

from __future__ import annotations

import re

SPECIAL = re.compile(r"([\\`*\[\]<>&|~]|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z]))")
"""What Markdown could act on; an underscore inside a word (snake_case) is plain already."""
LEADING = re.compile(r"^(\s*\d*)([#+\-=!.)])", re.MULTILINE)
# what starts a heading or a list at the start of a line: "# x" -> "\# x", "1. x" -> "1\. x"


def markdown_text(text: object) -> str:
    """`text` with every character Markdown could act on escaped by a backslash."""
    escaped = SPECIAL.sub(r"\\\1", str(text))
    return LEADING.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped)
