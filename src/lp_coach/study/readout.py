"""What a step says: the lines read to the group, with their role, for any face to style."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from lp_coach.study.records import SessionEntry
from lp_coach.study.steps import CHECK_IN, WARM_UP
from lp_coach.study.view import View

Role = Literal["key", "body", "dim", "bullet", "ref", "lesson", "leader", "option"]


@dataclass(frozen=True)
class Line:
    """One paragraph of a step; `role` says how it matters, not how it looks."""

    text: str
    role: Role = "body"


ANSWERED = " — answered ✓"


def _said(entry: SessionEntry) -> str:
    return f"{entry.person}: {entry.text}" if entry.person else entry.text


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
        lines.append(Line(CHECK_IN, "key"))
        if view.previous_actions:
            lines.append(Line("Last time, these action steps were chosen (how did they go?):"))
            lines += [Line(_said(e), "bullet") for e in view.previous_actions]
        if view.previous_prayers:
            lines.append(Line("Last time's prayer requests (how are they now?):"))
            lines += [
                Line(f"{n}. {_said(e)}{ANSWERED if e.id in view.answered else ''}", "bullet")
                for n, e in enumerate(view.previous_prayers, 1)
            ]
        return lines
    if step.collects == WARM_UP:
        return warm_up_lines(view)
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
        if not view.people:
            return [Line("Name one thing you will do this week.", "key")]
        return [Line("Each person names one thing they will do this week.", "key")]
    if step.kind == "closing":
        return [
            Line(
                "Close in prayer." if step.collects == "prayer" else "Thank you for coming.", "key"
            )
        ]
    return [Line(segment.title, "key")]


def warm_up_lines(view: View) -> list[Line]:
    """A warm-up card: its front, what it asks and the choices; once counted, the answer,
    the count and the card's explanation."""
    card = view.warm_up
    if card is None:
        return [Line("No more warm-up cards: go on.", "dim")]
    lines = [
        Line(f"Warm-up {card.number} of {card.total} · {card.label}", "dim"),
        Line(card.front, "key"),
        Line(card.instruction),
        *(Line(f"  {n}. {option}", "option") for n, option in enumerate(card.options, 1)),
    ]
    if card.tally is not None:
        lines.append(Line(f"Answer: {card.right} · {card.tally}", "key"))
        if card.explanation:
            lines.append(Line(card.explanation, "lesson"))
    elif card.answered:
        lines.append(Line(f"{card.answered} answered", "key"))
    return lines
