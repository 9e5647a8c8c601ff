"""Coverage of the principles by the story bank: which principles have no story, or just one."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from lp_coach.content.model import Library
from lp_coach.stories.model import Story

GAP, THIN, COVERED = "gap", "thin", "covered"
"""A principle with no story, with only one, and with two or more."""


class Row(NamedTuple):
    """One principle and the stories tagged with it."""

    id: str
    title: str
    stories: tuple[int, ...]

    @property
    def level(self) -> str:
        count = len(self.stories)
        return GAP if count == 0 else THIN if count == 1 else COVERED


class Coverage(NamedTuple):
    """Principles (rows) by stories (columns)."""

    rows: list[Row]
    stories: list[Story]

    def gaps(self) -> list[Row]:
        return [r for r in self.rows if r.level == GAP]

    def thin(self) -> list[Row]:
        return [r for r in self.rows if r.level == THIN]

    def to_json(self) -> dict[str, Any]:
        return {
            "principles": [
                {"id": r.id, "title": r.title, "stories": list(r.stories), "level": r.level}
                for r in self.rows
            ],
            "stories": [{"id": s.id, "title": s.title} for s in self.stories],
            "gaps": [r.id for r in self.gaps()],
            "thin": [r.id for r in self.thin()],
        }


def coverage(library: Library, stories: Iterable[Story]) -> Coverage:
    """Every principle of the library in series order, with its stories.

    A story tagged with a principle the library no longer has gets a row of its own at
    the end, so no story drops out of the picture.
    """
    listed = list(stories)
    ids = library.ids()
    by_principle: dict[str, list[int]] = {pid: [] for pid in ids}
    for story in listed:
        for pid in story.principles:
            by_principle.setdefault(pid, []).append(story.id)
    rows = [
        Row(pid, (p.title if (p := library.get(pid)) else pid), tuple(found))
        for pid, found in by_principle.items()
    ]
    return Coverage(rows, listed)


def counts(library: Library, tagged: dict[str, int]) -> dict[str, int]:
    """Stories per principle of the library (0 for none), from store.tag_counts."""
    return {pid: tagged.get(pid, 0) for pid in library.ids()}
