"""A card put as a question: its numbered options, shuffled by the quiz's random generator."""

from __future__ import annotations

import random
from dataclasses import dataclass

from lp_coach.quiz.cards import KIND_LABELS, QuizCard
from lp_coach.quiz.compare import normalize

OPTIONS = 4


@dataclass(frozen=True)
class Option:
    """A principle offered as an answer."""

    id: str
    title: str


@dataclass(frozen=True)
class QuizQuestion:
    """One question as a face shows it."""

    card: QuizCard
    number: int
    """1-based place in this quiz."""
    total: int
    options: tuple[Option, ...]
    """Empty for a typed answer."""
    answer: int | None
    """The index of the right option (None for a typed answer)."""
    repeat: bool = False
    """A card missed earlier in this quiz, asked once more."""

    @property
    def label(self) -> str:
        return KIND_LABELS[self.card.kind]

    @property
    def instruction(self) -> str:
        kind = self.card.kind
        if kind == "name":
            return "Which principle is this?"
        if kind == "scenario":
            return "Which principle does this situation call for most?"
        if kind == "cloze":
            return "Type the missing words."
        return "Type the principle's statement, as near word for word as you can."

    @property
    def right_option(self) -> Option | None:
        return self.options[self.answer] if self.answer is not None else None


def make_question(
    card: QuizCard,
    titles: dict[str, str],
    rng: random.Random,
    number: int,
    total: int,
    repeat: bool = False,
) -> QuizQuestion:
    """`card` as question `number` of `total`, options chosen and ordered by `rng`."""
    if not card.multiple_choice:
        return QuizQuestion(card, number, total, (), None, repeat)
    wrong = [d for d in card.distractors if d in titles][: OPTIONS - 1]
    others = sorted(i for i in titles if i != card.principle_id and i not in wrong)
    wrong += rng.sample(others, min(OPTIONS - 1 - len(wrong), len(others)))
    ids = [card.principle_id, *wrong]
    rng.shuffle(ids)
    options = tuple(Option(i, titles[i]) for i in ids)
    return QuizQuestion(card, number, total, options, ids.index(card.principle_id), repeat)


def pick_option(question: QuizQuestion, typed: str) -> int | None:
    """The option `typed` names: its number, its title or id, or the start of one; else None."""
    text = typed.strip()
    if text.isdigit():
        index = int(text) - 1
        return index if 0 <= index < len(question.options) else None
    wanted = normalize(text)
    if not wanted:
        return None
    names = [(normalize(o.title), normalize(o.id)) for o in question.options]
    for index, (title, ident) in enumerate(names):
        if wanted in (title, ident):
            return index
    starts = [i for i, (title, ident) in enumerate(names) if title.startswith(wanted)]
    return starts[0] if len(starts) == 1 and len(wanted) >= 3 else None
