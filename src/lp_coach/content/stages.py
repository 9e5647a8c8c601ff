"""Discussion question stages (grounding, interpretive, application), as each question says.

A question names its `stage`. One that does not (an older pack) is placed by file order:
authors used to order questions from what the principle says, through what it means, to
what it asks of us this week, in roughly equal thirds. Agendas pick from every stage;
guides group by stage.
"""

from __future__ import annotations

from dataclasses import dataclass

from lp_coach.content.model import Question


@dataclass(frozen=True)
class Stage:
    """One of the three kinds of discussion question."""

    key: str
    title: str
    prompt: str


STAGES = (
    Stage("grounding", "Grounding", "What does it say, and where have we seen it?"),
    Stage("interpretive", "Interpretive", "What does it mean, and where are its limits?"),
    Stage("application", "Application", "What will we do with it this week?"),
)


def stage_bounds(count: int) -> tuple[int, int]:
    """Where interpretive and application questions begin among `count` questions.

    Thirds rounded half up: 9 questions split 3/3/3, 10 split 3/4/3, 8 split 3/2/3.
    """
    return int(count / 3 + 0.5), int(2 * count / 3 + 0.5)


def stage_of(index: int, questions: tuple[Question, ...]) -> Stage:
    """The stage of the question at `index` (0-based): its own, else guessed from its place."""
    named = questions[index].stage
    if named is not None:
        return next(s for s in STAGES if s.key == named)
    interpretive, application = stage_bounds(len(questions))
    if index >= application:
        return STAGES[2]
    return STAGES[1] if index >= interpretive else STAGES[0]
