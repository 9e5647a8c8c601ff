"""A story as text: the STAR scaffold written in $EDITOR or piped in, read back into parts."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from lp_coach.stories.model import PARTS, Story

SCAFFOLD_TEMPLATE = "story-entry.md.j2"
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_HEADING = re.compile(
    r"^\s*(#{1,6}\s*)?(\*\*)?(situation|task|action|result|[star])\b(\*\*)?\s*(:)?(\*\*)?\s*(.*)$",
    re.IGNORECASE,
)
_FIELD = re.compile(r"^\s*(title|principles?)\s*:\s*(.*)$", re.IGNORECASE)
_LETTERS = {"s": "situation", "t": "task", "a": "action", "r": "result"}


class StoryText(NamedTuple):
    """What a user wrote: a title, the STAR parts, and the principles as typed."""

    title: str
    parts: dict[str, str]
    principles: list[str]
    """Each name on the Principles: line, as typed (ids, titles or prefixes)."""

    def empty(self) -> bool:
        return not self.title and not any(self.parts.values())


def heading_part(line: str) -> tuple[str, str] | None:
    """(part, words after the label) when `line` opens a STAR part: '## Action', 'Result: ...'.

    A single letter ('S:') counts only with its colon, so a line starting with 'A' is prose.
    """
    match = _HEADING.match(line)
    if match is None:
        return None
    hashes, bold, label, _, colon, _, rest = match.groups()
    label = label.casefold()
    if len(label) == 1:
        marked = colon is not None
    else:  # '## Action', '**Action**', 'Action: ...', or 'Action' on a line of its own
        marked = bool(hashes or bold or colon) or not rest.strip()
    return (_LETTERS.get(label, label), rest) if marked else None


def split_parts(text: str) -> tuple[str, dict[str, str]]:
    """(text before the first STAR label, each labelled part's words); labels as heading_part."""
    before: list[str] = []
    parts: dict[str, list[str]] = {}
    current: list[str] = before
    for line in text.replace("\r\n", "\n").split("\n"):
        found = heading_part(line)
        if found is not None:
            name, rest = found
            current = parts.setdefault(name, [])
            if rest.strip():
                current.append(rest)
            continue
        current.append(line)
    return _tidy(before), {name: _tidy(lines) for name, lines in parts.items()}


def read_story(text: str) -> StoryText:
    """Read a scaffold (or any text) back: 'Title:' and 'Principles:' lines, then the parts.

    Text with no 'Title:' line takes its first line as the title. Words before the first
    STAR label, after the title, belong to the Situation.
    """
    text = _COMMENT.sub("", text)
    title = ""
    principles: list[str] = []
    kept: list[str] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        field = _FIELD.match(line)
        if field is not None and heading_part(line) is None:
            if field.group(1).casefold() == "title":
                title = title or field.group(2).strip()
            else:
                principles += [w.strip() for w in re.split(r"[,;]", field.group(2)) if w.strip()]
            continue
        kept.append(line)
    before, labelled = split_parts("\n".join(kept))
    if not title and before:
        title, _, before = before.partition("\n")
        title, before = title.strip().lstrip("#").strip(), before.strip()
    parts = {name: labelled.get(name, "") for name in PARTS}
    if before:
        parts["situation"] = f"{before}\n\n{parts['situation']}".strip()
    return StoryText(title, parts, principles)


def scaffold(
    titles: Sequence[tuple[str, str]],
    story: Story | None = None,
    *,
    principles: Sequence[str] = (),
    note: str | None = None,
    overrides: Sequence[Path] = (),
    title: str = "",
    parts: dict[str, str] | None = None,
) -> str:
    """The text $EDITOR opens on: Title, Principles and the four parts, with a note on tagging.

    `titles` are (id, title) of every principle, listed in the note to choose from.
    """
    from lp_coach.render.templates import render

    values = story.parts() if story else dict(parts or {})
    return render(
        SCAFFOLD_TEMPLATE,
        overrides,
        story=story,
        title=story.title if story else title,
        tags=list(story.principles if story else principles),
        parts=[(name, values.get(name, "")) for name in PARTS],
        principles=list(titles),
        note=note,
    )


def _tidy(lines: list[str]) -> str:
    return "\n".join(lines).strip()
