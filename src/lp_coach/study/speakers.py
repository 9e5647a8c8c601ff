"""Who said it: a speaker picked by number, initial or name, or named at the start of an answer;
and who can be a speaker: the names a roll call or --group gives."""

from __future__ import annotations

import re

from lp_coach.safetext import printable, repaired

SPOKEN = ("answer", "action", "prayer")
"""The kinds of step on which someone in particular speaks (and can be picked)."""
MAX_NAME = 40
"""The longest name a person can be given."""
LEADING_NAME = re.compile(rf"\s*([^:\n]{{1,{MAX_NAME}}}?)\s*:\s*(.*)", re.DOTALL)


def roll_call(text: str) -> tuple[str, ...]:
    """The names in `text` as typed ('Ann, Ben; Cal'), each printable and on one line (no
    escape sequences), in order, once each."""
    clean = printable(repaired(text))  # first: an escape sequence can hold a ';'
    names = (" ".join(n.split()) for n in re.split(r"[,;]", clean))
    return tuple(dict.fromkeys(n for n in names if n))


def not_a_name(text: str) -> str | None:
    """Why a name in `text` (a roll call, as `roll_call` splits it) cannot be a person's, or
    None: 'Ann: fine' is an answer, '2' picks the second person, '/next' is a command."""
    for name in roll_call(text):
        if ":" in name:
            return f'"{name}" is not a name: type names only (a name has no ":")'
        if name.isdigit() or name.startswith("/"):
            return f'"{name}" is not a name: type names only, separated by commas'
        if len(name) > MAX_NAME:
            return f'"{name[:MAX_NAME]}..." is too long for a name ({MAX_NAME} characters at most)'
    return None


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
