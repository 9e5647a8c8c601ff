"""The screens of a session: the agenda's segments broken into steps, each with its timer."""

from __future__ import annotations

from dataclasses import dataclass

from lp_coach.content.model import Scripture
from lp_coach.study.agenda import Agenda, Segment
from lp_coach.study.visibility import WARM_UP, WARM_UP_ANSWER  # the kinds visibility rules on

CHECK_IN = "Check-in: how has your week been?"
"""What the welcome step asks, the same on the screen, the phones and in the notes."""

__all__ = ["CHECK_IN", "WARM_UP", "WARM_UP_ANSWER", "Step", "build_steps"]


@dataclass(frozen=True)
class Step:
    """One screen of the session: what is shown, what is collected, and for how long."""

    key: str
    segment: Segment
    minutes: int
    collects: str | None = None
    """The kind of entry typed here: 'attendance', 'answer', 'action', 'prayer', 'warm_up'
    (a show of hands, counted) or None."""
    per_person: bool = False
    """Ask each person in turn (action steps), rather than rotating freely (discussion)."""
    passage: Scripture | None = None

    @property
    def kind(self) -> str:
        return self.segment.kind


def build_steps(agenda: Agenda, group: bool) -> list[Step]:
    """Every step of the session in order."""
    steps: list[Step] = []
    for segment in agenda.segments:
        kind = segment.kind
        if kind == "welcome":
            if group:
                steps.append(Step("attendance", segment, 1, collects="attendance"))
            steps.append(Step("welcome", segment, max(1, segment.minutes - 1), collects="answer"))
        elif kind == WARM_UP:
            for n in range(1, segment.minutes + 1):  # a card a minute
                steps.append(Step(f"warm-up-{n}", segment, 1, collects=WARM_UP))
        elif kind == "scripture":
            share = _shares(segment.minutes, len(segment.passages))
            for n, (passage, minutes) in enumerate(zip(segment.passages, share, strict=True), 1):
                steps.append(Step(f"scripture-{n}", segment, minutes, passage=passage))
        elif kind in ("example", "discussion", "tension"):
            steps.append(Step(segment.key, segment, segment.minutes, collects="answer"))
        elif kind == "actions":
            steps.append(Step("actions", segment, segment.minutes, "action", per_person=True))
        elif kind == "closing":
            collects = "prayer" if agenda.prayer else None
            steps.append(Step("closing", segment, segment.minutes, collects, per_person=group))
        else:
            steps.append(Step(segment.key, segment, segment.minutes))
    return steps


def _shares(total: int, parts: int) -> list[int]:
    base, extra = divmod(total, parts)
    return [max(1, base + (1 if i < extra else 0)) for i in range(parts)]
