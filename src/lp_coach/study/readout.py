"""What a step says: the lines read to the group, with their role, for any face to style."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from lp_coach.study.view import View

Role = Literal["key", "body", "dim", "bullet", "ref", "lesson", "leader"]


@dataclass(frozen=True)
class Line:
    """One paragraph of a step; `role` says how it matters, not how it looks."""

    text: str
    role: Role = "body"


def readout(view: View) -> list[Line]:
    """The paragraphs of the step in `view` (follow-ups and key hints are the face's)."""
    p, step = view.principle, view.step
    segment = step.segment
    leader = view.leader
    if step.key == "attendance":
        return [
            Line(f"Welcome! Today: {p.title}.", "key"),
            Line("In the group: " + ", ".join(view.people)),
        ]
    if step.key == "welcome":
        lines = [Line(f"Welcome! Today we study {p.order}. {p.title}.")]
        if not view.previous_actions:
            return [*lines, Line("Check-in: how has your week been?", "key")]
        lines.append(Line("Last time, these action steps were chosen:"))
        lines += [
            Line(f"{e.person + ': ' if e.person else ''}{e.text}", "bullet")
            for e in view.previous_actions
        ]
        return [*lines, Line("How did they go?", "key")]
    if step.kind == "opening":
        return [
            Line("Open in prayer." if "prayer" in segment.title.lower() else "Settle in.", "key")
        ]
    if step.kind == "principle":
        return [Line("Read the principle aloud:"), Line(p.statement, "key")]
    if step.passage is not None:
        lines = [
            Line(f"{step.passage.ref} ({step.passage.translation})", "ref"),
            Line(step.passage.text, "key"),
        ]
        if leader and step.passage.note:
            lines.append(Line(step.passage.note, "leader"))
        return lines
    if segment.example is not None:
        example = segment.example
        return [
            Line(example.story),
            Line(example.lesson, "lesson"),
            Line(f"Source: {example.source}", "dim"),
            *(Line(q, "bullet") for q in example.questions),
        ]
    if segment.question is not None:
        lines = [Line(segment.question.question, "key")]
        if leader and segment.question.leader_notes:
            lines.append(Line(segment.question.leader_notes, "leader"))
        return lines
    if segment.tension is not None:
        return [Line(segment.tension.question, "key")]
    if step.kind == "actions":
        return [Line("Each person names one thing they will do this week.", "key")]
    if step.kind == "closing":
        return [
            Line(
                "Close in prayer." if step.collects == "prayer" else "Thank you for coming.", "key"
            )
        ]
    return [Line(segment.title, "key")]
