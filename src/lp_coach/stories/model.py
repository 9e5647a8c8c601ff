"""A STAR story as stored: title, Situation, Task, Action, Result, and its principle tags."""

from __future__ import annotations

import sqlite3
from typing import Any, NamedTuple

from lp_coach.clock import shown

PARTS = ("situation", "task", "action", "result")
"""The four parts of a STAR story, in the order they are told."""
PART_TITLES = {"situation": "Situation", "task": "Task", "action": "Action", "result": "Result"}


class NewStory(NamedTuple):
    """A story about to be stored (or its new words): what the user wrote, with tags."""

    title: str
    situation: str = ""
    task: str = ""
    action: str = ""
    result: str = ""
    principles: tuple[str, ...] = ()
    """Principle ids, already checked against the library."""
    source: str | None = None

    def parts(self) -> dict[str, str]:
        """Each STAR part by name."""
        return {name: getattr(self, name) for name in PARTS}

    def empty(self) -> bool:
        """Whether there is nothing to keep: no title and no part."""
        return not self.title.strip() and not any(v.strip() for v in self.parts().values())


class Story(NamedTuple):
    """One stored story."""

    id: int
    title: str
    situation: str
    task: str
    action: str
    result: str
    created: str
    updated: str
    source: str | None
    principles: tuple[str, ...] = ()

    def parts(self) -> dict[str, str]:
        """Each STAR part by name."""
        return {name: getattr(self, name) for name in PARTS}

    def missing(self) -> list[str]:
        """The STAR parts left empty."""
        return [name for name in PARTS if not getattr(self, name).strip()]

    def to_dict(self) -> dict[str, Any]:
        """The story as JSON."""
        return {
            "id": self.id,
            "title": self.title,
            "principles": list(self.principles),
            **self.parts(),
            "created": shown(self.created),
            "updated": shown(self.updated),
            "source": self.source,
        }


STORY_COLUMNS = (
    "s.id, s.title, s.situation, s.task, s.action, s.result, s.created, s.updated, s.source, "
    "(SELECT group_concat(principle_id, ' ') FROM story_tags t WHERE t.story_id = s.id) "
    "AS principles"
)
"""What to SELECT FROM stories s to build a Story with `from_row`."""


def from_row(row: sqlite3.Row) -> Story:
    """A Story from a row selected with STORY_COLUMNS."""
    return Story(
        id=row["id"],
        title=row["title"],
        situation=row["situation"],
        task=row["task"],
        action=row["action"],
        result=row["result"],
        created=row["created"],
        updated=row["updated"],
        source=row["source"],
        principles=tuple(sorted((row["principles"] or "").split())),
    )
