"""Who said it: a speaker picked by number, initial or name, or named at the start of an answer."""

from __future__ import annotations

import re

SPOKEN = ("answer", "action", "prayer")
"""The kinds of step on which someone in particular speaks (and can be picked)."""
LEADING_NAME = re.compile(r"\s*([^:\n]{1,40}?)\s*:\s*(.*)", re.DOTALL)


def pick(people: tuple[str, ...], key: str) -> str | None:
    """The person `key` names: '2' (their place), 'b' (a unique initial) or 'Ben'."""
    key = key.strip()
    if key.isdigit():
        number = int(key)
        return people[number - 1] if 1 <= number <= len(people) else None
    folded = key.casefold()
    for person in people:
        if person.casefold() == folded:
            return person
    if len(key) == 1:
        starting = [p for p in people if p[:1].casefold() == folded]
        return starting[0] if len(starting) == 1 else None
    return None


def split_speaker(people: tuple[str, ...], text: str) -> tuple[str | None, str]:
    """'Ben: agreed.' -> ('Ben', 'agreed.') when Ben is present; else (None, text)."""
    match = LEADING_NAME.fullmatch(text)
    if match is None or not match.group(2).strip():
        return None, text
    name = match.group(1).casefold()
    for person in people:
        if person.casefold() == name:
            return person, match.group(2).strip()
    return None, text


def initials(people: tuple[str, ...]) -> str:
    """'1 Ann · 2 Ben · 3 Cal': how to pick each person."""
    return " · ".join(f"{n} {person}" for n, person in enumerate(people, 1))
