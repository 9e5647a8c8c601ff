"""Whose turn it is in a group session: round the group on each question, starting with the
next person each time, or once each on the steps everyone answers."""

from __future__ import annotations

from collections.abc import Sequence

from lp_coach.study.records import State
from lp_coach.study.steps import WARM_UP, Step


def whose_turn(steps: Sequence[Step], state: State, people: Sequence[str]) -> str | None:
    """Whose turn it is on the current step (None when solo, or nobody answers there)."""
    step = steps[state.position]
    if not people or step.collects in (None, "attendance", WARM_UP):
        return None
    if step.per_person:
        return people[state.turn] if state.turn < len(people) else None
    return people[(answer_steps_before(steps, state.position) + state.turn) % len(people)]


def turn_of(steps: Sequence[Step], state: State, people: Sequence[str], person: str) -> int:
    """The value of `state.turn` at which it is `person`'s turn on a rotating step."""
    rotation = answer_steps_before(steps, state.position)
    return (list(people).index(person) - rotation) % len(people)


def answer_steps_before(steps: Sequence[Step], position: int) -> int:
    """How many answer-collecting steps come before `position` (to rotate who starts)."""
    return sum(1 for s in steps[:position] if s.collects == "answer")
