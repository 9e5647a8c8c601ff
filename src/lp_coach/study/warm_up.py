"""A group's warm-up: which principles the group has studied, which cards open the session,
and the show of hands counted on each.

The cards are picked by quiz/warmup.py for the people present (after the roll call), the
first time the warm-up is shown; the count of right answers is kept as an entry of kind
steps.WARM_UP (the group's figure: who answered what is never an entry).
"""

from __future__ import annotations

import random
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from lp_coach.content.model import Library
from lp_coach.quiz.cards import KIND_LABELS, QuizCard, build_cards
from lp_coach.quiz.questions import QuizQuestion
from lp_coach.quiz.warmup import FEWEST, MOST, instruction, pick, recalls_of, warm_up_question
from lp_coach.study import store
from lp_coach.study.records import GROUP, SessionEntry, SessionStatus
from lp_coach.study.steps import WARM_UP_ANSWER

_COUNT = re.compile(r"^\s*(\d+)\s*(?:(?:/|of|out of)\s*(\d+))?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class WarmUpCard:
    """A warm-up card as the faces show it."""

    number: int
    total: int
    label: str
    front: str
    instruction: str
    options: tuple[str, ...]
    answer: int
    """The right option's index."""
    explanation: str | None
    tally: str | None = None
    """How the answers went ("3 of 5 right"), once counted: then the answer is revealed."""
    answered: int = 0
    """How many phones have answered so far."""

    @property
    def right(self) -> str:
        return f"{self.answer + 1}. {self.options[self.answer]}"


def studied(
    conn: sqlite3.Connection,
    group: Sequence[str],
    principle_id: str,
    group_id: int | None = None,
) -> list[str]:
    """The principles a group with anyone of `group` finished a session on (in the group
    `group_id`, groups/store.py, when given), oldest first, other than `principle_id`
    (today's)."""
    names = {" ".join(n.split()).casefold() for n in group}
    seen: list[str] = []
    for record in store.all_sessions(conn, group_id):
        if record.status != SessionStatus.FINISHED or record.principle_id == principle_id:
            continue
        if names & {" ".join(n.split()).casefold() for n in record.options.group}:
            seen.append(record.principle_id)
    return list(dict.fromkeys(seen))


def planned_cards(
    conn: sqlite3.Connection,
    library: Library,
    group: Sequence[str],
    principle_id: str,
    group_id: int | None = None,
) -> int:
    """How many warm-up cards a new session of `group` on `principle_id` opens with: one per
    principle studied before, FEWEST to MOST; 0 for a solo session or a group that has
    studied nothing (no warm-up)."""
    if not group:
        return 0
    done = studied(conn, group, principle_id, group_id)
    known = [pid for pid in done if library.get(pid) is not None]
    return min(MOST, max(FEWEST, len(known))) if known else 0


def choose(
    conn: sqlite3.Connection,
    library: Library,
    people: Sequence[str],
    principle_id: str,
    count: int,
    me: str | None,
    now: datetime,
    group_id: int | None = None,
) -> list[str]:
    """The ids of the `count` cards the `people` present are closest to forgetting."""
    cards = build_cards(library)
    done = studied(conn, people, principle_id, group_id)
    done = [pid for pid in done if library.get(pid) is not None]
    recalls = recalls_of(conn, people, me, now)
    return [c.card.id for c in pick(cards, done, recalls, count)]


def question(library: Library, card_id: str, number: int, total: int, seed: int) -> QuizQuestion:
    """Warm-up card `card_id` as a question, its options the same every time it is shown."""
    cards = build_cards(library)
    card = next(c for c in cards if c.id == card_id)
    phrases = [c for c in cards if c.kind == "cloze"]
    rng = random.Random(f"{seed}:{card_id}")
    return warm_up_question(card, library.titles(), phrases, rng, number, total)


def shown(question: QuizQuestion, tally: str | None, answered: int = 0) -> WarmUpCard:
    """What the faces show of `question`, with its count once taken."""
    assert question.answer is not None
    card: QuizCard = question.card
    return WarmUpCard(
        question.number,
        question.total,
        KIND_LABELS[card.kind],
        card.front,
        instruction(question),
        tuple(o.title for o in question.options),
        question.answer,
        card.explanation,
        tally,
        answered,
    )


def phone_answers(entries: Sequence[SessionEntry], step: str) -> list[PhoneAnswer]:
    """The phones' answers to the card of `step`, first answer per phone; anonymous ones
    without a name."""
    import json

    answers: dict[str, PhoneAnswer] = {}
    for entry in entries:
        if entry.step != step or entry.kind != WARM_UP_ANSWER:
            continue
        try:
            data = json.loads(entry.text)
            choice, seconds = int(data["choice"]), float(data["seconds"])
        except (ValueError, KeyError, TypeError):
            continue
        named = entry.person if entry.visibility == GROUP else None
        answers.setdefault(entry.source or str(entry.id), PhoneAnswer(named, choice, seconds))
    return list(answers.values())


@dataclass(frozen=True)
class PhoneAnswer:
    """One phone's answer to a warm-up card."""

    person: str | None
    """Who answered, or None: anonymous (counted in the group's figure only)."""
    choice: int
    """The option's index."""
    seconds: float
    """From the card's showing to the answer."""


def spread_text(card: WarmUpCard, answers: Sequence[PhoneAnswer]) -> str:
    """How the answers went, option by option: '2 of 3 right; answers 1: 0 · 2: 2 · ...'."""
    if not answers:
        return "nobody answered"
    right = sum(1 for a in answers if a.choice == card.answer)
    counts = [sum(1 for a in answers if a.choice == n) for n in range(len(card.options))]
    spread = " · ".join(f"{n}: {count}" for n, count in enumerate(counts, start=1))
    return f"{tally_text(right, len(answers))}; answers {spread}"


def parse_count(text: str, present: int) -> tuple[int, int] | None:
    """'3' (of the people present), '3/5' or '3 of 5' as (right, answered); None if not a
    count or more right than answered."""
    match = _COUNT.match(text)
    if match is None:
        return None
    right = int(match[1])
    answered = int(match[2]) if match[2] else present
    if answered and right > answered:
        return None
    return right, answered


def tally_text(right: int, answered: int) -> str:
    """The group's figure for one card, as the screen and the notes say it."""
    if not answered:
        return f"{right} right"
    return f"{right} of {answered} right"


_BESIDE = " — "


def entry_text(card: WarmUpCard, tally: str) -> str:
    """A card's count as its entry keeps it, whole for the notes: '2 of 3 right — Frugality
    (name the principle)'."""
    return f"{tally}{_BESIDE}{card.options[card.answer]} ({card.label})"


def tally_of(entry: SessionEntry) -> str:
    """The count in a warm-up entry ('2 of 3 right')."""
    return entry.text.split(_BESIDE, 1)[0]
