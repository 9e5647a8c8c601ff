"""Today's journal prompt, rotating through the principles, and the scaffold for $EDITOR."""

from __future__ import annotations

import random
import re
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import NamedTuple

from lp_coach.content.model import Library, Principle
from lp_coach.dates import long_date
from lp_coach.errors import NotFound
from lp_coach.journal.entries import normalize

SCAFFOLD_TEMPLATE = "journal-entry.md.j2"
EDIT_TEMPLATE = "journal-edit.md.j2"
PROMPT_WEIGHT = 3.0
"""A principle never learned is (1 + PROMPT_WEIGHT) times as likely to give the prompt as
one mastered."""
GENERIC = "Where did {title} show up in your week, and what did you do?"
"""The prompt for a principle whose pack gives none."""

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


class Prompt(NamedTuple):
    """A question to write about, and the principle it comes from."""

    principle: Principle
    text: str
    day: date


def prompt_for(library: Library, day: date, principle: Principle | None = None) -> Prompt:
    """The prompt of the day: a principle a day in series order, and its prompts in turn.

    Day by day the principles come round one after another; each time a principle comes
    round again it asks its next prompt. With `principle`, that principle's prompt of the day.
    """
    if not library.principles:
        raise NotFound("no principles to take a prompt from (see `lp-coach principles list`)")
    count = len(library.principles)
    ordinal = day.toordinal()
    chosen = principle or library.principles[ordinal % count]
    round_ = ordinal // count if principle is None else ordinal
    prompts = chosen.journal_prompts or (GENERIC.format(title=chosen.title),)
    return Prompt(chosen, prompts[round_ % len(prompts)], day)


def scaffold(
    prompt: Prompt, *, answer: bool, tagged: bool = False, overrides: Sequence[Path] = ()
) -> str:
    """The text $EDITOR opens on: the prompt and the principle in a note, room to write.

    An entry written on the prompt is about its principle: the scaffold carries its
    #tag as a line of its own, to keep or delete. With `answer`, the prompt is the
    entry's first line and its principle is tagged; `tagged` says the caller tags it
    already (with --principle), so the line is left out.
    """
    from lp_coach.render.templates import render

    return render(
        SCAFFOLD_TEMPLATE,
        overrides,
        prompt=prompt.text,
        principle=prompt.principle,
        when=long_date(prompt.day),
        answer=answer,
        tagged=tagged or answer,
    )


def edit_scaffold(
    entry_id: int, when: str, principles: Sequence[str], text: str, overrides: Sequence[Path] = ()
) -> str:
    """The text $EDITOR opens on to change an entry: a note about it, then its words."""
    from lp_coach.render.templates import render

    return render(
        EDIT_TEMPLATE, overrides, id=entry_id, when=when, principles=principles, text=text
    )


def written(edited: str) -> str:
    """What the user wrote in a scaffold: the text without its <!-- notes -->."""
    return normalize(_COMMENT.sub("", edited))


def unchanged(edited: str, original: str) -> bool:
    """Whether the user saved the scaffold without writing anything of their own."""
    return written(edited) == written(original)


def prompt_principle(library: Library, mastery: Mapping[str, float], day: date) -> Principle:
    """The principle of the day's prompt: drawn for the day, weakest in mastery most likely.

    The same all day. Days are drawn in turn from the Monday of the week, each leaving
    out the day before's principle, so no principle comes two days running in a week.
    """
    if not library.principles:
        raise NotFound("no principles to take a prompt from (see `lp-coach principles list`)")
    chosen: Principle | None = None
    for offset in range(day.weekday(), -1, -1):
        chosen = _draw(library.principles, mastery, day - timedelta(days=offset), chosen)
    assert chosen is not None
    return chosen


def _draw(
    principles: Sequence[Principle],
    mastery: Mapping[str, float],
    day: date,
    avoid: Principle | None,
) -> Principle:
    pool = [p for p in principles if p != avoid] or list(principles)
    weights = [1.0 + PROMPT_WEIGHT * (1.0 - mastery.get(p.id, 0.0)) for p in pool]
    return random.Random(day.toordinal()).choices(pool, weights=weights)[0]
