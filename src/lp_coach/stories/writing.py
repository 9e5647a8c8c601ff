"""Turn what a user wrote (scaffold, flags, stdin, a journal entry) into a story draft."""

from __future__ import annotations

from collections.abc import Sequence

from lp_coach.content.lookup import find_principle
from lp_coach.content.model import Library
from lp_coach.journal.entries import Entry
from lp_coach.journal.tags import principle_tags
from lp_coach.stories.model import PARTS, NewStory
from lp_coach.stories.text import StoryText, read_story, split_parts


def to_draft(
    written: StoryText, library: Library, *, extra: Sequence[str] = (), source: str | None = None
) -> NewStory:
    """The draft for `written`: its Principles line, `extra` (--principle) and #tags resolved.

    A name that is no principle raises NotFound with "did you mean" suggestions.
    """
    tags: list[str] = []
    for typed in [*written.principles, *extra]:
        found = find_principle(library, typed).id
        if found not in tags:
            tags.append(found)
    words = "\n".join([written.title, *written.parts.values()])
    tags += [t for t in principle_tags(words, library.ids()) if t not in tags]
    return NewStory(
        title=" ".join(written.title.split()),
        **{name: written.parts.get(name, "").strip() for name in PARTS},
        principles=tuple(tags),
        source=source,
    )


def from_flags(
    title: str | None, parts: dict[str, str | None], principles: Sequence[str]
) -> StoryText:
    """What --title, --situation, --task, --action and --result gave."""
    return StoryText(
        (title or "").strip(),
        {name: (parts.get(name) or "").strip() for name in PARTS},
        list(principles),
    )


def from_journal(entry: Entry) -> StoryText:
    """A journal entry as a story to finish: its first line the title, its words in the parts.

    Words the entry labels ('Situation:', '## Result', 'A: ...') go to that part; the
    rest is the Situation, for the user to split up. The entry's principles come along.
    """
    before, labelled = split_parts(entry.body)
    parts = {name: labelled.get(name, "") for name in PARTS}
    if before:
        parts["situation"] = f"{before}\n\n{parts['situation']}".strip()
    return StoryText(entry.title, parts, list(entry.principles))


def read_text(text: str) -> StoryText:
    """Piped or edited text read as a story (see stories.text.read_story)."""
    return read_story(text)
