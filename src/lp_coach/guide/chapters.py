"""One principle's chapter of a guide: its agenda, readings, story, questions and tension."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lp_coach.content.model import Example, Library, Principle, Scripture, Tension
from lp_coach.guide.questions import QuestionGroup, clock_time, group_questions
from lp_coach.study.agenda import Agenda, Segment, build_agenda

KEY_VERSE_MAX = 340
"""Characters: about four printed lines."""


@dataclass(frozen=True)
class AgendaRow:
    """One line of the printed agenda: when it starts, how long it takes, what it is."""

    clock: str
    """Minutes from the start as H:MM, e.g. '0:20'."""
    minutes: int
    title: str
    kind: str
    key: str


@dataclass(frozen=True)
class Chapter:
    """Everything a guide shows for one principle, chosen by the session's own agenda."""

    number: int
    """Its place in the guide, from 1 (the meeting number when it comes from the plan)."""
    principle: Principle
    agenda: Agenda
    rows: tuple[AgendaRow, ...]
    groups: tuple[QuestionGroup, ...]
    readings: tuple[Scripture, ...]
    """The passages the session reads, in order."""
    further: tuple[Scripture, ...]
    """The principle's other passages, for reading at home."""
    example: Example | None
    tension: Tension | None
    tension_title: str | None
    """The title of the principle the tension is with."""
    journal_prompt: str | None
    date: date | None = None

    @property
    def key_verse(self) -> Scripture | None:
        """The reading shown under the big idea: the first one short enough to stand alone.

        Files mark no key verse; the first reading is the author's anchor, unless it is a
        long passage (Numbers 13:30-33 for Think Big), when the next short one is taken.
        """
        if not self.readings:
            return None
        short = (s for s in self.readings if len(s.text) <= KEY_VERSE_MAX)
        return next(short, min(self.readings, key=lambda s: len(s.text)))

    @property
    def date_long(self) -> str | None:
        """The meeting's date as a person writes it: 'Monday 5 January 2026'."""
        if self.date is None:
            return None
        return f"{self.date:%A} {self.date.day} {self.date:%B %Y}"

    def row(self, key: str) -> AgendaRow | None:
        """The agenda line of the segment `key` ('scripture', 'tension', ...), or None."""
        return next((r for r in self.rows if r.key == key), None)

    @property
    def on_agenda(self) -> int:
        """How many discussion questions the agenda has time for."""
        return sum(1 for g in self.groups for q in g.questions if q.slot is not None)

    @property
    def question_count(self) -> int:
        """How many discussion questions the principle has."""
        return sum(len(g.questions) for g in self.groups)


def build_chapter(
    library: Library,
    principle: Principle,
    *,
    number: int = 1,
    minutes: int = 60,
    scripture: bool = True,
    secular: bool = False,
    when: date | None = None,
) -> Chapter:
    """Lay out `principle` for a meeting of `minutes`, exactly as a study session would run it.

    The agenda's principle is the one its audience sees (without scripture, or secular), so
    every question, note and prompt below comes from it, as in the session.
    """
    agenda = build_agenda(
        principle, minutes, scripture=scripture, prayer=scripture, secular=secular
    )
    principle = agenda.principle
    groups = group_questions(principle.discussion, agenda.segments)
    numbers = {id(q.slot): q for g in groups for q in g.questions if q.slot is not None}
    scripture_segment = agenda.segment("scripture")
    readings = scripture_segment.passages if scripture_segment is not None else ()
    further = tuple(s for s in principle.scripture if s not in readings)
    example_segment = agenda.segment("example")
    tension_segment = agenda.segment("tension")
    tension = tension_segment.tension if tension_segment is not None else None
    tension_title = None
    if tension is not None:
        other = library.get(tension.with_)
        tension_title = other.title if other is not None else tension.with_
    rows = []
    for segment in agenda.segments:
        title = _row_title(segment, tension_title)
        question = numbers.get(id(segment))
        if question is not None:
            opening = opening_words(question.question.question)
            title = f"Question {question.number} ({question.stage.key}): {opening}"
        rows.append(
            AgendaRow(clock_time(segment.start), segment.minutes, title, segment.kind, segment.key)
        )
    return Chapter(
        number=number,
        principle=principle,
        agenda=agenda,
        rows=tuple(rows),
        groups=groups,
        readings=readings,
        further=further,
        example=example_segment.example if example_segment is not None else None,
        tension=tension,
        tension_title=tension_title,
        journal_prompt=principle.journal_prompts[0] if principle.journal_prompts else None,
        date=when,
    )


OPENING_WORDS = 7
"""How many of a question's words its agenda row shows: enough to know it on the page."""


def opening_words(text: str, count: int = OPENING_WORDS) -> str:
    """The first `count` words of `text`, with an ellipsis when there are more."""
    words = text.split()
    return " ".join(words) if len(words) <= count else " ".join(words[:count]) + "…"


def _row_title(segment: Segment, tension_title: str | None) -> str:
    if segment.kind == "scripture":
        return "Scripture: " + ", ".join(p.ref for p in segment.passages)
    if segment.kind == "tension" and tension_title:
        return f"Tension with {tension_title}"
    return segment.title
