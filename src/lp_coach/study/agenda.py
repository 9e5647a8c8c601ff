"""The timed agenda of a study session, built from a principle and the time available.

Study sessions and printed guides use this one builder, so they agree minute for minute.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field, replace

from lp_coach.content.audience import audience, for_audience
from lp_coach.content.model import Example, Principle, Question, Scripture, Tension
from lp_coach.content.stages import STAGES, stage_of
from lp_coach.errors import UsageError
from lp_coach.study.records import Options

MIN_MINUTES = 40
MAX_MINUTES = 180
DEFAULT_QUESTION_MINUTES = 7

# Minutes for the fixed segments of a 60-minute session. Other lengths scale these by
# half as much as the time changes, so a longer session mostly buys more discussion.
BASE = {
    "welcome": 5,
    "opening": 2,
    "principle": 2,
    "scripture": 6,
    "example": 5,
    "tension": 5,
    "actions": 5,
    "closing": 4,
}


@dataclass(frozen=True)
class Segment:
    """One block of the agenda, with its own timer."""

    key: str
    """Stable within a session: 'welcome', 'scripture', 'discussion-3', ..."""
    kind: str
    title: str
    minutes: int
    start: int = 0
    """Minutes from the start of the session."""
    question: Question | None = None
    passages: tuple[Scripture, ...] = ()
    example: Example | None = None
    tension: Tension | None = None


@dataclass(frozen=True)
class Agenda:
    """The whole session, in order; its minutes add up to the time asked for."""

    principle: Principle
    """As this audience sees it (content/audience.py): marked items already left out."""
    minutes: int
    scripture: bool
    prayer: bool
    segments: tuple[Segment, ...] = field(default_factory=tuple)
    secular: bool = False

    def segment(self, key: str) -> Segment | None:
        """The segment with this key, or None."""
        return next((s for s in self.segments if s.key == key), None)


def agenda_for(principle: Principle, options: Options) -> Agenda:
    """The agenda a session's `options` ask for, of `principle`."""
    return build_agenda(
        principle,
        options.minutes,
        scripture=options.scripture,
        prayer=options.prayer,
        secular=options.secular,
        warm_up=options.warm_up,
    )


def build_agenda(
    principle: Principle,
    minutes: int = 60,
    *,
    scripture: bool = True,
    prayer: bool = True,
    secular: bool = False,
    warm_up: int = 0,
) -> Agenda:
    """Lay out a session of `minutes`: fixed parts scaled to the time, questions as fit.

    Without scripture the readings and every item that refers to one are left out; a
    secular session also leaves out prayer and every item that assumes faith. That is
    the one rule of content/audience.py, applied here so study and guide agree.

    `warm_up` cards (a group's warm-up quiz, study/warm_up.py) take a minute each, after the
    welcome and before the opening, from the time the discussion would have had.
    """
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise UsageError(
            f"--minutes must be between {MIN_MINUTES} and {MAX_MINUTES}, not {minutes}"
        )
    who = audience(scripture=scripture, secular=secular)
    principle = for_audience(principle, who)
    scripture, prayer = who.readings, prayer and not secular
    scale = 0.5 + 0.5 * minutes / 60
    fixed = {name: max(1, round(base * scale)) for name, base in BASE.items()}
    passages = principle.scripture if scripture else ()
    if passages:
        passages = passages[: max(1, min(len(passages), fixed["scripture"] // 2))]
    else:
        fixed.pop("scripture")
    example = principle.examples[0] if principle.examples else None
    if example is None:
        fixed.pop("example")
    tension = principle.tensions[0] if principle.tensions else None
    if tension is None:
        fixed.pop("tension")

    if warm_up:
        fixed["warm_up"] = warm_up
    budget = minutes - sum(fixed.values())
    questions = _questions_that_fit(principle.discussion, budget)
    spare = budget - sum(_q_minutes(q) for q in questions)
    timers = [_q_minutes(q) for q in questions]
    # Spare time goes to the questions the pack did not time; a question's own `minutes`
    # is kept as written. With none left to stretch, it goes to the closing.
    open_ended = [i for i, q in enumerate(questions) if q.minutes is None]
    for i in range(spare if open_ended else 0):
        timers[open_ended[i % len(open_ended)]] += 1
    if not open_ended:
        fixed["closing"] = fixed.get("closing", 0) + spare

    plan: list[Segment] = [
        Segment("welcome", "welcome", "Welcome and check-in", fixed["welcome"]),
    ]
    if warm_up:
        plan.append(Segment("warm-up", "warm_up", "Warm-up quiz", fixed["warm_up"]))
    plan += [
        Segment("opening", "opening", "Opening prayer" if prayer else "Opening", fixed["opening"]),
        Segment("principle", "principle", f"The principle: {principle.title}", fixed["principle"]),
    ]
    if passages:
        plan.append(
            Segment("scripture", "scripture", "Scripture", fixed["scripture"], passages=passages)
        )
    if example is not None:
        plan.append(
            Segment(
                "example", "example", f"Story: {example.title}", fixed["example"], example=example
            )
        )
    for n, (question, timer) in enumerate(zip(questions, timers, strict=True), 1):
        number = principle.discussion.index(question) + 1  # as numbered in guides
        plan.append(
            Segment(f"discussion-{n}", "discussion", f"Question {number}", timer, question=question)
        )
    if tension is not None:
        plan.append(Segment("tension", "tension", "Tension", fixed["tension"], tension=tension))
    plan.append(Segment("actions", "actions", "Action steps", fixed["actions"]))
    closing = "Closing and prayer requests" if prayer else "Closing"
    plan.append(Segment("closing", "closing", closing, fixed["closing"]))

    start = 0
    timed = []
    for segment in plan:
        timed.append(_with_start(segment, start))
        start += segment.minutes
    return Agenda(principle, minutes, scripture, prayer, tuple(timed), secular)


def _q_minutes(question: Question) -> int:
    return question.minutes or DEFAULT_QUESTION_MINUTES


def _questions_that_fit(questions: tuple[Question, ...], budget: int) -> list[Question]:
    """As many questions as fit, taken from each stage in turn (grounding, interpretive,
    application, grounding, ...), so even a short session reaches an application question.
    They are asked in the order of the file."""
    count = len(questions)
    queues = [deque(i for i in range(count) if stage_of(i, questions) is stage) for stage in STAGES]
    chosen: list[int] = []
    used = 0
    progress = True
    while progress:
        progress = False
        for queue in queues:
            while queue:
                index = queue.popleft()
                if used + _q_minutes(questions[index]) <= budget:
                    chosen.append(index)
                    used += _q_minutes(questions[index])
                    progress = True
                    break
    return [questions[i] for i in sorted(chosen)]


def _with_start(segment: Segment, start: int) -> Segment:

    return replace(segment, start=start)
