"""Discussion questions as a guide shows them: numbered, grouped by stage, with their slots."""

from __future__ import annotations

from dataclasses import dataclass

from lp_coach.content.model import Question
from lp_coach.content.stages import STAGES, Stage, stage_of
from lp_coach.study.agenda import Segment


@dataclass(frozen=True)
class GuideQuestion:
    """A discussion question as the guide numbers it, and its slot on the agenda if it has one."""

    number: int
    """Its place among the principle's questions, from 1; the same for any --minutes."""
    question: Question
    stage: Stage
    slot: Segment | None = None
    """The agenda segment that times it; None when it is there only if time allows."""

    @property
    def clock(self) -> str | None:
        """When its slot starts, as H:MM from the start of the meeting."""
        return clock_time(self.slot.start) if self.slot is not None else None


@dataclass(frozen=True)
class QuestionGroup:
    """The questions of one stage, in file order."""

    stage: Stage
    questions: tuple[GuideQuestion, ...]


def clock_time(minutes: int) -> str:
    """Minutes from the start of a meeting as H:MM: 0:05, 1:20."""
    return f"{minutes // 60}:{minutes % 60:02d}"


def group_questions(
    questions: tuple[Question, ...], agenda_segments: tuple[Segment, ...] = ()
) -> tuple[QuestionGroup, ...]:
    """The questions in their three groups (empty groups left out), each with its agenda slot."""
    slots: dict[int, Segment] = {}
    for segment in agenda_segments:
        if segment.question is not None:
            slots[index_of(questions, segment.question)] = segment
    numbered = [
        GuideQuestion(i + 1, q, stage_of(i, questions), slots.get(i))
        for i, q in enumerate(questions)
    ]
    groups = (
        QuestionGroup(stage, tuple(q for q in numbered if q.stage is stage)) for stage in STAGES
    )
    return tuple(g for g in groups if g.questions)


def index_of(questions: tuple[Question, ...], question: Question) -> int:
    """The position of `question` (the agenda holds the library's own objects)."""
    for i, candidate in enumerate(questions):
        if candidate is question:
            return i
    return questions.index(question)
